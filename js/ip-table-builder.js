'use strict';
// Builds an IpTable from CSV rows (docs/ip-table.md): validates each row, stores it in growable
// typed-array columns per family, then flattens overlapping ranges (narrowest wins, ties to the
// later row) or reports the first overlap ('error' policy), merges neighbours and builds the table.

const { DEC_INVALID, parseIPv4Bytes, parseIPv6Bytes, parseDecimalBytes, isMappedIPv4, formatIPv4, formatIPv6 } = require('./ip-address.js');
const { CsvReader, MAX_ROW_BYTES, quoteBytes } = require('./csv-reader.js');
const { IpTable, NO_COUNTRY } = require('./ip-table.js');
const { MAX_COUNTRIES, DEFAULT_MAX_MEMORY } = require('../api/limits.js');

// The memory budget per row, as in src/ip_table_builder.h: the row, and the segments it can become.
const ROW_COST_V4 = 20;
const ROW_COST_V6 = 68;
const ROW_COST_LINE = 8;

// How a field reads (classify()).
const BAD = 0;
const TEXT4 = 1; // IPv4 text, or IPv4-mapped IPv6 text
const TEXT6 = 2;
const DEC = 3;

let quadEnd = 0; // where the last address scanQuad() read ends

/**
 * The strict dotted quad at buf[p] for the fast lane (src/ip_address.h, scan_dotted_quad), with
 * no bounds checks: 16 bytes from p must exist. Returns the address (quadEnd: where it ends), or
 * -1. Branches on the digits: real data repeats its octet lengths, so they predict well.
 */
function scanQuad(buf, p) {
  let v = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0 && buf[p++] !== 46) return -1;
    let n = buf[p++] - 48;
    if (n >>> 0 > 9) return -1;
    let d = buf[p] - 48;
    if (d >>> 0 <= 9) {
      if (n === 0) return -1; // a leading zero
      n = n * 10 + d;
      d = buf[++p] - 48;
      if (d >>> 0 <= 9) {
        n = n * 10 + d;
        if (n > 255 || (buf[++p] - 48) >>> 0 <= 9) return -1; // too large, or a fourth digit
      }
    }
    v = (v << 8) | n; // int32 arithmetic; the unsigned value at the end
  }
  quadEnd = p;
  return v >>> 0;
}

class IpTableBuilder {
  /**
   * @param {boolean} overlapsError true for `overlaps: 'error'`
   * @param {number} maxMemory the memory budget in bytes (docs/ip-table.md, "Memory budget")
   */
  constructor(overlapsError, maxMemory = DEFAULT_MAX_MEMORY) {
    this.overlapsError = overlapsError;
    this.maxMemory = maxMemory;
    this.memory = 0; // budgeted bytes of the rows so far
    this.reader = new CsvReader(this);
    this.rowsTaken = 0; // by the last takeRows()
    this.sawFirstRow = false;
    this.headerLine = 0; // the header row's line and first field (quoted), for "no data rows"
    this.headerField = '';
    this.errorLine = 0;
    this.errorDetail = null;
    // Country codes in order of appearance; codeIndex[(c0 << 8) | c1] = index + 1 (0: not seen).
    this.codeIndex = new Uint8Array(65536);
    this.codes = [];
    // IPv4 rows.
    this.n4 = 0;
    this.sorted4 = true; // rows so far in start order
    this.start4 = new Uint32Array(1024);
    this.end4 = new Uint32Array(1024);
    this.country4 = new Uint8Array(1024);
    this.line4 = new Float64Array(overlapsError ? 1024 : 0); // only the 'error' policy needs lines
    // IPv6 rows, four words per address.
    this.n6 = 0;
    this.sorted6 = true;
    this.start6 = new Uint32Array(4 * 256);
    this.end6 = new Uint32Array(4 * 256);
    this.country6 = new Uint8Array(256);
    this.line6 = new Float64Array(overlapsError ? 256 : 0);
    this.words = new Uint32Array(8); // start at 0, end at 4
  }

