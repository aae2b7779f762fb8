'use strict';
// The immutable IP -> country table (docs/ip-table.md): per family, sorted segment starts with a
// one-byte country index (NO_COUNTRY for a gap), and a first-level index on the top 16 bits of the
// address, so a lookup binary-searches one small bucket. Also the snapshot format (toBinary /
// fromBinary).

const { parseIPText, TEXT_IPV6, isMappedIPv4 } = require('./ip-address.js');
const { Ipv4Segments, buildIndex } = require('./ipv4-segments.js');
const { Ipv6Segments } = require('./ipv6-segments.js');
const { message } = require('../api/messages.js');
const { xxh32, crc32 } = require('./checksum.js');

const { NO_COUNTRY, MAX_COUNTRIES, NOT_FOUND, LOOKUP_NONE, LOOKUP_INVALID_TEXT } = require('../api/limits.js');

const MAGIC = [0x4e, 0x56, 0x57, 0x49, 0x50, 0x54, 0x42, 0x4c]; // NVWIPTBL
// toBinary writes version 2 (checksum XXH32); fromBinary also reads version 1 (checksum CRC-32).
const VERSION = 2;
const VERSIONS_READ = '1 and 2';
const HEADER_BYTES = 24;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

const textWords = new Uint32Array(4);

/** How many segments have a country. */
function withCountry(countries) {
  let n = 0;
  for (let i = 0; i < countries.length; i++) if (countries[i] !== NO_COUNTRY) n++;
  return n;
}

class IpTable {
  /**
   * @param {string} codes the sorted country codes, two letters each
   * @param {Uint32Array} starts4 IPv4 segment starts
   * @param {Uint8Array} countries4 their country indexes (NO_COUNTRY: none)
   * @param {Uint32Array} starts6 IPv6 segment starts, four words each, most significant first
   * @param {Uint8Array} countries6
   * @param {[number, number]} [sizes] how many segments have a country per family, when known
   */
  constructor(codes, starts4, countries4, starts6, countries6, sizes) {
    this.codes = codes;
    this.v4 = new Ipv4Segments(starts4, countries4, buildIndex(starts4));
    this.v6 = new Ipv6Segments(starts6, countries6);
    this.rangeCounts = sizes ?? [withCountry(countries4), withCountry(countries6)];
  }

  /** @param {number} ip uint32 @returns {number} country index, or -1 */
  lookupV4(ip) {
    return this.v4.lookup(ip);
  }

  /** The IPv6 address w0..w3 (uint32 words, most significant first); IPv4-mapped -> IPv4. */
  lookupV6(w0, w1, w2, w3) {
    return isMappedIPv4(w0, w1, w2) ? this.v4.lookup(w3) : this.v6.lookup(w0, w1, w2, w3);
  }

  /** @returns {number} country index, -1 for none, -2 when text is not an IPv4/IPv6 address */
  lookupText(text) {
    const ip = parseIPText(text, textWords);
    if (ip >= 0) return this.lookupV4(ip);
    return ip === TEXT_IPV6 ? this.lookupV6(textWords[0], textWords[1], textWords[2], textWords[3]) : LOOKUP_INVALID_TEXT;
  }

  /** out[i] = the country index of ips[i], or NOT_FOUND. */
  lookupIndexes(ips, out) {
    this.v4.lookupBatch(ips, out);
  }

  countryCodes() {
    return this.codes;
  }

  /** Ranges with a country after flattening and merging: [IPv4, IPv6]. */
  sizes() {
    return this.rangeCounts;
  }

  /** Bytes held by the table's arrays, the indexes included. */
  byteSize() {
    return this.codes.length + this.v4.byteSize() + this.v6.byteSize();
  }

