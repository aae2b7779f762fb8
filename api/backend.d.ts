// The contract between the API layer (api/) and the three backends that do the work: js/ (pure
// JavaScript), native/ (the Node-API addon) and wasm/ (the WebAssembly module). The API layer
// checks every argument first: a backend receives only valid values. Each adapter declares its
// backend with `@type {import('../api/backend').Backend}` and `npm test` runs `tsc --checkJs` over
// them, so a method added here is a compile error in every adapter until it is implemented.
//
// Errors come back as data, one convention for all: a `Problem`. The API layer turns problems
// into CsvError / RangeError. The text of a problem is the kernel's, but its wording is
// api/messages.json, shared by all three (api/messages.js formats it for the JS twin; the C++ kernels
// have it compiled in, src/messages.cmake), so the same bad input reads the same everywhere.

/** A bad CSV (line >= 1) or a bad snapshot (line 0): the message's text, without "line N: ". */
export interface Problem {
  readonly line: number;
  readonly detail: string;
}

/** What lookups answer: a country index into `countryCodes()`, or one of these. */
export type LookupAnswer = number; // >= 0: country index; LOOKUP_NONE (-1); LOOKUP_INVALID_TEXT (-2, text only)

export interface TableHandle {
  lookupV4(ip: number): LookupAnswer;
  /** The address as four 32-bit words, most significant first. */
  lookupV6(w0: number, w1: number, w2: number, w3: number): LookupAnswer;
  /** ASCII text of at most MAX_IP_TEXT characters; LOOKUP_INVALID_TEXT when it is not an address. */
  lookupText(ip: string): LookupAnswer;
  /** out[i] = the country index of ips[i], or NOT_FOUND; out.length >= ips.length. */
  lookupIndexes(ips: Uint32Array, out: Uint16Array): void;
  /** The sorted country codes, two letters each, concatenated. */
  countryCodes(): string;
  /** Ranges with a country: [IPv4, IPv6]. */
  sizes(): readonly [number, number];
  byteSize(): number;
  /** The snapshot. The one exception a backend throws: RangeError when its memory is exhausted. */
  toBinary(): Uint8Array;
  delete(): void;
}

export interface BuilderHandle {
  /** false once a problem was found (see problem()); the bytes may be any chunk of the CSV. */
  feed(bytes: Uint8Array): boolean;
  /**
   * Where the kernel reads input from memory JavaScript does not own (the WebAssembly heap): a view
   * of the backend's input buffer to write the next chunk into, valid until the next call into the
   * backend; fromFile reads the file straight into it and calls feedInputBuffer.
   */
  inputBuffer?(): Uint8Array;
  /** As feed(), for the first `length` bytes of inputBuffer(). */
  feedInputBuffer?(length: number): boolean;
  /** The table, or null when the input was bad (see problem()). Called at most once. */
  finish(): TableHandle | null;
  problem(): Problem | null;
  delete(): void;
}

export interface Backend {
  fibonacci(n: number): number;
  /**
   * expectedBytes: how many CSV bytes are coming, where the source knows (a file's size, fromCsv's
   * bytes); 0 when it does not. Only a hint for sizing storage: the input may be any length.
   */
  createBuilder(overlapsError: boolean, maxMemory: number, expectedBytes: number): BuilderHandle;
  /** A table, or the Problem (line 0) that makes the bytes no snapshot (RangeError if memory is exhausted). */
  tableFromBinary(bytes: Uint8Array): TableHandle | Problem;
}
