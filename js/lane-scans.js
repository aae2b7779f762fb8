'use strict';
// The address scanners of the CSV fast lane (js/plain-rows.js; src/ip_address.h and
// src/ip_table_builder.cpp in C++): each reads one address straight from the input, in one pass
// and without bounds checks (the lane leaves enough bytes ahead), and takes only the common forms:
// anything else is left to the general parser and its messages (js/ip-address.js).

const { MAX_IP_TEXT_LENGTH, HEX, packGroups } = require('./ip-address.js');

/** Where the last address scanQuad() read ends. */
const scanned = { end: 0 };

/**
 * The strict dotted quad at buf[p] for the fast lane (src/ip_address.h, scan_dotted_quad), with
 * no bounds checks: 16 bytes from p must exist. Returns the address (scanned.end: where it ends), or
 * -1. Branches on the digits: real data repeats its octet lengths, so they predict well.
 */
function scanQuad(buf, p) {
  let v = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0 && buf[p++] !== 46) return -1;
    let n = buf[p++] - 48;
    if (n >>> 0 > 9) return -1;
    let d = buf[p] - 48;
    if (d >>> 0 <= 9) {
      if (n === 0) return -1; // a leading zero
      n = n * 10 + d;
      d = buf[++p] - 48;
      if (d >>> 0 <= 9) {
        n = n * 10 + d;
        if (n > 255 || (buf[++p] - 48) >>> 0 <= 9) return -1; // too large, or a fourth digit
      }
    }
    v = (v << 8) | n; // int32 arithmetic; the unsigned value at the end
  }
  scanned.end = p;
  return v >>> 0;
}

const groups = new Int32Array(8);

/**
 * The IPv6 text at buf[p], up to the ',' that ends it, into out[o..o+3]: where the ',' is, or -1
 * (scan_ipv6_text in src/ip_address.cpp). Takes groups of hex digits with at most one "::", each
 * byte read once (finding the ',' first and parsing the field after took the whole IPv6 load 1.8x
 * the time here); -1 for everything else, embedded IPv4 included, and for text over
 * MAX_IP_TEXT_LENGTH: reading stops by then, so at most MAX_IP_TEXT_LENGTH + 7 bytes from p are read.
 */
function scanIPv6(buf, p, out, o) {
  const stop = p + MAX_IP_TEXT_LENGTH;
  let i = p;
  let count = 0;
  let gapAt = -1;
  if (buf[i] === 58) {
    if (buf[i + 1] !== 58) return -1;
    gapAt = 0;
    i += 2;
  }
  if (buf[i] !== 44) {
    for (;;) {
      // a group: one to four hex digits
      let value = HEX[buf[i]];
      if (value < 0 || count === 8 || i > stop) return -1;
      let h = HEX[buf[++i]];
      if (h >= 0) {
        value = (value << 4) | h;
        h = HEX[buf[++i]];
        if (h >= 0) {
          value = (value << 4) | h;
          h = HEX[buf[++i]];
          if (h >= 0) {
            value = (value << 4) | h;
            if (HEX[buf[++i]] >= 0) return -1; // a fifth digit
          }
        }
      }
      groups[count++] = value;
      const c = buf[i];
      if (c === 44) break;
      if (c !== 58) return -1; // '.' (embedded IPv4), '%', a space: the general parser's
      if (buf[++i] === 58) {
        if (gapAt >= 0) return -1; // a second "::"
        gapAt = count;
        if (buf[++i] === 44) break;
      }
    }
  }
  return i <= stop && packGroups(groups, count, gapAt, out, o) ? i : -1;
}

module.exports = { scanQuad, scanned, scanIPv6 };