  toBinary() {
    const c = this.codes.length / 2;
    const n4 = this.v4.countries.length;
    const n6 = this.v6.countries.length;
    const total = HEADER_BYTES + 2 * c + 5 * n4 + 17 * n6 + 4;
    const out = new Uint8Array(total);
    const view = new DataView(out.buffer);
    out.set(MAGIC, 0);
    view.setUint32(8, VERSION, true);
    view.setUint32(12, c, true);
    view.setUint32(16, n4, true);
    view.setUint32(20, n6, true);
    let p = HEADER_BYTES;
    for (let i = 0; i < 2 * c; i++) out[p++] = this.codes.charCodeAt(i);
    if (LITTLE_ENDIAN) {
      out.set(new Uint8Array(this.v4.starts.buffer, this.v4.starts.byteOffset, 4 * n4), p);
      p += 4 * n4;
    } else {
      for (let i = 0; i < n4; i++, p += 4) view.setUint32(p, this.v4.starts[i], true);
    }
    out.set(this.v4.countries, p);
    p += n4;
    const s6 = this.v6.starts;
    for (let i = 0; i < 4 * n6; i++, p += 4) view.setUint32(p, s6[i], false); // big-endian
    out.set(this.v6.countries, p);
    p += n6;
    view.setUint32(p, xxh32(out, 0, p), true);
    return out;
  }

  delete() {}
}

function readU32(bytes, p) {
  return (bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24)) >>> 0;
}

/**
 * Checks the IPv4 segments in the order docs/ip-table.md gives.
 * @returns {number | string} how many segments have a country, or the RangeError message
 */
function checkSegments4(starts, countries, c) {
  const n = countries.length;
  if (n === 0) return 0;
  let previous = countries[0];
  if (previous === NO_COUNTRY || previous >= c) return problemAt(starts, 1, countries, c, 'IPv4', 0);
  let ranges = 1;
  let previousStart = starts[0];
  const outOfRange = NO_COUNTRY - c; // country in [c, NO_COUNTRY) <=> (country - c) >>> 0 < outOfRange
  // One pass in locals, one loop per family (a loop shared through a stride parameter measured 2-3×
  // slower for IPv4 wherever V8 did not inline it); a failure is looked at again by problemAt(),
  // which gives the rules' message.
  for (let i = 1; i < n; i++) {
    const start = starts[i];
    const country = countries[i];
    if (start <= previousStart || country === previous || (country - c) >>> 0 < outOfRange)
      return problemAt(starts, 1, countries, c, 'IPv4', i);
    if (country !== NO_COUNTRY) ranges++;
    previousStart = start;
    previous = country;
  }
  return ranges;
}

/** checkSegments4 for the IPv6 segments (starts of four words each, most significant first). */
function checkSegments6(starts, countries, c) {
  const n = countries.length;
  if (n === 0) return 0;
  let previous = countries[0];
  if (previous === NO_COUNTRY || previous >= c) return problemAt(starts, 4, countries, c, 'IPv6', 0);
  let ranges = 1;
  for (let i = 1; i < n; i++) {
    const country = countries[i];
    if (!increasingAt(starts, 4, i) || country === previous || (country !== NO_COUNTRY && country >= c))
      return problemAt(starts, 4, countries, c, 'IPv6', i);
    if (country !== NO_COUNTRY) ranges++;
    previous = country;
  }
  return ranges;
}

/** Whether segment i's start (stride words, most significant first) is above segment i - 1's. */
function increasingAt(starts, stride, i) {
  for (let j = 0; j < stride; j++) {
    const x = starts[i * stride + j];
    const y = starts[(i - 1) * stride + j];
    if (x !== y) return x > y;
  }
  return false;
}

/** The message for the first invalid segment, in the order of the rules (rare: only on bad input). */
function problemAt(starts, stride, countries, c, family, upTo) {
  for (let i = 0; i <= upTo; i++) {
    const country = countries[i];
    if (country !== NO_COUNTRY && country >= c) return message('snapshotCountryOutOfRange', { country, family, segment: i });
    if (i === 0) {
      if (country === NO_COUNTRY) return message('snapshotFirstNoCountry', { family });
      continue;
    }
    if (!increasingAt(starts, stride, i)) return message('snapshotNotIncreasing', { family, segment: i });
    if (country === countries[i - 1]) return message('snapshotSameCountry', { family, previous: i - 1, segment: i });
  }
  throw new Error(`checkSegments: segment ${upTo} was found invalid but is not`); // unreachable
}

