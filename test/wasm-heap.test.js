'use strict';
// A full WebAssembly heap (2 GiB, shared by every table and builder of the module) is a clean
// error, and the module goes on: tables alive keep answering, free() works, new tables load once
// memory is freed. Each scenario runs in its own process (test/programs/wasm-heap.js): a wasm heap
// never shrinks. The JS and native implementations have no such ceiling (their limit is
// options.maxMemory, tested in limits.test.js).
const path = require('path');
const { execFileSync } = require('child_process');

const MiB = 2 ** 20;
const exhausted = /the WebAssembly memory is exhausted: .* MiB.*free\(\) the tables you no longer use/;

// The sizes a message gives: what was needed is more than what is left (both in whole MiB).
function expectNeedsMoreThanLeft(message) {
  const [, needed, left] = message.match(/(?:needs more than |: )(\d+) MiB.* leave (\d+) MiB/) ?? [];
  expect([Number(needed) > Number(left), message]).toEqual([true, message]);
}

function scenario(mode) {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'programs', 'wasm-heap.js'), mode], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out);
}

test('many tables alive: the load that does not fit is a RangeError, and everything else goes on', () => {
  const report = scenario('tables');
  expect(report.fill.loaded).toBeGreaterThan(500); // ~2.2 MiB each: the heap was really full
  expect(report.fill.error).toMatchObject({ name: 'RangeError', message: expect.stringMatching(/^fromBinary: /) });
  expect(report.fill.error.message).toMatch(exhausted);
  expect(report.full.size).toBeGreaterThan(2000 * MiB);
  expect(report.whenFull.lookup).toEqual({ value: ['AU', 'AU', 'NZ'] });
  expect(report.whenFull.fromCsv.error).toMatchObject({
    name: 'CsvError',
    line: expect.any(Number),
    message: expect.stringMatching(exhausted),
  });
  expect(report.whenFull.toBinary.error).toMatchObject({ name: 'RangeError', message: expect.stringMatching(/^toBinary: /) });
  for (const error of [report.fill.error, report.whenFull.fromCsv.error, report.whenFull.toBinary.error])
    expectNeedsMoreThanLeft(error.message);
  expect(report.whenFull.fibonacci).toEqual({ value: 6765 });
  expect(report.afterFreeingSome).toEqual({ value: 'AU' });
  expect(report.survivor).toEqual({ value: 'AU' });
  expect(report.newTable).toEqual({ value: 'NZ' });
  // Everything freed: what the heap can give is back to where it started (give or take 1 MiB).
  expect(Math.abs(report.after.free - report.before.free)).toBeLessThan(MiB);
});

test('one build larger than the heap (maxMemory 2^31) is a CsvError at the row that does not fit', () => {
  const report = scenario('build');
  expect(report.build.error).toMatchObject({ name: 'CsvError', message: expect.stringMatching(exhausted) });
  expect(report.build.error.line).toBeGreaterThan(10_000_000);
  expect(report.build.error.message).toMatch(new RegExp(`^line ${report.build.error.line}: `));
  expectNeedsMoreThanLeft(report.build.error.message);
  expect(report.survivor).toEqual({ value: 'AU' });
  expect(report.newTable).toEqual({ value: 'NZ' });
  expect(Math.abs(report.after.free - report.before.free)).toBeLessThan(MiB);
});
