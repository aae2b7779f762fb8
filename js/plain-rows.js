'use strict';
// The fast lane of the CSV -> table builder (as take_rows in src/ip_table_builder.cpp): plain rows
// read straight from the input, into the builder's columns.

const { MAX_IP_TEXT_LENGTH, isMappedIPv4 } = require('./ip-address.js');
const { scanQuad, scanned, scanIPv6 } = require('./lane-scans.js');
const { MAX_ROW_BYTES } = require('./csv-reader.js');
const { compareWords } = require('./u128.js');
const { MAX_COUNTRIES } = require('../api/limits.js');

// Bytes the lane needs ahead of a row: two IPv6 fields with their commas, a country and "\r\n"
// (scanIPv6 reads up to 7 bytes past a field's MAX_IP_TEXT_LENGTH, still inside the next field's room).
const LANE_SLACK = 2 * (MAX_IP_TEXT_LENGTH + 1) + 8;

/**
 * Takes `a.b.c.d,a.b.c.d,CC` rows and rows of two IPv6 text addresses (then '\n', "\r\n", or more
 * fields without a quote) straight from the input while LANE_SLACK bytes remain (so the scans need
 * no bounds checks), valid ones only and only while they fit the budget: every other row, and every
 * row that is an error, is left to the builder's row() and its message. Sets builder.rowsTaken and
 * returns where it stopped.
 */
function takePlainRows(builder, buf, p, end, line) {
  const firstLine = line;
  if (builder.sawFirstRow) {
    // the first row may be a header
    const keepLines = builder.overlapsError;
    const cost = builder.rowCost4;
    const cost6 = builder.rowCost6;
    const w = builder.words;
    // The columns in locals (written back at the end); the last start, for sorted4.
    let n = builder.n4;
    let S = builder.start4;
    let E = builder.end4;
    let C = builder.country4;
    let last = n === 0 ? 0 : S[n - 1];
    let sorted = builder.sorted4;
    let memory = builder.memory;
    const maxMemory = builder.maxMemory;
    const codeIndex = builder.codeIndex;
    while (end - p >= LANE_SLACK) {
      const a = scanQuad(buf, p);
      let q = scanned.end;
      const v6 = a < 0;
      let b = 0;
      if (v6) {
        // an IPv6 row, or one for row()
        q = scanIPv6Field(buf, p, w, 0);
        if (q < 0) break;
        q = scanIPv6Field(buf, q + 1, w, 4);
        if (q < 0 || compareWords(w, 0, w, 4) > 0) break;
      } else {
        if (buf[q] !== 44) break;
        b = scanQuad(buf, q + 1);
        q = scanned.end;
        if (b < 0 || buf[q] !== 44 || a > b) break;
      }
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
      if (country < 0 && builder.codes.length === MAX_COUNTRIES) break;
      const rowCost = v6 ? cost6 : cost;
      if (memory + rowCost > maxMemory) break;
      memory += rowCost;
      if (country < 0) {
        country = builder.codes.length;
        builder.codes.push(code);
        codeIndex[code] = country + 1;
      }
      if (v6) {
        builder.push6(country, line++);
        p = q + 1;
        continue;
      }
      if (n === S.length) {
        builder.n4 = n;
        builder.grow4();
        S = builder.start4;
        E = builder.end4;
        C = builder.country4;
      }
      S[n] = a;
      E[n] = b;
      C[n] = country;
      if (keepLines) builder.line4[n] = line;
      n++;
      line++;
      if (a < last) sorted = false;
      last = a;
      p = q + 1;
    }
    builder.n4 = n;
    builder.sorted4 = sorted;
    builder.memory = memory;
  }
  builder.rowsTaken = line - firstLine;
  return p;
}

/** The IPv6 text field at buf[p] into words[o..o+3]: where its ',' is, or -1 (also for IPv4-mapped text, which is IPv4: row() takes it). */
function scanIPv6Field(buf, p, words, o) {
  const comma = scanIPv6(buf, p, words, o);
  return comma < 0 || isMappedIPv4(words[o], words[o + 1], words[o + 2]) ? -1 : comma;
}

module.exports = { takePlainRows };
