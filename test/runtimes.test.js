'use strict';
// The package in every runtime (test/runtimes/): the conformance cases against the installed
// tarball in Node 22/24/26, Bun and Deno (require, import, and the Node-API addon, g++ and clang), in Chromium,
// Firefox and WebKit (an esbuild bundle, and plain ES modules with an import map) and in workerd
// (bundled with init() at top level or inside the first request, also with a 2024 compatibility
// date, and the package's files as modules). Prints the matrix and writes
// build/runtime-matrix.json; a cell test/runtimes/expected.js expects to work must pass every case.
const fs = require('fs');
const path = require('path');
const { root } = require('./implementations.js');
const { runMatrix, renderMatrix, writeMatrix } = require('./runtimes/matrix.js');
const { RUNTIMES } = require('./runtimes/runtimes.js');
const { EXPECTED_FAILURES } = require('./runtimes/expected.js');
const { pinned } = require('../support/binaries.js');
const { runConformance, FIXTURE_FILES } = require('./cases/run.js');

const js = require('../js');

const CELLS = RUNTIMES.flatMap((runtime) => runtime.flavours.map((flavour) => ({ id: `${runtime.id}/${flavour}`, runtime, flavour })));
const working = CELLS.filter((c) => !EXPECTED_FAILURES[c.id]);
const failing = CELLS.filter((c) => EXPECTED_FAILURES[c.id]);
const HOSTS_WITH_FILES = new Set(['node22', 'node24', 'node26', 'bun', 'deno']);

const fixtureDir = path.join(root, 'test', 'fixtures');
const fixtures = Object.fromEntries(FIXTURE_FILES.map((file) => [file, new Uint8Array(fs.readFileSync(path.join(fixtureDir, file)))]));

let matrix;
let reference;
const rowOf = (id) => matrix.rows.find((r) => `${r.runtime}/${r.flavour}` === id);

beforeAll(async () => {
  // How many cases a runtime must run: the same runner on the pure-JS implementation, here.
  reference = {
    files: (await runConformance(js, { fixtures, fixturePath: (file) => path.join(fixtureDir, file) })).ran,
    noFiles: (await runConformance(js, { fixtures, fileSystem: false })).ran,
  };
  matrix = await runMatrix();
  writeMatrix(matrix, path.join(root, 'build', 'runtime-matrix.json'));
  process.stdout.write(`\n== runtime matrix (${matrix.seconds.toFixed(1)} s)\n${renderMatrix(matrix)}\n\n`);
}, 300_000);

test('expected failures name existing cells, each with a reason and the error that shows it', () => {
  const ids = new Set(CELLS.map((c) => c.id));
  for (const [id, entry] of Object.entries(EXPECTED_FAILURES)) {
    expect({ id, exists: ids.has(id) }).toEqual({ id, exists: true });
    expect(entry.because).toEqual(expect.any(String));
    expect(entry.error).toBeInstanceOf(RegExp);
  }
});

test('the runner reports wrong answers and wrong error classes (it can fail)', async () => {
  const wrongFib = await runConformance({ ...js, fibonacci: (n) => js.fibonacci(n) + (n === 10 ? 1 : 0) });
  expect(wrongFib.failed).toBe(1);
  expect(wrongFib.failures[0]).toEqual({ name: 'fibonacci(10) = 55', message: 'got 56, want 55' });
  class OtherError extends Error {}
  const wrongClass = await runConformance({ ...js, CsvError: OtherError });
  expect(wrongClass.failed).toBeGreaterThan(100);
});

test.each(working)('$id passes every case', ({ id, runtime }) => {
  const row = rowOf(id);
  expect({ id, ok: row.ok, reason: row.reason }).toEqual({ id, ok: true, reason: null });
  expect(row.cases.ran).toBe(HOSTS_WITH_FILES.has(runtime.id) ? reference.files : reference.noFiles);
  expect(row.cases.failed).toBe(0);
});

// One test over the list (which may be empty), not test.each: the known failures are data.
test('cells expected to fail fail only for their known reason', () => {
  for (const { id } of failing) {
    const row = rowOf(id);
    if (row.ok) {
      process.stdout.write(`${id} now passes: remove it from test/runtimes/expected.js\n`);
      expect({ id, failed: row.cases.failed }).toEqual({ id, failed: 0 });
    } else {
      expect({ id, reason: row.reason }).toEqual({ id, reason: expect.stringMatching(EXPECTED_FAILURES[id].error) });
    }
  }
});

test('each runtime is the version package.json pins', () => {
  const engines = Object.fromEntries(matrix.rows.filter((r) => r.engine).map((r) => [r.runtime, r.engine]));
  for (const id of ['node22', 'node24', 'node26', 'bun', 'deno']) expect(engines[id]).toContain(` ${pinned(id)} `);
  // workerd's npm version is 1.YYYYMMDD.n; the binary names its date.
  const [, date] = pinned('workerd').match(/^1\.(\d{8})\./);
  expect(engines.workerd).toContain(`workerd ${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}`);
});

test.each(['workerd/bundle', 'workerd/lazy', 'workerd/esm', 'workerd-2024/bundle'])(
  'the Worker (%s) answered the ip-lookup.json lookups over HTTP',
  (id) => {
    const row = rowOf(id);
    expect(row.lookups.asked).toBeGreaterThan(10);
    expect(row.lookups.wrong).toEqual([]);
  },
);

test('a flavour a runtime cannot load is recorded as such, with the reason', () => {
  expect(matrix.cannot).toEqual(
    expect.arrayContaining([
      { runtime: 'chromium', flavour: 'native', reason: expect.stringContaining('no Node-API') },
      { runtime: 'workerd', flavour: 'native', reason: expect.stringContaining('no Node-API') },
    ]),
  );
  expect(renderMatrix(matrix)).toMatch(/chromium\/native: cannot: a browser has no Node-API/);
});

test('npm scripts run on the Node that runs npm: node_modules/.bin has no `node` (scripts/setup.sh)', () => {
  expect(fs.existsSync(path.join(root, 'node_modules', '.bin', 'node'))).toBe(false);
});
