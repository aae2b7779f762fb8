'use strict';
// In-process fib timings for one runtime, in a Node process of its own (so JIT state and memory of
// one runtime never colour another). Node start-up is excluded; module load is timed on its own.
//   node bench/workers/fib.js '<json: { runtime, ns, time, boundaryCalls }>'  -> JSON on stdout
const { performance } = require('perf_hooks');
const { RUNTIMES } = require('../implementations.js');

async function main() {
  const { runtime, ns, time, boundaryCalls, v8Flags = [] } = JSON.parse(process.argv[2]);
  // Experiments: V8 flags must be set before the wasm module is compiled (unknown ones are ignored).
  for (const flag of v8Flags) require('v8').setFlagsFromString(flag);
  const { Bench } = await import('tinybench');

  const loadStart = performance.now();
  const api = RUNTIMES[runtime].api();
  const loadMs = performance.now() - loadStart;
  const raw = RUNTIMES[runtime].raw();

  const bench = new Bench({ time, iterations: 5, warmupIterations: 2, warmupTime: 0 });
  let sink = 0; // keeps results observable so nothing is optimised away
  for (const n of ns)
    bench.add(`fib(${n})`, () => {
      sink += api.fibonacci(n);
    });
  // Per-call boundary cost: a trivial kernel call (fib(1) returns at once), K calls per sample
  // because a single ~5 ns call is far below the timer's resolution.
  bench.add('boundary raw', () => {
    for (let i = 0; i < boundaryCalls; i++) sink += raw.fibonacci(1);
  });
  bench.add('boundary api', () => {
    for (let i = 0; i < boundaryCalls; i++) sink += api.fibonacci(1);
  });
  if (raw.embindCall)
    bench.add('boundary embind', () => {
      for (let i = 0; i < boundaryCalls; i++) sink += raw.embindCall();
    });
  const embindWithEval = await RUNTIMES[runtime].embindWithEval?.();
  if (embindWithEval)
    bench.add('boundary embind with eval', () => {
      for (let i = 0; i < boundaryCalls; i++) sink += embindWithEval();
    });
  await bench.run();

  const stats = {};
  for (const task of bench.tasks) {
    const { state, latency, error } = task.result;
    if (state !== 'completed') throw new Error(`${task.name}: ${state}${error ? `: ${error.message}` : ''}`);
    stats[task.name] = { meanMs: latency.mean, sdMs: latency.sd, samples: latency.samplesCount };
  }
  process.stdout.write(
    JSON.stringify({
      runtime,
      loadMs,
      fib: Object.fromEntries(ns.map((n) => [n, stats[`fib(${n})`]])),
      boundaryNs: {
        raw: (stats['boundary raw'].meanMs * 1e6) / boundaryCalls,
        api: (stats['boundary api'].meanMs * 1e6) / boundaryCalls,
        ...(stats['boundary embind'] && { embind: (stats['boundary embind'].meanMs * 1e6) / boundaryCalls }),
        ...(stats['boundary embind with eval'] && {
          embindWithEval: (stats['boundary embind with eval'].meanMs * 1e6) / boundaryCalls,
        }),
      },
      // A debugger or --liftoff-only keeps wasm on V8's baseline tier (~1.4x slower): say so.
      vm: {
        execArgv: process.execArgv,
        nodeOptions: process.env.NODE_OPTIONS ?? '',
        inspector: Boolean(require('inspector').url()),
        v8Flags,
      },
      checksum: sink,
    }),
  );
}

main().catch((error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});
