'use strict';
// The browser part of the report.
const fmt = require('./format.js');

function browserBlocks({ raw, summary }) {
  const record = raw.record;
  if (!record) return [];
  const fibNs = [...new Set(record.fib.map((r) => r.n))].sort((a, b) => a - b);
  const at = (runtime, n) => record.fib.find((r) => r.runtime === runtime && r.n === n);
  return [
    {
      heading: 'In the browser: JS vs WASM (headless Chromium)',
      text: `Chromium ${record.browser ?? ''}, page built with esbuild from js/ and pkg/web.mjs, served from 127.0.0.1; medians of in-page ` +
        '`performance.now()` timings (Chromium rounds them to 0.1 ms, so small sizes are coarse). **A native addon cannot run in a browser**: ' +
        'this is the column the original study could not have, and where WebAssembly is the only alternative to JS.',
      table: {
        header: ['fib(n)', 'JS', 'WASM', 'WASM / JS'],
        rows: fibNs.map((n) => [`fib(${n})`, fmt.ms(at('js', n)?.medianMs), fmt.ms(at('wasm', n)?.medianMs), fmt.ratio(summary.wasmToJsFib?.[n])]),
      },
    },
    {
      heading: 'In the browser: the IPv4 table',
      text: 'The real CSV fetched from the page\'s server and streamed into the table (`fromStream(response.body)`); lookups on seeded random IPv4s.',
      table: {
        header: ['runtime', 'ranges', 'CSV load', 'lookup string', 'lookup number', 'lookupIndexes'],
        rows: record.ip.map((r) => [r.runtime === 'js' ? 'JS' : 'WASM', r.ranges.toLocaleString('en'), fmt.ms(r.csvLoadMs), fmt.ns(r.lookupStringNs), fmt.ns(r.lookupNumberNs), fmt.ns(r.lookupIndexesNs)]),
      },
    },
  ];
}

module.exports = { browserBlocks };
