'use strict';
// The conformance cases (test/cases/*.json) as a plain function: no Jest, no Node built-ins, so the
// same cases run in Node, Bun, Deno, browsers and workerd (test/runtimes/). Jest's suites
// (conformance.test.js, ip-conformance*.test.js) run every case at every split; this runs every case
// once per input form and two chunkings per stream, and leaves out only what needs a host: fib(n)
// above `fibMax` (compute-bound: seconds per call) and fixture files unless the host passes them.
//
//   const report = await runConformance(api, { fixtures, fixturePath, fileSystem });
//   report: { ran, passed, failed, failures: [{ name, message }], skipped: [{ what, why }] }
const { decode } = require('./decode.js');
const { decodeValue, caseCsv, buildSnapshot, mutate, fromHex, toHex, crc32 } = require('./decode-ip.js');
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
  INPUT_FORMS,
  split,
  randomCuts,
  asyncChunks,
  webStream,
  streamOutcome,
  referenceOutcome,
} = require('./ip-check.js');

const fibonacciCases = require('./fibonacci.json');
const csvCases = require('./ip-csv.json').cases;
const lookupCases = require('./ip-lookup.json');
const snapshotCases = require('./ip-snapshot.json');
const fixtureCases = require('./ip-fixtures.json').fixtures;

const FREED = 'IpCountryTable: the table has been freed';
const FREED_TWICE = 'IpCountryTable: free() called twice';
const MAX_FAILURES_KEPT = 20;
// Where a runtime has no Symbol.dispose (WebKitGTK 2.50's JavaScriptCore), `using` compiled by
// TypeScript or Babel looks up Symbol.for('Symbol.dispose'); the package defines both.
const DISPOSE = typeof Symbol.dispose === 'symbol' ? Symbol.dispose : Symbol.for('Symbol.dispose');

class Mismatch extends Error {}

/** Deep equality with Object.is for primitives (so -0 is not 0), for plain data. */
function same(a, b) {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && same(a[k], b[k]));
  }
  return false;
}

const render = (value) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v === undefined ? '(undefined)' : v));

function eq(got, want, label = '') {
  if (!same(got, want)) throw new Mismatch(`${label ? `${label}: ` : ''}got ${render(got)}, want ${render(want)}`);
}

function ok(condition, message) {
  if (!condition) throw new Mismatch(message);
}

/** Checks the class of an error the way the Jest suites do. */
function errorClass(api, error, type) {
  if (type === 'CsvError') {
    ok(
      error instanceof api.CsvError && error instanceof Error && typeof error.line === 'number',
      `expected a CsvError with a line, got ${show(error)}`,
    );
  } else {
    ok(error instanceof globalThis[type], `expected an instance of ${type}, got ${error?.constructor?.name}`);
  }
  eq(error.constructor.name, type, 'error class');
}

/** A result against `expect` (a table or an error), as check() in test/support/ip-conformance.js. */
function checkResult(api, result, want, label) {
  eq(outcome(result, want), expected(want), label);
  if (want.error) errorClass(api, result.error, want.error);
  else {
    const countries = [...result.value.countries];
    eq(countries, [...countries].sort(), 'countries sorted');
    eq(new Set(countries).size, countries.length, 'countries distinct');
  }
}

