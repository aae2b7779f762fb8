#!/usr/bin/env node
// `npm run bench -- --browser` (or `node bench/browser/run.js [--quick] [--out dir]`): the fib and IP
// workloads for pure JS and WebAssembly inside headless Chromium (Debian's, via playwright-core),
// timed in the page with performance.now(). Bundles bench/browser/page.js from the source tree with
// esbuild, serves it on 127.0.0.1, prints a table and writes <out>/browser.json.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { parseArgs } = require('util');
const { dataFile } = require('../data.js');
const { serve, launchChromium } = require('../../test/browser/harness.js');

const root = path.join(__dirname, '..', '..');
const PROFILES = {
  quick: { fibNs: [25, 30], fibRuns: 3, ipCount: 20_000, ipRuns: 3 },
  default: { fibNs: [25, 30, 35], fibRuns: 5, ipCount: 100_000, ipRuns: 5 },
  full: { fibNs: [25, 30, 35, 40], fibRuns: 5, ipCount: 1_000_000, ipRuns: 7 },
};

async function runBrowserBench({ profile = 'default', out = path.join(root, 'bench', 'results') } = {}) {
  const settings = PROFILES[profile];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nvw-bench-browser-'));
  let server;
  let browser;
  try {
    await require('esbuild').build({
      entryPoints: [path.join(__dirname, 'page.js')],
      bundle: true,
      outdir: dir,
      loader: { '.wasm': 'file' },
      logLevel: 'error',
    });
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>nvw bench</title><script src="page.js"></script>');
    fs.copyFileSync(dataFile('geo-whois-asn-country-ipv4.csv'), path.join(dir, 'ipv4.csv'));
    server = await serve(dir);
    browser = await launchChromium();
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => console.error(`bench page error: ${error.message}`));
    await page.goto(server.url);
    await page.waitForFunction(() => window.nvwReady === true);
    const results = await page.evaluate((params) => window.nvwBench(params), { ...settings, csvUrl: 'ipv4.csv', seed: 42 });
    const record = { profile, settings, browser: browser.context.browser()?.version() ?? null, ...results };
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'browser.json'), `${JSON.stringify(record, null, 2)}\n`);
    return record;
  } finally {
    if (browser) await browser.close();
    if (server) await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function renderBrowserText(record) {
  const lines = [`Browser (headless Chromium ${record.browser ?? ''}, in-page performance.now(), median)`, '', 'fib(n)        JS ms    WASM ms   JS/WASM'];
  for (const n of record.settings.fibNs) {
    const row = (runtime) => record.fib.find((r) => r.n === n && r.runtime === runtime);
    const js = row('js');
    const wasm = row('wasm');
    lines.push(`fib(${n})`.padEnd(10) + js.medianMs.toFixed(2).padStart(9) + wasm.medianMs.toFixed(2).padStart(11) + (js.medianMs / wasm.medianMs).toFixed(2).padStart(10));
  }
  lines.push('', `IPv4 table (${record.ip[0].ranges} ranges)  csv load ms  lookup(str) ns  lookup(num) ns  lookupIndexes ns`);
  for (const r of record.ip) {
    lines.push(r.runtime.padEnd(28) + r.csvLoadMs.toFixed(1).padStart(11) + r.lookupStringNs.toFixed(1).padStart(16) + r.lookupNumberNs.toFixed(1).padStart(16) + r.lookupIndexesNs.toFixed(1).padStart(18));
  }
  return lines.join('\n');
}

module.exports = { runBrowserBench, renderBrowserText, PROFILES };

if (require.main === module) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean' }, full: { type: 'boolean' }, out: { type: 'string' }, browser: { type: 'boolean' } } });
  const profile = values.quick ? 'quick' : values.full ? 'full' : 'default';
  runBrowserBench({ profile, out: values.out && path.resolve(values.out) }).then(
    (record) => console.log(renderBrowserText(record)),
    (error) => {
      console.error(`bench --browser: ${error.stack || error.message}`);
      process.exitCode = 1;
    },
  );
}
