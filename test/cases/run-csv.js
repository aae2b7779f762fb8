'use strict';
// ip-csv.json and ip-fixtures.json for runConformance (run.js): fromCsv in every input form,
// fromStream chunked twice, the fixture files as bytes and (with a file system) as files.
const { caseCsv, toHex } = require('./decode-ip.js');
const { eq, ok, render, checkResult } = require('./checks.js');
const {
  encoder,
  random,
  capture,
  captureAsync,
  release,
  withOptions,
  INPUT_FORMS,
  split,
  randomCuts,
  asyncChunks,
  webStream,
  streamOutcome,
  referenceOutcome,
} = require('./ip-check.js');

const csvCases = require('./ip-csv.json').cases;
const fixtureCases = require('./ip-fixtures.json').fixtures;

/** @param {(name: string, fn: () => unknown) => Promise<void>} test @param {(what: string, why: string) => void} skip */
async function csvSuite(api, test, skip, { fixtures, fixturePath, fileSystem = true }) {
  // --- ip-csv.json: fromCsv in each input form (the same bytes from each), fromStream chunked twice
  for (const testCase of csvCases) {
    const text = caseCsv(testCase);
    await test(`fromCsv: ${testCase.name}`, () => {
      let firstHex = null;
      for (const [form, make] of Object.entries(INPUT_FORMS)) {
        const result = capture(() => api.IpCountryTable.fromCsv(...withOptions(testCase, make(text))));
        try {
          checkResult(api, result, testCase.expect, form);
          if (!result.threw) {
            const hex = toHex(result.value.toBinary());
            if (firstHex === null) firstHex = hex;
            eq(hex, firstHex, `${form}: toBinary`);
          }
        } finally {
          release(result);
        }
      }
    });
    await test(`fromStream: ${testCase.name}`, async () => {
      const bytes = encoder.encode(text);
      const want = referenceOutcome(api, testCase, text);
      const rand = random(bytes.length);
      const maxChunk = bytes.length > 400 ? 9000 : 7;
      eq(await streamOutcome(api, asyncChunks(split(bytes, randomCuts(bytes.length, rand, maxChunk))), testCase), want, 'async iterable');
      eq(await streamOutcome(api, webStream(split(bytes, randomCuts(bytes.length, rand, 17))), testCase), want, 'ReadableStream');
    });
  }

  // --- ip-fixtures.json: the CSV files of test/fixtures, as bytes and (with a file system) as files
  if (!fixtures) skip('ip-fixtures.json', 'the host passed no fixture files');
  for (const fixture of fixtures ? fixtureCases : []) {
    await test(`fixture ${fixture.file} ${render(fixture.options ?? {})}`, async () => {
      const bytes = fixtures[fixture.file];
      const results = {
        fromCsv: capture(() => api.IpCountryTable.fromCsv(...withOptions(fixture, bytes))),
        'fromCsv(string)': capture(() => api.IpCountryTable.fromCsv(...withOptions(fixture, new TextDecoder().decode(bytes)))),
        'fromStream(ReadableStream)': await captureAsync(() =>
          api.IpCountryTable.fromStream(...withOptions(fixture, webStream(split(bytes, randomCuts(bytes.length, random(7), 5))))),
        ),
      };
      if (fixturePath) results.fromFile = capture(() => api.IpCountryTable.fromFile(...withOptions(fixture, fixturePath(fixture.file))));
      const hexes = new Set();
      try {
        for (const [how, result] of Object.entries(results)) {
          checkResult(api, result, fixture.expect, how);
          if (!result.threw) hexes.add(toHex(result.value.toBinary()));
        }
      } finally {
        Object.values(results).forEach(release);
      }
      ok(hexes.size <= 1, 'every way of loading gives the same snapshot');
    });
  }
  if (fileSystem === false) {
    await test('fromFile throws: no file system here', () => {
      const result = capture(() => api.IpCountryTable.fromFile('ranges.csv'));
      ok(result.threw && /no file system/.test(result.error.message), `fromFile: ${result.threw ? result.error.message : 'returned'}`);
    });
  } else if (!fixturePath) skip('fromFile', 'the host passed no fixture paths');
}

module.exports = { csvSuite };
