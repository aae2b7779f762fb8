'use strict';
// Runs one workerd directory of the temp project (test/runtimes/project.js): `workerd serve` on a
// free 127.0.0.1 port, then asks the Worker the ip-lookup.json lookups (GET /lookup?ip=…) and for a
// conformance run inside a request (GET /conformance). A Worker that fails at start-up is the
// error workerd printed.
const { launchWorkerd } = require('../../support/workerd.js');
const lookupCases = require('../cases/ip-lookup.json');

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

async function startWorkerd(binary, dir) {
  const engine = binary.version;
  let server;
  try {
    server = await launchWorkerd(binary, dir);
  } catch (error) {
    return { ok: false, engine, error: error.message };
  }
  try {
    const base = server.url;
    const got = await Promise.all(LOOKUPS.map(({ ip }) => getJson(`${base}/lookup?ip=${encodeURIComponent(ip)}`)));
    const wrong = LOOKUPS.flatMap((l, i) =>
      got[i].country === l.country ? [] : [`${l.ip}: ${JSON.stringify(got[i])}, want ${l.country}`],
    );
    const result = await getJson(`${base}/conformance`);
    const lookups = { asked: LOOKUPS.length, wrong };
    if (wrong.length)
      return { ...result, ok: false, engine, lookups, error: `GET /lookup answered wrongly: ${wrong.slice(0, 3).join('; ')}` };
    return { ...result, engine: `${engine}; ${result.engine}`, lookups };
  } finally {
    await server.close();
  }
}

module.exports = { startWorkerd };
