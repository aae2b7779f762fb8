#!/usr/bin/env node
// `npm run bench`: the study. Runs every workload for every runtime, then writes
// bench/results/results.json and bench/results/report.md and prints the headline tables.
'use strict';
const fs = require('fs');
const path = require('path');
const { parseArgs } = require('util');
const cliProgress = require('cli-progress');
const { collectEnvironment } = require('./env.js');
const { probeMachine } = require('./machine-probe.js');
const { renderText } = require('./report/render.js');
const { writeReport } = require('./report/write.js');
const fib = require('./workloads/fib.js');
const ip = require('./workloads/ip.js');
const runtimes = require('./workloads/runtimes.js');
const { RUNTIME_IDS } = require('./runtimes/runtimes.js');

// fib and ip are the deep study of the Node running this (hyperfine, peers, memory); runtimes is
// the same kernels in every runtime.
const WORKLOADS = { fib: { workload: fib, thisNode: true }, ip: { workload: ip, thisNode: true }, runtimes: { workload: runtimes } };
const THIS_NODE = RUNTIME_IDS[0];

const USAGE = `usage: npm run bench -- [--quick | --full] [--only ${Object.keys(WORKLOADS).join('|')}] [--runtimes <ids>] [--out <dir>]
  (default)  about 4 minutes on 2 cores: fib n = ${fib.SETTINGS.default.wholeProcessNs.join(', ')} and the IPv4 table with its peers in this Node,
             then fib(${runtimes.SETTINGS.default.fibN}) and the IPv4 table in every runtime (${RUNTIME_IDS.join(', ')})
  --quick    CI-sized run of everything, every runtime included (about 1.5 minutes on 2 cores)
  --full     the original study's n = ${fib.SETTINGS.full.wholeProcessNs.join(', ')} (long: fib(46) in JS is ~10 s a run), IPv4 and IPv6
  --only     run one workload
  --runtimes comma-separated runtime ids (default: all); the fib and ip workloads run when ${THIS_NODE} is among them
  --out      where results go (default bench/results)`;

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      quick: { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      only: { type: 'string' },
      runtimes: { type: 'string' },
      out: { type: 'string', default: path.join(__dirname, 'results') },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.quick && values.full) throw new Error('--quick and --full cannot be combined');
  if (values.only !== undefined && !WORKLOADS[values.only]) {
    throw new Error(`unknown workload ${JSON.stringify(values.only)} for --only; expected one of: ${Object.keys(WORKLOADS).join(', ')}`);
  }
  const ids =
    values.runtimes === undefined
      ? null
      : values.runtimes
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean);
  if (ids) runtimes.selectRuntimes(ids); // throws on an unknown id
  return { ...values, runtimes: ids, profile: values.quick ? 'quick' : values.full ? 'full' : 'default' };
}

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`bench: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }

  const outDir = path.resolve(options.out);
  const rawDir = path.join(outDir, 'raw');
  fs.mkdirSync(rawDir, { recursive: true });
  const started = Date.now();
  const environment = { ...collectEnvironment(), machine: { start: probeMachine() } };
  const selected = Object.entries(WORKLOADS).filter(
    ([name, { thisNode }]) =>
      (!options.only || name === options.only) && (!thisNode || !options.runtimes || options.runtimes.includes(THIS_NODE)),
  );
  const plan = selected.flatMap(([name, { workload }]) =>
    workload.steps(options.profile, { rawDir, runtimes: options.runtimes }).map((step) => ({ ...step, name })),
  );

  const raws = Object.fromEntries(selected.map(([name]) => [name, {}]));
  const failures = [];
  const bar = new cliProgress.SingleBar(
    { format: 'bench {bar} {value}/{total} | {duration_formatted} | {step}', noTTYOutput: true, notTTYSchedule: 10_000, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(plan.length, 0, { step: 'starting' });
  const stepSeconds = [];
  for (const step of plan) {
    bar.update({ step: step.label });
    const stepStart = Date.now();
    try {
      await step.run(raws[step.name]);
    } catch (error) {
      failures.push({ workload: step.name, step: step.label, error: error.message });
    }
    stepSeconds.push({ workload: step.name, step: step.label, seconds: (Date.now() - stepStart) / 1000 });
    bar.increment();
  }
  bar.update({ step: 'done' });
  bar.stop();
  environment.machine.end = probeMachine();

  const workloads = {};
  for (const [name, { workload }] of selected) {
    let summary = null;
    try {
      summary = workload.summarise(raws[name]);
    } catch (error) {
      failures.push({ workload: name, step: `${name}: summary`, error: error.message });
    }
    workloads[name] = { raw: raws[name], summary: summary ?? {} };
  }
  const results = {
    profile: options.profile,
    seconds: (Date.now() - started) / 1000,
    steps: stepSeconds,
    environment,
    workloads,
    failures,
  };
  fs.writeFileSync(path.join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const { blocks, charts, chartError } = await writeReport(results, outDir);
  if (chartError) failures.push({ workload: 'report', step: 'charts', error: chartError.message });

  console.log(`\n${renderText(blocks)}\n`);
  console.log(
    `Wrote ${path.relative(process.cwd(), path.join(outDir, 'report.md'))}, results.json${charts.length ? ` and ${charts.map((c) => c.file).join(', ')}` : ''}`,
  );
  if (failures.length) {
    console.error(`\n${failures.length} step(s) failed:\n${failures.map((f) => `- ${f.step}: ${f.error}`).join('\n')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error.stack || String(error));
    process.exitCode = 1;
  },
);
