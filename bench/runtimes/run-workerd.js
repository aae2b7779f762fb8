'use strict';
// workerd: one `workerd serve` per flavour (worker.mjs on 127.0.0.1). The Worker's clocks stand
// still while it computes (they move only on I/O: a Spectre mitigation), so the figures are timed
// here, outside, by tinybench over HTTP: each sample is one request that runs a task `reps` times,
// minus the median of an empty request. `reps` is calibrated so a request computes for about
// TARGET_MS, well above the request overhead. /clock records what the Worker's own clocks said.
const path = require('path');
const { launchWorkerd } = require('../../support/workerd.js');
const { binary } = require('../../support/binaries.js');

const TARGET_MS = 20;
const describe = (error) => String((error && error.message) || error).split('\n')[0];

async function getText(url) {
  const response = await fetch(url);
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${new URL(url).pathname}${new URL(url).search}: HTTP ${response.status}: ${text.slice(0, 200)}`);
  return text;
}

async function measureOverHttp(url, s) {
  const { Bench } = await import('tinybench');
  const setup = JSON.parse(await getText(`${url}/setup?ips=${s.ips}&seed=${s.seed}`));
  const outside = performance.now();
  const clock = JSON.parse(await getText(`${url}/clock?n=${s.fibN}`));
  clock.outsideMs = performance.now() - outside;

  const tasks = {
    noop: 'task=noop',
    fib: `task=fib&n=${s.fibN}`,
    boundary: `task=boundary&calls=${s.boundaryCalls}`,
    'csv load': 'task=csv',
    'lookup string': 'task=string',
    'lookup uint32': 'task=uint32',
    'lookup batch': 'task=batch',
  };
  const timeOnce = async (query) => {
    const start = performance.now();
    await getText(`${url}/run?${query}`);
    return performance.now() - start;
  };
  let overhead = Infinity;
  for (let i = 0; i < 5; i++) overhead = Math.min(overhead, await timeOnce(tasks.noop));
  const reps = { noop: 1 };
  for (const [name, query] of Object.entries(tasks)) {
    if (name === 'noop') continue;
    await timeOnce(query); // warm-up: the first call compiles
    const net = Math.max(0.05, (await timeOnce(query)) - overhead);
    reps[name] = Math.min(1000, Math.max(1, Math.ceil(TARGET_MS / net)));
  }
  const bench = new Bench({ time: s.time, iterations: s.iterations, warmupIterations: 1, warmupTime: 0 });
  for (const [name, query] of Object.entries(tasks)) bench.add(name, () => getText(`${url}/run?${query}&reps=${reps[name]}`));
  await bench.run();
  const stats = {};
  for (const task of bench.tasks) {
    const { state, latency, error } = task.result;
    if (state !== 'completed') throw new Error(`${task.name}: ${state}${error ? `: ${describe(error)}` : ''}`);
    stats[task.name] = { medianMs: latency.p50, madMs: latency.mad, meanMs: latency.mean, samples: latency.samplesCount };
  }
  // Per repetition: the request's median minus an empty request's, over the repetitions it ran.
  const net = (name) => ({
    medianMs: Math.max(0, stats[name].medianMs - stats.noop.medianMs) / reps[name],
    madMs: stats[name].madMs / reps[name],
    samples: stats[name].samples,
  });
  const perIp = (name) => (net(name).medianMs * 1e6) / s.ips;
  return {
    fibMs: net('fib'),
    boundaryNs: (net('boundary').medianMs * 1e6) / s.boundaryCalls,
    csvLoadMs: net('csv load'),
    lookupNs: { string: perIp('lookup string'), uint32: perIp('lookup uint32'), batch: perIp('lookup batch') },
    samples: Object.fromEntries(Object.entries(stats).map(([name, v]) => [name, v.samples])),
    requestOverheadMs: stats.noop.medianMs,
    reps,
    ranges: setup.ranges,
    userAgent: setup.userAgent,
    clock,
  };
}

async function runWorkerdRuntime(runtime, { dir, settings, flavours }) {
  const bin = binary('workerd');
  const cells = {};
  for (const flavour of flavours) {
    let server;
    try {
      server = await launchWorkerd(bin, path.join(dir, 'workerd', flavour));
    } catch (error) {
      cells[flavour] = { ok: false, stage: 'load', error: describe(error) };
      continue;
    }
    try {
      cells[flavour] = { ok: true, engine: bin.version, ...(await measureOverHttp(server.url, settings)) };
    } catch (error) {
      cells[flavour] = { ok: false, stage: 'measure', error: describe(error) };
    } finally {
      await server.close();
    }
  }
  return { cells, version: bin.version };
}

module.exports = { runWorkerdRuntime };
