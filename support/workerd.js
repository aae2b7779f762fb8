'use strict';
// Starts `workerd serve` for a directory holding a config.capnp whose socket address is the
// placeholder 127.0.0.1:PORT (a free port is filled in), and waits until the Worker answers HTTP.
// A Worker that fails at start-up is an Error carrying the line workerd printed about it.
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { freePort } = require('./free-port.js');

const START_TIMEOUT = 30_000;

/** Any HTTP answer: the Worker is up. workerd may accept connections before its Worker failed to start. */
const answers = (url) =>
  fetch(url).then(
    () => true,
    () => false,
  );

/** workerd's start-up failure, e.g. "service main: Uncaught SyntaxError: …". */
function firstError(log) {
  const lines = log
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.find((l) => /Uncaught|Error|error:/.test(l)) || lines[0];
}

/**
 * @param {{ file: string }} binary the workerd binary (support/binaries.js)
 * @param {string} dir where config.capnp is; run.capnp (with the port) is written next to it
 * @returns {Promise<{ url: string, log: () => string, close: () => Promise<void> }>}
 */
async function launchWorkerd({ file }, dir) {
  const port = await freePort();
  fs.writeFileSync(
    path.join(dir, 'run.capnp'),
    fs.readFileSync(path.join(dir, 'config.capnp'), 'utf8').replace('127.0.0.1:PORT', `127.0.0.1:${port}`),
  );
  const child = spawn(file, ['serve', 'run.capnp'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const exited = new Promise((resolve) => child.on('close', resolve));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; !(await answers(`${url}/`)); waited += 100) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await exited;
      throw new Error(firstError(log) || `workerd exited (${child.exitCode}) before listening`);
    }
    if (waited > START_TIMEOUT) {
      await close();
      throw new Error(`workerd did not listen within ${START_TIMEOUT / 1000} s: ${log.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, log: () => log, close };
}

/**
 * A workerd config: one Worker listening on 127.0.0.1:PORT (the placeholder launchWorkerd fills in).
 * @param {{ name: string, type: 'esModule' | 'wasm' | 'data' | 'text', file: string }[]} modules
 * @param {{ compatibilityDate?: string }} [options] the Worker's compatibility date (what runtime
 *   behaviour it gets: before 2025-05-05, for one, no FinalizationRegistry or WeakRef)
 */
function workerdConfig(modules, { compatibilityDate = '2025-09-01' } = {}) {
  const list = modules
    .map(({ name, type, file }) => `    (name = ${JSON.stringify(name)}, ${type} = embed ${JSON.stringify(file)}),`)
    .join('\n');
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:PORT", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  modules = [
${list}
  ],
  compatibilityDate = "${compatibilityDate}",
);
`;
}

module.exports = { launchWorkerd, workerdConfig };
