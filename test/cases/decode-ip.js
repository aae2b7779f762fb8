'use strict';
// Decoding for the IpCountryTable case files (test/cases/ip-*.json). Extends decode.js (whose tags
// {"$number"}, {"$bigint"}, {"$undefined"} keep their meaning) with the values the IP cases need,
// and builds CSV texts and snapshots the JSON describes instead of spelling out. Needs no Node
// built-ins (Buffer only where there is one): test/runtimes/ bundles it for browsers and workerd.
const { decode } = require('./decode.js');

const utf8Length = (text) => new TextEncoder().encode(text).length;
const latin1 = (text) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** IPv4 dotted text to its number; only for well-formed test data. */
function ipv4Number(text) {
  const parts = text.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255))
    throw new Error(`bad IPv4 in a case file: ${text}`);
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

/**
 * Decodes a value from a case file, recursively:
 *   {"$number": "NaN"}, {"$bigint": "10"}, {"$undefined": true}   as in decode.js
 *   {"$typed": "Uint32Array", "values": [1, "1.2.3.4"]}          a typed array (dotted IPv4 text allowed in values)
 *   {"$typed": "Uint16Array", "length": 3, "fill": 7}             a typed array of a length, filled
 *   {"$arraybuffer": [1, 2]}                                      an ArrayBuffer holding those bytes
 *   {"$symbol": "x"}, {"$function": "f"}, {"$boxed": "s"}         Symbol("x"), function f() {}, new String("s")
 *   {"$new": "Map"}                                               new globalThis.Map()
 *   {"$sparse": 2, "values": {"1": "1.2.3.4"}}                    an array of length 2 with holes elsewhere
 * Other arrays and objects are decoded element by element.
 */
function decodeValue(value) {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (!value || typeof value !== 'object') return value;
  if ('$number' in value || '$bigint' in value || '$undefined' in value) return decode(value);
  if ('$typed' in value) {
    const Type = globalThis[value.$typed];
    if (!/^(Big)?(Uint|Int|Float)(8|16|32|64)(Clamped)?Array$/.test(value.$typed) || typeof Type !== 'function')
      throw new Error(`unknown $typed ${value.$typed}`);
    if ('values' in value) {
      return Type.from(value.values, (v) => {
        if (typeof v === 'string') return ipv4Number(v);
        return Type.name.startsWith('Big') ? BigInt(v) : v;
      });
    }
    const array = new Type(value.length);
    if ('fill' in value) array.fill(value.fill);
    return array;
  }
  if ('$arraybuffer' in value) return Uint8Array.from(value.$arraybuffer).buffer;
  if ('$symbol' in value) return Symbol(value.$symbol);
  if ('$function' in value) return { [value.$function]: function () {} }[value.$function];
  if ('$boxed' in value) return Object(value.$boxed);
  if ('$new' in value) return new globalThis[value.$new]();
  if ('$sparse' in value) {
    const array = new Array(value.$sparse);
    for (const [index, item] of Object.entries(value.values || {})) array[Number(index)] = decodeValue(item);
    return array;
  }
  const keys = Object.keys(value);
  const tag = keys.find((k) => k.startsWith('$'));
  if (tag) throw new Error(`unknown tag ${tag}`);
  return Object.fromEntries(keys.map((k) => [k, decodeValue(value[k])]));
}

/** Country code number i in the order AA, AB, ..., AZ, BA, ... */
function countryCode(i) {
  return String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26));
}

/**
 * The CSV text of a case: `csv` as is, or `parts` joined:
 *   {"text": "..."}                             the text
 *   {"countryRows": N}                          N rows "i.0.0.0,i.0.0.255,<countryCode(i)>\n", i = 0..N-1
 *   {"longRow": {"prefix": "...", "bytes": B}}  prefix padded with "x" to exactly B bytes (no line break)
 */
