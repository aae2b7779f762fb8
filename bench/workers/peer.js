'use strict';
const fs = require('fs');
// One IP → country library (ours or a peer, bench/peers/index.js) in a Node process of its own, so
// memory figures are its own: open/load time (require() to ready, once, in a fresh process), RSS
// and JS heap after load and after the lookups (after GC), ns per lookup of a dotted string, and
// agreement with our answers on the same seeded random IPs.
//   node --expose-gc bench/workers/peer.js '<json: { peer, csv, ips, seed, time, agreementIps }>'  -> JSON on stdout
const { performance } = require('perf_hooks');
const { PEERS, packageVersion } = require('../peers/index.js');
const { RUNTIMES } = require('../implementations.js');
const { randomUint32s, dottedTexts } = require('../data.js');

const settle = () => {
  for (let i = 0; i < 3; i++) global.gc?.();
};
const memory = () => {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external + m.arrayBuffers };
};

/** For a few disagreements, the CSV rows that cover the IP: the report explains them from these. */
function attachCsvRows(csv, examples) {
  if (!examples.length) return;
  const toUint = (text) => text.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
  const wanted = examples.map((e) => ({ example: e, ip: toUint(e.ip) }));
  for (const e of examples) e.csvRows = [];
  fs.readFileSync(csv, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const [start, end, country] = line.split(',');
      if (!end || start.includes(':')) return;
      const a = toUint(start);
      const b = toUint(end);
      for (const w of wanted) if (a <= w.ip && w.ip <= b) w.example.csvRows.push(`${start}–${end} ${country.trim()} (line ${i + 1})`);
    });
}

async function main() {
  const { peer: id, csv, ips: ipCount, seed, time, agreementIps = ipCount } = JSON.parse(process.argv[2]);
  const peer = PEERS[id];
  if (!peer) throw new Error(`unknown peer ${id}`);
  const { Bench } = await import('tinybench');
  const ips = randomUint32s(Math.max(ipCount, agreementIps), seed);
  const ipStrings = dottedTexts(ips);

  settle();
  const before = memory();
  const t0 = performance.now();
  const lookup = await peer.open({ csv });
  const loadMs = performance.now() - t0;
  settle();
  const afterLoad = memory();

  // Lookups in blocks (one lookup is below the timer's resolution). Async libraries are awaited one
  // lookup at a time, as a caller that needs the answer before going on would.
  let sink = 0;
  let cursor = 0;
  const block = peer.async ? 20 : 1000;
  const bench = new Bench({ time, iterations: 5, warmupIterations: 2 });
  // The loop's state in locals and no division per lookup: what is timed is the library.
  if (peer.async) {
    bench.add('lookup string', async () => {
      let c = cursor;
      let found = 0;
      for (let i = 0; i < block; i++) {
        if ((await lookup(ipStrings[c])) !== null) found++;
        if (++c === ipCount) c = 0;
      }
      cursor = c;
      sink += found;
    });
  } else {
    bench.add('lookup string', () => {
      let c = cursor;
      let found = 0;
      for (let i = 0; i < block; i++) {
        if (lookup(ipStrings[c]) !== null) found++;
        if (++c === ipCount) c = 0;
      }
      cursor = c;
      sink += found;
    });
  }
  await bench.run();
  const task = bench.getTask('lookup string');
  if (task.result.state !== 'completed') throw new Error(`lookup string: ${task.result.state} ${task.result.error?.message ?? ''}`);
  const latency = task.result.latency;
  settle();
  const afterLookups = memory();

  // Agreement with our answers (the JS build; the conformance suite checks all builds agree).
  const answers = new Array(agreementIps);
  if (peer.async) {
    for (let i = 0; i < agreementIps; i += 64) {
      const chunk = ipStrings.slice(i, Math.min(i + 64, agreementIps));
      (await Promise.all(chunk.map((ip) => lookup(ip)))).forEach((a, k) => {
        answers[i + k] = a;
      });
    }
  } else {
    for (let i = 0; i < agreementIps; i++) answers[i] = lookup(ipStrings[i]);
  }
  const { IpCountryTable } = RUNTIMES.js.api();
  const reference = IpCountryTable.fromFile(csv);
  const agreement = { ips: agreementIps, same: 0, bothNull: 0, oursOnly: 0, theirsOnly: 0, different: 0, examples: [] };
  for (let i = 0; i < agreementIps; i++) {
    const ours = reference.lookup(ips[i]);
    const theirs = answers[i] ?? null;
    if (ours === theirs) {
      agreement.same++;
      if (ours === null) agreement.bothNull++;
      continue;
    }
    if (theirs === null) agreement.oursOnly++;
    else if (ours === null) agreement.theirsOnly++;
    else agreement.different++;
    if (agreement.examples.length < 10) agreement.examples.push({ ip: ipStrings[i], ours, theirs });
  }
  agreement.rate = agreement.same / agreementIps;
  attachCsvRows(csv, agreement.examples.slice(0, 3));

  const versions = Object.fromEntries(peer.packages.map((name) => [name, packageVersion(name)]));
  process.stdout.write(
    JSON.stringify({
      peer: id,
      label: peer.label,
      kind: peer.kind,
      runtime: peer.runtime ?? null,
      data: peer.data,
      dataNote: peer.dataNote,
      async: Boolean(peer.async),
      versions,
      loadMs,
      memory: {
        baselineRss: before.rss,
        rssAfterLoad: afterLoad.rss,
        rssDelta: afterLoad.rss - before.rss,
        heapAfterLoad: afterLoad.heapUsed,
        heapDelta: afterLoad.heapUsed - before.heapUsed,
        externalDelta: afterLoad.external - before.external,
        rssAfterLookups: afterLookups.rss,
        heapAfterLookups: afterLookups.heapUsed,
      },
      lookupNs: {
        // Medians: on a shared machine a load spike moves the mean, not the median.
        string: (latency.p50 * 1e6) / block,
        madString: (latency.mad * 1e6) / block,
        samples: latency.samplesCount ?? task.result.samples?.length ?? null,
      },
      agreement,
      checksum: sink,
    }),
  );
}

main().catch((error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});