  /** @param {Uint8Array} bytes @returns {boolean} false once an error happened */
  feed(bytes) {
    return this.reader.feed(bytes);
  }

  /** @returns {IpTable | null} null on error (see error()) */
  finish() {
    if (this.errorDetail !== null || !this.reader.finish()) return null;
    // An empty table would answer null for every address: input with no data (an empty file, a
    // header alone, an HTTP error body read as a header) is an error, not a table.
    if (this.n4 === 0 && this.n6 === 0) {
      [this.errorLine, this.errorDetail] = this.headerLine
        ? [this.headerLine, `no data rows: the only row was read as a header (its first field, ${this.headerField}, is not an address)`]
        : [1, 'no data rows: the input is empty'];
      return null;
    }
    const order4 = this.sorted4 ? null : sortOrder4(this.start4, this.n4);
    const order6 = this.sorted6 ? null : sortOrder6(this.start6, this.n6);
    if (this.overlapsError) {
      const a = this.findOverlap4(order4);
      const b = this.findOverlap6(order6);
      const first = a === null ? b : b === null || a.line < b.line ? a : b;
      if (first !== null) {
        this.errorLine = first.line;
        this.errorDetail = first.detail;
        return null;
      }
    }
    const v4 = flatten4(this.start4, this.end4, this.country4, this.n4, order4);
    const v6 = flatten6(this.start6, this.end6, this.country6, this.n6, order6);
    // The countries the flattened table can answer, sorted; remap the segments' indexes.
    const used = v4.used;
    for (let k = 0; k < 256; k++) used[k] |= v6.used[k];
    const present = [];
    for (let k = 0; k < this.codes.length; k++) if (used[k]) present.push(k);
    present.sort((x, y) => this.codes[x] - this.codes[y]);
    const remap = new Uint8Array(256).fill(NO_COUNTRY);
    let codes = '';
    for (let k = 0; k < present.length; k++) {
      remap[present[k]] = k;
      const code = this.codes[present[k]];
      codes += String.fromCharCode(code >>> 8, code & 0xff);
    }
    const countries4 = v4.remapped(remap);
    const countries6 = v6.remapped(remap);
    return new IpTable(codes, v4.trimmedStarts(), countries4, v6.trimmedStarts(), countries6, [v4.ranges, v6.ranges]);
  }

  /** @returns {{ line: number, detail: string } | null} */
  error() {
    if (this.errorDetail !== null) return { line: this.errorLine, detail: this.errorDetail };
    if (this.reader.errorDetail !== null) return { line: this.reader.errorLine, detail: this.reader.errorDetail };
    return null;
  }

  fail(line, detail) {
    this.errorLine = line;
    this.errorDetail = detail;
    return false;
  }

  /**
   * How buf[s, e) reads: TEXT4 (value in words[o + 3]), TEXT6, DEC (words, any size) or BAD.
   */
  classify(buf, s, e, o) {
    const w = this.words;
    const v4 = parseIPv4Bytes(buf, s, e);
    if (v4 >= 0) {
      w[o + 3] = v4;
      return TEXT4;
    }
    let colon = false;
    let digitsOnly = e > s;
    for (let i = s; i < e; i++) {
      const c = buf[i];
      if (c === 58) {
        colon = true;
        break;
      }
      if ((c - 48) >>> 0 > 9) digitsOnly = false;
    }
    if (colon) {
      if (!parseIPv6Bytes(buf, s, e, w, o)) return BAD;
      return isMappedIPv4(w[o], w[o + 1], w[o + 2]) ? TEXT4 : TEXT6;
    }
    if (digitsOnly && parseDecimalBytes(buf, s, e, w, o) !== DEC_INVALID) return DEC;
    return BAD;
  }

