'use strict';
// A probe of the IP kernels, every flavour in this one process so the ratios are from the same
// conditions: CSV load (against a copy of the same bytes, the floor), batch lookups (lookupIndexes)
// on a uniform and a skewed, traffic-like distribution (bench/skewed-ips.js), single IPv4 lookups
// (uint32 and dotted text, uniform) and single IPv6 lookups (bigint and text). Rounds rotate through the flavours;
// the figures are medians over rounds. Each flavour runs on a module instance of its own (its API
// and its lookup loops), so that no call site sees two flavours' tables: the flavours share the
// API's source, and one shared call site made the JS flavour's single lookups ~4x slower here.
//   node bench/workers/ip-probe.js ['{"rounds":15,"ips":1000000,"only":["js","wasm"]}']
// ("json": true prints the medians as JSON instead of a table: the bench's "one process" figures.)
// "before": "<another checkout, built>" adds that checkout's flavours (labelled "before ..."), for
// before/after ratios from one process.
const fs = require('fs');
const path = require('path');
const { RUNTIMES } = require('../implementations.js');
const { dataFile, randomUint32s, skewedFromSnapshot, ipv6Probes, ipv6Text, dottedTexts, asReceived } = require('../data.js');

const SEED = 20261124;
const SINGLE_LOOKUPS = 100_000; // single lookups per sample (of the uniform IPs): the batches' ips can be 1,000,000

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// Milliseconds of wall time. Not CPU time: that counts all of the process's threads, and V8's
// background sweeping of the tables just freed made a 1 ms batch look several times slower.
function time(fn) {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

// The same, of a second call: lookups are timed with the table in cache, as a program that looks
// up all the time has it (a load of another flavour ran just before).
function timeWarm(fn) {
  fn();
  return time(fn);
}

function main() {
  const options = { rounds: 15, ips: 1_000_000, v6ips: 100_000, only: Object.keys(RUNTIMES), ...JSON.parse(process.argv[2] ?? '{}') };
  const csvFile = dataFile('geo-whois-asn-country-ipv4.csv');
  const csv = new Uint8Array(fs.readFileSync(csvFile));
  const csv6 = new Uint8Array(fs.readFileSync(dataFile('geo-whois-asn-country-ipv6.csv')));
  const root = path.join(__dirname, '..', '..');
  const flavours = options.only.map((id) => ({ id, ...ownInstance(root, RUNTIMES[id].modulePath) }));
  if (options.before) {
    const before = path.resolve(options.before);
    const { RUNTIMES: OLD } = require(path.join(before, 'bench', 'implementations.js'));
    flavours.push(...options.only.map((id) => ({ id: `before ${id}`, ...ownInstance(before, OLD[id].modulePath) })));
  }

  const reference = flavours[0].api.fromCsv(csv);
  const uniform = randomUint32s(options.ips, SEED);
  const skewed = skewedFromSnapshot(reference.toBinary(), options.ips, SEED);
  const expected = { uniform: reference.lookupIndexes(uniform), skewed: reference.lookupIndexes(skewed) };
  const v6table = flavours[0].api.fromCsv(csv6);
  const v6ips = ipv6Probes(v6table.toBinary(), options.v6ips, SEED);
  const singles = uniform.subarray(0, Math.min(uniform.length, SINGLE_LOOKUPS));
  const texts = dottedTexts(singles);
  const texts6 = asReceived(v6ips.map(ipv6Text));
  const v6expected = v6ips.map((ip) => v6table.lookup(ip));
  reference.free();
  v6table.free();

  for (const f of flavours) {
    f.table = f.api.fromCsv(csv);
    f.v6 = f.api.fromCsv(csv6);
    f.out = new Uint16Array(options.ips);
    f.samples = { load: [], file: [], load6: [], uniform: [], skewed: [], v6: [], uint32: [], string: [], string6: [] };
    for (const [name, ips] of [
      ['uniform', uniform],
      ['skewed', skewed],
    ]) {
      f.table.lookupIndexes(ips, f.out);
      if (f.out.some((v, i) => v !== expected[name][i])) throw new Error(`${f.id}: lookupIndexes differs on ${name} IPs`);
    }
    if (v6ips.some((ip, i) => f.v6.lookup(ip) !== v6expected[i])) throw new Error(`${f.id}: IPv6 lookups differ`);
    const found = f.loops.lookupNumbers(f.table, singles);
    if (f.loops.lookupTexts(f.table, texts) !== found) throw new Error(`${f.id}: text and uint32 lookups differ`);
    if (f.loops.lookupTexts(f.v6, texts6) !== v6expected.filter((c) => c !== null).length)
      throw new Error(`${f.id}: IPv6 text and bigint lookups differ`);
  }

  const copies = []; // the floor: a copy of the bytes
  for (let round = 0; round < options.rounds; round++) {
    copies.push(time(() => csv.slice()));
    for (let k = 0; k < flavours.length; k++) {
      const f = flavours[(k + round) % flavours.length];
      f.samples.load.push(time(() => f.api.fromCsv(csv).free()));
      f.samples.file.push(time(() => f.api.fromFile(csvFile).free()));
      f.samples.load6.push(time(() => f.api.fromCsv(csv6).free()));
      f.samples.uniform.push(timeWarm(() => f.table.lookupIndexes(uniform, f.out)));
      f.samples.skewed.push(timeWarm(() => f.table.lookupIndexes(skewed, f.out)));
      f.samples.v6.push(
        timeWarm(() => {
          for (let i = 0; i < v6ips.length; i++) f.v6.lookup(v6ips[i]);
        }),
      );
      f.samples.uint32.push(timeWarm(() => f.loops.lookupNumbers(f.table, singles)));
      f.samples.string.push(timeWarm(() => f.loops.lookupTexts(f.table, texts)));
      f.samples.string6.push(timeWarm(() => f.loops.lookupTexts(f.v6, texts6)));
    }
  }

  const mb = csv.length / 1e6;
  if (options.json) {
    // For the bench (bench/workloads/ip.js): the medians, per flavour.
    const perIp = (samples, count) => (median(samples) * 1e6) / count;
    const flavourResults = Object.fromEntries(
      flavours.map((f) => [
        f.id,
        {
          fromCsvMs: median(f.samples.load),
          fromFileMs: median(f.samples.file),
          fromCsv6Ms: median(f.samples.load6),
          batchUniformNs: perIp(f.samples.uniform, options.ips),
          batchSkewedNs: perIp(f.samples.skewed, options.ips),
          v6LookupNs: perIp(f.samples.v6, options.v6ips),
          uint32Ns: perIp(f.samples.uint32, singles.length),
          stringNs: perIp(f.samples.string, singles.length),
          ipv6StringNs: perIp(f.samples.string6, texts6.length),
        },
      ]),
    );
    process.stdout.write(
      JSON.stringify({
        rounds: options.rounds,
        csvBytes: csv.length,
        csv6Bytes: csv6.length,
        copyMs: median(copies),
        flavours: flavourResults,
      }),
    );
  } else {
    printTable(flavours, options, mb, copies, singles.length);
  }
  for (const f of flavours) {
    f.table.free();
    f.v6.free();
  }
}

/**
 * A flavour's API and lookup loops as module instances of their own: the checkout's own modules
 * (not node_modules, not the .node addons, which load once per process) leave the require cache
 * first, so this flavour's code is loaded afresh.
 */
function ownInstance(root, entry) {
  const loops = require.resolve('./lookup-loops.js');
  for (const file of Object.keys(require.cache)) {
    const own = file.startsWith(root + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`) && !file.endsWith('.node');
    if (own || file === loops) delete require.cache[file];
  }
  return { api: require(entry).IpCountryTable, loops: require(loops) };
}

function printTable(flavours, options, mb, copies, singleCount) {
  const base = flavours.find((f) => f.id === 'native-clang') ?? flavours[0];
  const rows = flavours.map((f) => {
    const load = median(f.samples.load);
    const file = median(f.samples.file);
    return {
      flavour: f.id,
      'fromCsv ms': load.toFixed(1),
      'MB/s': Math.round(mb / (load / 1e3)),
      [`/ ${base.id}`]: (load / median(base.samples.load)).toFixed(2),
      'fromFile ms': file.toFixed(1),
      [`/ ${base.id} `]: (file / median(base.samples.file)).toFixed(2),
      'IPv6 fromCsv ms': median(f.samples.load6).toFixed(1),
      'batch uniform ns/IP': ((median(f.samples.uniform) * 1e6) / options.ips).toFixed(2),
      'batch skewed ns/IP': ((median(f.samples.skewed) * 1e6) / options.ips).toFixed(2),
      'v6 lookup(bigint) ns': ((median(f.samples.v6) * 1e6) / options.v6ips).toFixed(0),
      'lookup(uint32) ns': ((median(f.samples.uint32) * 1e6) / singleCount).toFixed(1),
      'lookup(string) ns': ((median(f.samples.string) * 1e6) / singleCount).toFixed(1),
      'lookup(IPv6 string) ns': ((median(f.samples.string6) * 1e6) / options.v6ips).toFixed(0),
      'table bytes/range': (f.table.byteLength / f.table.size).toFixed(2),
    };
  });
  console.log(
    `${process.version}, ${options.rounds} rounds, medians of wall time (lookups: of a second call); ${mb.toFixed(1)} MB CSV; ` +
      `floor: a copy of it ${median(copies).toFixed(2)} ms`,
  );
  console.table(rows);
}

main();
