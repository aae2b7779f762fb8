'use strict';
// The IP workload for one runtime, in a Node process of its own so memory figures are its own:
// CSV load (and its floor: the same file read and its newlines found, bench/newline-floor.js),
// snapshot load, memory after load, and lookups on seeded IPs of two distributions — uniform, and
// skewed like traffic (support/skewed-ips.js) — with the pieces of a lookup's time: the search alone
// (plain JS over the same starts). With `lookupsOnly`, the lookups alone (a second process for the
// same figures: see bench/workloads/ip.js). With `perCall`, only the single lookups, through the API with a
// kernel call per lookup (native and WASM): in a process of its own, because in one process the
// API's call sites would see both kinds of table and be slower for both.
//   node --expose-gc bench/workers/ip.js '<json: { runtime, csv, csv6, ips, seed, time, perCall, lookupsOnly }>'  -> JSON on stdout
const fs = require('fs');
const { RUNTIMES } = require('../implementations.js');
const { randomUint32s, dottedTexts, asReceived, skewedFromSnapshot, ipv6Probes, ipv6Words, ipv6Text, shuffledRows } = require('../data.js');
const { tableFromBinary } = require('../../js/ip-table.js');
const { scanFile } = require('../newline-floor.js');
const { BLOCK, freshBlocks } = require('./lookup-blocks.js'); // BLOCK lookups per sample: one is far below the timer's resolution

const settle = () => {
  for (let i = 0; i < 3; i++) global.gc?.();
};

