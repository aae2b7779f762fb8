'use strict';
// The forms of input users pass that are not in the case files: fs-style paths for fromFile,
// ArrayBuffers everywhere bytes go, text or bytes handed to fromStream by mistake, `using` where
// the runtime has no Symbol.dispose, and util.inspect. The same in every implementation.
const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');
const { pathToFileURL } = require('url');
const { IMPLEMENTATIONS } = require('./implementations.js');

const CSV = '1.0.0.0,1.0.0.255,AU\n2001:db8::,2001:db8::ffff,NL\n3.0.0.0,3.0.0.255,US\n';
let dir;
let file;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nvw-forms-'));
  file = path.join(dir, 'ranges.csv');
  fs.writeFileSync(file, CSV);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.each(IMPLEMENTATIONS)('$name', ({ load }) => {
  let IpCountryTable;
  beforeAll(() => {
    ({ IpCountryTable } = load());
  });

  test.each([
    ['a string', () => file],
    ['a file: URL', () => pathToFileURL(file)],
    ['a Buffer', () => Buffer.from(file)],
  ])('fromFile takes %s, like every fs API', (_, path) => {
    const table = IpCountryTable.fromFile(path());
    expect([table.size, table.lookup('1.0.0.1'), table.lookup('2001:db8::1')]).toEqual([3, 'AU', 'NL']);
    table.free();
  });

  test('fromFile rejects other paths by name', () => {
    expect(() => IpCountryTable.fromFile(new URL('https://example.com/ranges.csv'))).toThrow(
      new TypeError('fromFile: a URL must be a file: URL, got "https://example.com/ranges.csv"'),
    );
    expect(() => IpCountryTable.fromFile(5)).toThrow(new TypeError('fromFile: path must be a string, a file: URL or a Buffer, got 5'));
  });

  test('fromBinary and stream chunks take an ArrayBuffer, like fromCsv', async () => {
    const table = IpCountryTable.fromCsv(new TextEncoder().encode(CSV).buffer);
    const bytes = table.toBinary();
    const copy = IpCountryTable.fromBinary(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    expect(copy.lookup('3.0.0.1')).toBe('US');
    const streamed = await IpCountryTable.fromStream([new TextEncoder().encode(CSV).buffer]);
    expect(streamed.lookup('2001:db8::2')).toBe('NL');
    for (const t of [table, copy, streamed]) t.free();
  });

  test('fromStream(text or bytes) says to use fromCsv instead of feeding a character at a time', async () => {
    await expect(IpCountryTable.fromStream(CSV)).rejects.toThrow(
      new TypeError('fromStream: source is a string, not a stream of chunks; use fromCsv(text) for text you already have'),
    );
    await expect(IpCountryTable.fromStream(new TextEncoder().encode(CSV))).rejects.toThrow(
      new TypeError('fromStream: source is an object (Uint8Array), not a stream of chunks; use fromCsv(bytes) for bytes you already have'),
    );
  });

  test("`using` finds the dispose method under Symbol.dispose and under Symbol.for('Symbol.dispose')", () => {
    for (const key of [Symbol.dispose, Symbol.for('Symbol.dispose')].filter(Boolean)) {
      const table = IpCountryTable.fromCsv(CSV);
      table[key]();
      expect(() => table.size).toThrow(new TypeError('IpCountryTable: the table has been freed'));
      expect(() => table[key]()).not.toThrow(); // disposing twice is fine
    }
  });

  test('util.inspect shows the size per family, or that the table was freed', () => {
    const table = IpCountryTable.fromCsv(CSV);
    expect(util.inspect(table)).toBe(`IpCountryTable { size: 3 (IPv4 2, IPv6 1), countries: 3, byteLength: ${table.byteLength} }`);
    table.free();
    expect(util.inspect(table)).toBe('IpCountryTable { freed }');
  });
});
