#!/usr/bin/env node
// `npm test` (after `pretest` has run setup and the build): lint, Jest, ctest (plain and ASan/UBSan builds)
// a short libFuzzer smoke (scripts/fuzz.js) and `npm run bench -- --quick`, then one summary.
// Extra arguments go to Jest (e.g. `npm test -- conformance`).
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.join(__dirname, '..');
const resultsDir = path.join(root, 'build', 'test-results');
fs.mkdirSync(resultsDir, { recursive: true });

function run(cmd, args, env = {}) {
  const { status, error } = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
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

// --- lint: Prettier, ESLint, clang-format (scripts/lint.js) --------------------------------------
console.log('== lint');
const lintStatus = run(process.execPath, [path.join(root, 'scripts', 'lint.js')]);

// --- Jest -----------------------------------------------------------------------------------
const jestJson = path.join(resultsDir, 'jest.json');
fs.rmSync(jestJson, { force: true });
const runtimeMatrixJson = path.join(root, 'build', 'runtime-matrix.json'); // written by test/runtimes.test.js
fs.rmSync(runtimeMatrixJson, { force: true });
const jestStatus = run(process.execPath, [
  path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
  '--json',
  `--outputFile=${jestJson}`,
  ...process.argv.slice(2),
]);
const jest = readJson(jestJson);
const runtimeMatrix = readJson(runtimeMatrixJson);

// --- ctest ----------------------------------------------------------------------------------
const junit = path.join(resultsDir, 'ctest.xml');
fs.rmSync(junit, { force: true });
console.log('\n== ctest (GoogleTest)');
const ctestStatus = run('ctest', ['--test-dir', path.join(root, 'build', 'cpp'), '--output-on-failure', '--output-junit', junit]);
function junitCounts(file) {
  const junitText = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const attr = (name) => Number((junitText.match(new RegExp(`<testsuite[^>]*\\s${name}="(\\d+)"`)) || [])[1] ?? NaN);
  return junitText ? { total: attr('tests'), failed: attr('failures') + (attr('errors') || 0), skipped: attr('skipped') || 0 } : null;
}
const ctest = junitCounts(junit);

// --- ctest, sanitizer build (clang + ASan + UBSan + LeakSanitizer; built by scripts/build.js) -----
const junitAsan = path.join(resultsDir, 'ctest-asan.xml');
fs.rmSync(junitAsan, { force: true });
console.log('\n== ctest (GoogleTest under ASan + UBSan + LeakSanitizer)');
const ctestAsanStatus = run(
  'ctest',
  ['--test-dir', path.join(root, 'build', 'cpp-asan'), '--output-on-failure', '--output-junit', junitAsan],
  {
    ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1',
    UBSAN_OPTIONS: 'print_stacktrace=1:halt_on_error=1',
  },
);
const ctestAsan = junitCounts(junitAsan);

// --- fuzz smoke: each libFuzzer harness briefly, so they keep building and running -------------
// NVW_FUZZ_SMOKE_SECONDS changes the time per harness (default 10; 0 skips the smoke).
const fuzzSeconds = Number(process.env.NVW_FUZZ_SMOKE_SECONDS ?? 10);
const fuzzJson = path.join(resultsDir, 'fuzz.json');
fs.rmSync(fuzzJson, { force: true });
let fuzzStatus = 0;
let fuzz = null;
if (fuzzSeconds > 0) {
  console.log(`\n== fuzz smoke (${fuzzSeconds} s per harness)`);
  fuzzStatus = run(process.execPath, [
    path.join(root, 'scripts', 'fuzz.js'),
    '--seconds',
    String(fuzzSeconds),
    '--jobs',
    '2',
    '--json',
    fuzzJson,
  ]);
  fuzz = readJson(fuzzJson);
}

// --- the study, CI-sized: `npm run bench -- --quick`, so the main job cannot silently rot --------
// Written to build/bench-quick (bench/results/ keeps the last real run). Figures are not checked:
// the machine is shared; the run must complete with every runtime and peer producing results.
const benchOut = path.join(root, 'build', 'bench-quick');
console.log('\n== bench --quick');
const benchStatus = run(process.execPath, [path.join(root, 'bench', 'cli.js'), '--quick', '--out', benchOut]);
const benchResults = readJson(path.join(benchOut, 'results.json'));

// --- one summary ------------------------------------------------------------------------------
const lines = [];
lines.push(
  `lint:  ${lintStatus === 0 ? 'clean' : 'PROBLEMS (npm run lint; npm run format fixes the formatting)'} (Prettier, ESLint, clang-format)`,
);
if (jest) {
  lines.push(
    `Jest:  ${jest.numPassedTests} passed, ${jest.numFailedTests} failed, ${jest.numPendingTests} skipped ` +
      `(${jest.numTotalTests} tests in ${jest.numTotalTestSuites} suites${jest.numRuntimeErrorTestSuites ? `, ${jest.numRuntimeErrorTestSuites} suites failed to run` : ''})`,
  );
} else {
  lines.push(`Jest:  no results (exit code ${jestStatus})`);
}
if (runtimeMatrix) {
  const rows = runtimeMatrix.rows;
  const unexpected = rows.filter((r) => r.expected.ok && !r.ok).map((r) => `${r.runtime}/${r.flavour}`);
  const known = rows.filter((r) => !r.expected.ok && !r.ok).length;
  lines.push(
    `runtimes: ${rows.filter((r) => r.ok).length} of ${rows.length} runtime × flavour cells passed, ${known} known ✘` +
      (unexpected.length ? `, UNEXPECTED ✘: ${unexpected.join(', ')}` : '') +
      ` (${path.relative(root, runtimeMatrixJson)})`,
  );
}
if (ctest) {
  lines.push(
    `ctest: ${ctest.total - ctest.failed - ctest.skipped} passed, ${ctest.failed} failed, ${ctest.skipped} skipped (${ctest.total} GoogleTest cases)`,
  );
} else {
  lines.push(`ctest: no results (exit code ${ctestStatus})`);
}
if (ctestAsan) {
  lines.push(
    `ctest (ASan+UBSan): ${ctestAsan.total - ctestAsan.failed - ctestAsan.skipped} passed, ${ctestAsan.failed} failed, ${ctestAsan.skipped} skipped (${ctestAsan.total} GoogleTest cases)`,
  );
} else {
  lines.push(`ctest (ASan+UBSan): no results (exit code ${ctestAsanStatus})`);
}
if (fuzzSeconds <= 0) {
  lines.push('fuzz:  skipped (NVW_FUZZ_SMOKE_SECONDS=0)');
} else if (fuzz) {
  const found = fuzz.results.filter((r) => !r.ok);
  lines.push(
    `fuzz:  ${fuzz.results.map((r) => `${r.name} ${r.executions} runs`).join(', ')} (${fuzz.seconds} s each): ` +
      (found.length ? `FINDINGS in ${found.map((r) => r.name).join(', ')} (build/fuzz/artifacts/)` : 'no findings'),
  );
} else {
  lines.push(`fuzz:  no results (exit code ${fuzzStatus})`);
}
const benchCells = Object.values(benchResults?.workloads?.runtimes?.raw?.runtimes ?? {}).flatMap((r) => Object.values(r.cells));
const benchMatrix = benchCells.length
  ? `; runtime matrix: ${benchCells.filter((c) => c.ok).length} of ${benchCells.filter((c) => !c.notAttempted).length} cells measured, ${benchCells.filter((c) => c.notAttempted).length} without Node-API`
  : '';
lines.push(
  benchResults
    ? `bench: --quick ${benchStatus === 0 ? 'completed' : 'FAILED'} in ${Math.round(benchResults.seconds ?? 0)} s (${Object.keys(benchResults.workloads).join(', ')}; ${benchResults.failures.length} failed steps${benchMatrix}), report in ${path.relative(root, benchOut)}/report.md`
    : `bench: no results (exit code ${benchStatus})`,
);
const ok =
  jestStatus === 0 &&
  ctestStatus === 0 &&
  jest &&
  ctest &&
  ctestAsanStatus === 0 &&
  ctestAsan &&
  fuzzStatus === 0 &&
  (fuzzSeconds <= 0 || fuzz) &&
  benchStatus === 0 &&
  benchResults;
console.log(`\n== Summary\n${lines.join('\n')}\n${ok ? 'PASS' : 'FAIL'}`);
process.exit(ok ? 0 : 1);
