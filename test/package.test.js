'use strict';
// The published package, as a user gets it: `npm pack ./pkg`, install the tarball into a fresh
// project, require() it there, compile a strict TypeScript consumer against it.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync, spawnSync } = require('child_process');
const ts = require('typescript');
const { root } = require('./implementations.js');
const { packInstall } = require('./support/pack.js');

const pkgDir = path.join(root, 'pkg');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

// What a user needs, and nothing else (npm always adds package.json and README.md).
const EXPECTED_FILES = [
  'README.md',
  'emscripten-web.mjs',
  'emscripten/node.cjs',
  'index.d.mts',
  'index.d.ts',
  'index.js',
  'index.mjs',
  'index.wasm',
  'index.wasm.d.ts',
  'lib/api/args.js',
  'lib/api/errors.js',
  'lib/api/index.js',
  'lib/api/ip-args.js',
  'lib/api/ip-table.js',
  'lib/api/limits.js',
  'lib/api/messages.js',
  'lib/api/messages.json',
  'lib/api/stream-source.js',
  'lib/js/ip-address.js',
  'lib/js/ipv4-segments.js',
  'lib/js/kernel-table-lookups.js',
  'lib/wasm/backend.js',
  'lib/wasm/node.js',
  'package.json',
  'wasm-url.d.ts',
  'web.d.mts',
  'web.mjs',
];

/** Names of the values (not types) a .d.ts module exports, read with the TypeScript compiler itself. */
function declaredExports(dtsFile) {
  const program = ts.createProgram([dtsFile], { strict: true, noEmit: true });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(dtsFile));
  return checker
    .getExportsOfModule(moduleSymbol)
    .filter((s) => s.flags & ts.SymbolFlags.Value)
    .map((s) => s.name);
}

let workDir;
let consumerDir;
let packed;

beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nvw-package-'));
  ({ packed, project: consumerDir } = packInstall(workDir, { fields: { name: 'consumer' } }));
});

