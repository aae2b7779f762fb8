'use strict';
// The published package from Node ES modules and TypeScript: `npm pack ./pkg`, install the tarball
// into a fresh project, `import` it there (named exports), check the ESM and browser entries'
// declared exports against their runtime exports, and compile strict TypeScript consumers under
// moduleResolution node16 (ESM and CommonJS files) and bundler.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync, spawnSync } = require('child_process');
const ts = require('typescript');
const { root } = require('./implementations.js');
const { packInstall } = require('./support/pack.js');

const pkgDir = path.join(root, 'pkg');

const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

let workDir;
let consumerDir;

beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nvw-esm-'));
  consumerDir = packInstall(workDir, { fields: { name: 'consumer', type: 'module' } }).project;
});

afterAll(() => {
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

function node(file, source) {
  fs.writeFileSync(path.join(consumerDir, file), source);
  return JSON.parse(execFileSync(process.execPath, [file], { cwd: consumerDir, encoding: 'utf8' }));
}

test('import { fibonacci, IpCountryTable, CsvError } from "native-vs-wasm" works in a fresh project', () => {
  const out = node(
    'esm.js',
    [
      "import init, { fibonacci, IpCountryTable, CsvError } from 'native-vs-wasm';",
      "import * as namespace from 'native-vs-wasm';",
      'await init();',
      "const table = IpCountryTable.fromCsv('1.0.0.0,1.0.0.255,AU\\n2001:db8::,2001:db8::ffff,NL\\n');",
      "let line = null; try { IpCountryTable.fromCsv('1.0.0.0,1.0.0.255,AU\\nnope\\n'); } catch (e) { if (e instanceof CsvError) line = e.line; }",
      "console.log(JSON.stringify({ keys: Object.keys(namespace).sort(), fib: fibonacci(20), v4: table.lookup('1.0.0.1'), v6: table.lookup('2001:db8::1'), line }));",
    ].join('\n'),
  );
  expect(out).toEqual({ keys: ['CsvError', 'IpCountryTable', 'default', 'fibonacci'], fib: 6765, v4: 'AU', v6: 'NL', line: 2 });
});

test('ESM and CommonJS share one instance (no dual-package hazard)', () => {
  const out = node(
    'dual.js',
    [
      "import { createRequire } from 'module';",
      "import { IpCountryTable, CsvError } from 'native-vs-wasm';",
      "const cjs = createRequire(import.meta.url)('native-vs-wasm');",
      'console.log(JSON.stringify([cjs.IpCountryTable === IpCountryTable, cjs.CsvError === CsvError]));',
    ].join('\n'),
  );
  expect(out).toEqual([true, true]);
});

test('the export map resolves each condition to its file', () => {
  const out = node(
    'resolve.js',
    [
      "import { createRequire } from 'module';",
      "const rel = (p) => p.slice(p.lastIndexOf('native-vs-wasm') + 15);",
      "console.log(JSON.stringify([rel(import.meta.resolve('native-vs-wasm')), rel(createRequire(import.meta.url).resolve('native-vs-wasm')),",
      "  rel(import.meta.resolve('native-vs-wasm/index.wasm'))]));",
    ].join('\n'),
  );
  expect(out).toEqual(['index.mjs', 'index.js', 'index.wasm']);
});

test('the browser entry throws clear errors before init(), for fromFile and for a wasm that is not one, then works from bytes', () => {
  const out = node(
    'web.js',
    [
      "import { readFileSync } from 'fs';",
      "import init, { fibonacci, IpCountryTable } from 'native-vs-wasm/web.mjs';".replace(
        "'native-vs-wasm/web.mjs'",
        "'./node_modules/native-vs-wasm/web.mjs'",
      ),
      'const errors = [];',
      'try { fibonacci(5); } catch (e) { errors.push(e.message); }',
      "try { IpCountryTable.fromFile('x.csv'); } catch (e) { errors.push(e.message); }",
      // What a server's fallback page, a 404 and text bytes get from init(); a failed init() can be retried.
      "const page = () => new Response('<!doctype html><html></html>', { headers: { 'content-type': 'text/html' } });",
      "for (const input of [page(), new Response('missing', { status: 404, statusText: 'Not Found' }), new TextEncoder().encode('hello')]) {",
      '  try { await init(input); } catch (e) { errors.push(`${e.name}: ${e.message}`); }',
      '}',
      "await init(readFileSync('./node_modules/native-vs-wasm/index.wasm'));",
      "console.log(JSON.stringify({ errors, fib: fibonacci(20), v4: IpCountryTable.fromCsv('1.0.0.0,1.0.0.255,AU\\n').lookup('1.0.0.1') }));",
    ].join('\n'),
  );
  expect(out.errors[0]).toMatch(/not loaded yet: `await init\(\)`/);
  expect(out.errors[1]).toMatch(/no file system in the browser; use fromCsv\(bytes\) or fromStream/);
  expect(out.errors.slice(2)).toEqual([
    'Error: native-vs-wasm: the Response given to init() is not a WebAssembly module: the server answered HTTP 200 with content-type text/html ' +
      'and bytes starting "<!doctype html><html></h"... (a single-page app\'s fallback page?). Serve index.wasm at that URL (as application/wasm), or pass its URL to init(url)',
    'Error: native-vs-wasm: could not fetch the WebAssembly module: HTTP 404 Not Found from the Response given to init()',
    'TypeError: init: the bytes given are not a WebAssembly module: bytes starting "hello"',
  ]);
  expect(out).toMatchObject({ fib: 6765, v4: 'AU' });
});

/** Names a .d.ts / .d.mts module exports (values only, or types too), read with the TypeScript compiler. */
function declaredExports(dtsFile, { typesToo = false } = {}) {
  const program = ts.createProgram([dtsFile], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(dtsFile));
  const target = (s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s); // re-exports are aliases
  return checker
    .getExportsOfModule(moduleSymbol)
    .filter((s) => typesToo || target(s).flags & ts.SymbolFlags.Value)
    .map((s) => s.name)
    .sort();
}

test.each([
  ['index.d.mts', 'index.mjs'],
  ['web.d.mts', 'web.mjs'],
])('%s declares exactly the names %s exports', (dts, entry) => {
  const dir = path.join(consumerDir, 'node_modules', 'native-vs-wasm');
  const runtime = node(
    `keys-${entry}.js`,
    `import * as m from './node_modules/native-vs-wasm/${entry}'; console.log(JSON.stringify(Object.keys(m).sort()));`,
  );
  expect(declaredExports(path.join(dir, dts))).toEqual(runtime);
});

test.each(['index.d.mts', 'web.d.mts'])('%s exports every type index.d.ts does (an ES module project can import them all)', (dts) => {
  const dir = path.join(consumerDir, 'node_modules', 'native-vs-wasm');
  const commonJs = declaredExports(path.join(dir, 'index.d.ts'), { typesToo: true });
  expect(commonJs).toEqual(expect.arrayContaining(['ReadableStreamLike', 'UrlLike', 'WebAssemblyModuleLike']));
  expect(declaredExports(path.join(dir, dts), { typesToo: true })).toEqual(commonJs);
});

// --- TypeScript consumers ----------------------------------------------------------------------
const USE_API = [
  'const value: number = fibonacci(10);',
  "const options: CsvOptions = { overlaps: 'error' };",
  "const table = IpCountryTable.fromCsv('1.0.0.0,1.0.0.255,AU\\n', options);",
  "const country: string | null = table.lookup('1.0.0.1');",
  'const notFound: 65535 = IpCountryTable.NOT_FOUND;',
  "try { IpCountryTable.fromCsv('x'); } catch (error) { if (error instanceof CsvError) console.log(error.line); }",
  '// @ts-expect-error fibonacci takes a number',
  "fibonacci('10');",
  '// @ts-expect-error a CsvError has a line',
  "new CsvError('bad row');",
  'export { value, country, notFound };',
];

function compile(files, options) {
  const dir = fs.mkdtempSync(path.join(consumerDir, 'ts-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  fs.symlinkSync(path.join(consumerDir, 'node_modules'), path.join(dir, 'node_modules'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, type: options.type }));
  // options.lib: the project's libraries (e.g. no DOM); by default TypeScript's for the target.
  const lib = options.lib ? ['--lib', options.lib.join(',')] : [];
  const args = [
    tsc,
    '--strict',
    '--noEmit',
    '--target',
    'es2022',
    '--module',
    options.module,
    '--moduleResolution',
    options.moduleResolution,
    ...lib,
    ...(options.flags ?? []),
    ...Object.keys(files),
  ];
  const { status, stdout, stderr } = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
  return { status, output: stdout + stderr };
}

test('strict TypeScript compiles under moduleResolution node16: ESM import (with init) and CommonJS require', () => {
  const esm = [
    "import init, { fibonacci, IpCountryTable, CsvError, type CsvOptions } from 'native-vs-wasm';",
    'await init();',
    ...USE_API,
  ].join('\n');
  const cjs = ["import { fibonacci, IpCountryTable, CsvError, type CsvOptions } from 'native-vs-wasm';", ...USE_API].join('\n');
  expect(compile({ 'esm.mts': esm, 'cjs.cts': cjs }, { type: 'commonjs', module: 'node16', moduleResolution: 'node16' })).toEqual({
    status: 0,
    output: '',
  });
});

test('strict TypeScript compiles under moduleResolution bundler (the browser entry: init(input?))', () => {
  const app = [
    "import init, { fibonacci, IpCountryTable, CsvError, type CsvOptions, type InitInput } from 'native-vs-wasm';",
    "const input: InitInput = new URL('https://example.com/index.wasm');",
    'await init();',
    'await init(input);',
    "await init(fetch('/index.wasm'));",
    "const streamed: Promise<IpCountryTable> = fetch('/ranges.csv').then((r) => IpCountryTable.fromStream(r.body!));",
    'const done: Promise<void> = init();',
    '// @ts-expect-error init resolves to nothing',
    'const nothing: number = await init();',
    'export { done, nothing };',
    'export { streamed };',
    ...USE_API,
  ].join('\n');
  expect(compile({ 'app.ts': app }, { type: 'module', module: 'esnext', moduleResolution: 'bundler' })).toEqual({ status: 0, output: '' });
  const broken = compile(
    { 'app.ts': "import { fibonacci } from 'native-vs-wasm';\nconst s: string = fibonacci(10);\nexport { s };\n" },
    { type: 'module', module: 'esnext', moduleResolution: 'bundler' },
  );
  expect(broken.output).toMatch(/TS2322/);
});

/** `app` compiles cleanly as a bundler app with the DOM library, with and without exactOptionalPropertyTypes. */
function expectCompilesInBundlerAppBothWays(app) {
  for (const flags of [[], ['--exactOptionalPropertyTypes']]) {
    const options = { type: 'module', module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'], flags };
    expect(compile({ 'app.ts': app }, options)).toEqual({ status: 0, output: '' });
  }
}

// A real ReadableStream is a CsvSource whatever its chunks (bytes, text, ArrayBuffers), also under
// exactOptionalPropertyTypes, where a stream's `value?: T | undefined` must meet ours.
test('fromStream takes web ReadableStreams of every chunk type and an AbortSignal, also under exactOptionalPropertyTypes', () => {
  const app = [
    "import { IpCountryTable } from 'native-vs-wasm';",
    'declare const bytes: ReadableStream<Uint8Array>;',
    'declare const text: ReadableStream<string>;',
    'declare const buffers: ReadableStream<ArrayBuffer>;',
    'const tables: Promise<IpCountryTable>[] = [',
    '  IpCountryTable.fromStream(bytes),',
    '  IpCountryTable.fromStream(text),',
    '  IpCountryTable.fromStream(buffers),',
    "  IpCountryTable.fromStream(new Response('x').body!),",
    "  IpCountryTable.fromStream(new Blob(['x']).stream().pipeThrough(new TextDecoderStream())),",
    '  IpCountryTable.fromStream(bytes, { signal: AbortSignal.timeout(1000), overlaps: "error" }),',
    '  IpCountryTable.fromStream(bytes, { signal: new AbortController().signal }),',
    '];',
    '// @ts-expect-error a signal is an AbortSignal',
    'IpCountryTable.fromStream(bytes, { signal: 5 });',
    'declare const numbers: ReadableStream<number>;',
    '// @ts-expect-error chunks are bytes or text',
    'IpCountryTable.fromStream(numbers);',
    'export { tables };',
  ].join('\n');
  expectCompilesInBundlerAppBothWays(app);
});

// What users do with snapshots and options: a snapshot is transferred and wrapped as any bytes; an
// option may be given as undefined (also under exactOptionalPropertyTypes); a string is no stream.
test('snapshots, options and sources as users give them: the types take what the API takes', () => {
  const app = [
    "import { IpCountryTable } from 'native-vs-wasm';",
    "const table = IpCountryTable.fromCsv('1.0.0.0,1.0.0.255,AU\\n', { overlaps: undefined, maxMemory: undefined, signal: undefined });",
    'const snapshot = table.toBinary();',
    'const again = IpCountryTable.fromBinary(snapshot.buffer);',
    'const wrapped = [new Blob([snapshot]), new Response(snapshot)];',
    'declare const port: MessagePort;',
    'port.postMessage(snapshot, [snapshot.buffer]);',
    "const chunks = IpCountryTable.fromStream(['1.0.0.0,', '1.0.0.255,AU\\n']);",
    '// @ts-expect-error CSV text goes to fromCsv: fromStream throws on a string',
    "IpCountryTable.fromStream('1.0.0.0,1.0.0.255,AU');",
    'export { again, wrapped, chunks };',
  ].join('\n');
  expectCompilesInBundlerAppBothWays(app);
});

test('strict TypeScript compiles the README browser snippet under moduleResolution node (node10), with esModuleInterop', () => {
  const readme = fs.readFileSync(path.join(pkgDir, 'README.md'), 'utf8');
  const snippet = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]).find((s) => s.includes('await init()'));
  const app = `${snippet}\nexport {};\n`;
  const result = compile({ 'app.ts': app }, { type: 'module', module: 'esnext', moduleResolution: 'node' });
  expect(result).toEqual({ status: 0, output: '' });
});

test('a Node project with no DOM library compiles the types, and init takes the browser argument', () => {
  const app = [
    "import init, { IpCountryTable, type InitInput } from 'native-vs-wasm';",
    "const input: InitInput = 'https://example.com/index.wasm';",
    'await init(input);',
    'await init(new Uint8Array([0, 97, 115, 109]));',
    'const table = IpCountryTable.fromBinary(new ArrayBuffer(8));',
    "const fromUrl = IpCountryTable.fromFile({ href: 'file:///data/ranges.csv', protocol: 'file:' });",
    "const country: string | null = table.tryLookup('203.0.113.7, 10.0.0.1');",
    '// @ts-expect-error fromFile takes a path, not a number',
    'IpCountryTable.fromFile(5);',
    'export { country, fromUrl };',
  ].join('\n');
  expect(compile({ 'app.mts': app }, { type: 'module', module: 'node16', moduleResolution: 'node16', lib: ['es2022'] })).toEqual({
    status: 0,
    output: '',
  });
});

test("import wasmUrl from 'native-vs-wasm/index.wasm' is typed as the file's URL (moduleResolution bundler)", () => {
  const app = [
    "import init from 'native-vs-wasm';",
    "import wasmUrl from 'native-vs-wasm/index.wasm';",
    'const url: string = wasmUrl;',
    'await init(url);',
    '// @ts-expect-error it is a URL string, not a module',
    'const n: number = wasmUrl;',
    'export { n };',
  ].join('\n');
  expect(compile({ 'app.ts': app }, { type: 'module', module: 'esnext', moduleResolution: 'bundler' })).toEqual({ status: 0, output: '' });
});
