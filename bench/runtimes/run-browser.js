'use strict';
// Chromium, Firefox and WebKit: the bench directory served on 127.0.0.1, one browser per runtime
// and one page visit per flavour (page.mjs). Pages are cross-origin isolated (COOP/COEP), which
// gives performance.now() its finest resolution there; each result says what it got.
const { serve } = require('../../support/serve.js');
const { BROWSERS } = require('../../support/browsers.js');
const { WASM_FILES } = require('./bundle.js');

const PAGE_TIMEOUT = 180_000;
const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

async function runBrowserRuntime(runtime, { dir, settings, flavours }) {
  const driver = BROWSERS[runtime.id];
  const server = await serve(dir, ISOLATED);
  let launched;
  try {
    launched = await driver.launch();
    const cells = {};
    for (const flavour of flavours) {
      // A query per flavour: a change of hash alone would not load the page again.
      const hash = encodeURIComponent(JSON.stringify({ flavour, wasmUrl: WASM_FILES[flavour] ?? null, csvUrl: 'ipv4.csv', settings }));
      try {
        cells[flavour] = await launched.visit(`${server.url}index.html?flavour=${flavour}#${hash}`, PAGE_TIMEOUT);
      } catch (error) {
        cells[flavour] = { ok: false, error: String(error.message || error).split('\n')[0] };
      }
    }
    return { cells, version: launched.version };
  } finally {
    if (launched) await launched.close().catch(() => {});
    await server.close();
  }
}

module.exports = { runBrowserRuntime };
