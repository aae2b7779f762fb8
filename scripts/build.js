#!/usr/bin/env node
// `npm run build`: everything from the one CMakeLists.txt, each part in its own build folder:
//   build/wasm          Emscripten  -> pkg/index.wasm, pkg/emscripten/node.cjs (Node glue),
//                                      pkg/emscripten-web.mjs (browser ES module glue), pkg/index.wasm.d.ts
//   (no folder)         copies      -> pkg/lib/: the API layer (api/) and wasm/'s Node modules
//   (no folder)         esbuild     -> pkg/web.mjs, the browser entry as one ES module
//   build/native-gcc    cmake-js    -> the Node-API addon compiled with g++
//   build/native-clang  cmake-js    -> the same addon compiled with clang++
//   build/cpp           cmake       -> GoogleTest binary (run by ctest)
//   build/cpp-asan      cmake       -> the same tests, clang + ASan + UBSan + LeakSanitizer (ctest)
// (build/fuzz, the libFuzzer harnesses, is built by scripts/fuzz.js.)
// Re-running with nothing changed only re-checks timestamps (a few seconds).
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const { IMPLEMENTATIONS } = require('../support/implementations.js');

const root = path.join(__dirname, '..');
const build = (dir) => path.join(root, 'build', dir);
const jobs = String(Math.max(2, require('os').availableParallelism?.() ?? 2));

function run(cmd, args, env = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.error) throw new Error(`could not run ${cmd}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${result.status}`);
}

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

// emcc (3.1.6 as packaged by Debian) needs Debian's acorn when Node is not Debian's own.
// And it must not see node_modules/.bin, which npm puts on PATH for `npm test` / `npm run build`:
// there is the npm package binaryen's wasm-opt (the bench's wasm-opt -Oz), which emcc then runs
// instead of its own, and whose import/export name map emcc 3.1.6 cannot apply to the glue: the
// wasm got minified import names that the glue did not know (LinkError on load).
const emscriptenEnv = {
  PATH: process.env.PATH.split(path.delimiter)
    .filter((dir) => !/[\\/]node_modules[\\/]\.bin$/.test(dir))
    .join(path.delimiter),
  ...(fs.existsSync('/usr/share/nodejs')
    ? { NODE_PATH: ['/usr/share/nodejs', process.env.NODE_PATH].filter(Boolean).join(path.delimiter) }
    : {}),
};

function configured(dir) {
  return fs.existsSync(path.join(dir, 'CMakeCache.txt'));
}

// The CMake toolchain file of the Emscripten whose emcc is first on PATH (null if it cannot tell).
function emscriptenToolchain() {
  const emcc = spawnSync('sh', ['-c', 'command -v emcc'], { encoding: 'utf8' }).stdout.trim();
  const file = emcc && path.join(path.dirname(fs.realpathSync(emcc)), 'cmake', 'Modules', 'Platform', 'Emscripten.cmake');
  return file && fs.existsSync(file) ? file : null;
}

function buildWasm() {
  if (!onPath('emcmake'))
    throw new Error('Emscripten not found: put an emsdk on PATH (source emsdk_env.sh) or run `npm run setup` (Debian).');
  const dir = build('wasm');
  // build/wasm keeps the Emscripten it was configured with; after switching (another emcc first on
  // PATH) it is configured afresh, so the switch is never silently ignored.
  const toolchain = configured(dir) && emscriptenToolchain();
  if (toolchain && !fs.readFileSync(path.join(dir, 'CMakeCache.txt'), 'utf8').includes(`CMAKE_TOOLCHAIN_FILE:FILEPATH=${toolchain}\n`)) {
    console.log(`build/wasm was configured with another Emscripten; configuring it afresh for ${toolchain}`);
    fs.rmSync(path.join(dir, 'CMakeCache.txt'));
    fs.rmSync(path.join(dir, 'CMakeFiles'), { recursive: true, force: true });
  }
  if (!configured(dir)) run('emcmake', ['cmake', '-S', '.', '-B', dir, '-DCMAKE_BUILD_TYPE=Release'], emscriptenEnv);
  run('cmake', ['--build', dir, '--parallel', jobs], emscriptenEnv);
}

