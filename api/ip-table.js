'use strict';
// The public IpCountryTable class, built once over a backend's builder and table handles
// (pure JS, Node-API or embind; see docs/ip-table.md for the contract).
const { CsvError } = require('./errors.js');
const {
  csvOptions,
  csvBytes,
  snapshotBytes,
  filePath,
  streamChunk,
  lookupIndex,
  lookupUntrusted,
  isUint32Array,
  isUint16Array,
  checkAttached,
  plainView,
  describe,
} = require('./ip-args.js');

const { isArray } = require('./args.js');
const { NOT_FOUND } = require('./limits.js');
const { readChunks, streamChunks, whenAborted, closeUnread } = require('./stream-source.js');
const FILE_CHUNK_BYTES = 1 << 16;
const CREATE = Symbol('IpCountryTable.create');
/** A backend's Problem (api/backend.d.ts) rather than a table handle. */
const isProblem = (result) => typeof result.detail === 'string';
// `using` looks the method up by Symbol.dispose. Where a runtime lacks the symbol (WebKitGTK 2.50),
// Babel's downlevel `using` falls back to Symbol.for('Symbol.dispose'), so that key is defined too;
// TypeScript's (tslib's __addDisposableResource) throws without Symbol.dispose, so there a polyfill
// must run before this module is evaluated. The package never adds the symbol itself: a library does
// not patch globals.
const DISPOSE_KEYS = [...new Set([Symbol.dispose, Symbol.for('Symbol.dispose')].filter((key) => typeof key === 'symbol'))];
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * @param backend the implementation (see createApi)
 * @param fs Node's fs module for fromFile, or null where there is no file system (browsers)
 */
