'use strict';
// IpCountryTable conformance: the cases in test/cases/ip-*.json (docs/ip-table.md is the spec)
// against every implementation in test/implementations.js. Values, error classes, `line` and
// messages must match exactly, whatever the input form (string, Uint8Array, ArrayBuffer, file,
// async iterable or web ReadableStream in chunks of any size). This file: the API surface and the
// CSV loads; lookups and the life cycle are in ip-conformance-lookups.test.js, snapshots (byte-
// identical and interchangeable across implementations) in ip-conformance-snapshots.test.js.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { IMPLEMENTATIONS } = require('./implementations.js');
const { caseCsv, toHex } = require('./cases/decode-ip.js');
const {
  encoder,
  random,
  capture,
  captureAsync,
  outcome,
  release,
  split,
  randomCuts,
  asyncChunks,
  webStream,
  streamOutcome,
  referenceOutcome,
  withOptions,
} = require('./cases/ip-check.js');
const { check, checkErrorClass, INPUT_FORMS, FIXTURES } = require('./support/ip-conformance.js');

const csvCases = require('./cases/ip-csv.json').cases;
const fixtureCases = require('./cases/ip-fixtures.json').fixtures;

const csvText = new Map(csvCases.map((c) => [c, caseCsv(c)]));

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
});
