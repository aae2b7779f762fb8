// The browser benchmark page (bundled by bench/browser/run.js with esbuild from the source tree):
// the pure-JS implementation (js/) and the WebAssembly package (pkg/web.mjs) side by side,
// timed with performance.now() inside Chromium. run.js calls window.nvwBench(params).
import wasmUrl from '../../pkg/index.wasm';
import init, * as wasm from '../../pkg/web.mjs';
import js from '../../js/index.js';
import { randomUint32s, dotted } from '../random-ips.js';

const RUNTIMES = { js, wasm };

/** Median and min of `runs` timed calls of fn (ms), after `warmup` untimed ones. */
function time(fn, runs, warmup = 2) {
  for (let i = 0; i < warmup; i++) fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { medianMs: samples[samples.length >> 1], minMs: samples[0], runs };
}

window.nvwBench = async ({ fibNs, fibRuns, csvUrl, ipCount, seed, ipRuns }) => {
  await init(wasmUrl);
  const csv = new Uint8Array(await (await fetch(csvUrl)).arrayBuffer());
  const ips = randomUint32s(ipCount, seed);
  const ipStrings = Array.from(ips, dotted);
  const results = { userAgent: navigator.userAgent, fib: [], ip: [] };
  for (const n of fibNs) {
    for (const [runtime, api] of Object.entries(RUNTIMES)) {
      let value;
      const t = time(() => { value = api.fibonacci(n); }, fibRuns, 1);
      results.fib.push({ runtime, n, value, ...t });
    }
  }
  for (const [runtime, { IpCountryTable }] of Object.entries(RUNTIMES)) {
    const load = time(() => IpCountryTable.fromCsv(csv).free(), ipRuns, 1);
    const table = IpCountryTable.fromCsv(csv);
    const out = new Uint16Array(ips.length);
    let sink = 0;
    const lookupString = time(() => { for (const ip of ipStrings) if (table.lookup(ip) !== null) sink++; }, ipRuns);
    const lookupNumber = time(() => { for (const ip of ips) if (table.lookup(ip) !== null) sink++; }, ipRuns);
    const lookupBatch = time(() => table.lookupIndexes(ips, out), ipRuns);
    const perLookupNs = (t) => (t.medianMs * 1e6) / ips.length;
    results.ip.push({
      runtime, csvBytes: csv.length, ranges: table.size, csvLoadMs: load.medianMs,
      lookupStringNs: perLookupNs(lookupString), lookupNumberNs: perLookupNs(lookupNumber), lookupIndexesNs: perLookupNs(lookupBatch), sink,
    });
    table.free();
  }
  return results;
};
window.nvwReady = true;
