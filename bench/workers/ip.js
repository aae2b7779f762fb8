'use strict';
// The IP workload for one runtime, in a Node process of its own so memory figures are its own:
// CSV load, snapshot load, memory after load, and lookups on seeded random IPs.
//   node --expose-gc bench/workers/ip.js '<json: { runtime, csv, ips, seed, time }>'  -> JSON on stdout
const fs = require('fs');
const { RUNTIMES } = require('../implementations.js');
const { randomUint32s, dotted } = require('../data.js');

const settle = () => {
  for (let i = 0; i < 3; i++) global.gc?.();
};

async function main() {
  const { runtime, csv, ips: ipCount, seed, time } = JSON.parse(process.argv[2]);
  const { Bench } = await import('tinybench');
  const ips = randomUint32s(ipCount, seed);
  const ipStrings = Array.from(ips, dotted);
  const csvBytes = fs.statSync(csv).size;

  settle();
  const before = process.memoryUsage();
  const { IpCountryTable } = RUNTIMES[runtime].api();
  const table = IpCountryTable.fromFile(csv);
  settle();
  const after = process.memoryUsage();
  const wasmHeapBytes = runtime === 'wasm' ? RUNTIMES.wasm.outsideHeapBytes() : null;
  const snapshot = table.toBinary();

  const out = new Uint16Array(ips.length);
  let sink = 0;
  let cursor = 0;
  const bench = new Bench({ time, iterations: 5, warmupIterations: 2 });
  bench
    .add('csv load', () => {
      IpCountryTable.fromFile(csv).free();
    })
    .add('snapshot load', () => {
      IpCountryTable.fromBinary(snapshot).free();
    })
    // Lookups run in blocks of 1000 IPs per sample: one lookup is far below the timer's resolution.
    .add('lookup string', () => {
      for (let i = 0; i < 1000; i++) {
        if (table.lookup(ipStrings[cursor++ % ipCount]) !== null) sink++;
      }
    })
    .add('lookup uint32', () => {
      for (let i = 0; i < 1000; i++) {
        if (table.lookup(ips[cursor++ % ipCount]) !== null) sink++;
      }
    })
    .add('lookupIndexes batch', () => {
      table.lookupIndexes(ips, out);
      sink += out[0];
    });
  await bench.run();

  const mean = (name) => {
    const task = bench.getTask(name);
    if (task.result.state !== 'completed') throw new Error(`${name}: ${task.result.state} ${task.result.error?.message ?? ''}`);
    return task.result.latency;
  };
  const load = mean('csv load');
  process.stdout.write(
    JSON.stringify({
      runtime,
      csvBytes,
      size: table.size,
      countries: table.countries.length,
      csvLoadMs: { mean: load.mean, sd: load.sd },
      csvMBps: csvBytes / 1e6 / (load.mean / 1e3),
      snapshotBytes: snapshot.length,
      snapshotLoadMs: { mean: mean('snapshot load').mean, sd: mean('snapshot load').sd },
      tableBytes: table.byteLength,
      bytesPerRange: table.byteLength / table.size,
      rssDeltaBytes: after.rss - before.rss,
      heapDeltaBytes: after.heapUsed - before.heapUsed,
      externalDeltaBytes: after.external + after.arrayBuffers - before.external - before.arrayBuffers,
      wasmHeapBytes,
      lookupNs: {
        string: (mean('lookup string').mean * 1e6) / 1000,
        uint32: (mean('lookup uint32').mean * 1e6) / 1000,
        batch: (mean('lookupIndexes batch').mean * 1e6) / ipCount,
      },
      checksum: sink,
    }),
  );
}

main().catch((error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});
