// Type definitions for native-vs-wasm. Hand-written (Emscripten 3.1.6 has no --emit-tsd) and
// checked by test/package.test.js: the declared names must equal the module's runtime exports.
// The full contract (CSV rules, exact error messages, snapshot format) is docs/ip-table.md.
// This file types the CommonJS entry (index.js). index.d.mts (Node ESM: adds `init`, which resolves at
// once) and web.d.mts (browsers and bundlers: `await init(input?)` first) re-export these declarations.

/**
 * Recursive Fibonacci, exactly as in the original study: `0` for `n < 1`, `1` for `n <= 2`,
 * else `fibonacci(n - 1) + fibonacci(n - 2)`, computed in int32 by the WebAssembly kernel.
 *
 * @param n an integer; at most 46 (fib(47) overflows int32)
 * @throws {TypeError} if `n` is not an integer number (NaN, ±Infinity, fractions, bigints, strings…)
 * @throws {RangeError} if `n > 46`
 */
export declare function fibonacci(n: number): number;

declare global {
  // Lets `[Symbol.dispose]` compile for consumers whose `lib` predates esnext.disposable;
  // it merges with the declaration in newer libs and @types/node.
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}

/** How overlapping CSV ranges are treated. */
export interface CsvOptions {
  /**
   * `'narrowest'` (default): an address gets the country of the narrowest range covering it, the
   * later row on a tie. `'error'`: any overlap is a {@link CsvError} naming both lines.
   */
  overlaps?: 'narrowest' | 'error' | undefined;
  /**
   * The memory budget for building the table, in bytes (default 2^29, 512 MiB): each row counts
   * 20 bytes (IPv4) or 68 (IPv6), 8 more with `overlaps: 'error'`. A CSV over budget is a
   * {@link CsvError} at the row that crosses it, never an out-of-memory abort.
   */
  maxMemory?: number | undefined;
  /**
   * Gives up on a load: `fromStream` stops waiting for chunks when it aborts, cancels the source
   * and rejects with the signal's reason, releasing what the build held; every load that starts
   * with it already aborted throws that reason (`fromStream` rejects with it, and closes the source
   * unread). (`fromCsv` and `fromFile` run in one call.)
   */
  signal?: AbortSignalLike | undefined;
  /**
   * How many bytes `fromStream` will read, when known (e.g. a response's `Content-Length`): the
   * pure-JS builder sizes its columns once from it. Only a hint; `fromCsv` and `fromFile` ignore it.
   */
  sizeHint?: number | undefined;
}

/** The CSV could not be read; `line` is the 1-based line of the offending row. */
export declare class CsvError extends Error {
  /** The tables throw these; code of yours that makes one gives the line too. */
  constructor(message: string, line: number);
  readonly name: 'CsvError';
  readonly line: number;
}

/**
 * Chunks `fromStream` accepts: a web `ReadableStream` (e.g. `fetch` bodies) or any (async) iterable
 * but a string, which is iterable too (CSV text goes to `fromCsv`; `fromStream` throws a TypeError).
 */
export type CsvSource = AsyncIterable<CsvChunk> | (Iterable<CsvChunk> & { readonly charAt?: never }) | ReadableStreamLike;
export type CsvChunk = Uint8Array | ArrayBuffer | string;

// Structural stand-ins for web types, so that these declarations compile in a Node project with no
// DOM library (a real ReadableStream, URL, Request or Response is assignable to them).
/** A web `ReadableStream` of chunks (read through `getReader()`): bytes, or text (a TextDecoderStream's). */
export interface ReadableStreamLike {
  getReader(): {
    // `| undefined` spelled out: under exactOptionalPropertyTypes a real stream's result has it.
    read(): PromiseLike<{ done: boolean; value?: CsvChunk | undefined }>;
    cancel(reason?: unknown): PromiseLike<void>;
    releaseLock(): void;
  };
}
/** An `AbortSignal` (`AbortController#signal`, `AbortSignal.timeout(ms)`). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}
/** A WHATWG `URL` (a `file:` URL for `fromFile`). */
export interface UrlLike {
  readonly href: string;
  readonly protocol: string;
}
/** A fetch `Response`. */
export interface ResponseLike {
  readonly ok: boolean;
  readonly status: number;
  readonly url: string;
  arrayBuffer(): PromiseLike<ArrayBuffer>;
}
/** A fetch `Request`. */
export interface RequestLike {
  readonly url: string;
  readonly method: string;
}

