'use strict';
// The study's temp directory for the runtimes: suite.mjs bundled with tinybench into one script per
// kind of host (esbuild), the CSV, both wasm builds, the page and one workerd config per flavour.
//   <dir>/host.mjs, probe-inlining.mjs              Node, Bun, Deno
//   <dir>/index.html, page.js, *.wasm, ipv4.csv     browsers (served from <dir>)
//   <dir>/worker.js, workerd/<flavour>/config.capnp workerd
const fs = require('fs');
const os = require('os');
const path = require('path');
const esbuild = require('esbuild');
const { workerdConfig } = require('../../support/workerd.js');

const WASM_FILES = { wasm: 'index.wasm', 'wasm-oz': 'index.oz.wasm' };

// js/index.js hands Node's fs to the API for fromFile; a page or a Worker has none, so there `fs`
// is null, which gives the API the package's browser behaviour (fromFile says there are no files).
const noFs = {
  name: 'nvw-no-fs',
  setup(build) {
    build.onResolve({ filter: /^(node:)?fs$/ }, () => ({ path: 'fs', namespace: 'nvw-no-fs' }));
    build.onLoad({ filter: /.*/, namespace: 'nvw-no-fs' }, () => ({ contents: 'module.exports = null;', loader: 'js' }));
  },
};
const WORKERD_FLAVOURS = ['js', ...Object.keys(WASM_FILES)];

/** @param {{ csvFile: string, wasm: { wasm: string, 'wasm-oz': string } }} inputs */
async function makeBenchDir({ csvFile, wasm }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nvw-bench-runtimes-'));
  const common = { bundle: true, format: 'esm', logLevel: 'error', target: 'es2022' };
  await esbuild.build({
    ...common,
    entryPoints: [path.join(__dirname, 'host.mjs')],
    outfile: path.join(dir, 'host.mjs'),
    platform: 'node',
  });
  await esbuild.build({
    ...common,
    entryPoints: [path.join(__dirname, 'probe-inlining.mjs')],
    outfile: path.join(dir, 'probe-inlining.mjs'),
    platform: 'node',
  });
  await esbuild.build({
    ...common,
    entryPoints: [path.join(__dirname, 'page.mjs')],
    outfile: path.join(dir, 'page.js'),
    platform: 'browser',
    plugins: [noFs],
  });
  await esbuild.build({
    ...common,
    entryPoints: [path.join(__dirname, 'worker.mjs')],
    outfile: path.join(dir, 'worker.js'),
    platform: 'browser',
    conditions: ['workerd', 'worker'],
    external: ['./index.wasm', './ipv4.csv', './flavour.mjs'],
    plugins: [noFs],
  });
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>nvw bench</title><script type="module" src="page.js"></script>',
  );
  fs.copyFileSync(csvFile, path.join(dir, 'ipv4.csv'));
  for (const [flavour, file] of Object.entries(WASM_FILES)) fs.copyFileSync(wasm[flavour], path.join(dir, file));
  for (const flavour of WORKERD_FLAVOURS) {
    const sub = path.join(dir, 'workerd', flavour);
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, 'flavour.mjs'), `export default ${JSON.stringify(flavour)};\n`);
    fs.writeFileSync(
      path.join(sub, 'config.capnp'),
      workerdConfig([
        { name: 'worker.js', type: 'esModule', file: '../../worker.js' },
        { name: 'flavour.mjs', type: 'esModule', file: 'flavour.mjs' },
        { name: 'index.wasm', type: 'wasm', file: `../../${WASM_FILES[flavour] ?? WASM_FILES.wasm}` },
        { name: 'ipv4.csv', type: 'data', file: '../../ipv4.csv' },
      ]),
    );
  }
  return dir;
}

module.exports = { makeBenchDir, WASM_FILES, WORKERD_FLAVOURS };
