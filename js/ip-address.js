'use strict';
// IPv4/IPv6 text and decimal parsing and formatting (docs/ip-table.md, "Addresses"), working on
// bytes (CSV fields) and on strings (lookups) without allocating.
//
// An IPv4 address is a plain number 0..4294967295. An IPv6 address is four uint32 words, most
// significant first, written into a caller's Uint32Array at an offset.

/** Longest valid IPv6 text: eight 4-digit groups with the last two as IPv4 text. */
const MAX_IP_TEXT_LENGTH = 45;

/** parseDecimalBytes results. */
const DEC_INVALID = -1;
const DEC_SMALL = 0; // <= 4294967295
const DEC_LARGE = 1; // above: an IPv6 value

const groups = new Int32Array(8);
const POW10 = [1, 10, 100, 1000, 10000];

/**
 * Strict dotted quad in buf[p, e): four parts, each `0` or 1-3 digits without a leading zero,
 * at most 255. Returns the address, or -1.
 */
function parseIPv4Bytes(buf, p, e) {
  let value = 0;
  for (let part = 0; part < 4; part++) {
    if (part !== 0) {
      if (p >= e || buf[p] !== 46) return -1;
      p++;
    }
    if (p >= e) return -1;
    let n = buf[p] - 48;
    if (n >>> 0 > 9) return -1;
    p++;
    if (n !== 0 && p < e) {
      let d = buf[p] - 48;
      if (d >>> 0 <= 9) {
        n = n * 10 + d;
        p++;
        if (p < e) {
          d = buf[p] - 48;
          if (d >>> 0 <= 9) {
            n = n * 10 + d;
            p++;
            if (n > 255) return -1;
          }
        }
      }
    }
    // A digit here is a fourth digit or follows a leading zero.
    if (p < e && (buf[p] - 48) >>> 0 <= 9) return -1;
    value = value * 256 + n;
  }
  return p === e ? value : -1;
}

/** parseIPv4Bytes for a string, from p to its end. */
function parseIPv4String(s, p = 0) {
  const e = s.length;
  let value = 0;
  for (let part = 0; part < 4; part++) {
    if (part !== 0) {
      if (p >= e || s.charCodeAt(p) !== 46) return -1;
      p++;
    }
    if (p >= e) return -1;
    let n = s.charCodeAt(p) - 48;
    if (n >>> 0 > 9) return -1;
    p++;
    if (n !== 0 && p < e) {
      let d = s.charCodeAt(p) - 48;
      if (d >>> 0 <= 9) {
        n = n * 10 + d;
        p++;
        if (p < e) {
          d = s.charCodeAt(p) - 48;
          if (d >>> 0 <= 9) {
            n = n * 10 + d;
            p++;
            if (n > 255) return -1;
          }
        }
      }
    }
    if (p < e && (s.charCodeAt(p) - 48) >>> 0 <= 9) return -1;
    value = value * 256 + n;
  }
  return p === e ? value : -1;
}

// HEX[c] = the value of the hex digit c, or -1.
const HEX = new Int8Array(256).fill(-1);
for (let c = 0; c < 10; c++) HEX[48 + c] = c;
for (let c = 0; c < 6; c++) {
  HEX[65 + c] = 10 + c;
  HEX[97 + c] = 10 + c;
}

/**
 * RFC 4291 text in buf[p, e) (no IPv4 mapping). Writes the four words to out[o..o+3] and returns
 * true, or returns false.
 */
