'use strict';
// IPv4 segments and their search (as src/ipv4_segments.h): the sorted starts, a first-level index on
// the top 16 bits so a lookup searches one bucket, and the batch path. The arrays may be the JS
// table's own or views of the native or WebAssembly table's memory (js/kernel-lookups.js): the
// layout is the same.

const { NO_COUNTRY, NOT_FOUND, LOOKUP_NONE } = require('../api/limits.js');

// The 256 KiB first-level index pays for itself only on large tables (kIndexedFrom in
// src/segments.h); small ones binary-search all their segments.
const INDEXED_FROM = 4096;

/** index[h] = the first segment whose start's top 16 bits are >= h, h = 0..65536; null when small. */
function buildIndex(starts) {
  const n = starts.length;
  if (n < INDEXED_FROM) return null;
  const index = new Uint32Array(65537);
  let h = 0;
  for (let k = 0; k < n; k++) {
    // Runs of 8 starts inside buckets already indexed are skipped at once (a bucket of the real
    // table holds 5 on average): the index is rebuilt on every snapshot load.
    while (k + 8 < n && starts[k + 8] >>> 16 < h) k += 8;
    const top = starts[k] >>> 16;
    while (h <= top) index[h++] = k;
  }
  index.fill(n, h);
  return index;
}

class Ipv4Segments {
  /**
   * @param {Uint32Array} starts segment starts, increasing
   * @param {Uint8Array} countries their country indexes (NO_COUNTRY: none)
   * @param {Uint32Array | null} index buildIndex(starts)
   */
  constructor(starts, countries, index) {
    this.starts = starts;
    this.countries = countries;
    this.index = index;
  }

  /** @param {number} ip uint32 @returns {number} country index, or -1 */
  lookup(ip) {
    const starts = this.starts;
    // The last segment starting at or before ip: one of bucket h's, or the one just before them
    // (base = index[h] - 1, whose start is below the bucket). A branch-free binary search: the
    // comparison's outcome is unpredictable, so a conditional add beats a branch.
    const index = this.index;
    const h = ip >>> 16;
    let base = index === null ? -1 : index[h] - 1;
    let len = (index === null ? starts.length : index[h + 1]) - base;
    while (len > 1) {
      const half = len >>> 1;
      base += half & -(starts[base + half] <= ip);
      len -= half;
    }
    if (base < 0) return LOOKUP_NONE;
    const c = this.countries[base];
    return c === NO_COUNTRY ? LOOKUP_NONE : c;
  }

  /** out[i] = the country index of ips[i], or NOT_FOUND. */
  lookupBatch(ips, out) {
    const { starts, countries, index } = this;
    for (let i = 0, n = ips.length; i < n; i++) {
      const ip = ips[i];
      const h = ip >>> 16;
      let base = index === null ? -1 : index[h] - 1; // as in lookup
      let len = (index === null ? starts.length : index[h + 1]) - base;
      while (len > 1) {
        const half = len >>> 1;
        base += half & -(starts[base + half] <= ip);
        len -= half;
      }
      const c = base < 0 ? NO_COUNTRY : countries[base];
      out[i] = c === NO_COUNTRY ? NOT_FOUND : c;
    }
  }

  /** Bytes of the arrays, the index included. */
  byteSize() {
    return this.starts.byteLength + this.countries.byteLength + (this.index?.byteLength ?? 0);
  }
}

module.exports = { Ipv4Segments, buildIndex };
