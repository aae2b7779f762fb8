'use strict';
// IPv4 rows to segments: the overlap sweep of src/flatten.cpp (flatten(), find_overlap())
// for one family — a template there, one file per family here (IPv6 words are four uint32s).
// The narrowest covering row wins, ties go to the later row; disjoint sorted runs skip the heap.
const { NO_COUNTRY } = require('../api/limits.js');
const { formatIPv4 } = require('./ip-address.js');
const { message } = require('../api/messages.js');

/**
 * The rows in (start, input order) order (for rows not already in it): a permutation from a stable
 * LSD radix sort on 16-bit digits.
 */
function sortOrder4(S, n) {
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let tmp = new Uint32Array(n);
  const count = new Uint32Array(65537);
  for (let shift = 0; shift <= 16; shift += 16) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[((S[i] >>> shift) & 0xffff) + 1]++;
    if (count[((S[0] >>> shift) & 0xffff) + 1] === n) continue; // one digit value: nothing to do
    for (let d = 1; d <= 65536; d++) count[d] += count[d - 1];
    for (let i = 0; i < n; i++) {
      const r = order[i];
      tmp[count[(S[r] >>> shift) & 0xffff]++] = r;
    }
    const t = order;
    order = tmp;
    tmp = t;
  }
  return order;
}

/** Adds row r to heap[0, size) (IPv4 rows: width = E - S). */
function heapPush4(heap, size, r, S, E) {
  const w = E[r] - S[r];
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const q = heap[parent];
    const wq = E[q] - S[q];
    if (!(w < wq || (w === wq && r > q))) break;
    heap[i] = q;
    i = parent;
  }
  heap[i] = r;
}

/** Removes the top of heap[0, size). */
function heapPop4(heap, size, S, E) {
  const n = size - 1;
  if (n === 0) return;
  const r = heap[n];
  const w = E[r] - S[r];
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= n) break;
    let q = heap[child];
    let wq = E[q] - S[q];
    if (child + 1 < n) {
      const q2 = heap[child + 1];
      const w2 = E[q2] - S[q2];
      if (w2 < wq || (w2 === wq && q2 > q)) {
        child++;
        q = q2;
        wq = w2;
      }
    }
    if (!(wq < w || (wq === w && q > r))) break;
    heap[i] = q;
    i = child;
  }
  heap[i] = r;
}

/**
 * Canonical IPv4 segments, written in address order: neighbours with the same country merge, a
 * gap between two ranges becomes a NO_COUNTRY segment.
 */
class Segments4 {
  constructor(rows) {
    this.starts = new Uint32Array(2 * rows + 1);
    this.countries = new Uint8Array(2 * rows + 1);
    this.count = 0;
    this.ranges = 0; // segments with a country
    this.used = new Uint8Array(256); // the countries written
    this.last = NO_COUNTRY;
    this.nextAfter = 0; // one past the end of the last range written
  }

  /** Gives [a, b] the country c; a >= every address written before. */
  emit(a, b, c) {
    if (this.count !== 0 && a !== this.nextAfter) {
      this.starts[this.count] = this.nextAfter;
      this.countries[this.count++] = NO_COUNTRY;
      this.last = NO_COUNTRY;
    }
    if (c !== this.last) {
      this.starts[this.count] = a;
      this.countries[this.count++] = c;
      this.last = c;
      this.used[c] = 1;
      this.ranges++;
    }
    this.nextAfter = b + 1;
  }

