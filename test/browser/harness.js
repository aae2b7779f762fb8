'use strict';
// Shared by the browser suites: pack ./pkg, install the tarball into a temp
// project holding the fixture apps and build them with each bundler (default configuration). The
// static server and the browser launchers live in support/ and are re-exported here.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { root, packInstall } = require('../support/pack.js');
const { serve } = require('../../support/serve.js');
const { launchChromium, CHROMIUM } = require('../../support/browsers.js');

const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/** A temp project: the fixture sources of test/browser/ plus the packed ./pkg installed from its tarball. */
function makeProject() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nvw-browser-'));
  fs.cpSync(__dirname, dir, {
    recursive: true,
    filter: (src) => !src.endsWith('.test.js') && !/node_modules|dist/.test(path.basename(src)),
  });
  packInstall(dir, { project: '.', fields: { name: 'nvw-browser-fixtures' } });
  return dir;
}

// Each bundler with its default configuration; the only flags beyond input/output are esbuild's
// documented --loader:.wasm=file (see esbuild/main.js) and Rollup's one plugin, node-resolve.
// `copy` lists files (relative to the fixture) the app's build copies into dist/ itself.
const BUNDLERS = {
  webpack: { cwd: 'webpack', cmd: [bin('webpack'), '--mode=production'] },
  vite: { cwd: 'vite', cmd: [bin('vite'), 'build', '--logLevel=warn'] },
  esbuild: {
    cwd: 'esbuild',
    cmd: [bin('esbuild'), 'main.js', 'worker.js', '--bundle', '--outdir=dist', '--loader:.wasm=file', '--log-level=error'],
  },
  rollup: {
    cwd: 'rollup',
    cmd: [bin('rollup'), 'main.js', 'worker.js', '--dir=dist', '--format=es', '--plugin=node-resolve', '--silent'],
    copy: ['index.html', '../node_modules/native-vs-wasm/index.wasm'], // see rollup/main.js
  },
  parcel: { cwd: 'parcel', cmd: [bin('parcel'), 'build', 'index.html', '--dist-dir=dist', '--no-cache', '--log-level=error'] },
};

/** Builds one fixture; returns its dist directory (with index.html and ranges.csv added when missing). */
function buildFixture(project, name) {
  const { cwd, cmd, copy = [] } = BUNDLERS[name];
  const dir = path.join(project, cwd);
  execFileSync(cmd[0], cmd.slice(1), { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
  const dist = path.join(dir, 'dist');
  for (const file of copy) fs.copyFileSync(path.join(dir, file), path.join(dist, path.basename(file)));
  const html = path.join(dist, 'index.html');
  if (!fs.existsSync(html))
    fs.writeFileSync(html, fs.readFileSync(path.join(project, 'static', 'index.html'), 'utf8').replace('BUNDLER', name));
  fs.copyFileSync(path.join(project, 'static', 'ranges.csv'), path.join(dist, 'ranges.csv'));
  return dist;
}

/** Sizes of a dist directory: JavaScript and wasm bytes. */
function bundleSizes(dist) {
  const sizes = { js: 0, wasm: 0, files: [] };
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else {
        const size = fs.statSync(file).size;
        if (/\.m?js$/.test(entry.name)) sizes.js += size;
        if (entry.name.endsWith('.wasm')) sizes.wasm += size;
        sizes.files.push([path.relative(dist, file), size]);
      }
    }
  };
  walk(dist);
  return sizes;
}

module.exports = { root, makeProject, BUNDLERS, buildFixture, bundleSizes, serve, launchChromium, CHROMIUM };
