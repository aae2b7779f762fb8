'use strict';
// The package as users get it: `npm pack ./pkg`, then the tarball installed (offline) into a fresh
// project. Shared by the package, ESM, browser and runtime suites.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.join(__dirname, '..', '..');
const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });

/**
 * Packs ./pkg into `dir` and installs the tarball into `dir/<project>` (created; `dir` itself when
 * project is '.'), whose package.json gets `fields` (e.g. { type: 'module' }).
 * @returns {{ project: string, tarball: string, packed: object }} packed: npm pack's JSON record
 */
function packInstall(dir, { project = 'consumer', fields = {} } = {}) {
  const [packed] = JSON.parse(npm(['pack', path.join(root, 'pkg'), '--json', '--pack-destination', dir], root));
  const tarball = path.join(dir, packed.filename);
  const projectDir = path.join(dir, project);
  fs.mkdirSync(projectDir, { recursive: true });
  fs.writeFileSync(path.join(projectDir, 'package.json'), JSON.stringify({ name: 'nvw-consumer', private: true, ...fields }));
  npm(['install', '--offline', tarball], projectDir);
  return { project: projectDir, tarball, packed };
}

module.exports = { root, npm, packInstall };
