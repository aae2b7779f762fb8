'use strict';
// One runtime of the study: every flavour it can run, through the runner of its kind. A runtime
// that is not installed, or a browser that does not start, is a row of ✘ with the reason; a
// flavour it cannot host (native outside Node-API) is ✘ with why, and is not attempted.
const { runProcessRuntime } = require('./run-process.js');
const { runBrowserRuntime } = require('./run-browser.js');
const { runWorkerdRuntime } = require('./run-workerd.js');
const { FLAVOURS, NO_NODE_API } = require('./runtimes.js');
const { bestOf } = require('./best-of.js');

const RUNNERS = { process: runProcessRuntime, browser: runBrowserRuntime, workerd: runWorkerdRuntime };

async function runRuntime(runtime, ctx) {
  const record = { id: runtime.id, label: runtime.label, kind: runtime.kind, version: null, cells: {}, inlining: null };
  const unable = (reason) => Object.fromEntries(runtime.flavours.map((f) => [f, { ok: false, error: reason }]));
  const missing = runtime.missing();
  let ran = {};
  if (missing) {
    ran = { cells: unable(missing) };
  } else {
    const rounds = [];
    for (let round = 0; round < (ctx.settings.rounds ?? 1); round++) {
      // Alternating order, so no flavour always runs first (or right after a heavy one).
      const flavours = round % 2 ? [...runtime.flavours].reverse() : runtime.flavours;
      try {
        rounds.push(await RUNNERS[runtime.kind](runtime, { ...ctx, flavours, probe: round === 0 }));
      } catch (error) {
        rounds.push({ cells: unable(`could not start: ${String(error.message || error).split('\n')[0]}`) });
      }
    }
    ran = { ...rounds[0], cells: Object.fromEntries(runtime.flavours.map((f) => [f, bestOf(rounds.map((r) => r.cells[f]))])) };
  }
  record.version = ran.version ?? (runtime.binary ? runtime.binary().version : null) ?? null;
  record.inlining = ran.inlining ?? null;
  for (const flavour of FLAVOURS) {
    record.cells[flavour] = runtime.flavours.includes(flavour)
      ? ran.cells[flavour]
      : { ok: false, notAttempted: true, error: NO_NODE_API[runtime.kind] };
  }
  record.engine = Object.values(record.cells).find((c) => c.ok && c.engine)?.engine ?? record.version;
  return record;
}

module.exports = { runRuntime };
