'use strict';
// IpCountryTable conformance: the cases in test/cases/ip-*.json (docs/ip-table.md is the spec)
// against every implementation in test/implementations.js. Values, error classes, `line` and
// messages must match exactly, whatever the input form (string, Uint8Array, ArrayBuffer, file,
// async iterable or web ReadableStream in chunks of any size), and snapshots must be
// byte-identical and interchangeable across implementations.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { IMPLEMENTATIONS } = require('./implementations.js');
const { decodeValue, caseCsv, buildSnapshot, mutate, fromHex, toHex, crc32 } = require('./cases/decode-ip.js');
const {
  encoder,
  show,
  random,
  capture,
  captureAsync,
  outcome,
  expected,
  release,
  withOptions,
  split,
  randomCuts,
  asyncChunks,
  webStream,
  streamOutcome,
  referenceOutcome,
  ...shared
} = require('./cases/ip-check.js');

const csvCases = require('./cases/ip-csv.json').cases;
const lookupCases = require('./cases/ip-lookup.json');
const snapshotCases = require('./cases/ip-snapshot.json');
const fixtureCases = require('./cases/ip-fixtures.json').fixtures;

const FIXTURES = path.join(__dirname, 'fixtures');
const FREED = 'IpCountryTable: the table has been freed';
const FREED_TWICE = 'IpCountryTable: free() called twice';

// ------------------------------------------------------------------------------------------------
// Helpers

/** Checks a result against `expect` (a table or an error), including the error's class. */
function check(api, result, want, label) {
  const tag = label ? { label } : {};
  expect({ ...tag, ...outcome(result, want) }).toEqual({ ...tag, ...expected(want) });
  if (want.error) checkErrorClass(api, result.error, want.error);
  else {
    const countries = [...result.value.countries];
    expect(countries).toEqual([...countries].sort());
    expect(new Set(countries).size).toBe(countries.length);
  }
}

function checkErrorClass(api, error, type) {
  if (type === 'CsvError') {
    expect(error).toBeInstanceOf(api.CsvError);
    expect(error).toBeInstanceOf(Error);
    expect(typeof error.line).toBe('number');
  } else {
    expect(error).toBeInstanceOf(globalThis[type]);
  }
  expect(error.constructor.name).toBe(type);
}

function expectThrows(fn, type, message) {
  const result = capture(fn);
  expect({ threw: !!result.threw, type: result.error?.constructor?.name, message: result.error?.message }).toEqual({
    threw: true,
    type,
    message,
  });
  expect(result.error).toBeInstanceOf(globalThis[type]);
}

/** The input forms fromCsv takes; a Node Buffer too. */
const INPUT_FORMS = { ...shared.INPUT_FORMS, Buffer: (text) => Buffer.from(text, 'utf8') };

const csvText = new Map(csvCases.map((c) => [c, caseCsv(c)]));
const successCases = csvCases.filter((c) => !c.expect.error);

// Every CSV case as a file, for fromFile.
let caseDir;
const caseFile = new Map();
beforeAll(() => {
  caseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nvw-ip-cases-'));
  csvCases.forEach((c, i) => {
    const file = path.join(caseDir, `case-${String(i).padStart(3, '0')}.csv`);
    fs.writeFileSync(file, csvText.get(c));
    caseFile.set(c, file);
  });
});
afterAll(() => {
  if (caseDir) fs.rmSync(caseDir, { recursive: true, force: true });
});

// ------------------------------------------------------------------------------------------------

