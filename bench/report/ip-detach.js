'use strict';
// The report's block on what one detached ArrayBuffer costs each flavour (bench/workers/detach.js).
const { RUNTIMES } = require('../implementations.js');
const fmt = require('./format.js');

const label = (id) => RUNTIMES[id]?.label ?? id;
const FIGURES = [
  ['CSV load', (r) => r.csvLoadMs, fmt.ms],
  ['uint32', (r) => r.lookupNs.uint32, fmt.ns],
  ['string', (r) => r.lookupNs.string, fmt.ns],
  ['search', (r) => r.lookupNs.search, fmt.ns],
  ['batch', (r) => r.lookupNs.batch, fmt.ns],
];

/** after / before of each figure of one run. */
const slowdowns = (run) => FIGURES.map(([, pick]) => pick(run.after) / pick(run.before));

function detachBlock(detach) {
  const runs = Object.entries(detach ?? {}).filter(([, r]) => r.detached && r.control);
  if (!runs.length) return null;
  return {
    heading: 'IP table, ipv4: after an ArrayBuffer detach',
    text:
      'V8 leaves out the "was this buffer detached?" check from optimised typed-array code only while no ArrayBuffer of the process ' +
      'has ever been detached; the first detach anywhere (a `WebAssembly.Memory` that grows, a buffer transferred to a worker or ' +
      'through `structuredClone`) turns that off for the rest of the process, and every typed-array read checks from then on. ' +
      'So, in one Node process per flavour (`bench/workers/detach.js`): the same tasks with the same call sites, timed (tinybench ' +
      'medians, the better of two rounds) before and after one ArrayBuffer is detached; **control** is the same two rounds in another process with nothing ' +
      'detached between them, what the order alone does. **search** is the JS twin’s search over the same starts, **batch** ' +
      '`lookupIndexes` (a kernel call for native and WASM). The WASM flavour detaches its own: its memory grows while the first ' +
      'table loads, before the first round, so its two rounds are alike and every WASM figure of this report is an after figure.',
    table: {
      header: ['runtime', ...FIGURES.flatMap(([name]) => [`${name}: before`, 'after', 'after / before']), 'control: after / before'],
      rows: runs.map(([id, { detached, control }]) => {
        const ratios = slowdowns(detached);
        return [
          label(id),
          ...FIGURES.flatMap(([, pick, format], k) => [format(pick(detached.before)), format(pick(detached.after)), fmt.ratio(ratios[k])]),
          slowdowns(control)
            .map((x) => fmt.ratio(x))
            .join(' / '),
        ];
      }),
    },
  };
}

module.exports = { detachBlock, slowdowns };
