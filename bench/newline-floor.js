'use strict';
// The floor a CSV load is measured against: what reading the same file and finding its lines costs
// in the same process — the file read in fromFile's 64 KiB chunks, and its newlines counted four
// bytes at a time (a word-at-a-time scan, the fastest plain JavaScript has).
const fs = require('fs');

const CHUNK_BYTES = 1 << 16; // FILE_CHUNK_BYTES in api/ip-table.js

/** Newlines in bytes (whose byteOffset is a multiple of 4). */
function countNewlines(bytes) {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);
  let count = 0;
  for (let i = 0; i < words.length; i++) {
    const x = words[i] ^ 0x0a0a0a0a; // a newline byte becomes 0
    // The high bit of each byte of t is set where x's byte is 0 (exact: no borrow between bytes).
    const t = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x) & 0x80808080;
    count += Math.imul(t >>> 7, 0x01010101) >>> 24;
  }
  for (let i = words.length * 4; i < bytes.length; i++) if (bytes[i] === 10) count++;
  return count;
}

/** Reads `file` chunk by chunk as fromFile does and counts its newlines. */
function scanFile(file) {
  const buffer = new Uint8Array(CHUNK_BYTES);
  const fd = fs.openSync(file, 'r');
  let lines = 0;
  try {
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) return lines;
      lines += countNewlines(buffer.subarray(0, read));
    }
  } finally {
    fs.closeSync(fd);
  }
}

module.exports = { countNewlines, scanFile };