describe.each(IMPLEMENTATIONS)('$name', ({ load }) => {
  let api;
  beforeAll(() => {
    api = load();
  });

  describe('API surface', () => {
    test('exports IpCountryTable and CsvError', () => {
      expect(typeof api.IpCountryTable).toBe('function');
      expect(typeof api.CsvError).toBe('function');
      expect(api.CsvError.prototype).toBeInstanceOf(Error);
      expect(api.CsvError.name).toBe('CsvError');
      expect(api.IpCountryTable.NOT_FOUND).toBe(65535);
      for (const name of ['fromCsv', 'fromFile', 'fromStream', 'fromBinary']) expect(typeof api.IpCountryTable[name]).toBe('function');
      for (const name of ['toBinary', 'lookup', 'lookupMany', 'lookupIndexes', 'free'])
        expect(typeof api.IpCountryTable.prototype[name]).toBe('function');
      expect(typeof api.IpCountryTable.prototype[Symbol.dispose]).toBe('function');
    });

    test('fromStream returns a promise', async () => {
      const pending = api.IpCountryTable.fromStream(asyncChunks([encoder.encode('1.0.0.0,1.0.0.255,AU\n')]));
      expect(pending).toBeInstanceOf(Promise);
      const table = await pending;
      expect(table.lookup('1.0.0.1')).toBe('AU');
      table.free();
    });
  });

  // ----------------------------------------------------------------------------------------------
  describe('fromCsv (ip-csv.json)', () => {
    test.each(csvCases)('$name', (testCase) => {
      const text = csvText.get(testCase);
      let firstHex = null;
      for (const [form, make] of Object.entries(INPUT_FORMS)) {
        const result = capture(() => api.IpCountryTable.fromCsv(...withOptions(testCase, make(text))));
        check(api, result, testCase.expect, form);
        if (!result.threw) {
          const hex = toHex(result.value.toBinary());
          if (firstHex === null) firstHex = hex;
          expect({ form, hex }).toEqual({ form, hex: firstHex });
        }
        release(result);
      }
    });
  });

  describe('fromFile (ip-csv.json written to files)', () => {
    test.each(csvCases)('$name', (testCase) => {
      const result = capture(() => api.IpCountryTable.fromFile(...withOptions(testCase, caseFile.get(testCase))));
      check(api, result, testCase.expect);
      release(result);
    });
  });

  describe('fromStream: the same result however the input is split (ip-csv.json)', () => {
    test.each(csvCases)('$name', async (testCase) => {
      const text = csvText.get(testCase);
      const bytes = encoder.encode(text);
      const want = referenceOutcome(api, testCase, text);
      const splits = [];
      if (bytes.length <= 400) {
        // every single cut, one-byte chunks, and empty chunks at both ends
        for (let cut = 0; cut <= bytes.length; cut++) splits.push([cut]);
        splits.push(Array.from({ length: Math.max(0, bytes.length - 1) }, (_, i) => i + 1));
        splits.push([0, 0, bytes.length, bytes.length]);
      } else {
        const rand = random(bytes.length);
        for (let i = 0; i < 12; i++) splits.push(randomCuts(bytes.length, rand, i % 2 ? 70000 : 9000));
        for (const at of [65535, 65536, 65537]) if (at < bytes.length) splits.push([at]);
      }
      const got = [];
      for (const cuts of splits) {
        const outcomeOfSplit = await streamOutcome(api, asyncChunks(split(bytes, cuts)), testCase);
        // Record only mismatches, so a failure names the cuts that caused it.
        if (JSON.stringify(outcomeOfSplit) !== JSON.stringify(want))
          got.push({ cuts: cuts.length > 8 ? `${cuts.length} cuts` : cuts, ...outcomeOfSplit });
      }
      expect(got).toEqual([]);
      // A web ReadableStream in random chunks gives the same.
      const rand = random(0x5eed + bytes.length);
      expect(await streamOutcome(api, webStream(split(bytes, randomCuts(bytes.length, rand, 17))), testCase)).toEqual(want);
    });

    test('a failed stream rejects with CsvError carrying its line', async () => {
      const result = await captureAsync(() =>
        api.IpCountryTable.fromStream(asyncChunks([encoder.encode('1.0.0.0,1.0.0.255,AU\n1.0.1.'), encoder.encode('0,x,CN\n')])),
      );
      expect(outcome(result, { error: 'CsvError', line: 2 })).toEqual({
        error: 'CsvError',
        line: 2,
        message: 'line 2: end is not an IP address: "x"',
      });
      checkErrorClass(api, result.error, 'CsvError');
    });

    test('an error thrown by the source propagates', async () => {
      const failure = new Error('source failed');
      async function* failing() {
        yield encoder.encode('1.0.0.0,1.0.0.255,AU\n');
        throw failure;
      }
      const result = await captureAsync(() => api.IpCountryTable.fromStream(failing()));
      expect(result.error).toBe(failure);
    });
  });

  describe('fixture files (test/fixtures, ip-fixtures.json)', () => {
    test.each(fixtureCases)('$file $options', async (fixture) => {
      const file = path.join(FIXTURES, fixture.file);
      const bytes = new Uint8Array(fs.readFileSync(file));
      const results = {
        fromFile: capture(() => api.IpCountryTable.fromFile(...withOptions(fixture, file))),
        fromCsv: capture(() => api.IpCountryTable.fromCsv(...withOptions(fixture, bytes))),
        'fromCsv(string)': capture(() => api.IpCountryTable.fromCsv(...withOptions(fixture, Buffer.from(bytes).toString('utf8')))),
        'fromStream(fs.createReadStream)': await captureAsync(() =>
          api.IpCountryTable.fromStream(...withOptions(fixture, fs.createReadStream(file, { highWaterMark: 16 }))),
        ),
        'fromStream(ReadableStream)': await captureAsync(() =>
          api.IpCountryTable.fromStream(...withOptions(fixture, webStream(split(bytes, randomCuts(bytes.length, random(7), 5))))),
        ),
        'fromStream(one-byte chunks)': await captureAsync(() =>
          api.IpCountryTable.fromStream(
            ...withOptions(
              fixture,
              asyncChunks(
                split(
                  bytes,
                  Array.from({ length: bytes.length - 1 }, (_, i) => i + 1),
                ),
              ),
            ),
          ),
        ),
      };
      const hexes = new Set();
      for (const [how, result] of Object.entries(results)) {
        check(api, result, fixture.expect, how);
        if (!result.threw) hexes.add(toHex(result.value.toBinary()));
        release(result);
      }
      expect(hexes.size).toBeLessThanOrEqual(1);
    });

    test('fromFile of a missing file throws', () => {
      expect(() => api.IpCountryTable.fromFile(path.join(FIXTURES, 'no-such-file.csv'))).toThrow();
    });
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
  describe('snapshots (ip-snapshot.json)', () => {
    let fixtureBytes;
    beforeAll(() => {
      fixtureBytes = fromHex(snapshotCases.fixture.hex);
    });

    test('the CRC-32 in decode-ip.js is the IEEE one', () => {
      expect(crc32(encoder.encode('123456789'))).toBe(0xcbf43926);
      expect(crc32(fixtureBytes.subarray(0, fixtureBytes.length - 4))).toBe(
        new DataView(fixtureBytes.buffer).getUint32(fixtureBytes.length - 4, true),
      );
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

    test.each(snapshotCases.mutations)('fromBinary rejects: $name', ({ steps, error, message }) => {
      const bytes = mutate(fixtureBytes, steps);
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