// Writes `text` to `file` unless it already holds it (unchanged input keeps its timestamp).
function writeIfChanged(file, text) {
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

// The published package holds what it runs, never a path back into the tree: pkg/lib/ gets copies
// of the API layer (api/), of the WebAssembly flavour's Node modules (wasm/backend.js, node.js) and
// of the JS twin's search and parser that the adapter runs over the heap (js/), in the same relative layout, so their require()s mean the same there (git-ignored, shipped).
function assembleLib() {
  const lib = path.join(root, 'pkg', 'lib');
  const wanted = new Set();
  const copy = (from, to) => {
    wanted.add(to);
    writeIfChanged(to, fs.readFileSync(from, 'utf8'));
  };
  for (const name of fs.readdirSync(path.join(root, 'api')).filter((f) => f.endsWith('.js') || f.endsWith('.json')))
    copy(path.join(root, 'api', name), path.join(lib, 'api', name));
  for (const name of ['backend.js', 'node.js']) copy(path.join(root, 'wasm', name), path.join(lib, 'wasm', name));
  // The JS twin's search and address parser, which the WASM adapter runs over views of the wasm heap.
  for (const name of ['kernel-table-lookups.js', 'ipv4-segments.js', 'ip-address.js'])
    copy(path.join(root, 'js', name), path.join(lib, 'js', name));
  // A file that left the source tree leaves the package too.
  for (const dir of [path.join(lib, 'api'), path.join(lib, 'wasm'), path.join(lib, 'js')]) {
    for (const name of fs.readdirSync(dir)) if (!wanted.has(path.join(dir, name))) fs.rmSync(path.join(dir, name));
  }
}

// The browser entry must reach ES modules only (import maps, CDNs, Rollup without its CommonJS
// plugin), while the API layer (api/) stays CommonJS: index.js, js/ and native/ require() it
// synchronously, which Node 18-20 cannot do with ES modules. So api/ stays the one source, and the
// hand-written wasm/web.mjs is bundled with the CommonJS files it imports into pkg/web.mjs
// (git-ignored, shipped). The Emscripten glue stays a module of its own next to index.wasm; esbuild
// keeps new URL('index.wasm', import.meta.url) as written, so bundlers of web.mjs still emit the wasm.
function bundleWebEntry() {
  const pkg = path.join(root, 'pkg');
  const out = path.join(pkg, 'web.mjs');
  const { outputFiles } = require('esbuild').buildSync({
    entryPoints: [path.join(root, 'wasm', 'web.mjs')],
    outfile: out,
    write: false,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    external: ['./emscripten-web.mjs'], // resolved next to the output, pkg/web.mjs
    banner: {
      js: '// Generated by scripts/build.js (esbuild) from wasm/web.mjs and the CommonJS api/*.js and wasm/backend.js it imports: edit those.',
    },
    logLevel: 'warning',
  });
  writeIfChanged(out, outputFiles[0].text);
}

function buildNative(compiler) {
  const cxx = { gcc: 'g++', clang: 'clang++' }[compiler];
  const cc = { gcc: 'gcc', clang: 'clang' }[compiler];
  const dir = build(`native-${compiler}`);
  const cmakeJs = path.join(root, 'node_modules', 'cmake-js', 'bin', 'cmake-js');
  if (!configured(dir)) run(process.execPath, [cmakeJs, 'configure', '--out', dir, '--cc', cc, '--cxx', cxx, '--log-level', 'warn']);
  run('cmake', ['--build', dir, '--config', 'Release', '--parallel', jobs]);
}

function buildCppTests() {
  const dir = build('cpp');
  if (!configured(dir)) run('cmake', ['-S', '.', '-B', dir, '-DCMAKE_BUILD_TYPE=Release']);
  run('cmake', ['--build', dir, '--parallel', jobs]);
}

// The C++ tests and kernels under AddressSanitizer, UndefinedBehaviorSanitizer and LeakSanitizer
// (clang, -fno-sanitize-recover=all: any report fails the test). CMake option NVW_SANITIZE.
function buildSanitizedCppTests() {
  const dir = build('cpp-asan');
  if (!configured(dir)) {
    run('cmake', ['-S', '.', '-B', dir, '-DCMAKE_BUILD_TYPE=RelWithDebInfo', '-DCMAKE_CXX_COMPILER=clang++', '-DNVW_SANITIZE=ON']);
  }
  run('cmake', ['--build', dir, '--parallel', jobs], { ASAN_OPTIONS: 'detect_leaks=1' });
}

const steps = [
  ['WebAssembly package (pkg/)', buildWasm],
  ['package modules (pkg/lib/)', assembleLib],
  ['browser entry (pkg/web.mjs)', bundleWebEntry],
  // One addon build per native implementation of the registry (g++ and clang).
  ...IMPLEMENTATIONS.filter((i) => i.compiler).map((i) => [`native addon, ${i.label}`, () => buildNative(i.compiler)]),
  ['C++ unit tests', buildCppTests],
  ['C++ unit tests, clang + ASan/UBSan/LSan', buildSanitizedCppTests],
];

try {
  for (const [name, step] of steps) {
    console.log(`\n== build: ${name}`);
    step();
  }
} catch (error) {
  console.error(`\nbuild failed: ${error.message}`);
  process.exit(1);
}
