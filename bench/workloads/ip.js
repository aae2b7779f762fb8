'use strict';
// The IP workload: load the real ~10 MB CSV of IPv4 ranges, keep it, look IPs up. Each runtime
// runs in its own Node process (bench/workers/ip.js) so its memory figures are its own. Peers
// (other libraries) slot in as further runtimes of the same worker shape.
const { RUNTIMES } = require('../implementations.js');
const { runWorker } = require('../runners/worker.js');
const { dataFile } = require('../data.js');
const { PEERS, PEER_IDS } = require('../peers/index.js');

const RUNTIME_IDS = Object.keys(RUNTIMES);
const SEED = 20261124;

const DATASETS = {
  ipv4: 'geo-whois-asn-country-ipv4.csv',
  ipv6: 'geo-whois-asn-country-ipv6.csv',
};

// peers: every library in bench/peers (ours included, measured the same way) on IPv4, in its own
// process; slowIps caps the agreement check for libraries that read files per lookup.
const SETTINGS = {
  quick: {
    datasets: ['ipv4'],
    ips: 10_000,
    time: 50,
    peers: { ips: 10_000, time: 30, slowIps: 1_000 },
    churn: { cycles: 10_000, finalize: 200 },
    reloads: 20,
    oneProcess: { rounds: 3, ips: 20_000, v6ips: 2_000 },
  },
  default: {
    datasets: ['ipv4'],
    ips: 100_000,
    time: 300,
    peers: { ips: 100_000, time: 300, slowIps: 5_000 },
    churn: { cycles: 100_000, finalize: 1000 },
    reloads: 150,
    oneProcess: { rounds: 11, ips: 200_000, v6ips: 20_000 },
  },
  full: {
    datasets: ['ipv4', 'ipv6'],
    ips: 100_000,
    time: 1000,
    peers: { ips: 100_000, time: 1000, slowIps: 20_000 },
    churn: { cycles: 100_000, finalize: 1000 },
    reloads: 300,
    oneProcess: { rounds: 21, ips: 1_000_000, v6ips: 100_000 },
  },
};
// fast-geoip without its cache reads ~4 files per lookup (~2 ms each here).
const SLOW_PEERS = new Set(['fast-geoip']);

function steps(profile) {
  const s = SETTINGS[profile];
  return s.datasets
    .flatMap((dataset) =>
      RUNTIME_IDS.map((runtime) => ({
        label: `ip ${dataset}: ${RUNTIMES[runtime].label}`,
        run: async (raw) => {
          const params = lookupParams(s, dataset, runtime);
          const result = await runWorker('ip', params, { nodeArgs: ['--expose-gc'] });
          result.lookupProcesses = 1;
          if (perCallMeasured(dataset, runtime)) mergePerCall(result.lookupNs, await perCallLookups(params));
          ((raw.runs ??= {})[dataset] ??= {})[runtime] = result;
        },
      })),
    )
    .concat(
      // The lookups again in a second process per runtime, each figure the better of the two: the
      // same code runs up to ~1.6x apart between processes here (JIT state, a shared machine). Taken
      // after every runtime's first process rather than right after its own, so that one noisy
      // minute of the machine does not spoil both of a runtime's samples.
      s.datasets.flatMap((dataset) =>
        RUNTIME_IDS.map((runtime) => ({
          label: `ip ${dataset}, lookups again: ${RUNTIMES[runtime].label}`,
          run: async (raw) => {
            const result = raw.runs?.[dataset]?.[runtime];
            if (!result) throw new Error(`the first ${dataset} process of ${RUNTIMES[runtime].label} failed: no figures to compare with`);
            const params = lookupParams(s, dataset, runtime);
            const again = await runWorker('ip', { ...params, lookupsOnly: true }, { nodeArgs: ['--expose-gc'] });
            if (perCallMeasured(dataset, runtime)) mergePerCall(again.lookupNs, await perCallLookups(params));
            bestOf(result.lookupNs, again.lookupNs);
            result.lookupProcesses = 2;
          },
        })),
      ),
    )
    .concat(
      // What one detached ArrayBuffer anywhere in the process costs each flavour (bench/workers/detach.js),
      // and the same two rounds with nothing detached between them: what the order alone does.
      RUNTIME_IDS.flatMap((runtime) =>
        [false, true].map((control) => ({
          label: `ip ipv4, ${control ? 'two rounds' : 'before and after an ArrayBuffer detach'}: ${RUNTIMES[runtime].label}`,
          run: async (raw) => {
            // a third of the other tasks' time: four rounds of them, medians of many samples still
            const params = { runtime, csv: dataFile(DATASETS.ipv4), ips: s.ips, seed: SEED, time: s.time / 3, control };
            ((raw.detach ??= {})[runtime] ??= {})[control ? 'control' : 'detached'] = await runWorker('detach', params);
          },
        })),
      ),
    )
    .concat([
      {
        // Every flavour in one process, rounds rotating through them, medians of wall time
        // (bench/workers/ip-probe.js): the ratios between flavours least moved by the rest of a
        // shared machine, which the per-runtime processes above are not.
        label: 'ip ipv4: every flavour in one process',
        run: async (raw) => {
          raw.oneProcess = await runWorker('ip-probe', { ...s.oneProcess, json: true, only: RUNTIME_IDS });
        },
      },
    ])
    .concat(
      PEER_IDS.map((peer) => ({
        label: `ip peers: ${PEERS[peer].label}`,
        run: async (raw) => {
          const p = s.peers;
          const params = {
            peer,
            csv: dataFile(DATASETS.ipv4),
            ips: p.ips,
            seed: SEED,
            time: p.time,
            agreementIps: SLOW_PEERS.has(peer) ? p.slowIps : p.ips,
          };
          (raw.peers ??= {})[peer] = await runWorker('peer', params, { nodeArgs: ['--expose-gc'] });
        },
      })),
    )
    .concat(
      RUNTIME_IDS.map((runtime) => ({
        // Memory JavaScript's GC does not see: create/lookup/free cycles of a small table, and mid-size
        // tables never freed (the FinalizationRegistry's job). test/lifecycle.test.js bounds the same.
        label: `ip lifecycle: ${RUNTIMES[runtime].label}`,
        run: async (raw) => {
          const module = RUNTIMES[runtime].modulePath;
          const result = {};
          for (const [mode, count] of Object.entries(s.churn)) {
            const { samples } = await runWorker('churn', { module, mode, count }, { nodeArgs: ['--expose-gc'] });
            result[mode] = { count, samples };
          }
          // The real table reloaded without free(): how far memory gets before collection catches up.
          const { peak } = await runWorker('churn', { module, mode: 'reload', count: s.reloads, csv: dataFile(DATASETS.ipv4) });
          result.reload = { count: s.reloads, peak };
          (raw.lifecycle ??= {})[runtime] = result;
        },
      })),
    );
}

