'use strict';
// IPv6 rows to segments: flatten-ipv4.js for 128-bit addresses (four uint32 words each).
const { NO_COUNTRY } = require('../api/limits.js');
const { formatIPv6 } = require('./ip-address.js');
const { compareWords, copyWords, increment, decrement } = require('./u128.js');
const { message } = require('../api/messages.js');

function sortOrder6(S, n) {
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let tmp = new Uint32Array(n);
  const count = new Uint32Array(65537);
  for (let digit = 7; digit >= 0; digit--) {
    // least significant 16 bits first
    const word = digit >>> 1;
    const shift = digit & 1 ? 0 : 16;
    count.fill(0);
    for (let i = 0; i < n; i++) count[((S[4 * i + word] >>> shift) & 0xffff) + 1]++;
    if (count[((S[word] >>> shift) & 0xffff) + 1] === n) continue;
    for (let d = 1; d <= 65536; d++) count[d] += count[d - 1];
    for (let i = 0; i < n; i++) {
      const r = order[i];
      tmp[count[(S[4 * r + word] >>> shift) & 0xffff]++] = r;
    }
    const t = order;
    order = tmp;
    tmp = t;
  }
  return order;
}

// Binary min-heaps of row indexes, ordered by (width, later row first): the top is the row that
// wins where it is active. Plain functions over an Int32Array, one pair per family, so that each
// stays monomorphic.

/** Whether row x wins over row y (IPv6 rows, widths W, four words each). */
function before6(W, x, y) {
  const c = compareWords(W, 4 * x, W, 4 * y);
  return c < 0 || (c === 0 && x > y);
}

function heapPush6(heap, size, r, W) {
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const q = heap[parent];
    if (!before6(W, r, q)) break;
    heap[i] = q;
    i = parent;
  }
  heap[i] = r;
}

function heapPop6(heap, size, W) {
  const n = size - 1;
  if (n === 0) return;
  const r = heap[n];
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && before6(W, heap[child + 1], heap[child])) child++;
    const q = heap[child];
    if (!before6(W, q, r)) break;
    heap[i] = q;
    i = child;
  }
  heap[i] = r;
}

/** Segments4 for IPv6, addresses as four words. */
class Segments6 {
  constructor(rows) {
    this.starts = new Uint32Array(4 * (2 * rows + 1));
    this.countries = new Uint8Array(2 * rows + 1);
    this.count = 0;
    this.ranges = 0;
    this.used = new Uint8Array(256);
    this.last = NO_COUNTRY;
    this.nextAfter = new Uint32Array(4);
    this.atTop = false; // the last range written ended at the top of the address space
  }

  /** Gives [A[a..a+3], B[b..b+3]] the country c. */
  emit(A, a, B, b, c) {
    const nextAfter = this.nextAfter;
    if (this.count !== 0 && compareWords(A, a, nextAfter, 0) !== 0) {
      copyWords(this.starts, 4 * this.count, nextAfter, 0);
      this.countries[this.count++] = NO_COUNTRY;
      this.last = NO_COUNTRY;
    }
    if (c !== this.last) {
      copyWords(this.starts, 4 * this.count, A, a);
      this.countries[this.count++] = c;
      this.last = c;
      this.used[c] = 1;
      this.ranges++;
    }
    copyWords(nextAfter, 0, B, b);
    if (!increment(nextAfter)) this.atTop = true;
  }

  done() {
    if (this.count !== 0 && !this.atTop) {
      copyWords(this.starts, 4 * this.count, this.nextAfter, 0);
      this.countries[this.count++] = NO_COUNTRY;
    }
    return this;
  }

  trimmedStarts() {
    return this.starts.slice(0, 4 * this.count);
  }

  remapped(remap) {
    const out = new Uint8Array(this.count);
    const countries = this.countries;
    for (let i = 0; i < out.length; i++) out[i] = remap[countries[i]];
    return out;
  }
}

/** flatten4 for IPv6. */
function flatten6(S, E, C, n, order) {
  const out = new Segments6(n);
  let heap = null;
  let W = null;
  let k = 0;
  while (k < n) {
    const r = order === null ? k : order[k];
    if (k + 1 === n || compareWords(S, 4 * (order === null ? k + 1 : order[k + 1]), E, 4 * r) > 0) {
      out.emit(S, 4 * r, E, 4 * r, C[r]);
      k++;
    } else {
      if (heap === null) {
        heap = new Int32Array(n);
        W = widths6(S, E, n);
      }
      k = sweep6(S, E, C, W, n, order, k, heap, out);
    }
  }
  return out.done();
}

/** Row widths (end - start), four words each. */
function widths6(S, E, n) {
  const W = new Uint32Array(4 * n);
  for (let i = 0; i < n; i++) {
    const o = 4 * i;
    let borrow = 0;
    for (let j = 3; j >= 0; j--) {
      let d = E[o + j] - S[o + j] - borrow;
      borrow = d < 0 ? 1 : 0;
      if (d < 0) d += 4294967296;
      W[o + j] = d;
    }
  }
  return W;
}

function sweep6(S, E, C, W, n, order, k, heap, out) {
  let size = 0;
  const pos = new Uint32Array(4); // the current address
  const segEnd = new Uint32Array(4);
  const next = new Uint32Array(4);
  copyWords(pos, 0, S, 4 * (order === null ? k : order[k]));
  for (;;) {
    while (k < n) {
      const r = order === null ? k : order[k];
      if (compareWords(S, 4 * r, pos, 0) > 0) break;
      heapPush6(heap, size++, r, W);
      k++;
    }
    const top = heap[0];
    copyWords(segEnd, 0, E, 4 * top);
    if (k < n) {
      copyWords(next, 0, S, 4 * (order === null ? k : order[k]));
      decrement(next); // > pos >= 0: no wrap
      if (compareWords(next, 0, segEnd, 0) < 0) copyWords(segEnd, 0, next, 0);
    }
    out.emit(pos, 0, segEnd, 0, C[top]);
    if (out.atTop) return n; // nothing lies beyond
    copyWords(pos, 0, out.nextAfter, 0);
    while (size !== 0 && compareWords(E, 4 * heap[0], pos, 0) < 0) heapPop6(heap, size--, W);
    if (size === 0) return k;
  }
}

/** findOverlap4 for IPv6 rows (four words per address). */
function findOverlap6(S, E, lines, n, order) {
  if (n < 2) return null;
  let m = order === null ? 0 : order[0];
  const range = (i) =>
    `${formatIPv6(S[4 * i], S[4 * i + 1], S[4 * i + 2], S[4 * i + 3])}-${formatIPv6(E[4 * i], E[4 * i + 1], E[4 * i + 2], E[4 * i + 3])}`;
  for (let k = 1; k < n; k++) {
    const r = order === null ? k : order[k];
    if (compareWords(S, 4 * r, E, 4 * m) <= 0) {
      const later = r > m ? r : m;
      const earlier = r > m ? m : r;
      return {
        line: lines[later],
        detail: message('overlap', { range: range(later), line: lines[earlier], other: range(earlier) }),
      };
    }
    if (compareWords(E, 4 * r, E, 4 * m) > 0) m = r;
  }
  return null;
}

module.exports = { sortOrder6, flatten6, findOverlap6 };
