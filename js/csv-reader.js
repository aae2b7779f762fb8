'use strict';
// A streaming CSV row splitter (docs/ip-table.md, "CSV input"): takes bytes in chunks of any size
// and hands each non-blank row (the header included) to a sink as byte ranges of its first three
// fields. Quoted fields follow RFC 4180. Rows without quotes are split in place, straight from the
// chunk; a row with a quoted field, or one that straddles chunks, is copied once.

const { MAX_CSV_ROW_BYTES: MAX_ROW_BYTES } = require('../api/limits.js');
const { message } = require('../api/messages.js');
const TOO_LONG = message('csvRowTooLong', { max: MAX_ROW_BYTES });

// States of the row-end scanner: quotes matter only at the start of a field.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3; // just saw a '"' inside a quoted field: closing, or the first of ""
const AFTER_QUOTED = 4;

/**
 * @typedef {object} RowSink
 * @property {(buf: Uint8Array, s0: number, e0: number, s1: number, e1: number, s2: number,
 *   e2: number, fields: number, line: number) => boolean} row
 *   receives field k as buf[sk, ek) (trimmed, unquoted; unused fields are empty) and the number of
 *   fields; returns false to stop reading (the sink keeps its own error).
 * @property {(buf: Uint8Array, p: number, end: number, line: number) => number} takeRows
 *   a fast lane offered each stretch of input before it is split: the sink may take whole rows
 *   from buf[p, end) itself (rows it recognises as plain, valid data and handles exactly as row()
 *   would) and returns where it stopped, just after a '\n' (p when it took none). Each row taken
 *   is one line; rows not taken come through row().
 * @property {number} rowsTaken how many rows the last takeRows() took
 */

class CsvReader {
  /** @param {RowSink} sink */
  constructor(sink) {
    this.sink = sink;
    this.line = 1; // the line the next row starts on
    this.stopped = false;
    this.errorLine = 0;
    this.errorDetail = null; // a CSV problem (null when the sink stopped reading)
    this.atStart = true; // still before a possible BOM
    this.head = new Uint8Array(3);
    this.headLength = 0;
    // An incomplete row carried over to the next chunk, and the scanner's state at its end.
    this.pending = new Uint8Array(1024);
    this.pendingLength = 0;
    this.state = FIELD_START;
    this.rowLines = 0; // line breaks inside the row scanned so far (in quoted fields)
    this.quoteLine = 0; // where the last quote that is still open opened
    // Field bytes of a row that needed unquoting.
    this.scratch = new Uint8Array(1024);
  }

  fail(line, detail) {
    this.stopped = true;
    this.errorLine = line;
    this.errorDetail = detail;
    return false;
  }

