'use strict';
// The Fibonacci part of the report, as blocks (heading, text, table) that render to Markdown or text.
const { RUNTIMES } = require('../implementations.js');
const fmt = require('./format.js');

const label = (id) => RUNTIMES[id]?.label ?? id;
const ratioLabel = (key) => key.split('/').map(label).join(' / ');

function fibBlocks({ raw, summary, environment }) {
  const blocks = [];
  const whole = raw.wholeProcess ?? {};
  const wholeNs = [...new Set(Object.values(whole).flatMap(Object.keys))].sort((a, b) => a - b);
  if (wholeNs.length) {
    blocks.push({
      heading: 'Fibonacci, whole process (hyperfine)',
      text:
        'Each cell is `node bench/programs/fib.js <runtime> <n>` timed by hyperfine (3 warm-ups, `-N`), mean ± σ, ' +
        'so it includes Node start-up and module load, exactly like the original study.',
      table: {
        header: ['runtime', ...wholeNs.map((n) => `n = ${n}`)],
        rows: Object.keys(whole).map((id) => [
          label(id),
          ...wholeNs.map((n) => (whole[id][n] ? fmt.meanSd(whole[id][n].mean * 1e3, whole[id][n].stddev * 1e3) : '–')),
        ]),
      },
    });
    blocks.push(ratioBlock('Ratios, whole process (lower = first is faster)', summary.wholeProcessRatios));
  }

  const startupRows = Object.entries(summary.startup ?? {});
  if (startupRows.length) {
    const n = startupRows[0][1].n;
    blocks.push({
      heading: `Where the whole-process fib(${n}) time goes`,
      text:
        'Module load and compute are timed inside the process (performance.now around require(); tinybench for the call); ' +
        'Node start-up and exit are the remainder of the hyperfine mean.',
      table: {
        header: ['runtime', 'whole process', 'Node start-up + exit', 'module load', `fib(${n}) compute`, 'start-up + load share'],
        rows: startupRows.map(([id, s]) => [
          label(id),
          fmt.ms(s.wholeMs),
          fmt.ms(s.nodeMs),
          fmt.ms(s.loadMs),
          fmt.ms(s.computeMs),
          `${(((s.nodeMs + s.loadMs) / s.wholeMs) * 100).toFixed(0)} %`,
        ]),
      },
    });
  }

  const inProcess = raw.inProcess ?? {};
  const inNs = [...new Set(Object.values(inProcess).flatMap((r) => Object.keys(r.fib)))].sort((a, b) => a - b);
  if (inNs.length) {
    blocks.push({
      heading: 'Fibonacci, in process (tinybench)',
      text: 'One Node process per runtime; start-up and module load excluded; mean ± σ of at least 5 timed calls after 2 warm-up calls.',
      table: {
        header: ['runtime', ...inNs.map((n) => `fib(${n})`)],
        rows: Object.entries(inProcess).map(([id, r]) => [
          label(id),
          ...inNs.map((n) => (r.fib[n] ? fmt.meanSd(r.fib[n].meanMs, r.fib[n].sdMs) : '–')),
        ]),
      },
    });
    blocks.push(ratioBlock('Ratios, in process', summary.inProcessRatios));
    blocks.push({
      heading: 'Cost of one call across the boundary',
      text:
        '`fibonacci(1)` (returns at once) called in a loop: **raw** calls the binding directly (the wasm C export, ' +
        'node-addon-api, or a plain JS function), **API** goes through the public API with its argument checks. ' +
        '**embind call**: a trivial embind function; the WASM build links embind without eval (`-sDYNAMIC_EXECUTION=0`, so it ' +
        'runs under a strict Content-Security-Policy, in a Chrome MV3 extension and under `--disallow-code-generation-from-strings`) ' +
        'and uses it only on cold paths (building, snapshots), never per lookup: per-IP calls are plain C exports (the raw call) or no call at all. ' +
        "**embind with eval**: the same kind of function linked with embind's generated invokers (`new Function`, its default: how the package " +
        'called every lookup before), a probe module of its own (bench/wasm/embind_probe.cpp).',
      table: {
        header: ['runtime', 'raw call', 'API call', 'embind call', 'embind with eval', 'module load'],
        rows: Object.entries(inProcess).map(([id, r]) => [
          label(id),
          fmt.ns(r.boundaryNs.raw),
          fmt.ns(r.boundaryNs.api),
          r.boundaryNs.embind === undefined ? '–' : fmt.ns(r.boundaryNs.embind),
          r.boundaryNs.embindWithEval === undefined ? '–' : fmt.ns(r.boundaryNs.embindWithEval),
          fmt.ms(r.loadMs),
        ]),
      },
    });
  }

  const experiments = Object.entries(raw.experiments ?? {});
  if (experiments.length && inProcess['native-clang'] && inProcess.wasm) {
    const { EXPERIMENTS } = require('../workloads/fib.js');
    const rows = [['WASM (default V8 tiers)', inProcess.wasm], ...experiments.map(([id, r]) => [EXPERIMENTS[id]?.label ?? id, r])];
    blocks.push({
      heading: 'Where the WASM / native gap comes from',
      text: [
        'The fib kernel compiles to the same shape for wasm32 and x86-64: LLVM turns one of the two recursive calls into a loop, ',
        'so both make 102,334,155 calls for fib(40); neither inlines the recursion (g++ does, several levels deep, hence its lead). ',
        "V8's optimising tier (TurboFan) then adds a stack check per call and spills `n` and the sum around every call ",
        '(its wasm calling convention has no callee-saved registers); the loop is call/return-latency bound, so this costs little. ',
        'Two things change the ratio a lot: the native addon was built `-fPIC` with default visibility, so every recursive call went ',
        'through the PLT (15–20 % slower with clang) — the build now uses hidden visibility; and V8 keeps wasm on its baseline ',
        'compiler (Liftoff, ~1.4× slower) under a debugger or `--liftoff-only`. No emcc flag tried (-O2/-O3/-Os, -flto, -msimd128, ',
        "-mtail-call, binaryen extra passes, inline thresholds) changes the fib function body; binaryen's own `wasm-opt -Oz`, run after the link, does ",
        '("The wasm inlining threshold" below). V8\'s experimental wasm inlining ',
        '(set before the module compiles) inlines fib into itself, like g++ does:',
      ].join(''),
      table: {
        header: ['how WASM runs', ...inNs.map((n) => `fib(${n})`), ...inNs.map((n) => `/ Native (clang), n = ${n}`)],
        rows: rows.map(([name, r]) => [
          name,
          ...inNs.map((n) => (r.fib[n] ? fmt.meanSd(r.fib[n].meanMs, r.fib[n].sdMs) : '–')),
          ...inNs.map((n) =>
            fmt.ratio(r.fib[n] && inProcess['native-clang'].fib[n] ? r.fib[n].meanMs / inProcess['native-clang'].fib[n].meanMs : undefined),
          ),
        ]),
      },
    });
  }
  const slowTier = Object.entries(inProcess).filter(
    ([, r]) => r.vm && (r.vm.inspector || /liftoff-only/.test(`${r.vm.execArgv.join(' ')} ${r.vm.nodeOptions}`)),
  );
  if (slowTier.length) {
    blocks.push({
      heading: 'Warning',
      text: `Measured with an inspector attached or --liftoff-only (${slowTier.map(([id]) => label(id)).join(', ')}): wasm ran on V8's baseline tier; its figures are not representative.`,
    });
  }

  const targets = [];
  const fib40 = summary.inProcessRatios?.[40]?.['wasm/native-clang'];
  if (fib40 !== undefined)
    targets.push([`in-process fib(40), WASM / Native (clang)`, '≤ 1.10×', fmt.ratio(fib40), fib40 <= 1.1 ? 'met' : 'missed']);
  const wasmLoad = inProcess.wasm?.loadMs;
  if (wasmLoad !== undefined) targets.push(["require('./pkg') ready", '< 20 ms', fmt.ms(wasmLoad), wasmLoad < 20 ? 'met' : 'missed']);
  if (environment?.wasmBytes)
    targets.push([
      'pkg/index.wasm size',
      '< 30 KB',
      `${(environment.wasmBytes / 1024).toFixed(1)} KB`,
      environment.wasmBytes < 30 * 1024 ? 'met' : 'missed',
    ]);
  if (targets.length) blocks.push({ heading: 'Targets', table: { header: ['target', 'goal', 'measured', ''], rows: targets } });
  return blocks;
}

function ratioBlock(heading, ratios) {
  const ns = Object.keys(ratios ?? {});
  const keys = [...new Set(ns.flatMap((n) => Object.keys(ratios[n])))];
  return {
    heading,
    table: {
      header: ['ratio', ...ns.map((n) => `n = ${n}`)],
      rows: keys.map((key) => [ratioLabel(key), ...ns.map((n) => fmt.ratio(ratios[n][key]))]),
    },
  };
}

module.exports = { fibBlocks };