  /**
   * The CsvReader's fast lane (as in src/ip_table_builder.cpp): takes `a.b.c.d,a.b.c.d,CC` rows
   * (then '\n', "\r\n", or more fields without a quote) straight from the input while 64 bytes
   * remain (so the scans need no bounds checks), valid ones only and only while they fit the
   * budget: every other row, and every row that is an error, is left to row() and its message.
   */
  takeRows(buf, p, end, line) {
    const firstLine = line;
    if (this.sawFirstRow) {
      // the first row may be a header
      const keepLines = this.overlapsError;
      const cost = ROW_COST_V4 + (keepLines ? ROW_COST_LINE : 0);
      // The columns in locals (written back at the end); the last start, for sorted4.
      let n = this.n4;
      let S = this.start4;
      let E = this.end4;
      let C = this.country4;
      let last = n === 0 ? 0 : S[n - 1];
      let sorted = this.sorted4;
      let memory = this.memory;
      const maxMemory = this.maxMemory;
      const codeIndex = this.codeIndex;
      while (end - p >= 64) {
        const a = scanQuad(buf, p);
        let q = quadEnd;
        if (a < 0 || buf[q] !== 44) break;
        const b = scanQuad(buf, q + 1);
        q = quadEnd;
        if (b < 0 || buf[q] !== 44 || a > b) break;
        const c0 = buf[q + 1] & 0xdf;
        const c1 = buf[q + 2] & 0xdf;
        if ((c0 - 65) >>> 0 > 25 || (c1 - 65) >>> 0 > 25) break;
        q += 3;
        const c = buf[q];
        if (c === 13 && buf[q + 1] === 10) {
          q++;
        } else if (c === 44) {
          // more fields: unquoted ones are ignored as they are
          const nl = buf.indexOf(10, q);
          if (nl < 0 || nl - p > MAX_ROW_BYTES) break;
          while (q < nl && buf[q] !== 34) q++;
          if (q < nl) break;
        } else if (c !== 10) {
          break;
        }
        const code = (c0 << 8) | c1;
        let country = codeIndex[code] - 1;
        if (country < 0 && this.codes.length === MAX_COUNTRIES) break;
        if (memory + cost > maxMemory) break;
        memory += cost;
        if (country < 0) {
          country = this.codes.length;
          this.codes.push(code);
          codeIndex[code] = country + 1;
        }
        if (n === S.length) {
          this.n4 = n;
          this.grow4();
          S = this.start4;
          E = this.end4;
          C = this.country4;
        }
        S[n] = a;
        E[n] = b;
        C[n] = country;
        if (keepLines) this.line4[n] = line;
        n++;
        line++;
        if (a < last) sorted = false;
        last = a;
        p = q + 1;
      }
      this.n4 = n;
      this.sorted4 = sorted;
      this.memory = memory;
    }
    this.rowsTaken = line - firstLine;
    return p;
  }

