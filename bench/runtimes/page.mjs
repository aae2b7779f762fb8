// The study's page for browsers (bundled by bundle.js with js/ and pkg/web.mjs): one flavour per
// visit, chosen in the URL's hash ({ flavour, wasmUrl, csvUrl, settings } as JSON); the CSV is
// fetched, suite.mjs runs, and the result is left in globalThis.nvwResult for the driver.
import init, * as wasm from '../../pkg/web.mjs';
import js from '../../js/index.js';
import { measure } from './suite.mjs';
import { engine } from '../../support/engine.mjs';

const describe = (error) => String((error && error.message) || error).split('\n')[0];

async function run() {
  const { flavour, wasmUrl, csvUrl, settings } = JSON.parse(decodeURIComponent(location.hash.slice(1)));
  const start = performance.now();
  try {
    if (flavour !== 'js') await init(wasmUrl);
  } catch (error) {
    return { ok: false, stage: 'load', error: describe(error) };
  }
  const loadMs = performance.now() - start;
  const csv = new Uint8Array(await (await fetch(csvUrl)).arrayBuffer());
  const result = await measure(flavour === 'js' ? js : wasm, csv, settings);
  // JS is part of the page's bundle: nothing to load (null, not a 0 ms load).
  return {
    ok: true,
    engine: engine(),
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    loadMs: flavour === 'js' ? null : loadMs,
    ...result,
  };
}

run().then(
  (result) => {
    globalThis.nvwResult = result;
  },
  (error) => {
    globalThis.nvwResult = { ok: false, stage: 'measure', error: describe(error) };
  },
);