/**
 * Reads a snapshot. @param {Uint8Array} bytes
 * @returns {IpTable | string} the table, or the RangeError message
 */
function tableFromBinary(bytes) {
  const size = bytes.length;
  if (size < 8) return message('snapshotBadMagic');
  for (let i = 0; i < 8; i++) if (bytes[i] !== MAGIC[i]) return message('snapshotBadMagic');
  const version = size >= 12 ? readU32(bytes, 8) : VERSION;
  if (version !== 1 && version !== 2) return message('snapshotVersion', { version, supported: VERSIONS_READ });
  if (size < HEADER_BYTES) return message('snapshotTruncated', { expected: HEADER_BYTES, size });
  const c = readU32(bytes, 12);
  const n4 = readU32(bytes, 16);
  const n6 = readU32(bytes, 20);
  const expected = HEADER_BYTES + 2 * c + 5 * n4 + 17 * n6 + 4;
  if (size < expected) return message('snapshotTruncated', { expected, size });
  if (size > expected)
    return size - expected === 1 ? message('snapshotExtraByte') : message('snapshotExtraBytes', { extra: size - expected });
  const checksum = version === 1 ? crc32(bytes, 0, size - 4) : xxh32(bytes, 0, size - 4);
  if (checksum !== readU32(bytes, size - 4)) return message('snapshotChecksum');
  if (c > MAX_COUNTRIES) return message('snapshotTooManyCountries', { count: c });
  let p = HEADER_BYTES;
  let codes = '';
  for (let i = 0; i < c; i++, p += 2) {
    const a = bytes[p];
    const b = bytes[p + 1];
    if ((a - 65) >>> 0 > 25 || (b - 65) >>> 0 > 25) return message('snapshotBadCode', { index: i });
    codes += String.fromCharCode(a, b);
  }
  for (let i = 1; i < c; i++) {
    const q = HEADER_BYTES + 2 * i;
    const prev = (bytes[q - 2] << 8) | bytes[q - 1];
    const cur = (bytes[q] << 8) | bytes[q + 1];
    if (cur <= prev) return message('snapshotCodesUnsorted');
  }
  const starts4 = new Uint32Array(n4);
  if (LITTLE_ENDIAN) {
    new Uint8Array(starts4.buffer).set(bytes.subarray(p, p + 4 * n4));
  } else {
    for (let i = 0; i < n4; i++) starts4[i] = readU32(bytes, p + 4 * i);
  }
  p += 4 * n4;
  const countries4 = new Uint8Array(n4); // copies: a Buffer's slice() would share the caller's memory
  countries4.set(bytes.subarray(p, p + n4));
  p += n4;
  const starts6 = new Uint32Array(4 * n6);
  for (let i = 0; i < 4 * n6; i++, p += 4) {
    starts6[i] = ((bytes[p] << 24) | (bytes[p + 1] << 16) | (bytes[p + 2] << 8) | bytes[p + 3]) >>> 0;
  }
  const countries6 = new Uint8Array(n6);
  countries6.set(bytes.subarray(p, p + n6));
  const ranges4 = checkSegments4(starts4, countries4, c);
  if (typeof ranges4 === 'string') return ranges4;
  const ranges6 = checkSegments6(starts6, countries6, c);
  if (typeof ranges6 === 'string') return ranges6;
  return new IpTable(codes, starts4, countries4, starts6, countries6, [ranges4, ranges6]);
}

module.exports = {
  IpTable,
  tableFromBinary,
  NO_COUNTRY,
  NOT_FOUND,
  LOOKUP_NONE,
  LOOKUP_INVALID_TEXT,
};
