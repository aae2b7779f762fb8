// The per-runtime study of one flavour (js, native, wasm): fib(n), the cost of one call, CSV load
// and lookups, timed with tinybench in whatever runtime runs this file (Node, Bun, Deno, a browser
// page). Plain ES module without Node built-ins; bundled by bench/runtimes/bundle.js.
import { Bench } from 'tinybench';
import { randomUint32s, dottedTexts } from '../../support/random-ips.js';

/** The smallest step performance.now() takes here (browsers coarsen it; 0 if it never moved). */
export function timerResolutionMs(samples = 20) {
  let best = Infinity;
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    let next = start;
    for (let spins = 0; next === start && spins < 1e6; spins++) next = performance.now();
    if (next > start) best = Math.min(best, next - start);
  }
  return Number.isFinite(best) ? best : 0;
}

/**
 * @param {object} api the package's API (fibonacci, IpCountryTable)
 * @param {Uint8Array} csv the CSV bytes (fromCsv everywhere: not every runtime has files)
 * @param {{ fibN: number, boundaryCalls: number, ips: number, seed: number, time: number, iterations: number }} s
 */
export async function measure(api, csv, s) {
  const { IpCountryTable } = api;
  const ips = randomUint32s(s.ips, s.seed);
  const strings = dottedTexts(ips);
  const out = new Uint16Array(ips.length);
  const table = IpCountryTable.fromCsv(csv);
  let sink = 0; // keeps results observable so nothing is optimised away

  // Every sample is long enough for a 1 ms clock: a whole fib(n), K calls, a whole CSV, all the IPs.
  const bench = new Bench({ time: s.time, iterations: s.iterations, warmupIterations: 1, warmupTime: 0 });
  bench
    .add('fib', () => {
      sink += api.fibonacci(s.fibN);
    })
    .add('boundary', () => {
      for (let i = 0; i < s.boundaryCalls; i++) sink += api.fibonacci(1);
    })
    .add('csv load', () => {
      IpCountryTable.fromCsv(csv).free();
    })
    .add('lookup string', () => {
      for (let i = 0; i < strings.length; i++) if (table.lookup(strings[i]) !== null) sink++;
    })
    .add('lookup uint32', () => {
      for (let i = 0; i < ips.length; i++) if (table.lookup(ips[i]) !== null) sink++;
    })
    .add('lookup batch', () => {
      table.lookupIndexes(ips, out);
      sink += out[0];
    });
  await bench.run();

  const stats = {};
  for (const task of bench.tasks) {
    const { state, latency, error } = task.result;
    if (state !== 'completed') throw new Error(`${task.name}: ${state}${error ? `: ${error.message}` : ''}`);
    // Medians: on a shared machine a load spike moves the mean, not the median.
    stats[task.name] = { medianMs: latency.p50, madMs: latency.mad, meanMs: latency.mean, samples: latency.samplesCount };
  }
  const perIp = (name) => (stats[name].medianMs * 1e6) / ips.length;
  const result = {
    fibMs: stats.fib,
    boundaryNs: (stats.boundary.medianMs * 1e6) / s.boundaryCalls,
    csvLoadMs: stats['csv load'],
    lookupNs: { string: perIp('lookup string'), uint32: perIp('lookup uint32'), batch: perIp('lookup batch') },
    samples: Object.fromEntries(Object.entries(stats).map(([name, v]) => [name, v.samples])),
    ranges: table.size,
    timerResolutionMs: timerResolutionMs(),
    checksum: sink,
  };
  table.free();
  return result;
}
