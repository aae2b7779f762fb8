'use strict';
// The study's inputs: the real CSVs from npm, seeded random IPs (support/random-ips.js), the
// traffic-like skewed IPv4 distribution (support/skewed-ips.js) and IPv6 addresses with a country.
const path = require('path');
const { mulberry32, randomUint32s, asReceived, dottedTexts } = require('../support/random-ips.js');
const { skewedUint32s, snapshotSegments4 } = require('../support/skewed-ips.js');
const { formatIPv6 } = require('../js/ip-address.js');

const DATA_PACKAGE = '@ip-location-db/geo-whois-asn-country';

function dataFile(name) {
  const dir = path.dirname(require.resolve(`${DATA_PACKAGE}/package.json`));
  return path.join(dir, name);
}

/** `count` IPv4 addresses drawn like traffic (Zipf over the ranges) from a table's snapshot. */
function skewedFromSnapshot(snapshot, count, seed) {
  const { starts, countries } = snapshotSegments4(snapshot);
  return skewedUint32s(starts, countries, count, seed);
}

/** Addresses inside random IPv6 segments with a country of a table's snapshot, as bigints. */
function ipv6Probes(snapshot, count, seed) {
  const view = new DataView(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength);
  const c = view.getUint32(12, true);
  const n4 = view.getUint32(16, true);
  const n6 = view.getUint32(20, true);
  const at = 24 + 2 * c + 5 * n4;
  const start = (k) => (view.getBigUint64(at + 16 * k) << 64n) | view.getBigUint64(at + 16 * k + 8);
  const next = mulberry32(seed);
  const out = [];
  while (out.length < count) {
    const k = next() % n6;
    if (snapshot[at + 16 * n6 + k] === 255) continue;
    const width = (k + 1 < n6 ? start(k + 1) : 1n << 128n) - start(k);
    const r = (BigInt(next()) << 96n) | (BigInt(next()) << 64n) | (BigInt(next()) << 32n) | BigInt(next());
    out.push(start(k) + (r % width));
  }
  return out;
}

/** An IPv6 bigint as four uint32 words, most significant first. */
const ipv6Words = (ip) => [96n, 64n, 32n, 0n].map((shift) => Number((ip >> shift) & 0xffffffffn));

/** An IPv6 bigint as text (RFC 5952, by the JS twin's formatter). */
const ipv6Text = (ip) => formatIPv6(...ipv6Words(ip));

/** The rows of a CSV in a seeded random order: input that needs sorting (real files arrive sorted). */
function shuffledRows(bytes, seed) {
  const rows = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .split('\n')
    .filter((row) => row !== '');
  const next = mulberry32(seed);
  for (let i = rows.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  return new Uint8Array(Buffer.from(`${rows.join('\n')}\n`, 'latin1'));
}

module.exports = {
  DATA_PACKAGE,
  dataFile,
  randomUint32s,
  asReceived,
  dottedTexts,
  skewedFromSnapshot,
  ipv6Probes,
  ipv6Words,
  ipv6Text,
  shuffledRows,
};