function parseIPv6Bytes(buf, p, e, out, o) {
  const len = e - p;
  if (len < 2 || len > MAX_IP_TEXT_LENGTH) return false;
  let count = 0;
  let gapAt = -1; // where "::" stands, in groups
  let i = p;
  if (buf[i] === 58) {
    if (buf[i + 1] !== 58) return false;
    gapAt = 0;
    i += 2;
  }
  while (i < e) {
    const start = i;
    let value = 0;
    let h;
    while (i < e && i - start < 5 && (h = HEX[buf[i]]) >= 0) {
      value = value * 16 + h;
      i++;
    }
    if (i < e && buf[i] === 46) {
      // embedded IPv4 takes the last two groups
      if (count > 6) return false;
      const v4 = parseIPv4Bytes(buf, start, e);
      if (v4 < 0) return false;
      groups[count++] = v4 >>> 16;
      groups[count++] = v4 & 0xffff;
      i = e;
      break;
    }
    const digits = i - start;
    if (digits === 0 || digits > 4 || count === 8) return false;
    groups[count++] = value;
    if (i === e) break;
    if (buf[i] !== 58) return false;
    i++;
    if (i < e && buf[i] === 58) {
      if (gapAt >= 0) return false; // a second "::"
      gapAt = count;
      i++;
    } else if (i === e) {
      return false; // a trailing single ':'
    }
  }
  return packGroups(groups, count, gapAt, out, o);
}

/** The `count` parsed groups, with "::" at gapAt (-1: none) standing for the missing ones, as four words at out[o]; false if they are not eight. */
function packGroups(groups, count, gapAt, out, o) {
  if (gapAt >= 0) {
    if (count > 7) return false; // "::" stands for at least one group
    const fill = 8 - count;
    for (let k = count - 1; k >= gapAt; k--) groups[k + fill] = groups[k];
    for (let k = gapAt; k < gapAt + fill; k++) groups[k] = 0;
  } else if (count !== 8) {
    return false;
  }
  out[o] = (groups[0] << 16) | groups[1];
  out[o + 1] = (groups[2] << 16) | groups[3];
  out[o + 2] = (groups[4] << 16) | groups[5];
  out[o + 3] = (groups[6] << 16) | groups[7];
  return true;
}

/**
 * parseIPv6Bytes for a whole string, read in place: a copy into bytes first would read every
 * character twice, and reading one (charCodeAt) is most of the cost (~1.6 ns).
 */
function parseIPv6String(s, out, o) {
  const n = s.length;
  if (n < 2 || n > MAX_IP_TEXT_LENGTH) return false;
  let count = 0;
  let gapAt = -1; // where "::" stands, in groups
  let i = 0;
  if (s.charCodeAt(0) === 58) {
    if (s.charCodeAt(1) !== 58) return false;
    gapAt = 0;
    i = 2;
  }
  while (i < n) {
    const start = i;
    let value = 0;
    let c = 0;
    for (; i < n; i++) {
      c = s.charCodeAt(i);
      const h = c < 256 ? HEX[c] : -1;
      if (h < 0) break;
      value = (value << 4) | h; // wraps past 8 digits, which are rejected below
    }
    if (c === 46 && i < n) {
      // embedded IPv4 takes the last two groups
      if (count > 6) return false;
      const v4 = parseIPv4String(s, start);
      if (v4 < 0) return false;
      groups[count++] = v4 >>> 16;
      groups[count++] = v4 & 0xffff;
      break;
    }
    const digits = i - start;
    if (digits === 0 || digits > 4 || count === 8) return false;
    groups[count++] = value;
    if (i === n) break;
    if (c !== 58) return false;
    i++;
    if (i < n && s.charCodeAt(i) === 58) {
      if (gapAt >= 0) return false; // a second "::"
      gapAt = count;
      i++;
    } else if (i === n) {
      return false; // a trailing single ':'
    }
  }
  return packGroups(groups, count, gapAt, out, o);
}

// parseIPText's answers other than an IPv4 address.
const TEXT_IPV6 = -1; // an IPv6 address, in the words
const TEXT_INVALID = -2;

/**
 * IP text as lookups read it (parse_ip_text in src/ip_address.h): the IPv4 address as a uint32, or
 * TEXT_IPV6 with the address in words[0..3], or TEXT_INVALID.
 */
function parseIPText(s, words) {
  const v4 = parseIPv4String(s);
  if (v4 >= 0) return v4;
  return parseIPv6String(s, words, 0) ? TEXT_IPV6 : TEXT_INVALID;
}

/** Whether the IPv6 words lie in ::ffff:0:0/96 (then word 3 is the IPv4 address). */
function isMappedIPv4(w0, w1, w2) {
  return w0 === 0 && w1 === 0 && w2 === 0xffff;
}

