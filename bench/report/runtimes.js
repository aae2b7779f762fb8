'use strict';
// The report's runtime part: the matrix (runtime × flavour, ✔ with fib(n) or ✘ with the reason),
// the figures and ratios per runtime, the clocks each runtime gave, and the wasm inlining threshold
// (the shipped index.wasm next to the same module after wasm-opt -Oz).
const fmt = require('./format.js');
const { FLAVOURS, FLAVOUR_LABELS } = require('../runtimes/runtimes.js');

const flavourLabel = (f) => FLAVOUR_LABELS[f] ?? f;
const records = (raw) => Object.values(raw.runtimes ?? {});

/** "Node 24.22.3 (V8 13.6.233.17-node.63)" → "Node 24.22.3, V8 13.6"; a user agent → the browser's own version. */
function engineText(record) {
  const e = record.engine ?? '';
  const v8 = /V8 (\d+\.\d+)/.exec(e)?.[1];
  if (record.kind === 'process')
    return e.replace(/ \(.*\)$/, '') + (v8 ? `, V8 ${v8}` : /JavaScriptCore/.test(e) ? ', JavaScriptCore' : '');
  const engines = { chromium: 'V8', firefox: 'SpiderMonkey', webkit: 'JavaScriptCore', workerd: 'V8' };
  return `${record.version ?? e}, ${engines[record.id] ?? '?'}`;
}

/** "Node 20 12 s, Bun 9 s, …" from the recorded step times, when the run recorded them. */
function stepTimes(raw, steps) {
  const byLabel = new Map((steps ?? []).filter((st) => st.workload === 'runtimes').map((st) => [st.step, st.seconds]));
  const parts = records(raw)
    .map((r) => (byLabel.has(`runtimes: ${r.label}`) ? `${r.label} ${byLabel.get(`runtimes: ${r.label}`).toFixed(0)} s` : null))
    .filter(Boolean);
  const total = [...byLabel.values()].reduce((a, b) => a + b, 0);
  return parts.length ? ` This run spent ${total.toFixed(0)} s on the runtimes: ${parts.join(', ')}.` : '';
}

function matrixBlocks(raw, steps) {
  const s = raw.settings ?? {};
  const notes = [];
  const noteOf = new Map();
  const cell = (c) => {
    if (c?.ok) return `✔ ${fmt.ms(c.fibMs.medianMs)}`;
    const reason = c?.error ?? 'no result';
    if (!noteOf.has(reason)) {
      notes.push(reason);
      noteOf.set(reason, notes.length);
    }
    return `✘ ${noteOf.get(reason)}`;
  };
  const rows = records(raw).map((r) => [r.label, engineText(r), ...FLAVOURS.map((f) => cell(r.cells[f]))]);
  return [
    {
      heading: 'Runtime matrix',
      text:
        `Every runtime × flavour: ✔ with its median fib(${s.fibN}) (tinybench, in that runtime), or ✘ and why — the runtime's own error, ` +
        'or, for a native addon outside a Node-API host, the reason it is not attempted. Node, Bun and Deno run one process per flavour ' +
        "(`bench/runtimes/host.mjs`, the source tree's `js/`, `native/`, `pkg/`); browsers one page visit per flavour (`page.mjs`, bundled by esbuild " +
        'with `js/` and `pkg/web.mjs`, served cross-origin isolated on 127.0.0.1); workerd one Worker per flavour (`worker.mjs`; the wasm a compiled-module ' +
        'import, `init()` at top level), timed from outside (see "Clocks"). **WASM** is `pkg/index.wasm` as shipped; **WASM + wasm-opt -Oz** is the same ' +
        'module post-optimised by binaryen (see "The wasm inlining threshold").' +
        stepTimes(raw, steps),
      table: { header: ['runtime', 'engine', ...FLAVOURS.map(flavourLabel)], rows },
      after: notes.map((n, i) => `${i + 1}. ${n}`).join('\n'),
    },
  ];
}

