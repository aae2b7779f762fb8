'use strict';
// The browser flavour as a user gets it: the packed ./pkg installed into a temp project, fixture
// apps (test/browser/) built with webpack 5, Vite, esbuild, Rollup and Parcel in their default
// configuration, and one loaded with no bundler at all (an import map), each served from 127.0.0.1
// and run in headless Chromium (Debian's, via playwright-core). Each app computes fib(20), streams a
// CSV from the page's server into a table, looks IPv4 and IPv6 addresses up, and builds the same
// table inside a Web Worker. Then the errors of init() when index.wasm cannot be had.
const fs = require('fs');
const path = require('path');
const { makeProject, BUNDLERS, buildFixture, bundleSizes, serve, launchChromium, CHROMIUM } = require('./browser/harness.js');

const haveChromium = fs.existsSync(CHROMIUM);
const describeIfChromium = haveChromium ? describe : describe.skip;
if (!haveChromium) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (npm run setup installs it)`);

const EXPECTED = {
  fib20: 6765,
  lookups: ['AU', 'US', 'NL', 'AU', null],
  size: 5,
  fromCsvSize: 5,
  fromFile: 'IpCountryTable.fromFile: there is no file system in the browser; use fromCsv(bytes) or fromStream((await fetch(url)).body)',
  worker: { fib20: 6765, lookups: ['AU', 'NL'], size: 5 },
};

describeIfChromium('the package in headless Chromium', () => {
  let project;
  let browser;
  const dists = {};
  const buildErrors = {};

  beforeAll(async () => {
    project = makeProject();
    // Build while Chromium starts.
    const launching = launchChromium();
    for (const name of Object.keys(BUNDLERS)) {
      try {
        dists[name] = buildFixture(project, name);
      } catch (error) {
        buildErrors[name] = error; // that bundler's test fails with it; the others still run
      }
    }
    browser = await launching;
    fs.copyFileSync(path.join(project, 'static', 'ranges.csv'), path.join(project, 'importmap', 'ranges.csv'));
  }, 180_000);

  afterAll(async () => {
    if (browser) await browser.close();
    if (project) fs.rmSync(project, { recursive: true, force: true });
  });

  /**
   * Serves `root`, opens `pathname` and waits for the page's JSON result in <pre id="result">.
   * `route(url, route)` may answer requests itself (playwright's page.route, for every URL).
   * Returns the result and what went wrong on the way (console errors and warnings, page errors,
   * failed requests).
   */
  async function runPage(root, pathname, route) {
    const server = await serve(root);
    const page = await browser.context.newPage();
    const problems = [];
    let failed;
    const pageError = new Promise((_, reject) => (failed = reject));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => {
      problems.push(`pageerror: ${error.message}`);
      failed(new Error(`${pathname}: ${problems.join('\n')}`)); // no result will come: say why now
    });
    // Chromium sometimes reports a fetch whose body was read to the end through a stream reader as
    // net::ERR_ABORTED after its 200 response (the reader is released before the network layer says
    // "finished"): not a failure. Real failures show as errors in the page or in the app's result.
    const answered = new Set();
    page.on('response', (response) => {
      if (response.ok()) answered.add(response.url());
    });
    page.on('requestfailed', (request) => {
      const reason = request.failure()?.errorText;
      if (!(reason === 'net::ERR_ABORTED' && answered.has(request.url()))) problems.push(`requestfailed: ${request.url()} ${reason}`);
    });
    try {
      if (route) await page.route('**/*', (r) => route(r.request().url(), r));
      await page.goto(new URL(pathname, server.url).href);
      await Promise.race([
        pageError,
        page.waitForFunction(() => document.getElementById('result').textContent.startsWith('{'), null, { timeout: 20_000 }),
      ]);
      return { url: server.url, result: JSON.parse(await page.textContent('#result')), problems };
    } finally {
      await page.close();
      await server.close();
    }
  }

  test.each(Object.keys(BUNDLERS))('%s: fib, CSV fetched and streamed, IPv4 + IPv6 lookups, a Web Worker', async (name) => {
    if (buildErrors[name]) throw buildErrors[name];
    const sizes = bundleSizes(dists[name]);
    expect(sizes.wasm).toBe(fs.statSync(require.resolve('../pkg/index.wasm')).size); // one wasm, emitted by the bundler
    const { result, problems } = await runPage(dists[name], '/');
    expect(result).toEqual({ bundler: name, ...EXPECTED });
    expect(problems).toEqual([]);
  });

  describe('no bundler: the installed files as they are, through an import map', () => {
    // Every file web.mjs reaches must be an ES module the browser can link by itself.
    test('fib, CSV fetched and streamed, IPv4 + IPv6 lookups, a Web Worker', async () => {
      const { result, problems } = await runPage(project, '/importmap/');
      expect(result).toEqual({ bundler: 'importmap', ...EXPECTED });
      expect(problems).toEqual([]);
    });

    const WASM = '/node_modules/native-vs-wasm/index.wasm';
    const serveWasmAs = (response) => (url, route) => (new URL(url).pathname === WASM ? route.fulfill(response) : route.continue());

    test('init() names the URL and the HTTP status when index.wasm cannot be fetched', async () => {
      const { url, result } = await runPage(
        project,
        '/importmap/init.html',
        serveWasmAs({ status: 404, contentType: 'text/plain', body: 'not found' }),
      );
      expect(result.name).toBe('Error');
      expect(result.message).toContain(new URL(WASM, url).href);
      expect(result.message).toMatch(/HTTP 404\b/);
    });

    test('init() says so when the server answers index.wasm with something else (an SPA fallback page)', async () => {
      const fallback = {
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: '<!doctype html>\n<html><head><title>app</title></head><body><div id="app"></div></body></html>',
      };
      const { url, result } = await runPage(project, '/importmap/init.html', serveWasmAs(fallback));
      expect(result.name).toBe('Error');
      expect(result.message).toContain(new URL(WASM, url).href);
      expect(result.message).toMatch(/is not a WebAssembly module/);
      expect(result.message).toMatch(/HTTP 200.*text\/html/);
    });

    test('the same page, index.wasm served as it is: init() resolves', async () => {
      const { result } = await runPage(project, '/importmap/init.html');
      expect(result).toEqual({ fib20: 6765 });
    });
  });
});
