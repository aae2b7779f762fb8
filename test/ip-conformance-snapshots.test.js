'use strict';
// IpCountryTable conformance (see ip-conformance.test.js): snapshots (ip-snapshot.json), and a
// snapshot made by any implementation loaded in every other one.
const fs = require('fs');
const path = require('path');
const { IMPLEMENTATIONS } = require('./implementations.js');
const { decodeValue, caseCsv, buildSnapshot, mutate, fromHex, toHex, crc32, xxh32 } = require('./cases/decode-ip.js');
const { encoder, show, capture, outcome, expected, release, withOptions } = require('./cases/ip-check.js');
const { check, expectThrows, FIXTURES } = require('./support/ip-conformance.js');

const csvCases = require('./cases/ip-csv.json').cases;
const lookupCases = require('./cases/ip-lookup.json');
const snapshotCases = require('./cases/ip-snapshot.json');
const fixtureCases = require('./cases/ip-fixtures.json').fixtures;

const csvText = new Map(csvCases.map((c) => [c, caseCsv(c)]));
const successCases = csvCases.filter((c) => !c.expect.error);

describe.each(IMPLEMENTATIONS)('$name', ({ load }) => {
  let api;
  beforeAll(() => {
    api = load();
  });

  // ----------------------------------------------------------------------------------------------
  describe('snapshots (ip-snapshot.json)', () => {
    let fixtureBytes;
    let version1Bytes;
    beforeAll(() => {
      fixtureBytes = fromHex(snapshotCases.fixture.hex);
      version1Bytes = fromHex(snapshotCases.version1.hex);
    });
    const trailer = (bytes) => new DataView(bytes.buffer).getUint32(bytes.length - 4, true);

    test('the checksums in decode-ip.js are the IEEE CRC-32 and XXH32, and the fixtures carry them', () => {
      expect(crc32(encoder.encode('123456789'))).toBe(0xcbf43926);
      expect([
        xxh32(encoder.encode('')),
        xxh32(encoder.encode('abc')),
        xxh32(encoder.encode('Nobody inspects the spammish repetition')),
      ]).toEqual([0x02cc5d05, 0x32d153ff, 0xe2293b2f]);
      expect(xxh32(fixtureBytes.subarray(0, fixtureBytes.length - 4))).toBe(trailer(fixtureBytes));
      expect(crc32(version1Bytes.subarray(0, version1Bytes.length - 4))).toBe(trailer(version1Bytes));
    });

    test('fromBinary reads version 1: the same answers, and toBinary gives version 2', () => {
      const result = capture(() => api.IpCountryTable.fromBinary(version1Bytes));
      check(api, result, {
        size: snapshotCases.fixture.size,
        countries: snapshotCases.fixture.countries,
        lookups: snapshotCases.fixture.lookups,
      });
      expect(toHex(result.value.toBinary())).toBe(snapshotCases.fixture.hex);
      release(result);
    });

    test('toBinary of the fixture table is exactly the expected bytes', () => {
      const table = api.IpCountryTable.fromCsv(snapshotCases.fixture.csv);
      const bytes = table.toBinary();
      expect(bytes).toBeInstanceOf(Uint8Array);
      expect(toHex(bytes)).toBe(snapshotCases.fixture.hex);
      expect(table.size).toBe(snapshotCases.fixture.size);
      table.free();
    });

    test('an empty table: only from an empty snapshot (a CSV with no data rows is an error), and back', () => {
      const loaded = api.IpCountryTable.fromBinary(fromHex(snapshotCases.empty.hex));
      expect(toHex(loaded.toBinary())).toBe(snapshotCases.empty.hex);
      expect(loaded.size).toBe(0);
      expect([...loaded.countries]).toEqual([]);
      expect(loaded.lookup('1.2.3.4')).toBeNull();
      expect(loaded.lookup('::1')).toBeNull();
      loaded.free();
    });

    test('fromBinary loads the fixture: same answers, same bytes back', () => {
      for (const [how, bytes] of [
        ['Uint8Array', fixtureBytes],
        ['Buffer', Buffer.from(fixtureBytes)],
        [
          'a view at an offset',
          (() => {
            const big = new Uint8Array(fixtureBytes.length + 10).fill(0xee);
            big.set(fixtureBytes, 3);
            return big.subarray(3, 3 + fixtureBytes.length);
          })(),
        ],
      ]) {
        const result = capture(() => api.IpCountryTable.fromBinary(bytes));
        check(
          api,
          result,
          { size: snapshotCases.fixture.size, countries: snapshotCases.fixture.countries, lookups: snapshotCases.fixture.lookups },
          how,
        );
        expect({ how, hex: toHex(result.value.toBinary()) }).toEqual({ how, hex: snapshotCases.fixture.hex });
        release(result);
      }
    });

    test.each(snapshotCases.mutations)('fromBinary rejects: $name', ({ base, steps, error, message }) => {
      const bytes = mutate(base === 'version1' ? version1Bytes : fixtureBytes, steps);
      const result = capture(() => api.IpCountryTable.fromBinary(bytes));
      check(api, result, { error, message });
      release(result);
    });

    test.each(snapshotCases.structural)('fromBinary structure: $name', (c) => {
      let bytes = buildSnapshot(c.snapshot);
      if (c.steps) bytes = mutate(bytes, c.steps);
      const want = c.error ? { error: c.error, message: c.message } : c.expect;
      const result = capture(() => api.IpCountryTable.fromBinary(bytes));
      check(api, result, want);
      if (!result.threw) expect(toHex(result.value.toBinary())).toBe(toHex(bytes));
      release(result);
    });

    test.each(snapshotCases.types.map((c) => ({ ...c, shown: show(decodeValue(c.bytes)) })))(
      'fromBinary($shown) throws $error',
      ({ bytes, error, message }) => {
        expectThrows(() => api.IpCountryTable.fromBinary(decodeValue(bytes)), error, message);
      },
    );

    test('fromBinary() with no argument', () => {
      expectThrows(
        () => api.IpCountryTable.fromBinary(),
        'TypeError',
        'fromBinary: bytes must be a Uint8Array or an ArrayBuffer, got undefined',
      );
    });

    test.each(successCases)('round trip: $name', (testCase) => {
      const table = api.IpCountryTable.fromCsv(...withOptions(testCase, csvText.get(testCase)));
      const bytes = table.toBinary();
      table.free();
      const result = capture(() => api.IpCountryTable.fromBinary(bytes));
      check(api, result, testCase.expect);
      expect(toHex(result.value.toBinary())).toBe(toHex(bytes));
      release(result);
    });
  });
});

