'use strict';
// One spec, three implementations: the same cases (test/cases/*.json) against js, native (both
// compilers) and pkg. Any difference in values, error types or messages fails here.
const { IMPLEMENTATIONS } = require('./implementations.js');
const { decode } = require('./cases/decode.js');
const fibonacciCases = require('./cases/fibonacci.json');

const { describe: show } = require('../api/args.js');

const valueCases = fibonacciCases.values.map((c) => ({ ...c, n: decode(c.n), shown: show(decode(c.n)) }));
const errorCases = fibonacciCases.errors.map((c) => ({ ...c, n: decode(c.n), shown: show(decode(c.n)) }));

describe.each(IMPLEMENTATIONS)('$name', ({ load }) => {
  let api;
  beforeAll(() => {
    api = load();
  });

  test('exports the public API', () => {
    expect(Object.keys(api).sort()).toEqual(['CsvError', 'IpCountryTable', 'default', 'fibonacci']);
    return expect(api.default()).resolves.toBeUndefined(); // init(): ready on load
  });

  test('init(input) loads nothing, but awaits the input and checks it as the browser entry does short of fetching', async () => {
    const init = api.default;
    const wasmHeader = Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0); // "\0asm", version 1
    for (const input of ['index.wasm', new URL('https://example.com/index.wasm'), wasmHeader, wasmHeader.buffer]) {
      await expect(init(input)).resolves.toBeUndefined();
      await expect(init(Promise.resolve(input))).resolves.toBeUndefined();
    }
    const message = 'init: input must be a URL, a string, a Request, a Response, bytes or a WebAssembly.Module, got';
    await expect(init({ wasm: 1 })).rejects.toThrow(new TypeError(`${message} an object (Object)`));
    await expect(init(null)).rejects.toThrow(new TypeError(`${message} null`));
    await expect(init(Promise.resolve(42))).rejects.toThrow(new TypeError(`${message} 42`));
    const notWasm = 'init: the bytes given are not a WebAssembly module:';
    await expect(init(new TextEncoder().encode('hello'))).rejects.toThrow(new TypeError(`${notWasm} bytes starting "hello"`));
    await expect(init(new ArrayBuffer(0))).rejects.toThrow(new TypeError(`${notWasm} no bytes at all`));
    const failed = new Error('fetch failed');
    await expect(init(Promise.reject(failed))).rejects.toBe(failed); // handled, not left unhandled
  });

  describe('fibonacci', () => {
    test.each(valueCases)('fibonacci($shown) = $result', ({ n, result }) => {
      expect(api.fibonacci(n)).toBe(result);
    });

    test.each(errorCases)('fibonacci($shown) throws $type', ({ n, type, message }) => {
      let thrown;
      try {
        api.fibonacci(n);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(globalThis[type]);
      expect(thrown.constructor.name).toBe(type);
      expect(thrown.message).toBe(message);
    });
  });
});
