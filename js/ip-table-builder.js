'use strict';
// Builds an IpTable from CSV rows (docs/ip-table.md): validates each row, stores it in growable
// typed-array columns per family, then flattens overlapping ranges (narrowest wins, ties to the
// later row) or reports the first overlap ('error' policy), merges neighbours and builds the table.

const { DEC_INVALID, parseIPv4Bytes, parseIPv6Bytes, parseDecimalBytes, isMappedIPv4 } = require('./ip-address.js');
const { CsvReader, quoteBytes } = require('./csv-reader.js');
const { takePlainRows } = require('./plain-rows.js');
const { IpTable, NO_COUNTRY } = require('./ip-table.js');
const { sortOrder4, flatten4, findOverlap4 } = require('./flatten-ipv4.js');
const { sortOrder6, flatten6, findOverlap6 } = require('./flatten-ipv6.js');
const { compareWords } = require('./u128.js');
const { MAX_COUNTRIES, DEFAULT_MAX_MEMORY } = require('../api/limits.js');
const { message } = require('../api/messages.js');

// The memory budget per row, as in src/ip_table_builder.h: the row, and the segments it can become.
const ROW_COST_V4 = 20;
const ROW_COST_V6 = 68;
const ROW_COST_LINE = 8;
// Bytes per row below the real data's (IPv4 text 31, as numbers 25; IPv6 text 58, as numbers 81),
// so a file's size gives room for all its rows: the columns are sized once instead of doubled ten
// times (the copies were 7 % of a load).
const HINT_BYTES_PER_V4_ROW = 24;
const HINT_BYTES_PER_V6_ROW = 48;
// A size can overstate the rows (a sparse file; with a huge maxMemory, a file of any size asked for
// more than a typed array holds): the hint sizes for at most 4 Mi rows, 12× the real data's, and
// the columns double past that as rows come.
const HINT_MAX_ROWS = 2 ** 22;

// How a field reads (classify()).
const BAD = 0;
const TEXT4 = 1; // IPv4 text, or IPv4-mapped IPv6 text
const TEXT6 = 2;
const DEC = 3;

class IpTableBuilder {
  /**
   * @param {boolean} overlapsError true for `overlaps: 'error'`
   * @param {number} maxMemory the memory budget in bytes (docs/ip-table.md, "Memory budget")
   * @param {number} expectedBytes how many CSV bytes are coming, 0 if unknown: sizes the columns
   *   when they first outgrow their start, never beyond what the budget lets rows fill, nor
   *   beyond HINT_MAX_ROWS
   */
  constructor(overlapsError, maxMemory = DEFAULT_MAX_MEMORY, expectedBytes = 0) {
    this.overlapsError = overlapsError;
    this.maxMemory = maxMemory;
    this.rowsHint4 = Math.min(Math.ceil(expectedBytes / HINT_BYTES_PER_V4_ROW), Math.floor(maxMemory / ROW_COST_V4), HINT_MAX_ROWS);
    this.rowsHint6 = Math.min(Math.ceil(expectedBytes / HINT_BYTES_PER_V6_ROW), Math.floor(maxMemory / ROW_COST_V6), HINT_MAX_ROWS);
    this.memory = 0; // budgeted bytes of the rows so far
    this.rowCost4 = ROW_COST_V4 + (overlapsError ? ROW_COST_LINE : 0); // what a row adds to it
    this.rowCost6 = ROW_COST_V6 + (overlapsError ? ROW_COST_LINE : 0);
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
        ? [this.headerLine, message('noDataHeaderOnly', { field: this.headerField })]
        : [1, message('noDataEmpty')];
      return null;
    }
    const order4 = this.sorted4 ? null : sortOrder4(this.start4, this.n4);
    const order6 = this.sorted6 ? null : sortOrder6(this.start6, this.n6);
    if (this.overlapsError) {
      const a = findOverlap4(this.start4, this.end4, this.line4, this.n4, order4);
      const b = findOverlap6(this.start6, this.end6, this.line6, this.n6, order6);
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

  /** The CsvReader's fast lane (js/plain-rows.js): sets rowsTaken, returns where it stopped. */
  takeRows(buf, p, end, line) {
    return takePlainRows(this, buf, p, end, line);
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
    if (fields < 3) return this.fail(line, message('rowTooFewFields', { count: fields }));
    let a = parseIPv4Bytes(buf, s0, e0);
    let b = a >= 0 ? parseIPv4Bytes(buf, s1, e1) : -1;
    let v6 = false;
    if (b < 0) {
      // anything but two IPv4 texts
      const w = this.words;
      const ka = this.classify(buf, s0, e0, 0);
      if (ka === BAD) return this.fail(line, message('rowBadStart', { start: quoteBytes(buf, s0, e0) }));
      const kb = this.classify(buf, s1, e1, 4);
      if (kb === BAD) return this.fail(line, message('rowBadEnd', { end: quoteBytes(buf, s1, e1) }));
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
      return this.fail(line, message('rowBadCountry', { country: quoteBytes(buf, s2, e2) }));
    }
    const code = (c0 << 8) | c1;
    let country = this.codeIndex[code] - 1;
    if (country < 0) {
      if (this.codes.length === MAX_COUNTRIES) return this.fail(line, message('tooManyCountries', { max: MAX_COUNTRIES }));
      country = this.codes.length;
      this.codes.push(code);
      this.codeIndex[code] = country + 1;
    }
    this.memory += v6 ? this.rowCost6 : this.rowCost4;
    if (this.memory > this.maxMemory) {
      const over = this.maxMemory === 1 ? message('overMaxMemoryByte') : message('overMaxMemory', { bytes: this.maxMemory });
      return this.fail(line, over);
    }
    if (v6) this.push6(country, line);
    else this.push4(a, b, country, line);
    return true;
  }

  familyError(buf, s0, e0, s1, e1, line) {
    return this.fail(line, message('rowMixedFamilies', { start: quoteBytes(buf, s0, e0), end: quoteBytes(buf, s1, e1) }));
  }

  orderError(buf, s0, e0, s1, e1, line) {
    return this.fail(line, message('rowStartAfterEnd', { start: quoteBytes(buf, s0, e0), end: quoteBytes(buf, s1, e1) }));
  }

  /** Grows the full IPv4 columns to the hint, or doubles them (lines only with the 'error' policy, which alone reads them). */
  grow4() {
    const n = this.n4;
    const size = Math.max(2 * n, this.rowsHint4);
    this.start4 = grow32(this.start4, size);
    this.end4 = grow32(this.end4, size);
    const c = new Uint8Array(size);
    c.set(this.country4);
    this.country4 = c;
    if (this.overlapsError) {
      const l = new Float64Array(size);
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
      const size = Math.max(2 * n, this.rowsHint6); // as grow4()
      this.start6 = grow32(this.start6, 4 * size);
      this.end6 = grow32(this.end6, 4 * size);
      const c = new Uint8Array(size);
      c.set(this.country6);
      this.country6 = c;
      if (this.overlapsError) {
        const l = new Float64Array(size);
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
}

function grow32(a, size) {
  const b = new Uint32Array(size);
  b.set(a);
  return b;
}

module.exports = { IpTableBuilder, MAX_COUNTRIES };