/**
 * 1-39 ASCII digits in buf[p, e), value <= 2^128 - 1. Writes four words to out[o..o+3] and
 * returns DEC_SMALL (value <= 4294967295) or DEC_LARGE, or returns DEC_INVALID.
 */
function parseDecimalBytes(buf, p, e, out, o) {
  const len = e - p;
  if (len < 1 || len > 39) return DEC_INVALID;
  if (len <= 15) {
    // exact in a double
    let n = 0;
    for (let i = p; i < e; i++) {
      const d = buf[i] - 48;
      if (d >>> 0 > 9) return DEC_INVALID;
      n = n * 10 + d;
    }
    const hi = Math.floor(n / 4294967296);
    out[o] = 0;
    out[o + 1] = 0;
    out[o + 2] = hi;
    out[o + 3] = n >>> 0;
    return hi === 0 ? DEC_SMALL : DEC_LARGE;
  }
  // Sixteen-bit limbs l0 (most significant) .. l7, times 10^4 per group of four digits: every
  // intermediate stays below 2^31.
  let l0 = 0,
    l1 = 0,
    l2 = 0,
    l3 = 0,
    l4 = 0,
    l5 = 0,
    l6 = 0,
    l7 = 0;
  let i = p;
  let group = len % 4 || 4;
  while (i < e) {
    let v = 0;
    const end = i + group;
    for (; i < end; i++) {
      const d = buf[i] - 48;
      if (d >>> 0 > 9) return DEC_INVALID;
      v = v * 10 + d;
    }
    const m = POW10[group];
    let t = l7 * m + v;
    l7 = t & 0xffff;
    t = l6 * m + (t >>> 16);
    l6 = t & 0xffff;
    t = l5 * m + (t >>> 16);
    l5 = t & 0xffff;
    t = l4 * m + (t >>> 16);
    l4 = t & 0xffff;
    t = l3 * m + (t >>> 16);
    l3 = t & 0xffff;
    t = l2 * m + (t >>> 16);
    l2 = t & 0xffff;
    t = l1 * m + (t >>> 16);
    l1 = t & 0xffff;
    t = l0 * m + (t >>> 16);
    l0 = t & 0xffff;
    if (t >>> 16 !== 0) return DEC_INVALID; // above 2^128 - 1
    group = 4;
  }
  out[o] = (l0 << 16) | l1;
  out[o + 1] = (l2 << 16) | l3;
  out[o + 2] = (l4 << 16) | l5;
  out[o + 3] = (l6 << 16) | l7;
  return (l0 | l1 | l2 | l3 | l4 | l5) === 0 ? DEC_SMALL : DEC_LARGE;
}

function formatIPv4(v) {
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** RFC 5952: lower case, no leading zeros, the longest run (>= 2) of zero groups as "::", first on a tie. */
function formatIPv6(w0, w1, w2, w3) {
  const g = [w0 >>> 16, w0 & 0xffff, w1 >>> 16, w1 & 0xffff, w2 >>> 16, w2 & 0xffff, w3 >>> 16, w3 & 0xffff];
  let bestAt = -1;
  let bestLen = 1;
  for (let k = 0; k < 8;) {
    if (g[k] !== 0) {
      k++;
      continue;
    }
    let end = k;
    while (end < 8 && g[end] === 0) end++;
    if (end - k > bestLen) {
      bestAt = k;
      bestLen = end - k;
    }
    k = end;
  }
  let out = '';
  for (let k = 0; k < 8; k++) {
    if (k === bestAt) {
      out += '::';
      k += bestLen - 1;
      continue;
    }
    if (out.length !== 0 && !out.endsWith(':')) out += ':';
    out += g[k].toString(16);
  }
  return out;
}

module.exports = {
  parseIPText,
  TEXT_IPV6,
  HEX,
  packGroups,
  MAX_IP_TEXT_LENGTH,
  DEC_INVALID,
  DEC_SMALL,
  DEC_LARGE,
  parseIPv4Bytes,
  parseIPv4String,
  parseIPv6Bytes,
  parseIPv6String,
  parseDecimalBytes,
  isMappedIPv4,
  formatIPv4,
  formatIPv6,
};