function defineIpCountryTable(backend, fs) {
  // The last resort for tables nobody freed: their memory (outside the JS heap for native and WASM)
  // is released when the collector gets to the wrapper, which can be much later. Said once. Where
  // there is no FinalizationRegistry (Cloudflare Workers before compatibility date 2025-05-05),
  // there is no last resort: free() is then the only way a table's memory comes back.
  let warned = false;
  const registry =
    typeof FinalizationRegistry === 'function'
      ? new FinalizationRegistry((handle) => {
          const bytes = handle.byteSize();
          handle.delete();
          if (!warned) {
            warned = true;
            warnNotFreed(bytes);
          }
        })
      : null;

  // The table from a builder that took all its input (`ok`), or the CsvError it found.
  function finish(builder, ok) {
    const handle = ok ? builder.finish() : null;
    if (!handle) {
      const { line, detail } = builder.problem();
      throw new CsvError(`line ${line}: ${detail}`, line);
    }
    return new IpCountryTable(CREATE, handle);
  }

  function build({ overlapsError, maxMemory }, expectedBytes, feedAll) {
    const builder = backend.createBuilder(overlapsError, maxMemory, expectedBytes);
    try {
      return finish(builder, feedAll(builder));
    } finally {
      builder.delete();
    }
  }

  class IpCountryTable {
    #handle;
    #countries; // what lookups answer from: a plain array (V8 reads a frozen one ~3 ns slower)
    #countryList; // the same codes, frozen, for the countries getter
    #sizes;

    /** @private Use fromCsv, fromFile, fromStream or fromBinary. */
    constructor(token, handle) {
      if (token !== CREATE) throw new TypeError('IpCountryTable: use IpCountryTable.fromCsv, fromFile, fromStream or fromBinary');
      this.#handle = handle;
      this.#countries = handle.countryCodes().match(/../g) ?? [];
      this.#countryList = Object.freeze([...this.#countries]);
      this.#sizes = handle.sizes();
      registry?.register(this, handle, this);
    }

    static get NOT_FOUND() {
      return NOT_FOUND;
    }

    static fromCsv(data, options) {
      const settings = csvOptions(options);
      const bytes = csvBytes(data, 'fromCsv');
      return build(settings, bytes.length, (builder) => builder.feed(bytes));
    }

    static fromFile(path, options) {
      if (!fs) {
        throw new Error(
          'IpCountryTable.fromFile: there is no file system in the browser; use fromCsv(bytes) or fromStream((await fetch(url)).body)',
        );
      }
      const file = filePath(path);
      const settings = csvOptions(options);
      const fd = fs.openSync(file, 'r');
      try {
        return build(settings, fs.fstatSync(fd).size, (builder) => {
          // Straight into the backend's own input buffer where it has one (in the WebAssembly heap:
          // feeding a JavaScript buffer would copy every chunk once more), else into one of ours.
          const own = builder.inputBuffer ? null : new Uint8Array(FILE_CHUNK_BYTES);
          for (;;) {
            const buffer = own ?? builder.inputBuffer();
            const read = fs.readSync(fd, buffer, 0, buffer.length, null);
            if (read === 0) return true;
            if (!(own ? builder.feed(own.subarray(0, read)) : builder.feedInputBuffer(read))) return false;
          }
        });
      } finally {
        fs.closeSync(fd);
      }
    }

    static async fromStream(source, options) {
      const { overlapsError, maxMemory, signal, sizeHint } = csvOptions(options, (reason) => closeUnread(source, reason));
      const chunks = readChunks(streamChunks(source, signal));
      const builder = backend.createBuilder(overlapsError, maxMemory, sizeHint);
      const abort = whenAborted(signal);
      let waiting = false; // for the source: after an abort it may never answer, so its close is not awaited
      try {
        let ok = true;
        for (;;) {
          waiting = true;
          const next = await (abort ? Promise.race([chunks.next(), abort.promise]) : chunks.next());
          waiting = false;
          if (next.done) break;
          if (!builder.feed(streamChunk(next.value))) {
            ok = false;
            break;
          }
        }
        return finish(builder, ok);
      } finally {
        abort?.stop();
        builder.delete();
        // As for-await's break: close the source (a source stuck in a read closes when it ends).
        // The error that ended the load is the one reported, not one of the source's close.
        const closing = chunks.return().catch(() => {});
        if (!waiting) await closing;
      }
    }

    static fromBinary(bytes) {
      const result = backend.tableFromBinary(snapshotBytes(bytes));
      if (isProblem(result)) throw new RangeError(result.detail);
      return new IpCountryTable(CREATE, result);
    }

    // A method called on something that is not a table of this implementation (another
    // implementation's table, a plain object) gets this TypeError rather than V8's private-field one.
    static #brand(table) {
      if (table === null || typeof table !== 'object' || !(#handle in table)) {
        throw new TypeError(
          `IpCountryTable: ${describe(table)} is not a table of this implementation (tables do not move between js, native and pkg)`,
        );
      }
    }

    static #live(table) {
      IpCountryTable.#brand(table);
      if (!table.#handle) throw new TypeError('IpCountryTable: the table has been freed');
      return table.#handle;
    }

    /** Ranges after flattening and merging, both families. */
    get size() {
      IpCountryTable.#live(this);
      return this.#sizes[0] + this.#sizes[1];
    }

    /** Distinct country codes the table can answer, sorted. */
    get countries() {
      IpCountryTable.#live(this);
      return this.#countryList;
    }

    /** Bytes of memory the table's arrays hold (segments, countries, lookup index). */
    get byteLength() {
      return IpCountryTable.#live(this).byteSize();
    }

    lookup(ip) {
      // Numbers and text through functions of their own: V8 optimises each with its own type
      // feedback, so a program that looks up both does not slow either down.
      const handle = IpCountryTable.#live(this);
      return typeof ip === 'number' ? lookupNumber(handle, this.#countries, ip) : lookupOther(handle, this.#countries, ip);
    }

    /**
     * For text from outside (headers, logs): an address as people write it, or null for anything
     * else, never an exception. Takes the first entry of a comma-separated list (X-Forwarded-For),
     * `a.b.c.d:port`, `[v6]` and `[v6]:port`, a `%zone` suffix, and spaces around it.
     */
    tryLookup(text) {
      const index = lookupUntrusted(IpCountryTable.#live(this), text);
      return index < 0 ? null : this.#countries[index];
    }

    lookupMany(ips) {
      const handle = IpCountryTable.#live(this);
      if (isUint32Array(ips)) {
        const view = plainView(ips, Uint32Array);
        if (view.length === 0) checkAttached(ips, 'lookupMany: ips');
        const indexes = new Uint16Array(view.length);
        handle.lookupIndexes(view, indexes);
        return Array.from(indexes, (i) => (i === NOT_FOUND ? null : this.#countries[i]));
      }
      if (!isArray(ips))
        throw new TypeError(
          `lookupMany: ips must be a Uint32Array or an array of addresses (strings, numbers, bigints), got ${describe(ips)}`,
        );
      const countries = new Array(ips.length);
      for (let i = 0; i < ips.length; i++) {
        // not map(): holes in a sparse array must throw too
        const ip = ips[i];
        if (!this.#handle) IpCountryTable.#live(this); // an element's getter freed the table
        const index = lookupIndex(handle, ip, `lookupMany: ips[${i}]: `);
        countries[i] = index < 0 ? null : this.#countries[index];
      }
      return countries;
    }

    lookupIndexes(ips, out) {
      const handle = IpCountryTable.#live(this);
      if (!isUint32Array(ips)) throw new TypeError(`lookupIndexes: ips must be a Uint32Array, got ${describe(ips)}`);
      const view = plainView(ips, Uint32Array);
      if (view.length === 0) checkAttached(ips, 'lookupIndexes: ips'); // detached views read as empty
      if (out === undefined) out = new Uint16Array(view.length);
      else if (!isUint16Array(out)) throw new TypeError(`lookupIndexes: out must be a Uint16Array, got ${describe(out)}`);
      const into = plainView(out, Uint16Array);
      if (into.length < view.length) {
        checkAttached(out, 'lookupIndexes: out'); // a detached out reads as length 0
        throw new RangeError(`lookupIndexes: out has length ${into.length}, needs at least ${view.length}`);
      }
      handle.lookupIndexes(view, into);
      return out;
    }

    toBinary() {
      return IpCountryTable.#live(this).toBinary();
    }

    free() {
      IpCountryTable.#brand(this);
      if (!this.#handle) throw new TypeError('IpCountryTable: free() called twice');
      registry?.unregister(this);
      this.#handle.delete();
      this.#handle = null;
    }

    /** util.inspect / console.log in Node: what the table holds (or that it was freed). */
    [INSPECT]() {
      IpCountryTable.#brand(this);
      if (!this.#handle) return 'IpCountryTable { freed }';
      const [v4, v6] = this.#sizes;
      return `IpCountryTable { size: ${v4 + v6} (IPv4 ${v4}, IPv6 ${v6}), countries: ${this.#countries.length}, byteLength: ${this.#handle.byteSize()} }`;
    }

    // [Symbol.dispose]: free() for `using`, nothing on a table already freed.
    static {
      for (const key of DISPOSE_KEYS) {
        Object.defineProperty(this.prototype, key, {
          value: function dispose() {
            IpCountryTable.#brand(this);
            if (this.#handle) this.free();
          },
          writable: true,
          configurable: true,
        });
      }
    }
  }
  Object.defineProperty(IpCountryTable, 'name', { value: 'IpCountryTable' }); // as CsvError's, in errors.js

  return IpCountryTable;
}

function lookupNumber(handle, countries, ip) {
  // A uint32 is the common case, and `ip >>> 0 === ip` checks it in one step.
  const index = ip >>> 0 === ip ? handle.lookupV4(ip) : lookupIndex(handle, ip, 'lookup: ');
  return index < 0 ? null : countries[index];
}

function lookupOther(handle, countries, ip) {
  const index = lookupIndex(handle, ip, 'lookup: ');
  return index < 0 ? null : countries[index];
}

/** The one warning: through process.emitWarning where there is one (Node, Bun, Deno), else console. */
function warnNotFreed(bytes) {
  const message =
    `an IpCountryTable was garbage-collected without free(); its ${bytes} bytes were held until then. ` +
    'Call table.free() (or declare it with `using`) when done with a table. Further ones are not reported.';
  if (typeof process === 'object' && process && typeof process.emitWarning === 'function') {
    process.emitWarning(message, { type: 'NativeVsWasmWarning', code: 'NVW_TABLE_NOT_FREED' });
  } else if (typeof console === 'object') {
    console.warn(`native-vs-wasm: ${message}`);
  }
}

module.exports = { defineIpCountryTable, NOT_FOUND };