/**
 * Where the browser entry's `init` gets the WebAssembly module from: a URL (string or `URL`), a
 * `Request`, a `Response`, the bytes, or a compiled `WebAssembly.Module`. In Node the module is
 * ready on load: `init` awaits the input and checks it as the browser entry does short of fetching
 * (its kind, and that bytes are WebAssembly: a `TypeError` otherwise), but loads nothing.
 */
export type InitInput = string | UrlLike | RequestLike | ResponseLike | ArrayBuffer | ArrayBufferView | WebAssemblyModuleLike;
/** A compiled `WebAssembly.Module` (any object: the WebAssembly types live in the DOM library). */
export type WebAssemblyModuleLike = object;

/**
 * Nothing to wait for in Node: the module is compiled on `require()`. This resolves once its input
 * has (rejecting with the browser entry's `TypeError` for what it would reject without fetching), so that
 * code written for the browser entry (`await init()`, `await init(wasmUrl)`) runs unchanged.
 */
export default function init(input?: InitInput | PromiseLike<InitInput>): Promise<void>;

/**
 * An immutable IPv4 + IPv6 → country table, built from a CSV of `start,end,country` rows or a
 * snapshot. Its memory lives in WebAssembly: `free()` it (or declare it with `using`) when done.
 * A table dropped without `free()` is released only when the garbage collector gets to it (a
 * FinalizationRegistry, the last resort; the first time, a `NVW_TABLE_NOT_FREED` warning).
 */
export declare class IpCountryTable {
  private constructor();

  /** The value `lookupIndexes` writes for an address with no country (65535). */
  static readonly NOT_FOUND: 65535;

  /** Builds a table from CSV text or UTF-8 bytes. @throws {CsvError} on bad input */
  static fromCsv(data: Uint8Array | ArrayBuffer | string, options?: CsvOptions): IpCountryTable;
  /** Node only: reads the file in 64 KiB chunks. @throws {CsvError} on bad input */
  static fromFile(path: string | UrlLike | Uint8Array, options?: CsvOptions): IpCountryTable;
  /** Builds a table from a stream of chunks of any size (a row may straddle chunks). */
  static fromStream(source: CsvSource, options?: CsvOptions): Promise<IpCountryTable>;
  /** Loads a snapshot made by `toBinary()` (format version 2, or version 1 from earlier releases). @throws {RangeError} when truncated or corrupted */
  static fromBinary(bytes: Uint8Array | ArrayBuffer): IpCountryTable;

  /**
   * A compact, versioned, checksummed snapshot of the table, in an ArrayBuffer of its own: it can be
   * transferred (`postMessage(s, [s.buffer])`) or given to `Blob`, `Response` or `fromBinary(s.buffer)`.
   */
  toBinary(): Uint8Array & { readonly buffer: ArrayBuffer };

  /** Ranges after flattening overlaps and merging neighbours, both families. */
  readonly size: number;
  /** Distinct country codes the table can answer, sorted. */
  readonly countries: readonly string[];
  /** Bytes of memory the table holds (ranges, countries, lookup index). */
  readonly byteLength: number;

  /**
   * The country of an address: IPv4 or IPv6 text, an IPv4 number (uint32), or an IPv6 bigint.
   * `null` when no range covers it. IPv4-mapped IPv6 addresses answer as IPv4.
   * @throws {TypeError} for text that is not an address, or a value of the wrong type
   * @throws {RangeError} for numbers outside 0…2^32−1 or bigints outside 0…2^128−1
   */
  lookup(ip: string | number | bigint): string | null;
  /**
   * For text from outside (a header, a log line): the country of the address in it, or `null` for
   * anything that is not an address — never an exception. Takes the first entry of a
   * comma-separated list (`X-Forwarded-For`: the client as it claims to be), `a.b.c.d:port`,
   * `[v6]`, `[v6]:port`, a `%zone`, and spaces around them. Values that are not strings are `null`.
   */
  tryLookup(text: unknown): string | null;
  /** `lookup` for many addresses: IPv4 numbers in a `Uint32Array`, or an array of addresses. */
  lookupMany(ips: Uint32Array | readonly (string | number | bigint)[]): (string | null)[];
  /**
   * Batch lookup without a string per answer: `out[i]` is the index of the country in
   * `countries`, or `IpCountryTable.NOT_FOUND`. Returns `out` (a new array when not given).
   */
  lookupIndexes(ips: Uint32Array, out?: Uint16Array): Uint16Array;

  /** Releases the table's memory; any later use throws a TypeError, as does a second `free()`. */
  free(): void;
  /** `free()`, unless already freed: for `using table = IpCountryTable.fromCsv(...)`. */
  [Symbol.dispose](): void;
}