/** The ip worker's parameters for one runtime on one dataset. */
function lookupParams(s, dataset, runtime) {
  // The IPv4 run also looks IPv6 text up (in a table of the IPv6 file), for IPv6 / IPv4 string.
  const csv6 = dataset === 'ipv4' ? dataFile(DATASETS.ipv6) : undefined;
  return { runtime, csv: dataFile(DATASETS[dataset]), csv6, ips: s.ips, seed: SEED, time: s.time };
}

/** Whether this runtime's lookups are also measured with a kernel call each (native and WASM, IPv4). */
const perCallMeasured = (dataset, runtime) => dataset === 'ipv4' && Boolean(RUNTIMES[runtime].perCall);

/** The lookups with a kernel call each, in a process of its own (bench/workers/ip.js says why). */
async function perCallLookups(params) {
  const { lookupNs } = await runWorker('ip', { ...params, csv6: undefined, perCall: true }, { nodeArgs: ['--expose-gc'] });
  return lookupNs;
}

/** The per-call figures beside the API's, under perCallUint32 / perCallString. */
function mergePerCall(lookupNs, perCall) {
  for (const [into, from] of [
    [lookupNs, perCall],
    [lookupNs.skewed, perCall.skewed],
  ]) {
    into.perCallUint32 = from.uint32;
    into.perCallString = from.string;
  }
}

/** Each number of `into` (nested objects too) becomes the smaller of it and the same one in `other`. */
function bestOf(into, other) {
  for (const [key, value] of Object.entries(into)) {
    const theirs = other?.[key];
    if (typeof value === 'number' && typeof theirs === 'number') into[key] = Math.min(value, theirs);
    else if (value && typeof value === 'object') bestOf(value, theirs);
  }
}

/** The best external library (not ours, not the naive baseline) on each figure, and everyone's ratio to it. */
function comparePeers(peers) {
  const entries = Object.entries(peers ?? {});
  const external = entries.filter(([, r]) => r.kind === 'peer');
  if (!external.length) return null;
  const best = (pick) => external.reduce((a, b) => (pick(b[1]) < pick(a[1]) ? b : a))[0];
  const figures = {
    lookupString: (r) => r.lookupNs.string,
    rssAfterLoad: (r) => r.memory.rssAfterLoad,
    rssDelta: (r) => r.memory.rssDelta,
    load: (r) => r.loadMs,
  };
  const bestPeer = Object.fromEntries(Object.entries(figures).map(([name, pick]) => [name, best(pick)]));
  const ratios = Object.fromEntries(
    entries.map(([id, r]) => [
      id,
      Object.fromEntries(Object.entries(figures).map(([name, pick]) => [name, pick(r) / pick(peers[bestPeer[name]])])),
    ]),
  );
  return { bestPeer, ratiosToBestPeer: ratios };
}

/** Ratios to the native (g++) build, measured in the same run. */
function summarise(raw) {
  const ratios = {};
  for (const [dataset, byRuntime] of Object.entries(raw.runs ?? {})) {
    const base = byRuntime['native-gcc'];
    if (!base) continue;
    ratios[dataset] = Object.fromEntries(
      Object.entries(byRuntime).map(([runtime, r]) => [
        runtime,
        {
          csvLoad: r.csvLoadMs.mean / base.csvLoadMs.mean,
          lookupString: r.lookupNs.string / base.lookupNs.string,
          lookupUint32: r.lookupNs.uint32 / base.lookupNs.uint32,
        },
      ]),
    );
  }
  return { ratiosToNativeGcc: ratios, seed: SEED, peers: comparePeers(raw.peers) };
}

module.exports = { name: 'ip', SETTINGS, DATASETS, SEED, steps, summarise, comparePeers };
