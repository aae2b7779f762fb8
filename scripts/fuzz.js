#!/usr/bin/env node
// `npm run fuzz`: builds the libFuzzer harnesses in test/fuzz/ into build/fuzz (clang, ASan + UBSan,
// CMake option NVW_FUZZ), writes seed corpora into build/fuzz/seeds/ from the test fixtures and case
// files, runs each harness for a set time and prints executions and findings.
//
//   node scripts/fuzz.js                  each harness 60 s, one after the other
//   node scripts/fuzz.js --seconds 10     each harness 10 s
//   node scripts/fuzz.js --only csv       one harness (csv, csv_reference, ip_text, snapshot)
//   node scripts/fuzz.js --jobs 2         run two harnesses at a time (2 cores: halves the wall time)
//   node scripts/fuzz.js --json FILE      also write the results as JSON (scripts/test.js reads it)
//
// The corpus a run grows is kept in build/fuzz/corpus/<harness> and reused by the next run. A crash
// is saved to build/fuzz/artifacts/<harness>/ (reproduce: build/fuzz/nvw_fuzz_<harness> FILE); make
// it a seed in test/fuzz/corpus/<harness>/ or a test in test/cpp/regression_test.cpp. Exit code 1
// when a harness found something (or could not run).
'use strict';
const fs = require('fs');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const root = path.join(__dirname, '..');
const fuzzDir = path.join(root, 'build', 'fuzz');
const HARNESSES = {
  csv: { maxLen: 4096 },
  csv_reference: { maxLen: 4096 }, // src/'s builder against the frozen one in test/fuzz/reference/
  ip_text: { maxLen: 64 },
  snapshot: { maxLen: 4096 },
};

