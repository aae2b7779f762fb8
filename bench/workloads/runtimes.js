'use strict';
// The study in every runtime (bench/runtimes/): Node 20 (this Node), 22, 24, 26, Bun, Deno,
// Chromium, Firefox, WebKit and workerd, each flavour that runs there: fib(n), the cost of one
// call, CSV load and lookups, plus V8's wasm inlining decision for both wasm builds.
const fs = require('fs');
const path = require('path');
const { dataFile } = require('../data.js');
const { RUNTIMES, FLAVOURS } = require('../runtimes/runtimes.js');
const { runRuntime } = require('../runtimes/run.js');
const { makeBenchDir } = require('../runtimes/bundle.js');
const { wasmVariants, WASM_OPT_ARGS } = require('../runtimes/variants.js');

const root = path.join(__dirname, '..', '..');
const SEED = 20261124;

// Shorter than the Node 20 workloads (fib, ip): ten runtimes share the time budget. Every sample is
// one whole fib(n), `boundaryCalls` calls, one whole CSV, or all `ips` lookups. `rounds` runs every
// flavour that many times, in alternating order, and keeps each figure's best round: a load spike
// from the rest of a shared machine then has to hit the same figure twice.
const SETTINGS = {
  quick: { fibN: 30, boundaryCalls: 100_000, ips: 10_000, seed: SEED, time: 20, iterations: 2, rounds: 1 },
  default: { fibN: 35, boundaryCalls: 1_000_000, ips: 100_000, seed: SEED, time: 50, iterations: 3, rounds: 2 },
  full: { fibN: 35, boundaryCalls: 1_000_000, ips: 100_000, seed: SEED, time: 500, iterations: 5, rounds: 3 },
};

// The ratios reported per runtime, as [numerator, denominator] flavours.
const RATIOS = [
  ['wasm', 'js'],
  ['wasm', 'native-clang'],
  ['native-gcc', 'js'],
  ['native-clang', 'js'],
  ['wasm-oz', 'wasm'],
];
const FIGURES = {
  fib: (c) => c.fibMs.medianMs,
  boundary: (c) => c.boundaryNs,
  csvLoad: (c) => c.csvLoadMs.medianMs,
  lookupString: (c) => c.lookupNs.string,
  lookupUint32: (c) => c.lookupNs.uint32,
  lookupBatch: (c) => c.lookupNs.batch,
};

function selectRuntimes(ids) {
  if (!ids) return RUNTIMES;
  const unknown = ids.filter((id) => !RUNTIMES.some((r) => r.id === id));
  if (unknown.length)
    throw new Error(`unknown runtime(s) ${unknown.join(', ')}; expected some of: ${RUNTIMES.map((r) => r.id).join(', ')}`);
  return RUNTIMES.filter((r) => ids.includes(r.id));
}

function steps(profile, { runtimes } = {}) {
  const settings = SETTINGS[profile];
  const ctx = { root, settings };
  const list = [
    {
      label: `runtimes: bundle the study, wasm-opt ${WASM_OPT_ARGS.join(' ')}`,
      run: async (raw) => {
        ctx.wasm = wasmVariants();
        ctx.dir = await makeBenchDir({ csvFile: dataFile('geo-whois-asn-country-ipv4.csv'), wasm: ctx.wasm });
        raw.settings = settings;
        raw.wasmOptArgs = WASM_OPT_ARGS;
        raw.wasmBytes = Object.fromEntries(Object.entries(ctx.wasm).map(([flavour, file]) => [flavour, fs.statSync(file).size]));
      },
    },
  ];
  for (const runtime of selectRuntimes(runtimes)) {
    list.push({
      label: `runtimes: ${runtime.label}`,
      run: async (raw) => {
        if (!ctx.dir) throw new Error('the bench directory was not made (see the step before)');
        const record = await runRuntime(runtime, ctx);
        (raw.runtimes ??= {})[runtime.id] = record;
        const failed = Object.entries(record.cells).filter(([, c]) => !c.ok && !c.notAttempted);
        if (failed.length) throw new Error(failed.map(([f, c]) => `${f}: ${c.error}`).join('; '));
      },
    });
  }
  list.push({
    label: 'runtimes: clean up',
    run: async () => {
      if (ctx.dir) fs.rmSync(ctx.dir, { recursive: true, force: true });
    },
  });
  return list;
}

/** Ratios per runtime and figure, from cells measured in the same process run of that runtime. */
function summarise(raw) {
  const ratios = {};
  for (const [id, record] of Object.entries(raw.runtimes ?? {})) {
    const cells = record.cells;
    ratios[id] = {};
    for (const [figure, pick] of Object.entries(FIGURES)) {
      ratios[id][figure] = Object.fromEntries(
        RATIOS.filter(([a, b]) => cells[a]?.ok && cells[b]?.ok).map(([a, b]) => [`${a}/${b}`, pick(cells[a]) / pick(cells[b])]),
      );
    }
  }
  return { ratios };
}

module.exports = { name: 'runtimes', SETTINGS, RATIOS, FIGURES, FLAVOURS, steps, summarise, selectRuntimes };
