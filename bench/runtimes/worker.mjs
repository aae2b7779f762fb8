// The study's Worker for workerd (bundled by bundle.js). Inside a Worker, Date.now() and
// performance.now() only move when the Worker does I/O (a Spectre mitigation), so nothing is timed
// in here: a request runs one task `reps` times, and workerd.js times the requests from outside.
// The wasm arrives as a compiled module and init() runs at top level: compiling wasm is forbidden
// inside a request, and import.meta.url is undefined.
import wasmModule from './index.wasm';
import csvBuffer from './ipv4.csv'; // a data module: an ArrayBuffer
import flavour from './flavour.mjs'; // 'js', 'wasm' or 'wasm-oz', written per config
import init, * as wasm from '../../pkg/web.mjs';
import js from '../../js/index.js';
import { randomUint32s, dottedTexts } from '../../support/random-ips.js';
import { timerResolutionMs } from './suite.mjs';

if (flavour !== 'js') await init(wasmModule);
const api = flavour === 'js' ? js : wasm;
const csv = new Uint8Array(csvBuffer);
let state = null; // the table and the IPs, made by GET /setup

const TASKS = {
  noop: () => 0,
  fib: (q) => api.fibonacci(Number(q.get('n'))),
  boundary(q) {
    let sum = 0;
    for (let i = 0, calls = Number(q.get('calls')); i < calls; i++) sum += api.fibonacci(1);
    return sum;
  },
  csv() {
    const table = api.IpCountryTable.fromCsv(csv);
    table.free();
    return 1;
  },
  string() {
    let found = 0;
    for (const ip of state.strings) if (state.table.lookup(ip) !== null) found++;
    return found;
  },
  uint32() {
    let found = 0;
    for (const ip of state.ips) if (state.table.lookup(ip) !== null) found++;
    return found;
  },
  batch: () => state.table.lookupIndexes(state.ips, state.out)[0],
};

export default {
  async fetch(request) {
    const q = new URL(request.url).searchParams;
    const path = new URL(request.url).pathname;
    if (path === '/setup') {
      const ips = randomUint32s(Number(q.get('ips')), Number(q.get('seed')));
      state = { table: api.IpCountryTable.fromCsv(csv), ips, strings: dottedTexts(ips), out: new Uint16Array(ips.length) };
      return Response.json({ ranges: state.table.size, userAgent: navigator.userAgent });
    }
    if (path === '/clock') {
      // What the Worker's own clocks say about a fib(n) that the caller times from outside, and the
      // smallest step performance.now() takes while the Worker computes (0: it never moved).
      const date = Date.now();
      const perf = performance.now();
      const value = api.fibonacci(Number(q.get('n')));
      const performanceMs = performance.now() - perf;
      const dateMs = Date.now() - date;
      return Response.json({ value, dateMs, performanceMs, resolutionMs: timerResolutionMs(5) });
    }
    const task = TASKS[q.get('task')];
    if (path !== '/run' || !task) return new Response('not found', { status: 404 });
    let sink = 0;
    for (let i = 0, reps = Number(q.get('reps') || 1); i < reps; i++) sink += task(q);
    return new Response(String(sink));
  },
};
