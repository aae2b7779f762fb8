'use strict';
// What one detached ArrayBuffer does to the rest of a process. V8 compiles typed-array reads
// without a "was this buffer detached?" check only while no ArrayBuffer of the process has ever been
// detached (its ArrayBufferDetaching protector); the first detach (a WebAssembly.Memory growing, a
// buffer transferred to a worker or through structuredClone) drops that for good, and every
// typed-array read of optimised code checks from then on. So: the same tasks, timed with the same
// call sites before and after one ArrayBuffer is detached, in one Node process per flavour. With
// `control`, nothing is detached between the two rounds (what the second round's order alone does).
//   node bench/workers/detach.js '<json: { runtime, csv, ips, seed, time, control }>'  -> JSON on stdout
const fs = require('fs');
const { RUNTIMES } = require('../implementations.js');
const { randomUint32s, dottedTexts } = require('../data.js');
const { tableFromBinary } = require('../../js/ip-table.js');

const { BLOCK, freshBlocks } = require('./lookup-blocks.js');

/** Detaches a fresh ArrayBuffer, as a transfer does: the one event this worker measures. */
function detachOneBuffer() {
  const buffer = new ArrayBuffer(8);
  structuredClone(buffer, { transfer: [buffer] });
  if (buffer.byteLength !== 0) throw new Error('structuredClone did not detach the buffer');
}

async function main() {
  const { runtime, csv, ips: ipCount, seed, time, control = false } = JSON.parse(process.argv[2]);
  const { Bench } = await import('tinybench');
  const { IpCountryTable } = RUNTIMES[runtime].api();
  const bytes = new Uint8Array(fs.readFileSync(csv));
  const table = IpCountryTable.fromCsv(bytes);
  const search = tableFromBinary(table.toBinary()).v4; // the JS twin's search over the same starts
  const ips = randomUint32s(ipCount, seed);
  const texts = dottedTexts(ips);
  const out = new Uint16Array(ipCount);
  let sink = 0;
  const [numbers, textBlocks, searches] = [freshBlocks(), freshBlocks(), freshBlocks()]; // bench/workers/ip.js's loops
  // Both rounds run these same functions.
  const tasks = {
    'csv load': () => {
      IpCountryTable.fromCsv(bytes).free();
    },
    uint32: () => {
      sink += numbers.lookups(table, ips);
    },
    string: () => {
      sink += textBlocks.lookups(table, texts);
    },
    search: () => {
      sink += searches.search(search, ips);
    },
    batch: () => {
      table.lookupIndexes(ips, out);
      sink += out[0];
    },
  };
  const round = async () => {
    const bench = new Bench({ time, iterations: 5, warmupIterations: 2 });
    for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn);
    await bench.run();
    const median = (name) => {
      const { result } = bench.getTask(name);
      if (result.state !== 'completed') throw new Error(`${name}: ${result.state} ${result.error?.message ?? ''}`);
      return result.latency.p50; // ms; medians, as the lookups of bench/workers/ip.js
    };
    return {
      csvLoadMs: median('csv load'),
      lookupNs: {
        uint32: (median('uint32') * 1e6) / BLOCK,
        string: (median('string') * 1e6) / BLOCK,
        search: (median('search') * 1e6) / BLOCK,
        batch: (median('batch') * 1e6) / ipCount,
      },
    };
  };
  // Two rounds on each side, each figure the better of its two: a burst of the shared machine's
  // other load, seconds long, spoils one round, rarely both.
  const better = (a, b) => ({
    csvLoadMs: Math.min(a.csvLoadMs, b.csvLoadMs),
    lookupNs: Object.fromEntries(Object.entries(a.lookupNs).map(([key, ns]) => [key, Math.min(ns, b.lookupNs[key])])),
  });
  const before = better(await round(), await round());
  if (!control) detachOneBuffer();
  const after = better(await round(), await round());
  table.free();
  process.stdout.write(JSON.stringify({ runtime, control, before, after, checksum: sink }));
}

main().catch((error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});