  /** @param {Uint8Array} bytes @returns {boolean} false once reading stopped */
  feed(bytes) {
    if (this.stopped) return false;
    let p = 0;
    const end = bytes.length;
    if (this.atStart) {
      // skip a UTF-8 BOM, even when it straddles chunks
      if (this.headLength === 0 && end >= 3) {
        this.atStart = false;
        if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) p = 3;
      } else {
        while (p < end && this.headLength < 3) this.head[this.headLength++] = bytes[p++];
        if (this.headLength < 3) return true;
        this.atStart = false;
        const h = this.head;
        if (!(h[0] === 0xef && h[1] === 0xbb && h[2] === 0xbf) && !this.feedBytes(h, 0, 3)) return false;
      }
    }
    return this.feedBytes(bytes, p, end);
  }

  /** @returns {boolean} false when reading stopped (here or before) */
  finish() {
    if (this.stopped) return false;
    if (this.atStart) {
      this.atStart = false;
      if (!this.feedBytes(this.head, 0, this.headLength)) return false;
    }
    if (this.pendingLength === 0) return true;
    if (this.state === QUOTED) return this.fail(this.quoteLine, message('csvUnterminatedQuote'));
    const length = this.pendingLength;
    this.pendingLength = 0;
    this.state = FIELD_START;
    return this.slowRow(this.pending, 0, length);
  }

  /**
   * Continues the row-end scanner over buf[p, end). Returns the index of the '\n' that ends the
   * row, or -1 (the state then describes the row so far).
   */
  scan(buf, p, end) {
    let state = this.state;
    for (let i = p; i < end; i++) {
      const c = buf[i];
      switch (state) {
        case FIELD_START:
          if (c === 34) {
            state = QUOTED;
            this.quoteLine = this.line + this.rowLines;
          } else if (c !== 44 && c !== 10 && c !== 32 && c !== 9) {
            state = UNQUOTED;
          }
          break;
        case UNQUOTED:
          if (c === 44) state = FIELD_START;
          break;
        case QUOTED:
          if (c === 34) state = QUOTE_IN_QUOTED;
          break;
        case QUOTE_IN_QUOTED:
          state = c === 34 ? QUOTED : c === 44 ? FIELD_START : AFTER_QUOTED;
          break;
        default: // AFTER_QUOTED
          if (c === 44) state = FIELD_START;
          break;
      }
      if (c === 10) {
        if (state !== QUOTED) {
          this.state = FIELD_START;
          return i;
        }
        this.rowLines++;
      }
    }
    this.state = state;
    return -1;
  }

  appendPending(buf, p, end) {
    const need = this.pendingLength + (end - p);
    if (need > this.pending.length) {
      let size = this.pending.length * 2;
      while (size < need) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.pending.subarray(0, this.pendingLength));
      this.pending = grown;
    }
    this.pending.set(buf.subarray(p, end), this.pendingLength);
    this.pendingLength = need;
  }

  /** Keeps buf[rowStart, end), a row without its end, for the next chunk. */
  keepRow(buf, rowStart, end, scanned) {
    if (end - rowStart > MAX_ROW_BYTES + 1) return this.fail(this.line, TOO_LONG);
    if (!scanned) {
      // establish the scanner's state over the bytes kept
      this.state = FIELD_START;
      this.rowLines = 0;
      this.scan(buf, rowStart, end);
    }
    this.pendingLength = 0;
    this.appendPending(buf, rowStart, end);
    return true;
  }

  feedBytes(buf, p, end) {
    if (this.pendingLength !== 0) {
      // complete the row carried over
      const room = MAX_ROW_BYTES + 2 - this.pendingLength; // a row end further away is too far
      const limit = end - p > room ? p + room : end;
      const nl = this.scan(buf, p, limit);
      if (nl < 0) {
        if (limit < end || this.pendingLength + (end - p) > MAX_ROW_BYTES + 1) return this.fail(this.line, TOO_LONG);
        this.appendPending(buf, p, end);
        return true;
      }
      this.appendPending(buf, p, nl);
      const length = this.pendingLength;
      this.pendingLength = 0;
      if (!this.slowRow(this.pending, 0, length)) return false;
      p = nl + 1;
    }
    const sink = this.sink;
    while (p < end) {
      const taken = sink.takeRows(buf, p, end, this.line);
      if (taken !== p) {
        this.line += sink.rowsTaken;
        p = taken;
        if (p === end) break;
      }
      // Split the row in place as long as no field starts with a quote.
      const rowStart = p;
      let s0 = p,
        e0 = p,
        s1 = p,
        e1 = p,
        s2 = p,
        e2 = p;
      let fields = 0;
      let c = 0;
      let quoted = false;
      for (;;) {
        while (p < end && ((c = buf[p]) === 32 || c === 9)) p++;
        if (p === end) break;
        if (c === 34) {
          quoted = true;
          break;
        }
        const fieldStart = p;
        while (p < end && (c = buf[p]) !== 44 && c !== 10) p++;
        if (p === end) break;
        let fieldEnd = p;
        if (c === 10 && fieldEnd > rowStart && buf[fieldEnd - 1] === 13) fieldEnd--; // CRLF
        while (fieldEnd > fieldStart && ((c = buf[fieldEnd - 1]) === 32 || c === 9)) fieldEnd--;
        if (fields === 0) {
          s0 = fieldStart;
          e0 = fieldEnd;
        } else if (fields === 1) {
          s1 = fieldStart;
          e1 = fieldEnd;
        } else if (fields === 2) {
          s2 = fieldStart;
          e2 = fieldEnd;
        }
        fields++;
        if (buf[p] === 10) break;
        p++; // the comma
      }
      if (quoted) {
        this.state = FIELD_START;
        this.rowLines = 0;
        const room = MAX_ROW_BYTES + 2;
        const limit = end - rowStart > room ? rowStart + room : end;
        const nl = this.scan(buf, rowStart, limit);
        if (nl < 0) {
          if (limit < end) return this.fail(this.line, TOO_LONG);
          return this.keepRow(buf, rowStart, end, true);
        }
        if (!this.slowRow(buf, rowStart, nl)) return false;
        p = nl + 1;
        continue;
      }
      if (p === end) return this.keepRow(buf, rowStart, end, false);
      // buf[p] is the '\n' ending the row.
      const line = this.line++;
      const rowEnd = p > rowStart && buf[p - 1] === 13 ? p - 1 : p;
      p++;
      if (rowEnd - rowStart > MAX_ROW_BYTES) return this.fail(line, TOO_LONG);
      if (fields === 1 && s0 === e0) continue; // a blank line
      if (!sink.row(buf, s0, e0, s1, e1, s2, e2, fields, line)) {
        this.stopped = true;
        return false;
      }
    }
    return true;
  }

  /**
   * Any complete row buf[rowStart, nl), nl being its '\n' or the end of the input; quotes closed.
   * Unquoted field bytes are gathered in `scratch`.
   */
  slowRow(buf, rowStart, nl) {
    const line = this.line;
    let breaks = 0;
    for (let i = rowStart; i < nl; i++) if (buf[i] === 10) breaks++;
    this.line += breaks + 1;
    const rowEnd = nl > rowStart && buf[nl - 1] === 13 ? nl - 1 : nl;
    if (rowEnd - rowStart > MAX_ROW_BYTES) return this.fail(line, TOO_LONG);
    let i = rowStart;
    while (i < rowEnd && (buf[i] === 32 || buf[i] === 9)) i++;
    if (i === rowEnd) return true; // a blank line
    if (this.scratch.length < rowEnd - rowStart) this.scratch = new Uint8Array(Math.max(rowEnd - rowStart, this.scratch.length * 2));
    const out = this.scratch;
    let w = 0;
    const starts = [0, 0, 0];
    const ends = [0, 0, 0];
    let fields = 0;
    i = rowStart;
    for (;;) {
      let c = 0;
      while (i < rowEnd && ((c = buf[i]) === 32 || c === 9)) i++;
      const fieldStart = w;
      let last;
      if (i < rowEnd && c === 34) {
        for (i++; ; i++) {
          // the scanner made sure the closing quote is there
          c = buf[i];
          if (c === 34) {
            if (i + 1 < rowEnd && buf[i + 1] === 34) {
              out[w++] = 34;
              i++;
              continue;
            }
            i++;
            break;
          }
          out[w++] = c;
        }
        while (i < rowEnd && ((c = buf[i]) === 32 || c === 9)) i++;
        last = i === rowEnd;
        if (!last) {
          if (c !== 44) return this.fail(line, message('csvTextAfterQuote'));
          i++;
        }
      } else {
        let j = i;
        while (j < rowEnd && buf[j] !== 44) j++;
        let fieldEnd = j;
        while (fieldEnd > i && ((c = buf[fieldEnd - 1]) === 32 || c === 9)) fieldEnd--;
        if (fields < 3) {
          out.set(buf.subarray(i, fieldEnd), w);
          w += fieldEnd - i;
        }
        last = j === rowEnd;
        i = j + 1;
      }
      if (fields < 3) {
        starts[fields] = fieldStart;
        ends[fields] = w;
      } else {
        w = fieldStart; // keep only the first three fields
      }
      fields++;
      if (last) break;
    }
    if (!this.sink.row(out, starts[0], ends[0], starts[1], ends[1], starts[2], ends[2], fields, line)) {
      this.stopped = true;
      return false;
    }
    return true;
  }
}

/**
 * Renders field bytes for a message: printable ASCII as is, '"' and '\' escaped with '\', other
 * bytes as \xNN; over 40 bytes, the first 40 and "...". Quoted.
 */
function quoteBytes(buf, s, e) {
  const stop = e - s > 40 ? s + 40 : e;
  let out = '"';
  for (let i = s; i < stop; i++) {
    const c = buf[i];
    if (c === 34 || c === 92) out += `\\${String.fromCharCode(c)}`;
    else if (c >= 0x20 && c <= 0x7e) out += String.fromCharCode(c);
    else out += `\\x${c < 16 ? '0' : ''}${c.toString(16)}`;
  }
  if (stop < e) out += '...';
  return `${out}"`;
}

module.exports = { CsvReader, MAX_ROW_BYTES, quoteBytes };
