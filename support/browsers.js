'use strict';
// The browsers this machine has (Debian's packages, installed by scripts/setup.sh), each driven the
// way it can be: Chromium by playwright-core, Firefox by puppeteer-core over WebDriver BiDi, WebKit
// (WebKitGTK's MiniBrowser, Safari's engine) by WebKitWebDriver over classic WebDriver under Xvfb.
// Nothing is downloaded: each driver gets the path of the installed browser.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, execFileSync } = require('child_process');
const { freePort } = require('./free-port.js');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const XVFB_RUN = '/usr/bin/xvfb-run';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium (Debian's) with a fresh profile. Returns { context, close }. */
async function launchChromium() {
  const { chromium } = require('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'nvw-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// --- one interface for the runtime matrix: launch(), then visit(url) → what the page put in
// globalThis.nvwResult, then close(). `missing()` names what is not installed (null when all is).

const chromium = {
  missing: () => (fs.existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM} (npm run setup installs it)`),
  async launch() {
    const browser = await launchChromium();
    return {
      version: execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        .replace(/ built on .*/s, '')
        .trim(),
      async visit(url, timeout) {
        const page = await browser.context.newPage();
        try {
          await page.goto(url);
          await page.waitForFunction(() => globalThis.nvwResult !== undefined, null, { timeout });
          return await page.evaluate(() => globalThis.nvwResult);
        } finally {
          await page.close();
        }
      },
      close: () => browser.close(),
    };
  },
};

const firefox = {
  missing: () => (fs.existsSync(FIREFOX) ? null : `no Firefox at ${FIREFOX} (npm run setup installs firefox-esr)`),
  async launch() {
    const puppeteer = require('puppeteer-core');
    const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
    return {
      version: `Firefox ${(await browser.version()).replace(/^firefox\//, '')}`,
      async visit(url, timeout) {
        const page = await browser.newPage();
        try {
          await page.goto(url);
          await page.waitForFunction(() => globalThis.nvwResult !== undefined, { timeout });
          return await page.evaluate(() => globalThis.nvwResult);
        } finally {
          await page.close();
        }
      },
      close: () => browser.close(),
    };
  },
};

// WebKitGTK's MiniBrowser needs an X display: xvfb-run gives the driver (and the browser it starts)
// a private one. The driver speaks classic WebDriver over HTTP, so plain fetch() drives it.
const webkit = {
  missing() {
    const absent = [WEBKIT_DRIVER, MINIBROWSER, XVFB_RUN].filter((file) => !fs.existsSync(file));
    return absent.length ? `missing ${absent.join(', ')} (npm run setup installs webkit2gtk-driver and xvfb)` : null;
  },
  async launch() {
    const port = await freePort();
    const driver = spawn(XVFB_RUN, ['-a', WEBKIT_DRIVER, `--port=${port}`], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let log = '';
    driver.stderr.on('data', (chunk) => (log += chunk));
    const base = `http://127.0.0.1:${port}`;
    const call = async (method, route, body) => {
      const response = await fetch(base + route, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body && JSON.stringify(body),
      });
      const { value } = await response.json();
      if (!response.ok) throw new Error(`WebKitWebDriver ${route}: ${value?.error}: ${value?.message}`); // a result may have an `error` of its own
      return value;
    };
    const stop = () => {
      try {
        process.kill(-driver.pid, 'SIGTERM'); // xvfb-run, Xvfb, the driver and MiniBrowser
      } catch {}
    };
    try {
      for (let waited = 0; ; waited += 100) {
        if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited (${driver.exitCode}): ${log.trim()}`);
        if (
          await call('GET', '/status').then(
            (v) => v.ready,
            () => false,
          )
        )
          break;
        if (waited > 15_000) throw new Error(`WebKitWebDriver did not start in 15 s: ${log.trim()}`);
        await sleep(100);
      }
      const session = await call('POST', '/session', {
        capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } },
      });
      const id = session.sessionId;
      return {
        version: `WebKitGTK ${session.capabilities.browserVersion} (MiniBrowser)`,
        async visit(url, timeout) {
          await call('POST', `/session/${id}/timeouts`, { script: timeout });
          await call('POST', `/session/${id}/url`, { url });
          return call('POST', `/session/${id}/execute/async`, {
            script:
              'const done = arguments[0]; (function wait() { if (globalThis.nvwResult !== undefined) done(globalThis.nvwResult); else setTimeout(wait, 50); })();',
            args: [],
          });
        },
        async close() {
          await call('DELETE', `/session/${id}`).catch(() => {});
          stop();
        },
      };
    } catch (error) {
      stop();
      throw error;
    }
  },
};

module.exports = { CHROMIUM, CHROMIUM_ARGS, FIREFOX, launchChromium, BROWSERS: { chromium, firefox, webkit } };
