'use strict';
// Shared by test/browser.test.js (and bench/browser/): pack ./pkg, install the tarball into a temp
// project holding the fixture apps, build them with each bundler (default configuration), serve a
// directory on 127.0.0.1, and drive Debian's Chromium with playwright-core.
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { execFileSync } = require('child_process');

const root = path.join(__dirname, '..', '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A temp project: the fixture sources of test/browser/ plus the packed ./pkg installed from its tarball. */
function makeProject() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nvw-browser-'));
  fs.cpSync(__dirname, dir, { recursive: true, filter: (src) => !src.endsWith('.test.js') && !/node_modules|dist/.test(path.basename(src)) });
  const [packed] = JSON.parse(npm(['pack', path.join(root, 'pkg'), '--json', '--pack-destination', dir], root));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'nvw-browser-fixtures', private: true }));
  npm(['install', '--offline', path.join(dir, packed.filename)], dir);
  return dir;
}

// Each bundler with its default configuration; the only flags beyond input/output are esbuild's
// documented --loader:.wasm=file (see esbuild/main.js) and Rollup's one plugin, node-resolve.
// `copy` lists files (relative to the fixture) the app's build copies into dist/ itself.
const BUNDLERS = {
  webpack: { cwd: 'webpack', cmd: [bin('webpack'), '--mode=production'] },
  vite: { cwd: 'vite', cmd: [bin('vite'), 'build', '--logLevel=warn'] },
  esbuild: { cwd: 'esbuild', cmd: [bin('esbuild'), 'main.js', 'worker.js', '--bundle', '--outdir=dist', '--loader:.wasm=file', '--log-level=error'] },
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
  if (!fs.existsSync(html)) fs.writeFileSync(html, fs.readFileSync(path.join(project, 'static', 'index.html'), 'utf8').replace('BUNDLER', name));
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

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.csv': 'text/csv', '.json': 'application/json' };

/** A static file server on 127.0.0.1 (random port) for `dir`, adding `headers` to every 200 response. Resolves to { url, close }. */
function serve(dir, headers = {}) {
  const server = http.createServer((req, res) => {
    if (req.url === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/\/$/, '/index.html');
    const file = path.join(dir, path.normalize(rel));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    const body = fs.readFileSync(file);
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'content-length': body.length, 'cache-control': 'no-store', ...headers });
    res.end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () =>
          new Promise((done) => {
            server.close(done);
            server.closeAllConnections(); // Chromium keeps its connections alive
          }) });
    });
  });
}

/** Headless Chromium (Debian's) with a fresh profile. Returns { context, close }. */
async function launchChromium() {
  const { chromium } = require('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'nvw-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

module.exports = { root, makeProject, BUNDLERS, buildFixture, bundleSizes, serve, launchChromium, CHROMIUM };
