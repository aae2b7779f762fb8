'use strict';
// A traffic-like IPv4 distribution: real traffic concentrates on a few networks, and a uniform
// random address mostly lands in a sparse, easy part of the table. Here a range of the table is
// drawn by Zipf (s = 1) over a seeded random ranking of all ranges, then an address uniformly inside
// it — so hot ranges repeat and the tail still reaches the dense buckets.
const { mulberry32 } = require('./random-ips.js');

/**
 * @param {Uint32Array} starts IPv4 segment starts (a table's snapshot order)
 * @param {Uint8Array} countries their country indexes (255: a gap, never drawn)
 * @param {number} count
 * @param {number} seed
 */
function skewedUint32s(starts, countries, count, seed) {
  const next = mulberry32(seed);
  const ranges = [];
  for (let k = 0; k < starts.length; k++) if (countries[k] !== 255) ranges.push(k);
  for (let i = ranges.length - 1; i > 0; i--) {
    // seeded Fisher-Yates: the ranking
    const j = next() % (i + 1);
    [ranges[i], ranges[j]] = [ranges[j], ranges[i]];
  }
  // Zipf by inverse CDF over the cumulative weights 1/rank.
  const cdf = new Float64Array(ranges.length);
  let total = 0;
  for (let r = 0; r < ranges.length; r++) cdf[r] = total += 1 / (r + 1);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const u = (next() / 4294967296) * total;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    const k = ranges[lo];
    const first = starts[k];
    const width = (k + 1 < starts.length ? starts[k + 1] : 4294967296) - first;
    out[i] = (first + (next() % width)) >>> 0;
  }
  return out;
}

/** A snapshot's IPv4 segments (docs/ip-table.md, "Snapshot"). */
function snapshotSegments4(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const c = view.getUint32(12, true);
  const n4 = view.getUint32(16, true);
  const at = 24 + 2 * c;
  const starts = new Uint32Array(n4);
  for (let k = 0; k < n4; k++) starts[k] = view.getUint32(at + 4 * k, true);
  return { starts, countries: bytes.slice(at + 4 * n4, at + 5 * n4) };
}

module.exports = { skewedUint32s, snapshotSegments4 };
