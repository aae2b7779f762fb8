'use strict';
// The IP workload: load the real ~10 MB CSV of IPv4 ranges, keep it, look IPs up. Each runtime
// runs in its own Node process (bench/workers/ip.js) so its memory figures are its own. Peers
// (other libraries) slot in as further runtimes of the same worker shape.
const { RUNTIMES } = require('../implementations.js');
const { runWorker } = require('../runners/worker.js');
const { dataFile } = require('../data.js');

const RUNTIME_IDS = Object.keys(RUNTIMES);
const SEED = 20261124;

const DATASETS = {
  ipv4: 'geo-whois-asn-country-ipv4.csv',
  ipv6: 'geo-whois-asn-country-ipv6.csv',
};

const SETTINGS = {
  quick: { datasets: ['ipv4'], ips: 10_000, time: 50 },
  default: { datasets: ['ipv4'], ips: 100_000, time: 300 },
  full: { datasets: ['ipv4', 'ipv6'], ips: 100_000, time: 1000 },
};

function steps(profile) {
  const s = SETTINGS[profile];
  return s.datasets.flatMap((dataset) =>
    RUNTIME_IDS.map((runtime) => ({
      label: `ip ${dataset}: ${RUNTIMES[runtime].label}`,
      run: async (raw) => {
        const params = { runtime, csv: dataFile(DATASETS[dataset]), ips: s.ips, seed: SEED, time: s.time };
        ((raw.runs ??= {})[dataset] ??= {})[runtime] = await runWorker('ip', params, { nodeArgs: ['--expose-gc'] });
      },
    })),
  );
}

/** Ratios to the native (g++) build, measured in the same run. */
function summarise(raw) {
  const ratios = {};
  for (const [dataset, byRuntime] of Object.entries(raw.runs ?? {})) {
    const base = byRuntime['native-gcc'];
    if (!base) continue;
    ratios[dataset] = Object.fromEntries(Object.entries(byRuntime).map(([runtime, r]) => [runtime, {
      csvLoad: r.csvLoadMs.mean / base.csvLoadMs.mean,
      lookupString: r.lookupNs.string / base.lookupNs.string,
      lookupUint32: r.lookupNs.uint32 / base.lookupNs.uint32,
    }]));
  }
  return { ratiosToNativeGcc: ratios, seed: SEED };
}

module.exports = { name: 'ip', SETTINGS, DATASETS, steps, summarise };
