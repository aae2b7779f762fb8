#!/usr/bin/env node
// `npm run lint`: Prettier (format) and ESLint over the JavaScript, clang-format over the C++.
// Exit code 1 when any of them finds something; `npm run format` fixes what the formatters can.
'use strict';
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.join(__dirname, '..');
const fix = process.argv.includes('--fix');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const git = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.cpp', '*.h'], { cwd: root, encoding: 'utf8' });
const cppFiles = git.status === 0 ? git.stdout.split('\n').filter(Boolean) : [];

const checks = [
  ['prettier', bin('prettier'), [fix ? '--write' : '--check', '--log-level=warn', '.']],
  ['eslint', bin('eslint'), ['--max-warnings=0', ...(fix ? ['--fix'] : []), '.']],
  ['clang-format', 'clang-format', [fix ? '-i' : '--dry-run', ...(fix ? [] : ['--Werror']), ...cppFiles]],
];

let failed = [];
for (const [name, cmd, args] of checks) {
  const { status, error } = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (error) console.error(`could not run ${name}: ${error.message}`);
  if (status !== 0) failed.push(name);
}
console.log(
  failed.length ? `lint: ${failed.join(', ')} found problems${fix ? '' : ' (npm run format fixes the formatting)'}` : 'lint: clean',
);
process.exit(failed.length ? 1 : 0);