  /**
   * emit() for rows k, k + 1, ... of rows in start order, as long as each overlaps no later row
   * (nearly all of them in real data); the state in locals. Returns the first row not written.
   */
  emitDisjoint(S, E, C, k, n) {
    const starts = this.starts;
    const countries = this.countries;
    const used = this.used;
    let count = this.count;
    let last = this.last;
    let nextAfter = this.nextAfter;
    let ranges = this.ranges;
    for (; k < n; k++) {
      const a = S[k];
      const b = E[k];
      if (k + 1 < n && S[k + 1] <= b) break;
      if (count !== 0 && a !== nextAfter) {
        starts[count] = nextAfter;
        countries[count++] = NO_COUNTRY;
        last = NO_COUNTRY;
      }
      const c = C[k];
      if (c !== last) {
        starts[count] = a;
        countries[count++] = c;
        last = c;
        used[c] = 1;
        ranges++;
      }
      nextAfter = b + 1;
    }
    this.count = count;
    this.last = last;
    this.nextAfter = nextAfter;
    this.ranges = ranges;
    return k;
  }

  done() {
    if (this.count !== 0 && this.nextAfter <= 0xffffffff) {
      this.starts[this.count] = this.nextAfter;
      this.countries[this.count++] = NO_COUNTRY;
    }
    return this;
  }

  trimmedStarts() {
    return this.starts.slice(0, this.count);
  }

  /** The segments' countries through remap (NO_COUNTRY stays). */
  remapped(remap) {
    const out = new Uint8Array(this.count);
    const countries = this.countries;
    for (let i = 0; i < out.length; i++) out[i] = remap[countries[i]];
    return out;
  }
}

/**
 * IPv4 'narrowest' flattening. Rows that overlap no neighbour (nearly all of them) are written as
 * they are; a cluster of overlapping rows goes to sweep4().
 */
function flatten4(S, E, C, n, order) {
  const out = new Segments4(n);
  let heap = null;
  let k = 0;
  while (k < n) {
    if (order === null) k = out.emitDisjoint(S, E, C, k, n);
    if (k === n) break;
    const r = order === null ? k : order[k];
    const end = E[r];
    if (k + 1 === n || S[order === null ? k + 1 : order[k + 1]] > end) {
      out.emit(S[r], end, C[r]);
      k++;
    } else {
      if (heap === null) heap = new Int32Array(n);
      k = sweep4(S, E, C, n, order, k, heap, out);
    }
  }
  return out.done();
}

/**
 * Sweeps a cluster of overlapping IPv4 rows from the k-th in start order, with a heap of the rows
 * covering the current address; returns the position after the cluster.
 */
function sweep4(S, E, C, n, order, k, heap, out) {
  let size = 0;
  let pos = S[order === null ? k : order[k]];
  for (;;) {
    while (k < n) {
      const r = order === null ? k : order[k];
      if (S[r] > pos) break;
      heapPush4(heap, size++, r, S, E);
      k++;
    }
    // The top covers pos: rows ending before it were popped, rows just pushed start at it.
    const top = heap[0];
    let segEnd = E[top];
    if (k < n) {
      const next = S[order === null ? k : order[k]] - 1;
      if (next < segEnd) segEnd = next;
    }
    out.emit(pos, segEnd, C[top]);
    pos = segEnd + 1; // 2^32 at the top: every row has then ended
    while (size !== 0 && E[heap[0]] < pos) heapPop4(heap, size--, S, E);
    if (size === 0) return k; // the cluster ended: back to the fast path
  }
}

/**
 * The 'error' policy's check: walk rows by (start, input order) keeping the row with the greatest
 * end; the first row starting at or before that end overlaps it. Returns the Problem, or null.
 */
function findOverlap4(S, E, lines, n, order) {
  if (n < 2) return null;
  let m = order === null ? 0 : order[0];
  for (let k = 1; k < n; k++) {
    const r = order === null ? k : order[k];
    if (S[r] <= E[m]) {
      const later = r > m ? r : m;
      const earlier = r > m ? m : r;
      return {
        line: lines[later],
        detail: message('overlap', {
          range: `${formatIPv4(S[later])}-${formatIPv4(E[later])}`,
          line: lines[earlier],
          other: `${formatIPv4(S[earlier])}-${formatIPv4(E[earlier])}`,
        }),
      };
    }
    if (E[r] > E[m]) m = r;
  }
  return null;
}

module.exports = { sortOrder4, flatten4, findOverlap4 };
