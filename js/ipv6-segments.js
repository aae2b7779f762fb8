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

/** Whether the start at words[o..o+3] (biased) lies above the biased address q0..q3. */
function above(words, o, q0, q1, q2, q3) {
  let a = words[o] ^ BIAS;
  if (a !== q0) return a > q0;
  if ((a = words[o + 1] ^ BIAS) !== q1) return a > q1;
  if ((a = words[o + 2] ^ BIAS) !== q2) return a > q2;
  return (words[o + 3] ^ BIAS) > q3;
}

/** The last k in (lo, hi) whose start is <= the address, or lo: given start lo <= it (or lo = -1) and start hi above it (or hi = n). */
function lastNotAbove(words, lo, hi, q0, q1, q2, q3) {
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (above(words, 4 * mid, q0, q1, q2, q3)) hi = mid;
    else lo = mid;
  }
  return lo;
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

  /**
   * The address w0..w3 (uint32 words, most significant first) @returns {number} country index, or -1
   *
   * The C++ counts all keys of a node at once (the compiler makes that SIMD); JavaScript does better
   * stopping at the first key above (2.6× quicker on the real table, 57 against 148 ns): the same tree,
   * the same answers.
   */
  lookup(w0, w1, w2, w3) {
    const starts = this.signedStarts;
    const n = this.countries.length;
    // Biased words compare as unsigned with signed comparisons (see BIAS).
    const q0 = w0 ^ BIAS;
    const q1 = w1 ^ BIAS;
    const q2 = w2 ^ BIAS;
    const q3 = w3 ^ BIAS;
    const levels = this.levels;
    // A small table: one binary search over all its starts.
    if (levels.length === 0) return this.answer(lastNotAbove(starts, -1, n, q0, q1, q2, q3));
    // Down the tree: c = how many keys of a level are <= the high half. Keys of the level below up
    // to index (c - 1) * 16 are <= it and those from c * 16 on are not, so only those between are read.
    let c = 0;
    let lo = 0;
    for (let t = levels.length - 1; t >= 0; t--) {
      const keys = levels[t];
      const hi = t === levels.length - 1 ? keys.length / 2 : Math.min(c * FANOUT, keys.length / 2);
      let k = lo;
      while (k < hi) {
        const h = keys[2 * k];
        if (h > q0 || (h === q0 && keys[2 * k + 1] > q1)) break;
        k++;
      }
      c = k;
      if (c === 0) return LOOKUP_NONE; // every start is above
      lo = (c - 1) * FANOUT + 1;
    }
    // The last start <= the address in the run of (at most) 16 from start (c - 1) * 16: a scan, in a
    // few cache lines.
    const first = (c - 1) * FANOUT;
    const end = Math.min(c * FANOUT, n);
    let k = first;
    while (k < end && !above(starts, 4 * k, q0, q1, q2, q3)) k++;
    // None: the run's first start shares the address's high half and lies above it (starts inside
    // one /64 crossing a level-0 key). The answer is before the run.
    return this.answer(k > first ? k - 1 : lastNotAbove(starts, -1, first, q0, q1, q2, q3));
  }

  /** The answer for segment k (-1: before the first one). */
  answer(k) {
    if (k < 0) return LOOKUP_NONE;
    const c = this.countries[k];
    return c === NO_COUNTRY ? LOOKUP_NONE : c;
  }

  /** Bytes of the arrays, the index included. */
  byteSize() {
    return this.starts.byteLength + this.countries.byteLength + this.levels.reduce((sum, level) => sum + level.byteLength, 0);
  }
}

module.exports = { Ipv6Segments };
