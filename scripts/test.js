#!/usr/bin/env node
// `npm test` (after `pretest` has run setup and the build): Jest and ctest, then one summary.
// Extra arguments go to Jest (e.g. `npm test -- conformance`).
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.join(__dirname, '..');
const resultsDir = path.join(root, 'build', 'test-results');
fs.mkdirSync(resultsDir, { recursive: true });

function run(cmd, args) {
  const { status, error } = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (error) console.error(`could not run ${cmd}: ${error.message}`);
  return status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

// --- Jest -----------------------------------------------------------------------------------
const jestJson = path.join(resultsDir, 'jest.json');
fs.rmSync(jestJson, { force: true });
const jestStatus = run(process.execPath, [
  path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
  '--json',
  `--outputFile=${jestJson}`,
  ...process.argv.slice(2),
]);
const jest = readJson(jestJson);

// --- ctest ----------------------------------------------------------------------------------
const junit = path.join(resultsDir, 'ctest.xml');
fs.rmSync(junit, { force: true });
console.log('\n== ctest (GoogleTest)');
const ctestStatus = run('ctest', ['--test-dir', path.join(root, 'build', 'cpp'), '--output-on-failure', '--output-junit', junit]);
const junitText = fs.existsSync(junit) ? fs.readFileSync(junit, 'utf8') : '';
const attr = (name) => Number((junitText.match(new RegExp(`<testsuite[^>]*\\s${name}="(\\d+)"`)) || [])[1] ?? NaN);
const ctest = junitText ? { total: attr('tests'), failed: attr('failures') + (attr('errors') || 0), skipped: attr('skipped') || 0 } : null;

// --- one summary ------------------------------------------------------------------------------
const lines = [];
if (jest) {
  lines.push(`Jest:  ${jest.numPassedTests} passed, ${jest.numFailedTests} failed, ${jest.numPendingTests} skipped ` +
    `(${jest.numTotalTests} tests in ${jest.numTotalTestSuites} suites${jest.numRuntimeErrorTestSuites ? `, ${jest.numRuntimeErrorTestSuites} suites failed to run` : ''})`);
} else {
  lines.push(`Jest:  no results (exit code ${jestStatus})`);
}
if (ctest) {
  lines.push(`ctest: ${ctest.total - ctest.failed - ctest.skipped} passed, ${ctest.failed} failed, ${ctest.skipped} skipped (${ctest.total} GoogleTest cases)`);
} else {
  lines.push(`ctest: no results (exit code ${ctestStatus})`);
}
const ok = jestStatus === 0 && ctestStatus === 0 && jest && ctest;
console.log(`\n== Summary\n${lines.join('\n')}\n${ok ? 'PASS' : 'FAIL'}`);
process.exit(ok ? 0 : 1);
