'use strict';
// Every runtime the package is tested in, its flavours, and how one flavour is run there. Each
// run(project, flavour) resolves to what the runtime answered — { ok, engine, ran, passed, failed,
// failures, skipped } — or { ok: false, error } with the runtime's own words when it could not.
const path = require('path');
const { root } = require('../support/pack.js');
const { serve } = require('../../support/serve.js');
const { BROWSERS } = require('../../support/browsers.js');
const { binary } = require('../../support/binaries.js');
const { runMarked } = require('../../support/run-marked.js');
const { startWorkerd } = require('./workerd.js');

const PROCESS_TIMEOUT = 90_000;
const PAGE_TIMEOUT = 60_000;
// The Node-API hosts run one script per flavour (test/runtimes/entries/): the CommonJS entry, the
// ES-module entry, and the addon of the source tree, built with g++ and with clang.
const HOST_FLAVOURS = {
  require: ['require.cjs'],
  import: ['import.mjs'],
  native: ['native.cjs', path.join(root, 'native', 'index.js')],
  'native-clang': ['native.cjs', path.join(root, 'native', 'clang.js')],
};
const isNative = (flavour) => HOST_FLAVOURS[flavour]?.[0] === 'native.cjs';
const NO_NODE_API = (reason) => ({ native: reason, 'native-clang': reason });

function host(id, label, command, env = () => ({})) {
  return {
    id,
    label,
    flavours: Object.keys(HOST_FLAVOURS),
    missing: () => binary(id).missing ?? null,
    async run(project, flavour) {
      const [entry, ...args] = HOST_FLAVOURS[flavour];
      return runMarked(binary(id).file, command(flavour, entry, args), {
        marker: 'NVW-RESULT',
        cwd: project,
        env: env(project),
        timeout: PROCESS_TIMEOUT,
      });
    },
  };
}

const node = (major) => host(`node${major}`, `Node ${major}`, (flavour, entry, args) => [entry, ...args]);

// Browsers: one browser process for both pages; the project directory is served on 127.0.0.1.
function browser(id, label) {
  const driver = BROWSERS[id];
  const pages = { bundle: 'web/bundle.html', esm: 'web/esm.html' };
  return {
    id,
    label,
    flavours: Object.keys(pages),
    cannot: NO_NODE_API('a browser has no Node-API: it cannot load a .node addon'),
    missing: () => driver.missing(),
    async session(project) {
      const server = await serve(project);
      let launched;
      try {
        launched = await driver.launch();
      } catch (error) {
        await server.close();
        throw error;
      }
      return {
        version: launched.version,
        async run(flavour) {
          const result = await launched.visit(server.url + pages[flavour], PAGE_TIMEOUT);
          return { ...result, engine: `${launched.version}; ${result.engine}` };
        },
        async close() {
          await launched.close();
          await server.close();
        },
      };
    },
  };
}

const RUNTIMES = [
  node(22),
  node(24),
  node(26),
  host('bun', 'Bun', (flavour, entry, args) => ['--no-install', entry, ...args]),
  // Deno reads the project's node_modules as npm installed it; Node-API needs --allow-ffi.
  host(
    'deno',
    'Deno',
    (flavour, entry, args) => [
      'run',
      '--node-modules-dir=manual',
      '--allow-read',
      ...(isNative(flavour) ? ['--allow-ffi'] : []),
      entry,
      ...args,
    ],
    (project) => ({
      DENO_NO_UPDATE_CHECK: '1',
      DENO_DIR: path.join(project, '.deno'), // its cache, in the temp project
    }),
  ),
  {
    id: 'workerd',
    label: 'workerd',
    flavours: ['bundle', 'lazy', 'esm'],
    cannot: NO_NODE_API('workerd runs JavaScript and WebAssembly modules only: no Node-API, no .node addon'),
    missing: () => binary('workerd').missing ?? null,
    run: (project, flavour) => startWorkerd(binary('workerd'), path.join(project, 'workerd', flavour)),
  },
  {
    // Workers keep the behaviour of their compatibility date: one from before FinalizationRegistry.
    id: 'workerd-2024',
    label: 'workerd, compatibility date 2024-09-23',
    flavours: ['bundle'],
    missing: () => binary('workerd').missing ?? null,
    run: (project) => startWorkerd(binary('workerd'), path.join(project, 'workerd', 'bundle-2024')),
  },
  browser('chromium', 'Chromium'),
  browser('firefox', 'Firefox'),
  browser('webkit', 'WebKit'),
];

module.exports = { RUNTIMES };
