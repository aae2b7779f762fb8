'use strict';
// The snapshot checksums (docs/ip-table.md, "Snapshot"), twin of src/checksum.cpp: XXH32 for
// version 2, CRC-32 for version 1. Both read whole little-endian words through an Int32Array: a view
// of the bytes where they are 4-byte aligned (the usual case: a file or a fetch gets a buffer of its
// own), a copy otherwise.

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The whole little-endian words of bytes[start, end) as an Int32Array. */
function wordsOf(bytes, start, end) {
  const count = (end - start) >>> 2;
  if (LITTLE_ENDIAN && (bytes.byteOffset + start) % 4 === 0) return new Int32Array(bytes.buffer, bytes.byteOffset + start, count);
  const words = new Int32Array(count);
  for (let w = 0, p = start; w < count; w++, p += 4)
    words[w] = bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24);
  return words;
}

const P1 = 0x9e3779b1 | 0;
const P2 = 0x85ebca77 | 0;
const P3 = 0xc2b2ae3d | 0;
const P4 = 0x27d4eb2f | 0;
const P5 = 0x165667b1 | 0;

/** XXH32 (seed 0) of bytes[start, end): a quarter of CRC-32's work per byte. */
function xxh32(bytes, start, end) {
  const words = wordsOf(bytes, start, end);
  const size = end - start;
  let w = 0;
  let h;
  if (size >= 16) {
    let v1 = (P1 + P2) | 0;
    let v2 = P2;
    let v3 = 0;
    let v4 = -P1 | 0;
    for (const stripes = (size >>> 4) << 2; w < stripes; w += 4) {
      v1 = (v1 + Math.imul(words[w], P2)) | 0;
      v1 = Math.imul((v1 << 13) | (v1 >>> 19), P1);
      v2 = (v2 + Math.imul(words[w + 1], P2)) | 0;
      v2 = Math.imul((v2 << 13) | (v2 >>> 19), P1);
      v3 = (v3 + Math.imul(words[w + 2], P2)) | 0;
      v3 = Math.imul((v3 << 13) | (v3 >>> 19), P1);
      v4 = (v4 + Math.imul(words[w + 3], P2)) | 0;
      v4 = Math.imul((v4 << 13) | (v4 >>> 19), P1);
    }
    h = (((v1 << 1) | (v1 >>> 31)) + ((v2 << 7) | (v2 >>> 25)) + ((v3 << 12) | (v3 >>> 20)) + ((v4 << 18) | (v4 >>> 14))) | 0;
  } else {
    h = P5;
  }
  h = (h + size) | 0;
  for (; w < words.length; w++) {
    h = (h + Math.imul(words[w], P3)) | 0;
    h = Math.imul((h << 17) | (h >>> 15), P4);
  }
  for (let i = start + (w << 2); i < end; i++) {
    h = (h + Math.imul(bytes[i], P5)) | 0;
    h = Math.imul((h << 11) | (h >>> 21), P1);
  }
  h = Math.imul(h ^ (h >>> 15), P2);
  h = Math.imul(h ^ (h >>> 13), P3);
  return (h ^ (h >>> 16)) >>> 0;
}

// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), slicing by 8 (16 measured only 5 % faster).
const CRC_TABLES = (() => {
  const t = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n];
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff] ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
})();

/** CRC-32 of bytes[start, end). */
function crc32(bytes, start, end) {
  const words = wordsOf(bytes, start, end);
  const pairs = ((end - start) >>> 3) << 1;
  let crc = -1;
  for (let w = 0; w < pairs; w += 2) crc = slice8(crc ^ words[w], words[w + 1]);
  const t = CRC_TABLES;
  for (let i = start + (pairs << 2); i < end; i++) crc = t[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/** One step of slicing by 8: the CRC after 8 bytes, given a (the CRC xor their first 4) and b (the other 4), little-endian. */
function slice8(a, b) {
  const t = CRC_TABLES;
  return (
    t[1792 + (a & 0xff)] ^
    t[1536 + ((a >>> 8) & 0xff)] ^
    t[1280 + ((a >>> 16) & 0xff)] ^
    t[1024 + (a >>> 24)] ^
    t[768 + (b & 0xff)] ^
    t[512 + ((b >>> 8) & 0xff)] ^
    t[256 + ((b >>> 16) & 0xff)] ^
    t[b >>> 24]
  );
}

module.exports = { xxh32, crc32 };