function caseCsv(testCase) {
  if (typeof testCase.csv === 'string') return testCase.csv;
  if (!Array.isArray(testCase.parts)) throw new Error(`case ${testCase.name} has neither csv nor parts`);
  return testCase.parts
    .map((part) => {
      if ('text' in part) return part.text;
      if ('countryRows' in part) {
        if (part.countryRows > 256) throw new Error('countryRows is at most 256 (one row per first octet)');
        return Array.from({ length: part.countryRows }, (_, i) => `${i}.0.0.0,${i}.0.0.255,${countryCode(i)}\n`).join('');
      }
      if ('longRow' in part) {
        const { prefix, bytes } = part.longRow;
        const fill = bytes - utf8Length(prefix);
        if (fill < 0) throw new Error('longRow prefix is longer than the row');
        return prefix + 'x'.repeat(fill);
      }
      throw new Error(`unknown CSV part ${JSON.stringify(part)}`);
    })
    .join('');
}

// ------------------------------------------------------------------------------------------------
// Snapshots (docs/ip-table.md, "Snapshot"): independent checksums (XXH32 for version 2, CRC-32 for
// version 1, written from their specifications byte by byte) and a builder for hand-made ones.

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

/** CRC-32 (IEEE 802.3, reflected, init and final xor 0xffffffff). crc32("123456789") = 0xcbf43926. */
function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const XXH_PRIMES = [0x9e3779b1, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f, 0x165667b1];
const rotl32 = (x, r) => ((x << r) | (x >>> (32 - r))) >>> 0;
const mul32 = (a, b) => Math.imul(a, b) >>> 0;
const u32le = (bytes, i) => (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)) >>> 0;

/** XXH32, seed 0 (github.com/Cyan4973/xxHash, doc/xxhash_spec.md). xxh32("abc") = 0x32d153ff. */
function xxh32(bytes) {
  const [P1, P2, P3, P4, P5] = XXH_PRIMES;
  const round = (acc, lane) => mul32(rotl32((acc + mul32(lane, P2)) >>> 0, 13), P1);
  let i = 0;
  let acc;
  if (bytes.length >= 16) {
    const v = [(P1 + P2) >>> 0, P2, 0, (0 - P1) >>> 0];
    for (; i + 16 <= bytes.length; i += 16) for (let k = 0; k < 4; k++) v[k] = round(v[k], u32le(bytes, i + 4 * k));
    acc = (rotl32(v[0], 1) + rotl32(v[1], 7) + rotl32(v[2], 12) + rotl32(v[3], 18)) >>> 0;
  } else {
    acc = P5;
  }
  acc = (acc + bytes.length) >>> 0;
  for (; i + 4 <= bytes.length; i += 4) acc = mul32(rotl32((acc + mul32(u32le(bytes, i), P3)) >>> 0, 17), P4);
  for (; i < bytes.length; i++) acc = mul32(rotl32((acc + mul32(bytes[i], P5)) >>> 0, 11), P1);
  acc = mul32(acc ^ (acc >>> 15), P2);
  acc = mul32(acc ^ (acc >>> 13), P3);
  return (acc ^ (acc >>> 16)) >>> 0;
}

/** The checksum a snapshot of `version` carries: CRC-32 for version 1, XXH32 from version 2. */
const checksumOf = (version, bytes) => (version === 1 ? crc32(bytes) : xxh32(bytes));

const fromHex = (hex) => Uint8Array.from(hex.match(/../g) || [], (h) => parseInt(h, 16));
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
function toHex(bytes) {
  // Buffer, where there is one, is ~100x faster on the large snapshots the Node suites compare.
  if (typeof Buffer === 'function') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]];
  return out;
}

/**
 * Builds a snapshot (version 2 unless header.version says otherwise) from a description and appends
 * the checksum of its version:
 *   countries: ["AU", ...] (each two characters, written as Latin-1 bytes) or countryCount: N (AA, AB, ...)
 *   v4: [["1.0.0.0", index], ...]         segment starts (dotted) and country indexes (255 = none)
 *   v6: [["20010db8" + 24 hex digits, index], ...]   starts as 32 hex digits (big-endian)
 *   header: {"C": n, "N4": n, "N6": n, "version": n}  overrides of the header fields (optional)
 */