function figureBlocks(raw) {
  const s = raw.settings ?? {};
  const rows = [];
  for (const r of records(raw)) {
    for (const f of FLAVOURS) {
      const c = r.cells[f];
      if (!c?.ok) continue;
      rows.push([
        r.label,
        flavourLabel(f),
        fmt.medianMad(c.fibMs.medianMs, c.fibMs.madMs),
        fmt.ns(c.boundaryNs),
        fmt.medianMad(c.csvLoadMs.medianMs, c.csvLoadMs.madMs),
        fmt.ns(c.lookupNs.string),
        fmt.ns(c.lookupNs.uint32),
        fmt.ns(c.lookupNs.batch),
        fmt.ms(c.loadMs),
      ]);
    }
  }
  return [
    {
      heading: 'Figures per runtime',
      text:
        `tinybench in each runtime (workerd: from outside, see "Clocks"), with fewer repetitions than the Node 20 sections above: ` +
        `at least ${s.iterations} samples and ${s.time} ms per task after 1 warm-up, medians ± median absolute deviation; every flavour ran ${s.rounds ?? 1} ` +
        `time(s)${(s.rounds ?? 1) > 1 ? ' in alternating order, and each figure is its best round (the least disturbed by the rest of this shared machine)' : ''}. fib(${s.fibN}) per call; **call** is \`fibonacci(1)\` through the public API ` +
        `(${(s.boundaryCalls ?? 0).toLocaleString('en')} calls per sample); **CSV load** is \`fromCsv\` of the 10.3 MB IPv4 CSV's bytes (every runtime has bytes; not every one has files); ` +
        `lookups per IP over ${(s.ips ?? 0).toLocaleString('en')} seeded (${s.seed}) random IPv4s, the same in every runtime; **load** is the module ready to call ` +
        '(require, or `init()` with the wasm fetched and compiled; none for JS in a page).',
      table: {
        header: ['runtime', 'flavour', `fib(${s.fibN})`, 'call', 'CSV load', 'lookup string', 'lookup uint32', 'batch', 'load'],
        rows,
      },
    },
  ];
}

function ratioBlocks(raw, summary) {
  const COLUMNS = [
    ['fib', 'wasm/js', 'fib WASM / JS'],
    ['fib', 'wasm/native-clang', 'fib WASM / clang'],
    ['fib', 'native-gcc/js', 'fib g++ / JS'],
    ['fib', 'native-clang/js', 'fib clang / JS'],
    ['csvLoad', 'wasm/js', 'CSV WASM / JS'],
    ['csvLoad', 'wasm/native-clang', 'CSV WASM / clang'],
    ['csvLoad', 'native-clang/js', 'CSV clang / JS'],
    ['lookupString', 'wasm/js', 'string WASM / JS'],
    ['lookupUint32', 'wasm/js', 'uint32 WASM / JS'],
    ['lookupUint32', 'native-clang/js', 'uint32 clang / JS'],
    ['lookupBatch', 'wasm/js', 'batch WASM / JS'],
  ];
  const rows = records(raw).map((r) => [r.label, ...COLUMNS.map(([figure, key]) => fmt.ratio(summary.ratios?.[r.id]?.[figure]?.[key]))]);
  return [
    {
      heading: 'Ratios per runtime',
      text:
        'Time of the first over the second, both measured in the same runtime in this run (below 1: the first is faster). ' +
        'Native cells exist only in Node-API hosts; "clang" is the native addon built by clang, the compiler behind Emscripten.',
      table: { header: ['runtime', ...COLUMNS.map(([, , title]) => title)], rows },
    },
  ];
}

function clockBlocks(raw) {
  const rows = [];
  let workerd = null;
  for (const r of records(raw)) {
    const ok = FLAVOURS.map((f) => r.cells[f]).filter((c) => c?.ok);
    if (!ok.length) continue;
    if (r.kind === 'workerd') {
      workerd = ok.find((c) => c.clock)?.clock ?? null;
      rows.push([
        r.label,
        workerd ? `${fmt.ms(workerd.resolutionMs)} inside the Worker` : '–',
        'timed outside, over HTTP',
        fmt.ms(Math.min(...ok.map((c) => c.requestOverheadMs))),
      ]);
    } else {
      rows.push([
        r.label,
        fmt.ms(Math.min(...ok.map((c) => c.timerResolutionMs))),
        r.kind === 'browser' ? (ok.every((c) => c.crossOriginIsolated) ? 'cross-origin isolated page' : 'not isolated') : 'process',
        '–',
      ]);
    }
  }
  if (!rows.length) return [];
  const w = workerd
    ? ` In this run the Worker's own clocks said fib took ${fmt.ms(workerd.performanceMs)} (performance.now) and ${fmt.ms(workerd.dateMs)} (Date.now) ` +
      `while the request took ${fmt.ms(workerd.outsideMs)} from outside, and performance.now() moved in steps of ${fmt.ms(workerd.resolutionMs)}: ` +
      (workerd.resolutionMs === 0 || workerd.performanceMs === 0
        ? 'it stood still while the Worker computed.'
        : 'this workerd lets its clock move while the Worker computes, but only in whole steps, too coarse for one fib or one lookup.')
    : '';
  return [
    {
      heading: 'Clocks',
      text:
        'The smallest step of `performance.now()` each runtime gave this run (browsers coarsen it as a Spectre mitigation, less so on a cross-origin ' +
        "isolated page, which is why the bench serves its page with COOP/COEP). Every sample is long enough for a 1 ms clock. **workerd**: Workers' clocks are " +
        "coarse by design (a Spectre mitigation; Cloudflare describes its Workers' time as moving only when they do I/O), so nothing is timed inside the Worker. Each sample is " +
        'one HTTP request on 127.0.0.1 that runs a task (fib, a CSV load, all the lookups) as many times as fill ~20 ms (calibrated per task), timed with ' +
        `tinybench in Node; the figure is the request's median minus an empty request's (the overhead column), per repetition.${w}`,
      table: { header: ['runtime', 'clock step', 'how', 'request overhead'], rows },
    },
  ];
}