function throwsLike(fn, type, message) {
  const result = capture(fn);
  eq({ threw: !!result.threw, type: result.error?.constructor?.name, message: result.error?.message }, { threw: true, type, message });
  ok(result.error instanceof globalThis[type], `not an instance of ${type}`);
}

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

  // --- ip-lookup.json
  const table = api.IpCountryTable.fromCsv(lookupCases.table);
  try {
    await test('lookup table', () => {
      eq(table.size, lookupCases.size);
      eq([...table.countries], lookupCases.countries);
    });
    for (const { expect: want, ips } of lookupCases.same) {
      await test(`lookup ${want}: ${show(decodeValue(ips))}`, () => {
        const forms = decodeValue(ips);
        eq(
          forms.map((ip) => [show(ip), table.lookup(ip)]),
          forms.map((ip) => [show(ip), want]),
        );
        const strings = forms.filter((ip) => typeof ip === 'string');
        eq(
          table.lookupMany(strings),
          strings.map(() => want),
          'lookupMany',
        );
        const numbers = forms.filter((ip) => typeof ip === 'number');
        if (numbers.length) {
          const u32 = Uint32Array.from(numbers);
          eq(
            table.lookupMany(u32),
            numbers.map(() => want),
            'lookupMany(Uint32Array)',
          );
          const index = want === null ? 65535 : lookupCases.countries.indexOf(want);
          eq(
            [...table.lookupIndexes(u32)],
            numbers.map(() => index),
            'lookupIndexes',
          );
        }
      });
    }
    for (const c of lookupCases.lookupErrors) {
      await test(`lookup(${show(decodeValue(c.ip))}) throws ${c.error}`, () =>
        throwsLike(() => table.lookup(decodeValue(c.ip)), c.error, c.message));
    }
    await test('lookup() with no argument', () =>
      throwsLike(() => table.lookup(), 'TypeError', 'lookup: ip must be a string, a number or a bigint, got undefined'));
    for (const { name, text, expect: want } of lookupCases.tryLookup) {
      await test(`tryLookup: ${name}`, () => eq(table.tryLookup(text), want));
    }
    await test('tryLookup answers what lookup answers for every address text, and never throws where lookup does', () => {
      for (const { expect: want, ips } of lookupCases.same) {
        for (const ip of decodeValue(ips).filter((form) => typeof form === 'string')) eq([ip, table.tryLookup(ip)], [ip, want]);
      }
      for (const { ip } of lookupCases.lookupErrors) {
        const value = decodeValue(ip);
        // Text may still be an address with spaces or a port around it; anything else is null.
        const answer = table.tryLookup(value);
        eq(
          [show(value), typeof value === 'string' ? answer === null || lookupCases.countries.includes(answer) : answer],
          [show(value), typeof value === 'string' || null],
        );
      }
    });
    for (const c of lookupCases.lookupMany) {
      await test(`lookupMany: ${c.name}`, () => {
        const ips = decodeValue(c.ips);
        if (c.error) throwsLike(() => table.lookupMany(ips), c.error, c.message);
        else {
          const got = table.lookupMany(ips);
          ok(Array.isArray(got), 'an array');
          eq(got, c.expect);
        }
      });
    }
    for (const c of lookupCases.lookupIndexes) {
      await test(`lookupIndexes: ${c.name}`, () => {
        const ips = decodeValue(c.ips);
        const args = 'out' in c ? [ips, decodeValue(c.out)] : [ips];
        if (c.error) throwsLike(() => table.lookupIndexes(...args), c.error, c.message);
        else {
          const got = table.lookupIndexes(...args);
          ok(got instanceof Uint16Array, 'a Uint16Array');
          eq([...got], c.expect);
          if (args[1] !== undefined) ok(got === args[1], 'writes into `out`');
        }
      });
    }
    await test('lookup, lookupMany and lookupIndexes agree on 2,000 random IPv4 numbers', () => {
      const rand = random(42);
      const ips = Uint32Array.from(
        { length: 2000 },
        (_, i) => (i % 2 ? Math.floor(rand() * 2 ** 32) : 0x01000000 + Math.floor(rand() * 512) - 256) >>> 0,
      );
      const one = Array.from(ips, (ip) => table.lookup(ip));
      eq(table.lookupMany(ips), one, 'lookupMany');
      eq(table.lookupMany(Array.from(ips, (ip) => [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.'))), one, 'dotted');
      eq(
        Array.from(ips, (ip) => table.lookup(BigInt(ip) + 0xffff00000000n)),
        one,
        'IPv4-mapped bigint',
      );
      const countries = [...table.countries];
      eq(
        Array.from(table.lookupIndexes(ips), (i) => (i === 65535 ? null : countries[i])),
        one,
        'lookupIndexes',
      );
    });
  } finally {
    release({ value: table });
  }

  // --- ip-snapshot.json
  const fixtureBytes = fromHex(snapshotCases.fixture.hex);
  await test('CRC-32 of decode-ip.js is the IEEE one', () => eq(crc32(encoder.encode('123456789')), 0xcbf43926));
  await test('toBinary of the fixture table is exactly the expected bytes', () => {
    const t = api.IpCountryTable.fromCsv(snapshotCases.fixture.csv);
    try {
      const bytes = t.toBinary();
      ok(bytes instanceof Uint8Array, 'a Uint8Array');
      eq(toHex(bytes), snapshotCases.fixture.hex);
    } finally {
      t.free();
    }
  });
  await test('an empty table: only from an empty snapshot (a CSV with no data rows is an error), and back', () => {
    const loaded = api.IpCountryTable.fromBinary(fromHex(snapshotCases.empty.hex));
    eq(toHex(loaded.toBinary()), snapshotCases.empty.hex);
    eq([loaded.size, [...loaded.countries], loaded.lookup('1.2.3.4'), loaded.lookup('::1')], [0, [], null, null]);
    loaded.free();
  });
  await test('fromBinary loads the fixture: same answers, same bytes back', () => {
    const big = new Uint8Array(fixtureBytes.length + 10).fill(0xee);
    big.set(fixtureBytes, 3);
    for (const [how, bytes] of [
      ['Uint8Array', fixtureBytes],
      ['a view at an offset', big.subarray(3, 3 + fixtureBytes.length)],
    ]) {
      const result = capture(() => api.IpCountryTable.fromBinary(bytes));
      try {
        checkResult(
          api,
          result,
          { size: snapshotCases.fixture.size, countries: snapshotCases.fixture.countries, lookups: snapshotCases.fixture.lookups },
          how,
        );
        eq(toHex(result.value.toBinary()), snapshotCases.fixture.hex, how);
      } finally {
        release(result);
      }
    }
  });
  for (const { name, steps, error, message } of snapshotCases.mutations) {
    await test(`fromBinary rejects: ${name}`, () => {
      const result = capture(() => api.IpCountryTable.fromBinary(mutate(fixtureBytes, steps)));
      release(result);
      checkResult(api, result, { error, message });
    });
  }
  for (const c of snapshotCases.structural) {
    await test(`fromBinary structure: ${c.name}`, () => {
      let bytes = buildSnapshot(c.snapshot);
      if (c.steps) bytes = mutate(bytes, c.steps);
      const result = capture(() => api.IpCountryTable.fromBinary(bytes));
      try {
        checkResult(api, result, c.error ? { error: c.error, message: c.message } : c.expect);
        if (!result.threw) eq(toHex(result.value.toBinary()), toHex(bytes), 'toBinary');
      } finally {
        release(result);
      }
    });
  }
  for (const c of snapshotCases.types) {
    await test(`fromBinary(${show(decodeValue(c.bytes))}) throws ${c.error}`, () =>
      throwsLike(() => api.IpCountryTable.fromBinary(decodeValue(c.bytes)), c.error, c.message));
  }
  await test('fromBinary() with no argument', () =>
    throwsLike(
      () => api.IpCountryTable.fromBinary(),
      'TypeError',
      'fromBinary: bytes must be a Uint8Array or an ArrayBuffer, got undefined',
    ));
  for (const testCase of csvCases.filter((c) => !c.expect.error)) {
    await test(`round trip: ${testCase.name}`, () => {
      const made = api.IpCountryTable.fromCsv(...withOptions(testCase, caseCsv(testCase)));
      const bytes = made.toBinary();
      made.free();
      const result = capture(() => api.IpCountryTable.fromBinary(bytes));
      try {
        checkResult(api, result, testCase.expect);
        eq(toHex(result.value.toBinary()), toHex(bytes), 'toBinary');
      } finally {
        release(result);
      }
    });
  }

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