afterAll(() => {
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

test('the tarball holds exactly what a user needs', () => {
  expect(packed.name).toBe('native-vs-wasm');
  expect(packed.files.map((f) => f.path).sort()).toEqual(EXPECTED_FILES);
});

test('require("native-vs-wasm") works in a fresh project', () => {
  const out = execFileSync(
    process.execPath,
    ['-e', 'const m = require("native-vs-wasm"); console.log(JSON.stringify([Object.keys(m), m.fibonacci(20)]))'],
    {
      cwd: consumerDir,
      encoding: 'utf8',
    },
  );
  expect(JSON.parse(out)).toEqual([['fibonacci', 'IpCountryTable', 'CsvError', 'default'], 6765]); // default: init (resolves at once)
});

test('a runtime without WebAssembly: every entry says so, not that index.wasm is wrong', () => {
  // node --no-expose-wasm (as --jitless) leaves no WebAssembly global; the glue would then fail with
  // a ReferenceError that the loaders reported as a bad index.wasm. web.mjs is the browser entry.
  const program = `
    const messages = [];
    try { require('native-vs-wasm'); } catch (e) { messages.push(e.message); }
    import('native-vs-wasm').catch((e) => messages.push(e.message))
      .then(() => import('./node_modules/native-vs-wasm/web.mjs')).then((web) => web.default()).catch((e) => messages.push(e.message))
      .then(() => console.log(JSON.stringify(messages)));`;
  const out = execFileSync(process.execPath, ['--no-expose-wasm', '-e', program], { cwd: consumerDir, encoding: 'utf8' });
  const expected =
    'native-vs-wasm: this JavaScript runtime has no WebAssembly, which this package is: it can be turned off ' +
    "(node --jitless or --no-expose-wasm, a browser's strictest security setting)";
  expect(JSON.parse(out)).toEqual([expected, expected, expected]);
});

test("the browser entry's init() takes a WebAssembly.Module compiled in another context (Next.js's edge sandbox, a vm)", () => {
  // Such a module is no instance of this context's WebAssembly.Module; what init() does not take is named.
  const program = `
    const fs = require('fs');
    const vm = require('vm');
    const bytes = fs.readFileSync(require.resolve('native-vs-wasm/index.wasm'));
    const foreign = vm.runInNewContext('new WebAssembly.Module(bytes)', { bytes });
    import('./node_modules/native-vs-wasm/web.mjs').then(async (web) => {
      const refused = await web.default(5).catch((e) => e.constructor.name + ': ' + e.message);
      await web.default(foreign);
      console.log(JSON.stringify([foreign instanceof WebAssembly.Module, refused, web.fibonacci(20)]));
    });`;
  const out = execFileSync(process.execPath, ['-e', program], { cwd: consumerDir, encoding: 'utf8' });
  expect(JSON.parse(out)).toEqual([
    false,
    'TypeError: init: input must be a URL, a string, a Request, a Response, bytes or a WebAssembly.Module, got 5',
    6765,
  ]);
});

test('the installed package in worker threads: a module per worker, snapshots between them, workers terminated mid-load', () => {
  // The main thread builds a table and hands each worker its snapshot; a worker grows its own wasm
  // heap (so its views of the table are made again) and sends a snapshot back; workers killed while
  // loading leave the main thread's table, listeners and exit code alone.
  const program = `
    const { Worker } = require('node:worker_threads');
    const { IpCountryTable } = require('native-vs-wasm');
    const csv = Array.from({ length: 6000 }, (_, i) => (i * 4096) + ',' + (i * 4096 + 4095) + ',' + (i % 2 ? 'AU' : 'NZ')).join('\\n');
    const worker = \`
      const { parentPort, workerData } = require('node:worker_threads');
      const { IpCountryTable } = require('native-vs-wasm');
      if (workerData.spin) { parentPort.postMessage('up'); for (;;) IpCountryTable.fromCsv(workerData.csv).free(); }
      const table = IpCountryTable.fromBinary(workerData.snapshot);
      const more = Array.from({ length: 40 }, () => IpCountryTable.fromCsv(workerData.csv));
      parentPort.postMessage({ answers: [table.lookup(4096 * 3), table.lookup('0.0.64.1'), table.lookup('::ffff:0.0.48.2')], snapshot: table.toBinary() });
      more.forEach((t) => t.free());
      table.free();\`;
    const table = IpCountryTable.fromCsv(csv);
    const run = (workerData) => new Promise((resolve, reject) => {
      const w = new Worker(worker, { eval: true, workerData });
      w.once('message', (m) => resolve([w, m]));
      w.once('error', reject);
    });
    (async () => {
      const answers = [];
      for (let k = 0; k < 2; k++) {
        const [w, m] = await run({ snapshot: table.toBinary(), csv });
        answers.push(m.answers, IpCountryTable.fromBinary(m.snapshot).lookup(4096 * 5));
        await w.terminate();
      }
      for (let k = 0; k < 3; k++) {
        const [w] = await run({ spin: true, csv });
        await new Promise((r) => setTimeout(r, 20));
        await w.terminate();
      }
      console.log(JSON.stringify({ answers, after: table.lookup(4096 * 2), listeners: process.listenerCount('uncaughtException'), exitCode: process.exitCode ?? null }));
    })();`;
  const out = execFileSync(process.execPath, ['-e', program], { cwd: consumerDir, encoding: 'utf8' });
  expect(JSON.parse(out)).toEqual({
    answers: [['AU', 'NZ', 'AU'], 'AU', ['AU', 'NZ', 'AU'], 'AU'],
    after: 'NZ',
    listeners: 0,
    exitCode: null,
  });
});

test('the installed package does not reach back into the source tree', () => {
  const out = execFileSync(process.execPath, ['-e', 'require("native-vs-wasm"); console.log(JSON.stringify(Object.keys(require.cache)))'], {
    cwd: consumerDir,
    encoding: 'utf8',
  });
  const loaded = JSON.parse(out);
  expect(loaded.length).toBeGreaterThan(0);
  for (const file of loaded) expect(file.startsWith(path.join(consumerDir, 'node_modules', 'native-vs-wasm'))).toBe(true);
});

test('a strict TypeScript consumer compiles against the installed types', () => {
  fs.writeFileSync(
    path.join(consumerDir, 'consumer.ts'),
    [
      "import { fibonacci, IpCountryTable, CsvError, type CsvOptions } from 'native-vs-wasm';",
      'const value: number = fibonacci(10);',
      "const options: CsvOptions = { overlaps: 'error' };",
      "const table = IpCountryTable.fromCsv('1.0.0.0,1.0.0.255,AU\\n', options);",
      "const country: string | null = table.lookup('1.0.0.1');",
      'const indexes: Uint16Array = table.lookupIndexes(new Uint32Array([1]));',
      'const notFound: 65535 = IpCountryTable.NOT_FOUND;',
      'const codes: readonly string[] = table.countries;',
      'table.free();',
      "try { IpCountryTable.fromCsv('x'); } catch (error) { if (error instanceof CsvError) console.log(error.line); }",
      '// @ts-expect-error the constructor is private',
      'new IpCountryTable();',
      'export { country, indexes, notFound, codes };',
      '// @ts-expect-error fibonacci takes a number',
      "fibonacci('10');",
      'export { value };',
      '',
    ].join('\n'),
  );
  const compile = () => {
    const args = [tsc, '--strict', '--noEmit', '--module', 'node16', '--moduleResolution', 'node16', 'consumer.ts'];
    const { status, stdout, stderr } = spawnSync(process.execPath, args, { cwd: consumerDir, encoding: 'utf8' });
    return { status, output: stdout + stderr };
  };
  expect(compile()).toEqual({ status: 0, output: '' });
  // The check can fail: a wrong type is a compile error.
  fs.writeFileSync(
    path.join(consumerDir, 'consumer.ts'),
    "import { fibonacci } from 'native-vs-wasm';\nconst s: string = fibonacci(10);\nexport { s };\n",
  );
  const broken = compile();
  expect(broken.status).not.toBe(0);
  expect(broken.output).toMatch(/TS2322/);
});

test('index.d.ts declares exactly the names the module exports', () => {
  const runtime = Object.keys(require(pkgDir)).sort();
  expect(declaredExports(path.join(pkgDir, 'index.d.ts')).sort()).toEqual(runtime);
});

test('index.wasm.d.ts declares exactly the exports of index.wasm', () => {
  const wasm = new WebAssembly.Module(fs.readFileSync(path.join(pkgDir, 'index.wasm')));
  const actual = WebAssembly.Module.exports(wasm)
    .map((e) => e.name)
    .sort();
  expect(declaredExports(path.join(pkgDir, 'index.wasm.d.ts')).sort()).toEqual(actual);
});
