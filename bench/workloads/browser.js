'use strict';
// The browser column: fib and the IPv4 table for JS and WASM inside headless Chromium
// (bench/browser/). A native addon cannot run in a browser, so it has no column here.
const { runBrowserBench } = require('../browser/run.js');

function steps(profile, { rawDir }) {
  return [{
    label: 'browser: JS and WASM in headless Chromium',
    run: async (raw) => {
      raw.record = await runBrowserBench({ profile, out: rawDir });
    },
  }];
}

function summarise(raw) {
  const fib = raw.record?.fib ?? [];
  const ratios = {};
  for (const { n } of fib) {
    const js = fib.find((r) => r.n === n && r.runtime === 'js');
    const wasm = fib.find((r) => r.n === n && r.runtime === 'wasm');
    if (js && wasm) ratios[n] = wasm.medianMs / js.medianMs;
  }
  return { wasmToJsFib: ratios };
}

module.exports = { name: 'browser', steps, summarise };