function parseArgs(argv) {
  const options = { seconds: 60, only: null, jobs: 1, json: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--seconds') options.seconds = Number(value());
    else if (arg === '--only') options.only = value();
    else if (arg === '--jobs') options.jobs = Number(value());
    else if (arg === '--json') options.json = path.resolve(value());
    else if (arg === '--help' || arg === '-h') {
      console.log(
        fs
          .readFileSync(__filename, 'utf8')
          .split('\n')
          .slice(1, 16)
          .map((l) => l.replace(/^\/\/ ?/, ''))
          .join('\n'),
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${arg} (see --help)`);
  }
  if (!(options.seconds > 0)) throw new Error('--seconds must be a positive number');
  if (!(Number.isInteger(options.jobs) && options.jobs >= 1)) throw new Error('--jobs must be a positive integer');
  if (options.only && !HARNESSES[options.only])
    throw new Error(`--only: no harness ${options.only} (${Object.keys(HARNESSES).join(', ')})`);
  return options;
}

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error) throw new Error(`could not run ${cmd}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${result.status}`);
}

function buildFuzzers() {
  if (!fs.existsSync(path.join(fuzzDir, 'CMakeCache.txt'))) {
    run('cmake', ['-S', '.', '-B', fuzzDir, '-DCMAKE_BUILD_TYPE=RelWithDebInfo', '-DCMAKE_CXX_COMPILER=clang++', '-DNVW_FUZZ=ON']);
  }
  run('cmake', ['--build', fuzzDir, '--target', 'nvw_fuzzers', '--parallel', '2']);
}

// ---- seeds -----------------------------------------------------------------------------------

function writeSeeds(dir, seeds) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  seeds.forEach((bytes, i) => fs.writeFileSync(path.join(dir, `seed-${String(i).padStart(4, '0')}`), bytes));
  return seeds.length;
}

function makeSeeds() {
  const { caseCsv } = require(path.join(root, 'test', 'cases', 'decode-ip.js'));
  const fixtures = path.join(root, 'test', 'fixtures');
  const csvs = fs
    .readdirSync(fixtures)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => fs.readFileSync(path.join(fixtures, f)));
  for (const c of require(path.join(root, 'test', 'cases', 'ip-csv.json')).cases) {
    try {
      const text = Buffer.from(caseCsv(c));
      if (text.length <= HARNESSES.csv.maxLen - 4) csvs.push(text);
    } catch {
      // a case the decoder cannot build is the conformance suite's business
    }
  }
  const snapshotCases = require(path.join(root, 'test', 'cases', 'ip-snapshot.json'));
  const lookupCases = require(path.join(root, 'test', 'cases', 'ip-lookup.json'));
  csvs.push(Buffer.from(snapshotCases.fixture.csv), Buffer.from(lookupCases.table));

  // csv: 4 bytes of flags and chunk seed, then the CSV; each CSV with both overlap policies.
  const csvSeeds = [];
  csvs.forEach((csv, i) => {
    for (const flags of [0, 1]) csvSeeds.push(Buffer.concat([Buffer.from([flags | ((i & 3) << 1), i & 0xff, 7, 0]), csv]));
  });

  // ip_text: every short string in the case files, and the start/end fields of the CSVs.
  const texts = new Set();
  const collect = (value) => {
    if (typeof value === 'string') {
      if (value.length <= HARNESSES.ip_text.maxLen && /[.:0-9]/.test(value)) texts.add(value);
    } else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(lookupCases);
  for (const csv of csvs) {
    for (const line of csv.toString('latin1').split(/\r?\n/))
      line
        .split(',')
        .slice(0, 2)
        .forEach((f) => collect(f.trim().replace(/^"|"$/g, '')));
  }

  // snapshot: the pure-JS build's snapshots of every CSV that makes a table, and the case file's.
  const snapshots = [Buffer.from(snapshotCases.fixture.hex, 'hex'), Buffer.from(snapshotCases.version1.hex, 'hex')];
  const { IpCountryTable } = require(path.join(root, 'js'));
  for (const csv of csvs) {
    try {
      const table = IpCountryTable.fromCsv(new Uint8Array(csv));
      const bytes = table.toBinary();
      table.free();
      if (bytes.length <= HARNESSES.snapshot.maxLen) snapshots.push(Buffer.from(bytes));
    } catch {
      // bad CSVs make no snapshot
    }
  }
  return {
    csv: csvSeeds,
    // The same, and each again with a small memory budget (flag bit 3).
    csv_reference: csvSeeds.flatMap((seed) => [seed, Buffer.concat([Buffer.from([seed[0] | 8]), seed.subarray(1)])]),
    ip_text: [...texts].map((t) => Buffer.from(t)),
    snapshot: snapshots,
  };
}

// ---- running ---------------------------------------------------------------------------------

function fuzz(name, seconds, seedsDir) {
  const corpus = path.join(fuzzDir, 'corpus', name);
  const artifacts = path.join(fuzzDir, 'artifacts', name) + path.sep;
  fs.mkdirSync(corpus, { recursive: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const committed = path.join(root, 'test', 'fuzz', 'corpus', name);
  const dirs = [corpus, seedsDir, ...(fs.existsSync(committed) ? [committed] : [])];
  const args = [
    `-max_total_time=${seconds}`,
    `-max_len=${HARNESSES[name].maxLen}`,
    '-timeout=20',
    '-rss_limit_mb=2048',
    '-print_final_stats=1',
    `-artifact_prefix=${artifacts}`,
    ...dirs,
  ];
  const env = {
    ...process.env,
    ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=1:symbolize=1',
    UBSAN_OPTIONS: 'print_stacktrace=1:halt_on_error=1',
  };
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(path.join(fuzzDir, `nvw_fuzz_${name}`), args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.on('data', (d) => {
      log += d;
    });
    child.on('error', (error) => resolve({ name, ok: false, executions: 0, findings: [`could not run: ${error.message}`] }));
    child.on('close', (code) => {
      fs.writeFileSync(path.join(fuzzDir, `${name}.log`), log);
      const stat = (key) => Number((log.match(new RegExp(`stat::${key}:\\s+(\\d+)`)) || [])[1] ?? NaN);
      const findings = [...log.matchAll(/Test unit written to (\S+)/g)].map((m) => path.relative(root, m[1]));
      const reports = [...log.matchAll(/^(SUMMARY: .*|.*check failed: .*|==\d+==ERROR: .*|.*runtime error: .*)$/gm)].map((m) => m[1]);
      const ok = code === 0 && findings.length === 0;
      resolve({
        name,
        ok,
        code,
        seconds: (Date.now() - started) / 1000,
        executions: stat('number_of_executed_units'),
        perSecond: stat('average_exec_per_sec'),
        newUnits: stat('new_units_added'),
        corpus: fs.readdirSync(corpus).length,
        findings,
        reports: reports.slice(0, 6),
      });
    });
  });
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const names = options.only ? [options.only] : Object.keys(HARNESSES);
  console.log('== fuzz: building build/fuzz (clang, libFuzzer + ASan + UBSan)');
  buildFuzzers();
  const seeds = makeSeeds();
  const seedDirs = {};
  for (const name of names) {
    seedDirs[name] = path.join(fuzzDir, 'seeds', name);
    const count = writeSeeds(seedDirs[name], seeds[name]);
    console.log(`   ${name}: ${count} seeds in ${path.relative(root, seedDirs[name])}`);
  }
  console.log(`== fuzz: ${names.join(', ')}, ${options.seconds} s each, ${options.jobs} at a time`);
  const queue = [...names];
  const results = [];
  await Promise.all(
    Array.from({ length: Math.min(options.jobs, names.length) }, async () => {
      while (queue.length) {
        const name = queue.shift();
        const result = await fuzz(name, options.seconds, seedDirs[name]);
        results.push(result);
        const status = result.ok ? 'ok' : `FOUND ${result.findings.length || 'a problem'} (exit code ${result.code})`;
        console.log(
          `   ${name.padEnd(9)} ${String(result.executions).padStart(10)} executions (${result.perSecond}/s), ` +
            `${result.newUnits} new units, corpus ${result.corpus}: ${status}`,
        );
        for (const f of result.findings) console.log(`      crash input: ${f}  (reproduce: build/fuzz/nvw_fuzz_${name} ${f})`);
        for (const r of result.reports) console.log(`      ${r}`);
        if (!result.ok) console.log(`      full log: build/fuzz/${name}.log`);
      }
    }),
  );
  results.sort((a, b) => names.indexOf(a.name) - names.indexOf(b.name));
  if (options.json) fs.writeFileSync(options.json, JSON.stringify({ seconds: options.seconds, results }, null, 2));
  const ok = results.every((r) => r.ok);
  console.log(ok ? '== fuzz: no findings' : '== fuzz: FINDINGS (see above)');
  process.exit(ok ? 0 : 1);
}

main().catch((error) => {
  console.error(`fuzz failed: ${error.message}`);
  process.exit(1);
});
