'use strict';
// Runs one workerd directory of the temp project (test/runtimes/project.js): `workerd serve` on a
// free 127.0.0.1 port, then asks the Worker the ip-lookup.json lookups (GET /lookup?ip=…) and for a
// conformance run inside a request (GET /conformance). A Worker that fails at start-up is the
// error workerd printed.
const fs = require('fs');
const net = require('net');
const path = require('path');
const { spawn } = require('child_process');
const lookupCases = require('../cases/ip-lookup.json');

const START_TIMEOUT = 30_000;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Any HTTP answer: the Worker is up. workerd may accept connections before its Worker failed to start. */
const answers = (url) => fetch(url).then(() => true, () => false);

/** GET a JSON answer; anything else is an error that says what came back. */
async function getJson(url) {
  const response = await fetch(url);
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`GET ${new URL(url).pathname}: HTTP ${response.status}: ${text.slice(0, 200)}`);
  }
}

/** One address per `same` case of ip-lookup.json (its first text form) and the country it must give. */
const LOOKUPS = lookupCases.same.map((c) => ({ ip: c.ips.find((ip) => typeof ip === 'string'), country: c.expect })).filter((l) => l.ip);

async function startWorkerd({ file, version }, dir) {
  const port = await freePort();
  fs.writeFileSync(path.join(dir, 'run.capnp'), fs.readFileSync(path.join(dir, 'config.capnp'), 'utf8').replace('127.0.0.1:PORT', `127.0.0.1:${port}`));
  const child = spawn(file, ['serve', 'run.capnp'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const exited = new Promise((resolve) => child.on('close', resolve));
  const engine = version;
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let waited = 0; !(await answers(`${base}/`)); waited += 100) {
      if (child.exitCode !== null || child.signalCode !== null) {
        await exited;
        return { ok: false, engine, error: firstError(log) || `workerd exited (${child.exitCode}) before listening` };
      }
      if (waited > START_TIMEOUT) return { ok: false, engine, error: `workerd did not listen within ${START_TIMEOUT / 1000} s: ${log.trim()}` };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const got = await Promise.all(LOOKUPS.map(({ ip }) => getJson(`${base}/lookup?ip=${encodeURIComponent(ip)}`)));
    const wrong = LOOKUPS.flatMap((l, i) => (got[i].country === l.country ? [] : [`${l.ip}: ${JSON.stringify(got[i])}, want ${l.country}`]));
    const result = await getJson(`${base}/conformance`);
    const lookups = { asked: LOOKUPS.length, wrong };
    if (wrong.length) return { ...result, ok: false, engine, lookups, error: `GET /lookup answered wrongly: ${wrong.slice(0, 3).join('; ')}` };
    return { ...result, engine: `${engine}; ${result.engine}`, lookups };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  }
}

/** workerd's start-up failure, e.g. "service main: Uncaught SyntaxError: …". */
function firstError(log) {
  const lines = log.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /Uncaught|Error|error:/.test(l)) || lines[0];
}

module.exports = { startWorkerd };
