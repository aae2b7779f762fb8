'use strict';
// The Fibonacci workload: the original study's whole-process timings (hyperfine) and the same
// kernel timed in-process (tinybench), plus the cost of one call across each boundary.
const path = require('path');
const { RUNTIMES, root } = require('../implementations.js');
const { hyperfine } = require('../runners/hyperfine.js');
const { runWorker } = require('../runners/worker.js');

const RUNTIME_IDS = Object.keys(RUNTIMES);

// The ratios the study reports, as [numerator, denominator] runtime ids.
const RATIOS = [
  ['native-gcc', 'js'],
  ['native-clang', 'js'],
  ['wasm', 'js'],
  ['wasm', 'native-clang'],
  ['wasm', 'native-gcc'],
];

// In-process experiments on how the WASM build is run (not part of the headline ratios).
const EXPERIMENTS = {
  'wasm-inlining': {
    runtime: 'wasm',
    label: 'WASM with V8 wasm inlining',
    v8Flags: ['--experimental-wasm-inlining', '--wasm-inlining'],
  },
};

const SETTINGS = {
  quick: { wholeProcessNs: [30], hyperfineRuns: 5, inProcessNs: [30], time: 100, boundaryCalls: 10_000 },
  default: { wholeProcessNs: [30, 40], hyperfineRuns: undefined, inProcessNs: [30, 40], time: 500, boundaryCalls: 100_000 },
  full: { wholeProcessNs: [30, 44, 45, 46], hyperfineRuns: undefined, inProcessNs: [30, 40, 44], time: 500, boundaryCalls: 100_000 },
};

/** The steps of this workload for a profile; each step's run() returns a piece of the raw result. */
function steps(profile, { rawDir }) {
  const s = SETTINGS[profile];
  const list = [];
  for (const n of s.wholeProcessNs) {
    for (const runtime of RUNTIME_IDS) {
      list.push({
        label: `hyperfine: ${RUNTIMES[runtime].label} fib(${n})`,
        run: async (raw) => {
          const command = [process.execPath, path.join(root, 'bench', 'programs', 'fib.js'), runtime, String(n)];
          const exportJson = path.join(rawDir, `hyperfine-fib-${runtime}-${n}.json`);
          ((raw.wholeProcess ??= {})[runtime] ??= {})[n] = await hyperfine(command, { exportJson, runs: s.hyperfineRuns });
        },
      });
    }
  }
  for (const runtime of RUNTIME_IDS) {
    list.push({
      label: `in-process: ${RUNTIMES[runtime].label} fib(${s.inProcessNs.join(', ')}) + boundary`,
      run: async (raw) => {
        (raw.inProcess ??= {})[runtime] = await runWorker('fib', {
          runtime,
          ns: s.inProcessNs,
          time: s.time,
          boundaryCalls: s.boundaryCalls,
        });
      },
    });
  }
  for (const [id, experiment] of Object.entries(EXPERIMENTS)) {
    list.push({
      label: `in-process: ${experiment.label}`,
      run: async (raw) => {
        (raw.experiments ??= {})[id] = await runWorker('fib', {
          runtime: experiment.runtime,
          ns: s.inProcessNs,
          time: s.time,
          boundaryCalls: s.boundaryCalls,
          v8Flags: experiment.v8Flags,
        });
      },
    });
  }
  return list;
}

/** Adds derived figures (ratios, start-up share) to a raw result. Pure: works on recorded results. */
function summarise(raw) {
  const ratio = (table, n) =>
    Object.fromEntries(RATIOS.filter(([a, b]) => table[a]?.[n] && table[b]?.[n]).map(([a, b]) => [`${a}/${b}`, table[a][n] / table[b][n]]));
  const byN = (source, pick) => {
    const table = {};
    for (const [runtime, perN] of Object.entries(source ?? {})) {
      for (const [n, stats] of Object.entries(perN)) (table[runtime] ??= {})[n] = pick(stats);
    }
    return table;
  };
  const wholeMs = byN(raw.wholeProcess, (s) => s.mean * 1e3);
  const inProcessMs = byN(Object.fromEntries(Object.entries(raw.inProcess ?? {}).map(([r, v]) => [r, v.fib])), (s) => s.meanMs);
  const ns = (table) => [...new Set(Object.values(table).flatMap((perN) => Object.keys(perN)))].sort((a, b) => a - b);

  // Whole-process fib(n) = Node start-up + module load + compute (+ exit). The worker times load
  // and compute in-process, so the remainder is Node itself.
  const startup = {};
  const common = ns(wholeMs).filter((n) => ns(inProcessMs).includes(n));
  const n = common[0];
  if (n !== undefined) {
    for (const runtime of Object.keys(wholeMs)) {
      const whole = wholeMs[runtime]?.[n];
      const compute = inProcessMs[runtime]?.[n];
      const load = raw.inProcess?.[runtime]?.loadMs;
      if (whole === undefined || compute === undefined || load === undefined) continue;
      startup[runtime] = { n: Number(n), wholeMs: whole, loadMs: load, computeMs: compute, nodeMs: whole - load - compute };
    }
  }

  return {
    wholeProcessRatios: Object.fromEntries(ns(wholeMs).map((k) => [k, ratio(wholeMs, k)])),
    inProcessRatios: Object.fromEntries(ns(inProcessMs).map((k) => [k, ratio(inProcessMs, k)])),
    startup,
  };
}

module.exports = { name: 'fib', RUNTIME_IDS, RATIOS, SETTINGS, EXPERIMENTS, steps, summarise };
