'use strict';
// The WebAssembly package where code generation from strings is forbidden: a page with a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval': what Chrome MV3 extensions
// enforce too) in headless Chromium, page and Web Worker; and Node with
// --disallow-code-generation-from-strings, CJS and ESM entries. Emscripten's embind glue calls
// new Function unless linked with -sDYNAMIC_EXECUTION=0.
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { makeProject, buildFixture, serve, launchChromium, CHROMIUM } = require('./browser/harness.js');

const root = path.join(__dirname, '..');
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'";

describe.each([
  ['require()', `const api = require(${JSON.stringify(path.join(root, 'pkg'))});`, []],
  ['import', `import * as api from ${JSON.stringify(`file://${path.join(root, 'pkg', 'index.mjs')}`)};`, ['--input-type=module']],
])('node --disallow-code-generation-from-strings, %s', (_, load, flags) => {
  test('loads, builds a table, looks up, reports errors', () => {
    const source = `${load}
      const table = api.IpCountryTable.fromCsv('1.0.0.0,1.0.0.255,AU\\n2001:db8::,2001:db8::ff,NL\\n');
      const snapshot = api.IpCountryTable.fromBinary(table.toBinary());
      let error = null;
      try { api.IpCountryTable.fromCsv('1.0.0.0,x,AU\\n'); } catch (e) { error = e.message; }
      console.log(JSON.stringify([api.fibonacci(20), table.lookup('1.0.0.1'), table.lookup(16777217), table.lookup('2001:db8::1'),
        Array.from(table.lookupIndexes(new Uint32Array([16777217, 5]))), snapshot.lookup('1.0.0.2'), error]));`;
    const result = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', ...flags, '-e', source], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([6765, 'AU', 'AU', 'NL', [0, 65535], 'AU', 'line 1: end is not an IP address: "x"']);
  });
});

const describeIfChromium = fs.existsSync(CHROMIUM) ? describe : describe.skip;

describeIfChromium(`a page served with Content-Security-Policy: ${CSP}`, () => {
  let project;
  let browser;
  let dist;

  beforeAll(async () => {
    project = makeProject();
    const launching = launchChromium();
    dist = buildFixture(project, 'esbuild');
    browser = await launching;
  }, 120_000);

  afterAll(async () => {
    if (browser) await browser.close();
    if (project) fs.rmSync(project, { recursive: true, force: true });
  });

  test('the app runs in the page and in a Web Worker with no CSP violation', async () => {
    const server = await serve(dist, { 'content-security-policy': CSP });
    const page = await browser.context.newPage();
    const problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy|unsafe-eval/.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    try {
      await page.goto(server.url);
      await page.waitForFunction(() => document.getElementById('result').textContent.startsWith('{'), null, { timeout: 20_000 });
      const result = JSON.parse(await page.textContent('#result'));
      expect(result.error).toBeUndefined();
      expect(result).toMatchObject({
        fib20: 6765,
        lookups: ['AU', 'US', 'NL', 'AU', null],
        worker: { fib20: 6765, lookups: ['AU', 'NL'], size: 5 },
      });
      expect(problems).toEqual([]);
      // The policy was in force: an inline script is refused.
      await expect(page.addScriptTag({ content: 'window.inlineRan = true;' })).rejects.toThrow();
      expect(await page.evaluate(() => window.inlineRan)).toBeUndefined();
    } finally {
      await page.close();
      await server.close();
    }
  });
});
