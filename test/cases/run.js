'use strict';
// The conformance cases (test/cases/*.json) as a plain function: no Jest, no Node built-ins, so the
// same cases run in Node, Bun, Deno, browsers and workerd (test/runtimes/). Jest's suites
// (conformance.test.js, ip-conformance*.test.js) run every case at every split; this runs every case
// once per input form and two chunkings per stream, and leaves out only what needs a host: fib(n)
// above `fibMax` (compute-bound: seconds per call) and fixture files unless the host passes them.
//
//   const report = await runConformance(api, { fixtures, fixturePath, fileSystem });
//   report: { ran, passed, failed, failures: [{ name, message }], skipped: [{ what, why }] }
//
// The IP table's suites are run-csv.js, run-lookups.js and run-snapshots.js; checks.js asserts.
const { decode } = require('./decode.js');
const { show } = require('./ip-check.js');
const { Mismatch, eq, ok, throwsLike } = require('./checks.js');
const { csvSuite } = require('./run-csv.js');
const { lookupSuite } = require('./run-lookups.js');
const { snapshotSuite } = require('./run-snapshots.js');

const fibonacciCases = require('./fibonacci.json');
const fixtureCases = require('./ip-fixtures.json').fixtures;

const FREED = 'IpCountryTable: the table has been freed';
const FREED_TWICE = 'IpCountryTable: free() called twice';
const MAX_FAILURES_KEPT = 20;
// Where a runtime has no Symbol.dispose (WebKitGTK 2.50's JavaScriptCore), `using` compiled by
// TypeScript or Babel looks up Symbol.for('Symbol.dispose'); the package defines both.
const DISPOSE = typeof Symbol.dispose === 'symbol' ? Symbol.dispose : Symbol.for('Symbol.dispose');

/**
 * @param {{ fibonacci: Function, IpCountryTable: Function, CsvError: Function }} api
 * @param {object} [options]
 * @param {Record<string, Uint8Array>} [options.fixtures]  test/fixtures/* bytes by file name
 * @param {(file: string) => string} [options.fixturePath]  a path fromFile can read, where there is a file system
 * @param {boolean} [options.fileSystem]  false: fromFile must throw (browsers, workers)
 * @param {number} [options.fibMax]  the largest n whose fibonacci(n) value is checked (default 35)
 */
async function runConformance(api, options = {}) {
  const { fixtures, fixturePath, fileSystem = true, fibMax = 35 } = options;
  const report = { ran: 0, passed: 0, failed: 0, failures: [], skipped: [] };
  const test = async (name, fn) => {
    report.ran++;
    try {
      await fn();
      report.passed++;
    } catch (error) {
      report.failed++;
      if (report.failures.length < MAX_FAILURES_KEPT) {
        const message = error instanceof Mismatch ? error.message : `threw ${error?.constructor?.name}: ${error?.message}`;
        report.failures.push({ name, message });
      }
    }
  };
  const skip = (what, why) => report.skipped.push({ what, why });

  // --- API surface
  await test('API: fibonacci, IpCountryTable, CsvError', () => {
    for (const name of ['fibonacci', 'IpCountryTable', 'CsvError']) eq(typeof api[name], 'function', name);
    ok(api.CsvError.prototype instanceof Error, 'CsvError extends Error');
    eq([api.CsvError.name, api.IpCountryTable.name], ['CsvError', 'IpCountryTable'], 'class names (bundlers rename classes)');
    eq(api.IpCountryTable.NOT_FOUND, 65535);
    for (const name of ['fromCsv', 'fromFile', 'fromStream', 'fromBinary']) eq(typeof api.IpCountryTable[name], 'function', name);
    for (const name of ['toBinary', 'lookup', 'tryLookup', 'lookupMany', 'lookupIndexes', 'free'])
      eq(typeof api.IpCountryTable.prototype[name], 'function', name);
    eq(typeof api.IpCountryTable.prototype[DISPOSE], 'function', 'Symbol.dispose');
  });

  // --- fibonacci.json
  for (const c of fibonacciCases.values) {
    const n = decode(c.n);
    if (n > fibMax) {
      skip(`fibonacci(${show(n)})`, `compute-bound (fib(46) takes seconds); test/conformance.test.js runs it`);
      continue;
    }
    await test(`fibonacci(${show(n)}) = ${c.result}`, () => eq(api.fibonacci(n), c.result));
  }
  for (const c of fibonacciCases.errors) {
    const n = decode(c.n);
    await test(`fibonacci(${show(n)}) throws ${c.type}`, () => throwsLike(() => api.fibonacci(n), c.type, c.message));
  }

  // --- the IP table: ip-csv.json and ip-fixtures.json, ip-lookup.json, ip-snapshot.json
  await csvSuite(api, test, skip, { fixtures, fixturePath, fileSystem });
  await lookupSuite(api, test);
  await snapshotSuite(api, test);

  // --- life cycle
  const make = () => api.IpCountryTable.fromCsv('1.0.0.0,1.0.0.255,AU\n2001:db8::,2001:db8::ff,DE\n');
  await test('every use after free() throws; free() twice throws; Symbol.dispose frees once', () => {
    const uses = [
      (t) => t.size,
      (t) => t.countries,
      (t) => t.toBinary(),
      (t) => t.lookup('1.0.0.1'),
      (t) => t.lookup(16777217),
      (t) => t.lookup(1n),
      (t) => t.lookupMany(['1.0.0.1']),
      (t) => t.lookupIndexes(new Uint32Array([16777217])),
    ];
    for (const use of uses) {
      const t = make();
      use(t);
      t.free();
      throwsLike(() => use(t), 'TypeError', FREED);
    }
    const t = make();
    t.free();
    throwsLike(() => t.free(), 'TypeError', FREED_TWICE);
    const disposed = make();
    eq(disposed[DISPOSE](), undefined);
    throwsLike(() => disposed.size, 'TypeError', FREED);
    disposed[DISPOSE]();
  });

  return report;
}

/** The files of test/fixtures the cases read (a host passes their bytes as `fixtures`). */
const FIXTURE_FILES = [...new Set(fixtureCases.map((f) => f.file))];

module.exports = { runConformance, FIXTURE_FILES };
