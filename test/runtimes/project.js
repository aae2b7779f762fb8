'use strict';
// The temp project every runtime runs in: the packed ./pkg installed from its tarball, the runner
// bundled once (cases.mjs), the entry files of ./entries, an esbuild-bundled page, and one workerd
// directory per flavour.
//
//   <dir>/cases.mjs, host.mjs, require.cjs, import.mjs, native.cjs, fixtures/   Node-API hosts
//   <dir>/web/bundle.html (+ its bundle), <dir>/web/esm.html                         browsers (served from <dir>)
//   <dir>/workerd/{bundle,lazy,esm}/config.capnp                                 workerd
const fs = require('fs');
const os = require('os');
const path = require('path');
const esbuild = require('esbuild');
const { root, packInstall } = require('../support/pack.js');
const { FIXTURE_FILES } = require('../cases/run.js');
const { workerdConfig: capnp } = require('../../support/workerd.js');

const entries = path.join(__dirname, 'entries');
const fixturesDir = path.join(root, 'test', 'fixtures');
const PACKAGE = 'native-vs-wasm';

// `import { FIXTURES } from 'nvw:fixtures'` in entries/cases.mjs: the fixture files as bytes.
const fixturesPlugin = {
  name: 'nvw-fixtures',
  setup(build) {
    build.onResolve({ filter: /^nvw:fixtures$/ }, () => ({ path: 'fixtures', namespace: 'nvw' }));
    build.onLoad({ filter: /.*/, namespace: 'nvw' }, () => ({
      resolveDir: fixturesDir,
      contents: [
        ...FIXTURE_FILES.map((file, i) => `import f${i} from ${JSON.stringify(`./${file}`)};`),
        `export const FIXTURES = { ${FIXTURE_FILES.map((file, i) => `${JSON.stringify(file)}: f${i}`).join(', ')} };`,
      ].join('\n'),
      loader: 'js',
    }));
  },
};

const copy = (name, to) => fs.copyFileSync(path.join(entries, name), to);

/**
 * The package's files an ES module needs, found by following its relative imports from `entry`
 * (what a no-bundler deployment uploads). Paths relative to pkgDir.
 */
function moduleGraph(pkgDir, entry) {
  const seen = new Set();
  const visit = (rel) => {
    if (seen.has(rel)) return;
    seen.add(rel);
    const source = fs.readFileSync(path.join(pkgDir, rel), 'utf8');
    for (const [, a, b] of source.matchAll(/\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      visit(path.posix.normalize(path.posix.join(path.posix.dirname(rel), a || b)));
    }
  };
  visit(entry);
  return [...seen].sort();
}

/** The runner, the entry scripts and the fixture files for the Node-API hosts. */
async function hostFiles(dir) {
  await esbuild.build({
    entryPoints: [path.join(entries, 'cases.mjs')],
    outfile: path.join(dir, 'cases.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022', // else the inlined fixtures decode with Uint8Array.fromBase64, which Node 22 lacks
    loader: { '.csv': 'binary' },
    plugins: [fixturesPlugin],
    logLevel: 'error',
  });
  for (const name of ['host.mjs', 'require.cjs', 'import.mjs', 'native.cjs']) copy(name, path.join(dir, name));
  fs.mkdirSync(path.join(dir, 'fixtures'));
  for (const file of FIXTURE_FILES) fs.copyFileSync(path.join(fixturesDir, file), path.join(dir, 'fixtures', file));
}

/** web/: the esbuild-bundled page (its bundle and wasm next to it: the wasm's URL is relative to the page) and the plain one. */
async function webFiles(dir) {
  const web = path.join(dir, 'web');
  fs.mkdirSync(web);
  for (const name of ['bundle.html', 'esm.html']) copy(name, path.join(web, name));
  fs.mkdirSync(path.join(dir, 'web-src'));
  copy('page-bundle.js', path.join(dir, 'web-src', 'page-bundle.js'));
  await esbuild.build({
    entryPoints: [path.join(dir, 'web-src', 'page-bundle.js')],
    outdir: web,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    loader: { '.wasm': 'file' },
    logLevel: 'error',
  });
}

/**
 * workerd/bundle (bundled, the wasm left out as a compiled-module import; init() at top level),
 * workerd/lazy (the same, init() in the first request) and workerd/esm (the package's files as they are).
 */
async function workerdFiles(dir, pkgDir) {
  for (const [flavour, entry, compatibilityDate] of [
    ['bundle', 'worker-bundle.mjs'],
    ['lazy', 'worker-lazy.mjs'],
    // The same Worker with a compatibility date from before FinalizationRegistry (2025-05-05).
    ['bundle-2024', 'worker-bundle.mjs', '2024-09-23'],
  ]) {
    const bundled = path.join(dir, 'workerd', flavour);
    fs.mkdirSync(bundled, { recursive: true });
    copy(entry, path.join(dir, 'workerd', entry));
    await esbuild.build({
      entryPoints: [path.join(dir, 'workerd', entry)],
      outfile: path.join(bundled, 'worker.mjs'),
      bundle: true,
      format: 'esm',
      platform: 'browser', // the package's "browser" export and its "fs": false
      conditions: ['workerd', 'worker'],
      external: ['./index.wasm'],
      logLevel: 'error',
    });
    fs.copyFileSync(path.join(pkgDir, 'index.wasm'), path.join(bundled, 'index.wasm'));
    fs.writeFileSync(
      path.join(bundled, 'config.capnp'),
      capnp(
        [
          { name: 'worker.mjs', type: 'esModule', file: 'worker.mjs' },
          { name: 'index.wasm', type: 'wasm', file: 'index.wasm' },
        ],
        { compatibilityDate },
      ),
    );
  }

  const plain = path.join(dir, 'workerd', 'esm');
  fs.mkdirSync(plain, { recursive: true });
  copy('worker-esm.mjs', path.join(plain, 'worker.mjs'));
  fs.writeFileSync(
    path.join(plain, 'config.capnp'),
    capnp([
      { name: 'worker.mjs', type: 'esModule', file: 'worker.mjs' },
      { name: 'cases.mjs', type: 'esModule', file: '../../cases.mjs' },
      ...moduleGraph(pkgDir, 'web.mjs').map((rel) => ({
        name: `${PACKAGE}/${rel}`,
        type: 'esModule',
        file: `../../node_modules/${PACKAGE}/${rel}`,
      })),
      { name: `${PACKAGE}/index.wasm`, type: 'wasm', file: `../../node_modules/${PACKAGE}/index.wasm` },
    ]),
  );
}

/** Builds the project in a new temp directory; returns its path. */
async function makeProject() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nvw-runtimes-'));
  packInstall(dir, { project: '.', fields: { name: 'nvw-runtimes' } });
  await hostFiles(dir);
  await webFiles(dir);
  await workerdFiles(dir, path.join(dir, 'node_modules', PACKAGE));
  return dir;
}

module.exports = { makeProject };