// --------------------------------------------------------------------------------------------------
// A snapshot made by any implementation loads in every other one, byte for byte and answer for answer.

const snapshotTables = [
  ...successCases.map((c) => ({ name: c.name, args: withOptions(c, csvText.get(c)), expect: c.expect })),
  { name: 'ip-lookup.json table', args: [lookupCases.table], expect: { size: lookupCases.size, countries: lookupCases.countries } },
  ...fixtureCases
    .filter((f) => !f.expect.error)
    .map((f) => ({ name: f.file, args: [fs.readFileSync(path.join(FIXTURES, f.file))], expect: f.expect })),
];

const pairs = IMPLEMENTATIONS.flatMap((from) => IMPLEMENTATIONS.map((to) => ({ from, to, title: `${from.name} -> ${to.name}` })));

describe('snapshots across implementations', () => {
  test.each(pairs)('$title', ({ from, to }) => {
    const a = from.load();
    const b = to.load();
    const mismatches = [];
    for (const { name, args, expect: want } of snapshotTables) {
      const made = a.IpCountryTable.fromCsv(...args);
      const bytes = made.toBinary();
      made.free();
      const own = b.IpCountryTable.fromCsv(...args);
      const ownHex = toHex(own.toBinary());
      own.free();
      if (toHex(bytes) !== ownHex) mismatches.push({ name, problem: 'toBinary differs' });
      const loaded = b.IpCountryTable.fromBinary(bytes);
      const got = outcome({ value: loaded }, want);
      if (JSON.stringify(got) !== JSON.stringify(expected(want)))
        mismatches.push({ name, problem: 'answers differ', got, want: expected(want) });
      if (toHex(loaded.toBinary()) !== toHex(bytes)) mismatches.push({ name, problem: 'fromBinary(bytes).toBinary() differs' });
      loaded.free();
    }
    expect(mismatches).toEqual([]);
  });
});