function buildSnapshot(desc) {
  const countries = desc.countries || Array.from({ length: desc.countryCount }, (_, i) => countryCode(i));
  const v4 = desc.v4 || [];
  const v6 = desc.v6 || [];
  const header = { version: 2, C: countries.length, N4: v4.length, N6: v6.length, ...(desc.header || {}) };
  const size = 24 + 2 * countries.length + 5 * v4.length + 17 * v6.length + 4;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  bytes.set(latin1('NVWIPTBL'), 0);
  view.setUint32(8, header.version, true);
  view.setUint32(12, header.C, true);
  view.setUint32(16, header.N4, true);
  view.setUint32(20, header.N6, true);
  let at = 24;
  for (const code of countries) {
    if (code.length !== 2) throw new Error(`a country in a snapshot description must be 2 characters: ${JSON.stringify(code)}`);
    bytes.set(latin1(code), at);
    at += 2;
  }
  for (const [start] of v4) {
    view.setUint32(at, typeof start === 'string' ? ipv4Number(start) : start, true);
    at += 4;
  }
  for (const [, index] of v4) bytes[at++] = index;
  for (const [start] of v6) {
    if (!/^[0-9a-f]{32}$/.test(start)) throw new Error(`an IPv6 start in a snapshot description must be 32 hex digits: ${start}`);
    bytes.set(fromHex(start), at);
    at += 16;
  }
  for (const [, index] of v6) bytes[at++] = index;
  view.setUint32(at, checksumOf(header.version, bytes.subarray(0, at)), true);
  return bytes;
}

/**
 * Applies mutation steps to a copy of `bytes`:
 *   {"truncate": n}            keep the first n bytes
 *   {"append": n}              append n zero bytes
 *   {"xor": [offset, mask]}    flip bits of one byte (a negative offset counts from the end)
 *   {"setU32": [offset, v]}    write a little-endian u32
 *   {"setAscii": [offset, s]}  write the characters of s as bytes
 *   {"fixChecksum": true}      recompute the trailing checksum over everything before the last 4 bytes,
 *                              the one of the version at offset 8 (or "crc32" / "xxh32": that one)
 */
function mutate(bytes, steps) {
  let out = Uint8Array.from(bytes);
  for (const step of steps) {
    if ('truncate' in step) out = out.slice(0, step.truncate);
    else if ('append' in step) {
      const longer = new Uint8Array(out.length + step.append);
      longer.set(out);
      out = longer;
    } else if ('xor' in step) {
      const [offset, mask] = step.xor;
      out[offset < 0 ? out.length + offset : offset] ^= mask;
    } else if ('setU32' in step) {
      const [offset, value] = step.setU32;
      new DataView(out.buffer).setUint32(offset, value, true);
    } else if ('setAscii' in step) {
      const [offset, text] = step.setAscii;
      out.set(latin1(text), offset);
    } else if ('fixChecksum' in step) {
      const body = out.subarray(0, out.length - 4);
      const how = step.fixChecksum === true ? (new DataView(out.buffer).getUint32(8, true) === 1 ? 'crc32' : 'xxh32') : step.fixChecksum;
      if (how !== 'crc32' && how !== 'xxh32') throw new Error(`fixChecksum: true, "crc32" or "xxh32", got ${JSON.stringify(how)}`);
      new DataView(out.buffer).setUint32(out.length - 4, how === 'crc32' ? crc32(body) : xxh32(body), true);
    } else throw new Error(`unknown mutation ${JSON.stringify(step)}`);
  }
  return out;
}

module.exports = { decodeValue, caseCsv, countryCode, ipv4Number, crc32, xxh32, checksumOf, buildSnapshot, mutate, fromHex, toHex };