/** Geometric mean of positive numbers (ratios), or undefined. */
const geomean = (values) => (values.length ? Math.exp(values.reduce((a, v) => a + Math.log(v), 0) / values.length) : undefined);

/** -Oz / shipped ratios over the runtimes where both ran: { figure: { min, max, geomean, v8Inlined: ..., others: ... } }. */
function wasmOptEffect(raw, summary) {
  const out = {};
  for (const figure of ['fib', 'csvLoad', 'lookupString', 'lookupUint32', 'lookupBatch']) {
    const all = [];
    const inlined = [];
    const rest = [];
    for (const r of records(raw)) {
      const v = summary.ratios?.[r.id]?.[figure]?.['wasm-oz/wasm'];
      if (v === undefined) continue;
      all.push(v);
      (r.inlining?.['wasm-oz']?.trace?.inlined ? inlined : rest).push(v);
    }
    if (all.length)
      out[figure] = {
        min: Math.min(...all),
        max: Math.max(...all),
        geomean: geomean(all),
        inlined: geomean(inlined),
        rest: geomean(rest),
        count: all.length,
      };
  }
  return out;
}

function inliningBlocks(raw, summary, environment) {
  const bytes = raw.wasmBytes ?? {};
  if (!bytes.wasm) return [];
  const trace = (t) => {
    if (!t) return '–';
    if (!t.ok) return `✘ ${t.error}`;
    if (!t.trace) return t.tracedAnything ? 'traced, but no self-call decision this parser knows' : 'no decision traced (inlining off)';
    return `${t.trace.size} B body, budget ${t.trace.budget}: ${t.trace.inlined ? 'inlined' : 'not inlined'}`;
  };
  const rows = records(raw)
    .filter((r) => r.cells.wasm?.ok || r.inlining)
    .map((r) => {
      const q = summary.ratios?.[r.id] ?? {};
      return [
        r.label,
        engineText(r),
        trace(r.inlining?.wasm),
        trace(r.inlining?.['wasm-oz']),
        fmt.ratio(q.fib?.['wasm-oz/wasm']),
        fmt.ratio(q.csvLoad?.['wasm-oz/wasm']),
        fmt.ratio(q.lookupString?.['wasm-oz/wasm']),
        fmt.ratio(q.lookupUint32?.['wasm-oz/wasm']),
        fmt.ratio(q.lookupBatch?.['wasm-oz/wasm']),
      ];
    });
  const shippedTrace = records(raw)
    .map((r) => r.inlining?.wasm?.trace)
    .find(Boolean);
  const shippedLine = shippedTrace?.line;
  const ozLine = records(raw)
    .map((r) => r.inlining?.['wasm-oz']?.trace?.line)
    .find(Boolean);
  const e = wasmOptEffect(raw, summary);
  const range = (x) => (x ? `${fmt.ratio(x.min)}–${fmt.ratio(x.max)} (geometric mean ${fmt.ratio(x.geomean)})` : '–');
  const shipped = environment?.wasmPostOptimised;
  const traced = records(raw).find((r) => r.inlining?.wasm?.trace && r.inlining?.['wasm-oz']?.trace)?.inlining;
  const budgets = traced
    ? `${traced.wasm.trace.budget} for the shipped build's ${traced.wasm.trace.size}-byte fib, ${traced['wasm-oz'].trace.budget} for the -Oz build's ${traced['wasm-oz'].trace.size} bytes`
    : 'not traced in this run';
  const table = ['csvLoad', 'lookupString', 'lookupUint32', 'lookupBatch'];
  const tableNoWorse = table.every((f) => e[f] && e[f].geomean <= 1);
  const measured =
    `Across the runtimes of this run, -Oz / shipped (below 1× is faster): CSV load ${range(e.csvLoad)}, dotted-string lookups ${range(e.lookupString)}, ` +
    `uint32 lookups ${range(e.lookupUint32)}, batches ${range(e.lookupBatch)}; fib ${range(e.fib)}` +
    `${e.fib?.inlined ? `, ${fmt.ratio(e.fib.inlined)} where V8 inlines the -Oz fib and ${fmt.ratio(e.fib.rest)} elsewhere` : ''}.`;
  const decision =
    shipped === undefined
      ? measured
      : shipped
        ? `The shipped \`index.wasm\` **is** post-optimised by the build. ${measured}`
        : `**Decision: the shipped \`index.wasm\` is not post-optimised** (it is what Emscripten links). ${measured} ` +
          (traced?.wasm.trace.inlined && traced['wasm-oz'].trace.inlined
            ? `Here V8 inlines the fib of both builds (${budgets}), so -Oz buys no inlining here (with an earlier module, the shipped fib ` +
              "sat just above the budget and only the -Oz build was inlined): which build crosses that line is V8's heuristic, and it moved with the module. "
            : `What -Oz buys is a recursive microbenchmark crossing a narrow margin in one engine's heuristic: the budget is V8's own (${budgets}), ` +
              'so a later V8 or a slightly different module moves it again. ') +
          'What the package exists for is the table, and -Oz optimises for size, not for its parser and lookups. ' +
          (tableNoWorse
            ? 'This run finds -Oz no slower on any table figure (geometric means ≤ 1×): by this run, the decision is worth revisiting.'
            : 'This run finds -Oz slower on at least one table figure (geometric mean above 1×), which is the trade the decision refuses.') +
          ' binaryen stays a devDependency so every run re-measures it (`bench/runtimes/variants.js`).';
  return [
    {
      heading: 'The wasm inlining threshold: wasm-opt -Oz',
      text: [
        'V8 ≥ 13.6 (Node 24+, Deno, Chromium ≥ 136) inlines wasm functions by default, within a budget per call site. ',
        shippedTrace && !shippedTrace.inlined && shippedTrace.grown
          ? `The shipped fib misses it by ${shippedTrace.grown - shippedTrace.budget + 1} byte(s): `
          : '',
        `V8's own trace (\`--trace-wasm-inlining\`) for \`pkg/index.wasm\` says \`${shippedLine ?? '–'}\` — it inlines when the grown size is *below* the budget. `,
        `The same module after \`wasm-opt ${(raw.wasmOptArgs ?? []).join(' ')}\` (binaryen ${environment?.packages?.binaryen ?? '?'}, from npm): \`${ozLine ?? '–'}\`. `,
        `File sizes: ${bytes.wasm.toLocaleString('en')} bytes shipped, ${(bytes['wasm-oz'] ?? 0).toLocaleString('en')} after -Oz. `,
        "The table gives, per runtime, V8's decision for each build (V8 hosts only: Node 20 and 22 have wasm inlining off by default; Bun, Firefox and WebKit ",
        'are other engines; the browsers and workerd are not traced) and the time of the -Oz build over the shipped one, measured in the same runtime in this run.',
      ].join(''),
      table: {
        header: ['runtime', 'engine', 'V8: shipped', 'V8: -Oz', 'fib -Oz / shipped', 'CSV load', 'lookup string', 'lookup uint32', 'batch'],
        rows,
      },
      after: decision,
    },
  ];
}

function runtimeBlocks({ raw, summary, environment, steps }) {
  if (!raw?.runtimes) return [];
  return [
    ...matrixBlocks(raw, steps),
    ...figureBlocks(raw),
    ...ratioBlocks(raw, summary),
    ...inliningBlocks(raw, summary, environment),
    ...clockBlocks(raw),
  ];
}

module.exports = { runtimeBlocks, engineText, wasmOptEffect, geomean };
