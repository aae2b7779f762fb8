'use strict';
// IpCountryTable conformance (see ip-conformance.test.js): lookups (ip-lookup.json) and the life
// cycle, against every implementation in test/implementations.js.
const path = require('path');
const { IMPLEMENTATIONS } = require('./implementations.js');
const { decodeValue, caseCsv } = require('./cases/decode-ip.js');
const { encoder, show, random, release, asyncChunks, webStream } = require('./cases/ip-check.js');
const { expectThrows, FIXTURES, FREED, FREED_TWICE } = require('./support/ip-conformance.js');

const csvCases = require('./cases/ip-csv.json').cases;
const csvText = new Map(csvCases.map((c) => [c, caseCsv(c)]));
const lookupCases = require('./cases/ip-lookup.json');

describe.each(IMPLEMENTATIONS)('$name', ({ load }) => {
  let api;
  beforeAll(() => {
    api = load();
  });

  // ----------------------------------------------------------------------------------------------
  describe('lookups (ip-lookup.json)', () => {
    let table;
    beforeAll(() => {
      table = api.IpCountryTable.fromCsv(lookupCases.table);
    });
    afterAll(() => {
      release({ value: table });
    });

    test('the table', () => {
      expect(table.size).toBe(lookupCases.size);
      expect([...table.countries]).toEqual(lookupCases.countries);
    });

    test.each(lookupCases.same)('$expect: $ips', ({ expect: want, ips }) => {
      const forms = decodeValue(ips);
      expect(forms.map((ip) => [show(ip), table.lookup(ip)])).toEqual(forms.map((ip) => [show(ip), want]));
      const strings = forms.filter((ip) => typeof ip === 'string');
      expect(table.lookupMany(strings)).toEqual(strings.map(() => want));
      const numbers = forms.filter((ip) => typeof ip === 'number');
      if (numbers.length) {
        const u32 = Uint32Array.from(numbers);
        expect(table.lookupMany(u32)).toEqual(numbers.map(() => want));
        const index = want === null ? 65535 : lookupCases.countries.indexOf(want);
        expect([...table.lookupIndexes(u32)]).toEqual(numbers.map(() => index));
      }
    });

    test.each(lookupCases.lookupErrors.map((c) => ({ ...c, shown: show(decodeValue(c.ip)) })))(
      'lookup($shown) throws $error',
      ({ ip, error, message }) => {
        expectThrows(() => table.lookup(decodeValue(ip)), error, message);
      },
    );

    test('lookup() with no argument', () => {
      expectThrows(() => table.lookup(), 'TypeError', 'lookup: ip must be a string, a number or a bigint, got undefined');
    });

    test.each(lookupCases.tryLookup)('tryLookup: $name', ({ text, expect: want }) => {
      expect(table.tryLookup(text)).toBe(want);
    });

    test('tryLookup answers what lookup answers for every address text, and never throws where lookup does', () => {
      for (const { expect: want, ips } of lookupCases.same) {
        for (const ip of decodeValue(ips).filter((form) => typeof form === 'string')) expect([ip, table.tryLookup(ip)]).toEqual([ip, want]);
      }
      for (const { ip } of lookupCases.lookupErrors) {
        const value = decodeValue(ip);
        // Text may still be an address with spaces or a port around it; anything else is null.
        const answer = table.tryLookup(value);
        expect([show(value), typeof value === 'string' ? answer === null || lookupCases.countries.includes(answer) : answer]).toEqual([
          show(value),
          typeof value === 'string' || null,
        ]);
      }
    });

    test.each(lookupCases.lookupMany)('lookupMany: $name', (c) => {
      const ips = decodeValue(c.ips);
      if (c.error) {
        expectThrows(() => table.lookupMany(ips), c.error, c.message);
      } else {
        const got = table.lookupMany(ips);
        expect(Array.isArray(got)).toBe(true);
        expect(got).toEqual(c.expect);
      }
    });

    test.each(lookupCases.lookupIndexes)('lookupIndexes: $name', (c) => {
      const ips = decodeValue(c.ips);
      const args = 'out' in c ? [ips, decodeValue(c.out)] : [ips];
      if (c.error) {
        expectThrows(() => table.lookupIndexes(...args), c.error, c.message);
      } else {
        const got = table.lookupIndexes(...args);
        expect(got).toBeInstanceOf(Uint16Array);
        expect([...got]).toEqual(c.expect);
        if (args[1] !== undefined) expect(got).toBe(args[1]);
      }
    });

    test('lookupMany and lookupIndexes read and write views at an offset', () => {
      const backing = new Uint32Array([0xdeadbeef, 0x01020304, 0, 0x09090909, 0xdeadbeef]);
      const ips = backing.subarray(1, 4);
      expect(table.lookupMany(ips)).toEqual(['US', 'ZZ', null]);
      const outBacking = new Uint16Array([7, 7, 7, 7, 7, 7]);
      const out = outBacking.subarray(2, 5);
      expect(table.lookupIndexes(ips, out)).toBe(out);
      expect([...outBacking]).toEqual([7, 7, 6, 8, 65535, 7]);
      expect([...backing]).toEqual([0xdeadbeef, 0x01020304, 0, 0x09090909, 0xdeadbeef]);
    });

    test('lookup, lookupMany and lookupIndexes agree on 20,000 random IPv4 numbers', () => {
      const rand = random(42);
      const ips = Uint32Array.from(
        { length: 20000 },
        (_, i) =>
          (i % 4 === 0
            ? Math.floor(rand() * 2 ** 32)
            : (i % 4 === 1 ? 0x01000000 : i % 4 === 2 ? 0x0a000000 : 0xffffff00) + Math.floor(rand() * 512) - 256) >>> 0,
      );
      const one = Array.from(ips, (ip) => table.lookup(ip));
      expect(table.lookupMany(ips)).toEqual(one);
      const dotted = Array.from(ips, (ip) => [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.'));
      expect(table.lookupMany(dotted)).toEqual(one);
      expect(Array.from(ips, (ip) => table.lookup(BigInt(ip) + 0xffff00000000n))).toEqual(one);
      const countries = [...table.countries];
      expect(Array.from(table.lookupIndexes(ips), (i) => (i === 65535 ? null : countries[i]))).toEqual(one);
    });
  });

  // ----------------------------------------------------------------------------------------------
  describe('life cycle', () => {
    const make = () => api.IpCountryTable.fromCsv('1.0.0.0,1.0.0.255,AU\n2001:db8::,2001:db8::ff,DE\n');
    const USES = {
      size: (t) => t.size,
      countries: (t) => t.countries,
      toBinary: (t) => t.toBinary(),
      'lookup(string)': (t) => t.lookup('1.0.0.1'),
      'lookup(number)': (t) => t.lookup(16777217),
      'lookup(bigint)': (t) => t.lookup(1n),
      'lookupMany(strings)': (t) => t.lookupMany(['1.0.0.1']),
      'lookupMany(Uint32Array)': (t) => t.lookupMany(new Uint32Array([16777217])),
      'lookupIndexes(ips)': (t) => t.lookupIndexes(new Uint32Array([16777217])),
      'lookupIndexes(ips, out)': (t) => t.lookupIndexes(new Uint32Array([16777217]), new Uint16Array(1)),
    };

    test.each(Object.keys(USES))('%s after free() throws', (use) => {
      const table = make();
      expect(() => USES[use](table)).not.toThrow();
      table.free();
      expectThrows(() => USES[use](table), 'TypeError', FREED);
    });

    test('free() twice throws', () => {
      const table = make();
      table.free();
      expectThrows(() => table.free(), 'TypeError', FREED_TWICE);
      expectThrows(() => table.free(), 'TypeError', FREED_TWICE);
    });

    test('[Symbol.dispose]() frees; after free() it does nothing', () => {
      const disposed = make();
      expect(disposed[Symbol.dispose]()).toBeUndefined();
      expectThrows(() => disposed.size, 'TypeError', FREED);
      expect(() => disposed[Symbol.dispose]()).not.toThrow();
      expectThrows(() => disposed.free(), 'TypeError', FREED_TWICE);

      const freed = make();
      freed.free();
      expect(() => freed[Symbol.dispose]()).not.toThrow();
      expect(() => freed[Symbol.dispose]()).not.toThrow();
      expectThrows(() => freed.lookup('1.0.0.1'), 'TypeError', FREED);
    });

    test('tables from every builder can be freed, independently of each other', async () => {
      const first = make();
      const bytes = first.toBinary();
      first.free();
      const tables = [
        make(),
        api.IpCountryTable.fromBinary(bytes),
        api.IpCountryTable.fromBinary(bytes),
        api.IpCountryTable.fromFile(path.join(FIXTURES, 'small-ipv4.csv')),
        await api.IpCountryTable.fromStream(asyncChunks([encoder.encode('1.0.0.0,1.0.0.255,AU\n')])),
        await api.IpCountryTable.fromStream(webStream([encoder.encode('1.0.0.0,1.0.0.255,AU\n')])),
      ];
      tables[1].free();
      expect(tables[2].lookup('1.0.0.1')).toBe('AU');
      expect(tables[0].lookup('2001:db8::1')).toBe('DE');
      for (const t of [tables[0], tables[2], tables[3], tables[4], tables[5]]) t.free();
      for (const t of tables) expectThrows(() => t.lookup('1.0.0.1'), 'TypeError', FREED);
    });

    test('many tables built and freed', () => {
      const text = csvText.get(csvCases.find((c) => c.name.startsWith('country: 255 distinct')));
      for (let i = 0; i < 300; i++) {
        const table = api.IpCountryTable.fromCsv(text);
        expect(table.lookup(`${i % 255}.0.0.1`)).not.toBeNull();
        table.free();
      }
    });
  });
});