  /** The CsvReader sink: one row's first three fields. */
  row(buf, s0, e0, s1, e1, s2, e2, fields, line) {
    if (!this.sawFirstRow) {
      // the header: a first row whose first field holds no digit and is no address
      this.sawFirstRow = true;
      let digit = false;
      for (let i = s0; i < e0; i++) {
        if ((buf[i] - 48) >>> 0 <= 9) {
          digit = true;
          break;
        }
      }
      if (!digit && this.classify(buf, s0, e0, 0) === BAD) {
        this.headerLine = line;
        this.headerField = quoteBytes(buf, s0, e0);
        return true;
      }
    }
    if (fields < 3) return this.fail(line, `expected at least 3 fields (start,end,country), got ${fields}`);
    let a = parseIPv4Bytes(buf, s0, e0);
    let b = a >= 0 ? parseIPv4Bytes(buf, s1, e1) : -1;
    let v6 = false;
    if (b < 0) {
      // anything but two IPv4 texts
      const w = this.words;
      const ka = this.classify(buf, s0, e0, 0);
      if (ka === BAD) return this.fail(line, `start is not an IP address: ${quoteBytes(buf, s0, e0)}`);
      const kb = this.classify(buf, s1, e1, 4);
      if (kb === BAD) return this.fail(line, `end is not an IP address: ${quoteBytes(buf, s1, e1)}`);
      let family = ka;
      if (ka === DEC && kb === DEC) {
        if (w[0] === 0 && w[1] === 0 && w[2] === 0 && w[4] === 0 && w[5] === 0 && w[6] === 0) {
          family = TEXT4; // both at most 4294967295: an IPv4 row
        } else {
          // an IPv6 row, where an IPv4-mapped value is the IPv4 address
          family = isMappedIPv4(w[0], w[1], w[2]) ? TEXT4 : TEXT6;
          const fb = isMappedIPv4(w[4], w[5], w[6]) ? TEXT4 : TEXT6;
          if (fb !== family) return this.familyError(buf, s0, e0, s1, e1, line);
        }
      } else if (ka !== kb) {
        return this.familyError(buf, s0, e0, s1, e1, line);
      }
      if (family === TEXT4) {
        a = w[3];
        b = w[7];
      } else {
        v6 = true;
        if (compareWords(w, 0, w, 4) > 0) return this.orderError(buf, s0, e0, s1, e1, line);
      }
    }
    if (!v6 && a > b) return this.orderError(buf, s0, e0, s1, e1, line);
    // The country: two ASCII letters, stored in upper case.
    let c0 = 0;
    let c1 = 0;
    if (e2 - s2 === 2) {
      c0 = buf[s2] & 0xdf;
      c1 = buf[s2 + 1] & 0xdf;
    }
    if ((c0 - 65) >>> 0 > 25 || (c1 - 65) >>> 0 > 25) {
      return this.fail(line, `country must be two ASCII letters, got ${quoteBytes(buf, s2, e2)}`);
    }
    const code = (c0 << 8) | c1;
    let country = this.codeIndex[code] - 1;
    if (country < 0) {
      if (this.codes.length === MAX_COUNTRIES) return this.fail(line, `more than ${MAX_COUNTRIES} distinct country codes`);
      country = this.codes.length;
      this.codes.push(code);
      this.codeIndex[code] = country + 1;
    }
    this.memory += (v6 ? ROW_COST_V6 : ROW_COST_V4) + (this.overlapsError ? ROW_COST_LINE : 0);
    if (this.memory > this.maxMemory)
      return this.fail(line, `the table would need more than ${this.maxMemory} bytes of memory (options.maxMemory)`);
    if (v6) this.push6(country, line);
    else this.push4(a, b, country, line);
    return true;
  }

  familyError(buf, s0, e0, s1, e1, line) {
    return this.fail(line, `start ${quoteBytes(buf, s0, e0)} and end ${quoteBytes(buf, s1, e1)} are not the same address family`);
  }

  orderError(buf, s0, e0, s1, e1, line) {
    return this.fail(line, `start ${quoteBytes(buf, s0, e0)} is after end ${quoteBytes(buf, s1, e1)}`);
  }

  /** Doubles the IPv4 columns (lines only with the 'error' policy, which alone reads them). */
  grow4() {
    const n = this.n4;
    this.start4 = grow32(this.start4, 2 * n);
    this.end4 = grow32(this.end4, 2 * n);
    const c = new Uint8Array(2 * n);
    c.set(this.country4);
    this.country4 = c;
    if (this.overlapsError) {
      const l = new Float64Array(2 * n);
      l.set(this.line4);
      this.line4 = l;
    }
  }

  push4(a, b, country, line) {
    const n = this.n4;
    if (n === this.start4.length) this.grow4();
    if (n !== 0 && a < this.start4[n - 1]) this.sorted4 = false;
    this.start4[n] = a;
    this.end4[n] = b;
    this.country4[n] = country;
    if (this.overlapsError) this.line4[n] = line;
    this.n4 = n + 1;
  }

