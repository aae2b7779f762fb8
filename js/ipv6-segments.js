'use strict';
// IPv6 segments and their search (as src/ipv6_segments.cpp, which says why): a static search tree
// over the high 64 bits of the starts — level 0 holds the high half of every 16th start, each level
// above every 16th key of the one below, up to a top level of at most 16 keys. A lookup walks down
// it to a run of about 16 starts, then searches those. JavaScript has no fast 64-bit integers, so a
// key is two uint32 words (high, low) and a start four, most significant first.

const { NO_COUNTRY, LOOKUP_NONE } = require('../api/limits.js');

const FANOUT = 16;
const INDEXED_FROM = 4096; // kIndexedFrom in src/segments.h

// Keys are stored with their sign bit flipped, as int32: then a signed comparison orders them as
// unsigned, and V8 compares int32 as integers (uint32 above 2^31 it compares as doubles).
const BIAS = 0x80000000;

/** Every 16th key of `keys` (two words each, `stride` apart), biased when `bias` is BIAS. */
function sample(keys, stride, bias) {
  const n = keys.length / stride;
  const level = new Int32Array(2 * Math.ceil(n / FANOUT));
  for (let k = 0, j = 0; k < n; k += FANOUT, j += 2) {
    level[j] = keys[k * stride] ^ bias;
    level[j + 1] = keys[k * stride + 1] ^ bias;
  }
  return level;
}

// How many of the keys [lo, hi) (indexes of two-word keys) have (high, low) below (qh, bound): for
// keys <= (qh, ql) bound is ql + 1, for keys < (qh, ql) it is ql (the words are int32, so ql + 1 is
// exact). The ranges are at most 16 keys: counting them all without a branch beats a binary search
// (as in C++).
function countBelow(keys, lo, hi, qh, bound) {
  let count = lo;
  for (let k = lo; k < hi; k++) {
    const h = keys[2 * k];
    count += +(h < qh) | (+(h === qh) & +(keys[2 * k + 1] < bound));
  }
  return count;
}

class Ipv6Segments {
  /**
   * @param {Uint32Array} starts four words per start, increasing
   * @param {Uint8Array} countries their country indexes (NO_COUNTRY: none)
   */
  constructor(starts, countries) {
    this.starts = starts;
    this.signedStarts = new Int32Array(starts.buffer, starts.byteOffset, starts.length); // the same memory, read as int32
    this.countries = countries;
    /** @type {Int32Array[]} level 0 first; none for small tables: they are searched whole */
    this.levels = [];
    if (countries.length < INDEXED_FROM) return;
    this.levels.push(sample(starts, 4, BIAS));
    while (this.levels[this.levels.length - 1].length / 2 > FANOUT) this.levels.push(sample(this.levels[this.levels.length - 1], 2, 0));
  }

  /** How many keys of level 0 are <= the biased key (qh, ql) (< when strict): each level's count bounds the next one down. */
  countLevel0(qh, ql, strict) {
    const levels = this.levels;
    const bound = strict ? ql : ql + 1;
    const top = levels[levels.length - 1];
    let c = countBelow(top, 0, top.length / 2, qh, bound);
    for (let t = levels.length - 2; t >= 0 && c > 0; t--) {
      const keys = levels[t];
      c = countBelow(keys, (c - 1) * FANOUT + 1, Math.min(c * FANOUT, keys.length / 2), qh, bound);
    }
    return c;
  }

  /** The address w0..w3 (uint32 words, most significant first) @returns {number} country index, or -1 */
  lookup(w0, w1, w2, w3) {
    const starts = this.signedStarts;
    const n = this.countries.length;
    // Biased words compare as unsigned with signed comparisons (see BIAS).
    const q0 = w0 ^ BIAS;
    const q1 = w1 ^ BIAS;
    const q2 = w2 ^ BIAS;
    const q3 = w3 ^ BIAS;
    let lo = 0; // the first candidate
    let hi = n; // one past the last
    if (this.levels.length > 0) {
      // As in the C++: from start (c - 1) * 16, where c keys of level 0 are <= the high half, up to
      // the first start whose high half is above it; when level 0 holds the high half itself, the
      // run begins at the strict count.
      const belowOrAt = this.countLevel0(q0, q1, false);
      const level0 = this.levels[0];
      const k = belowOrAt - 1;
      const below = belowOrAt > 0 && level0[2 * k] === q0 && level0[2 * k + 1] === q1 ? this.countLevel0(q0, q1, true) : belowOrAt;
      lo = below === 0 ? 0 : (below - 1) * FANOUT;
      hi = Math.min(belowOrAt * FANOUT, n);
    }
    // The first start above the address in [lo, hi), by binary search on the four words.
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const o = 4 * mid;
      let le;
      let a = starts[o] ^ BIAS;
      if (a !== q0) le = a < q0;
      else if ((a = starts[o + 1] ^ BIAS) !== q1) le = a < q1;
      else if ((a = starts[o + 2] ^ BIAS) !== q2) le = a < q2;
      else le = (starts[o + 3] ^ BIAS) <= q3;
      if (le) lo = mid + 1;
      else hi = mid;
    }
    const last = lo; // how many starts are <= the address
    if (last === 0) return LOOKUP_NONE;
    const c = this.countries[last - 1];
    return c === NO_COUNTRY ? LOOKUP_NONE : c;
  }

  /** Bytes of the arrays, the index included. */
  byteSize() {
    return this.starts.byteLength + this.countries.byteLength + this.levels.reduce((sum, level) => sum + level.byteLength, 0);
  }
}

module.exports = { Ipv6Segments };