async function main() {
  const { runtime, csv, csv6, ips: ipCount, seed, time, perCall = false, lookupsOnly = false } = JSON.parse(process.argv[2]);
  const loads = !perCall && !lookupsOnly;
  const { Bench } = await import('tinybench');
  const csvBytes = fs.statSync(csv).size;

  settle();
  const before = process.memoryUsage();
  const { IpCountryTable } = perCall ? RUNTIMES[runtime].perCall() : RUNTIMES[runtime].api();
  const table = IpCountryTable.fromFile(csv);
  settle();
  const after = process.memoryUsage();
  const wasmHeapBytes = runtime === 'wasm' ? RUNTIMES.wasm.outsideHeapBytes() : null;
  const snapshot = table.toBinary();

  const uniform = randomUint32s(ipCount, seed);
  const skewed = skewedFromSnapshot(snapshot, ipCount, seed);
  const strings = { uniform: dottedTexts(uniform), skewed: dottedTexts(skewed) };
  const csvFileBytes = fs.readFileSync(csv); // the same bytes for the loads from memory and the IPv6 table
  // IPv6 text is looked up in a table of both files, as an app answering both families loads it.
  const table6 = csv6 && !perCall ? IpCountryTable.fromCsv(new Uint8Array(Buffer.concat([csvFileBytes, fs.readFileSync(csv6)]))) : null;
  const snapshot6 = table6?.toBinary();
  const ipv6Probed = table6 ? ipv6Probes(snapshot6, ipCount, seed) : null;
  const ipv6Strings = ipv6Probed ? asReceived(ipv6Probed.map(ipv6Text)) : null;
  // The search alone: the twin's branch-free search over the same starts, no API around it.
  const search = tableFromBinary(snapshot).v4; // the JS twin's reader: an Ipv4Segments with its index

  const sortedBytes = loads ? new Uint8Array(csvFileBytes) : null;
  const shuffledBytes = loads ? shuffledRows(sortedBytes, seed) : null;
  const out = new Uint16Array(ipCount);
  let sink = 0;
  const bench = new Bench({ time, iterations: 5, warmupIterations: 2 });
  if (loads) {
    bench
      .add('newline floor', () => {
        sink += scanFile(csv);
      })
      .add('csv load', () => {
        IpCountryTable.fromFile(csv).free();
      })
      .add('snapshot load', () => {
        IpCountryTable.fromBinary(snapshot).free();
      })
      // The same rows from memory, as they come (sorted) and shuffled: what sorting costs each flavour
      // (the JS twin radix-sorts, the C++ runs std::sort; docs/architecture.md).
      .add('csv bytes load', () => {
        IpCountryTable.fromCsv(sortedBytes).free();
      })
      .add('csv shuffled load', () => {
        IpCountryTable.fromCsv(shuffledBytes).free();
      });
  }
  // The loops are bench/workers/lookup-blocks.js, a module instance for each input, so that no
  // loop's code is shared between inputs (it would be timed too: that module says by how much).
  for (const [distribution, ips] of Object.entries({ uniform, skewed })) {
    const texts = strings[distribution];
    const numberBlocks = freshBlocks();
    const textBlocks = freshBlocks();
    // tinybench warms every task up before it times any, so `lookup` has seen numbers and text (of
    // both families) when it is timed: the state of a program that looks up all kinds.
    bench
      .add(`${distribution} uint32`, () => {
        sink += numberBlocks.lookups(table, ips);
      })
      .add(`${distribution} string`, () => {
        sink += textBlocks.lookups(table, texts);
      });
    if (perCall) continue;
    const searchBlocks = freshBlocks();
    bench
      .add(`${distribution} search`, () => {
        sink += searchBlocks.search(search, ips);
      })
      .add(`${distribution} batch`, () => {
        table.lookupIndexes(ips, out);
        sink += out[0];
      });
  }
  if (table6) {
    // What an IPv6 text lookup is made of, beside the whole: its search alone (the twin's, over the
    // same starts, the words given), and reading the characters of the text, IPv4's and IPv6's
    // (charCodeAt, as every parser here reads them): the floor of any parse in JavaScript.
    const search6 = tableFromBinary(snapshot6).v6; // the JS twin's reader: an Ipv6Segments over those starts
    const words6 = Uint32Array.from(ipv6Probed.flatMap(ipv6Words));
    const [read4, read6, search6Blocks, text6Blocks] = [freshBlocks(), freshBlocks(), freshBlocks(), freshBlocks()];
    bench
      .add('uniform ipv4 text read', () => {
        sink += read4.read(strings.uniform);
      })
      .add('uniform ipv6 text read', () => {
        sink += read6.read(ipv6Strings);
      })
      .add('uniform ipv6 search', () => {
        sink += search6Blocks.search6(search6, words6);
      })
      .add('uniform ipv6 string', () => {
        sink += text6Blocks.lookups(table6, ipv6Strings);
      });
  }
  await bench.run();

  const result = (name) => {
    const task = bench.getTask(name);
    if (!task) return null;
    if (task.result.state !== 'completed') throw new Error(`${name}: ${task.result.state} ${task.result.error?.message ?? ''}`);
    return task.result.latency;
  };
  // Lookups: medians of the blocks (on a shared machine a load spike moves the mean, not the median).
  const perLookup = (name) => (result(name) ? (result(name).p50 * 1e6) / BLOCK : null);
  const distribution = (name) => ({
    uint32: perLookup(`${name} uint32`),
    string: perLookup(`${name} string`),
    ...(perCall ? {} : { search: perLookup(`${name} search`), batch: (result(`${name} batch`).p50 * 1e6) / ipCount }),
  });
  const lookupNs = { ...distribution('uniform'), skewed: distribution('skewed') };
  const ipv6Figures = () => ({
    ipv6String: perLookup('uniform ipv6 string'),
    ipv6Search: perLookup('uniform ipv6 search'),
    ipv4TextRead: perLookup('uniform ipv4 text read'),
    ipv6TextRead: perLookup('uniform ipv6 text read'),
  });
  const size = table.size;
  const countryCount = table.countries.length;
  const tableBytes = table.byteLength;
  table.free();
  table6?.free();
  if (!loads) {
    process.stdout.write(
      JSON.stringify({
        runtime,
        perCall,
        lookupsOnly,
        lookupNs: { ...lookupNs, ...ipv6Figures() },
        checksum: sink,
      }),
    );
    return;
  }
  const load = result('csv load');
  process.stdout.write(
    JSON.stringify({
      runtime,
      csvBytes,
      size,
      countries: countryCount,
      csvLoadMs: { mean: load.mean, sd: load.sd },
      csvMBps: csvBytes / 1e6 / (load.mean / 1e3),
      floorMs: result('newline floor').mean,
      bytesLoadMs: result('csv bytes load').mean,
      shuffledLoadMs: result('csv shuffled load').mean,
      snapshotBytes: snapshot.length,
      snapshotLoadMs: { mean: result('snapshot load').mean, sd: result('snapshot load').sd },
      tableBytes,
      bytesPerRange: tableBytes / size,
      rssDeltaBytes: after.rss - before.rss,
      heapDeltaBytes: after.heapUsed - before.heapUsed,
      externalDeltaBytes: after.external + after.arrayBuffers - before.external - before.arrayBuffers,
      wasmHeapBytes,
      lookupNs: { ...lookupNs, ...ipv6Figures() },
      checksum: sink,
    }),
  );
}

main().catch((error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});