  push6(country, line) {
    const n = this.n6;
    if (n === this.country6.length) {
      this.start6 = grow32(this.start6, 8 * n);
      this.end6 = grow32(this.end6, 8 * n);
      const c = new Uint8Array(2 * n);
      c.set(this.country6);
      this.country6 = c;
      if (this.overlapsError) {
        const l = new Float64Array(2 * n);
        l.set(this.line6);
        this.line6 = l;
      }
    }
    const w = this.words;
    const o = 4 * n;
    if (n !== 0 && compareWords(w, 0, this.start6, o - 4) < 0) this.sorted6 = false;
    this.start6[o] = w[0];
    this.start6[o + 1] = w[1];
    this.start6[o + 2] = w[2];
    this.start6[o + 3] = w[3];
    this.end6[o] = w[4];
    this.end6[o + 1] = w[5];
    this.end6[o + 2] = w[6];
    this.end6[o + 3] = w[7];
    this.country6[n] = country;
    if (this.overlapsError) this.line6[n] = line;
    this.n6 = n + 1;
  }

  /**
   * The 'error' policy's check: walk rows by (start, input order) keeping the row with the greatest
   * end; the first row starting at or before that end overlaps it.
   */
  findOverlap4(order) {
    const n = this.n4;
    if (n < 2) return null;
    const S = this.start4;
    const E = this.end4;
    let m = order === null ? 0 : order[0];
    for (let k = 1; k < n; k++) {
      const r = order === null ? k : order[k];
      if (S[r] <= E[m]) {
        const later = r > m ? r : m;
        const earlier = r > m ? m : r;
        return {
          line: this.line4[later],
          detail: `range ${formatIPv4(S[later])}-${formatIPv4(E[later])} overlaps the range on line ${this.line4[earlier]} (${formatIPv4(S[earlier])}-${formatIPv4(E[earlier])})`,
        };
      }
      if (E[r] > E[m]) m = r;
    }
    return null;
  }

  findOverlap6(order) {
    const n = this.n6;
    if (n < 2) return null;
    const S = this.start6;
    const E = this.end6;
    let m = order === null ? 0 : order[0];
    const range = (i) =>
      `${formatIPv6(S[4 * i], S[4 * i + 1], S[4 * i + 2], S[4 * i + 3])}-${formatIPv6(E[4 * i], E[4 * i + 1], E[4 * i + 2], E[4 * i + 3])}`;
    for (let k = 1; k < n; k++) {
      const r = order === null ? k : order[k];
      if (compareWords(S, 4 * r, E, 4 * m) <= 0) {
        const later = r > m ? r : m;
        const earlier = r > m ? m : r;
        return {
          line: this.line6[later],
          detail: `range ${range(later)} overlaps the range on line ${this.line6[earlier]} (${range(earlier)})`,
        };
      }
      if (compareWords(E, 4 * r, E, 4 * m) > 0) m = r;
    }
    return null;
  }
}

function grow32(a, size) {
  const b = new Uint32Array(size);
  b.set(a);
  return b;
}

/** Compares the 128-bit values A[a..a+3] and B[b..b+3]: negative, 0 or positive. */
function compareWords(A, a, B, b) {
  let x = A[a];
  let y = B[b];
  if (x !== y) return x < y ? -1 : 1;
  x = A[a + 1];
  y = B[b + 1];
  if (x !== y) return x < y ? -1 : 1;
  x = A[a + 2];
  y = B[b + 2];
  if (x !== y) return x < y ? -1 : 1;
  x = A[a + 3];
  y = B[b + 3];
  if (x !== y) return x < y ? -1 : 1;
  return 0;
}

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

function copyWords(A, a, B, b) {
  A[a] = B[b];
  A[a + 1] = B[b + 1];
  A[a + 2] = B[b + 2];
  A[a + 3] = B[b + 3];
}

/** Adds 1 in place; false when it wrapped around from 2^128 - 1. */
function increment(A) {
  for (let j = 3; j >= 0; j--) {
    if (A[j] !== 0xffffffff) {
      A[j]++;
      return true;
    }
    A[j] = 0;
  }
  return false;
}

/** Subtracts 1 in place (A > 0). */
function decrement(A) {
  for (let j = 3; j >= 0; j--) {
    if (A[j] !== 0) {
      A[j]--;
      return;
    }
    A[j] = 0xffffffff;
  }
}

module.exports = { IpTableBuilder, MAX_COUNTRIES };
