/**
 * @jest-environment jsdom
 */
'use strict';
// Every implementation under jsdom, the browser-like environment apps test their front ends in
// (Jest's jest-environment-jsdom): it runs in Node but has no TextEncoder or fetch, so loading the
// package must need neither, and strings still become bytes.
const { IMPLEMENTATIONS } = require('./implementations.js');

const CSV = '1.0.0.0,1.0.0.255,AU\n2001:db8::,2001:db8::ffff,NL\n';

test('this is jsdom, without TextEncoder', () => {
  expect(typeof window).toBe('object');
  expect(typeof TextEncoder).toBe('undefined');
});

describe.each(IMPLEMENTATIONS)('$name', (implementation) => {
  let api;
  beforeAll(() => {
    api = implementation.load();
  });

  test('loads CSV given as a string, and as a stream of strings', async () => {
    const tables = [
      api.IpCountryTable.fromCsv(CSV),
      await api.IpCountryTable.fromStream(['1.0.0.0,1.0.0.255,AU\n2001:db8::,', '2001:db8::ffff,NL']),
    ];
    for (const table of tables) {
      expect([table.lookup('1.0.0.1'), table.lookup('2001:db8::1'), table.tryLookup('1.0.0.9:80')]).toEqual(['AU', 'NL', 'AU']);
      table.free();
    }
  });

  test('non-ASCII text is encoded as UTF-8, as TextEncoder would: the error quotes its bytes', () => {
    expect(() => api.IpCountryTable.fromCsv('1.0.0.0,1.0.0.255,É\n')).toThrow(
      'line 1: country must be two ASCII letters, got "\\xc3\\x89"',
    );
  });
});
