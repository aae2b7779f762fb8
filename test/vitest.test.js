'use strict';
// The installed package in a Vitest suite, as an app's own tests use it: in Vitest's node and jsdom
// environments, imported from node_modules as is and inlined (server.deps.inline: Vite then
// transforms the package's code, and rewrites `new URL(..., import.meta.url)` into its dev server's
// http: URLs, which the Node entry once used to find index.wasm).
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { root, packInstall } = require('./support/pack.js');

const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
let workDir;
let project;

beforeAll(() => {
  // Inside the source tree, so that the suite finds vitest and jsdom in its node_modules.
  fs.mkdirSync(path.join(root, 'build'), { recursive: true });
  workDir = fs.mkdtempSync(path.join(root, 'build', 'vitest-'));
  ({ project } = packInstall(workDir, { fields: { type: 'module' } }));
  fs.writeFileSync(
    path.join(project, 'lookup.test.js'),
    [
      "import { test, expect } from 'vitest';",
      "import { IpCountryTable } from 'native-vs-wasm';",
      "test('lookup', async () => {",
      "  const tables = [IpCountryTable.fromCsv('1.0.0.0,1.0.0.255,AU\\n'), await IpCountryTable.fromStream(['2001:db8::,', '2001:db8::ffff,NL'])];",
      "  expect([tables[0].lookup('1.0.0.1'), tables[1].lookup('2001:db8::1')]).toEqual(['AU', 'NL']);",
      '  for (const table of tables) table.free();',
      '});',
      '',
    ].join('\n'),
  );
}, 120_000);

afterAll(() => {
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

describe.each([
  { environment: 'node', inline: false },
  { environment: 'node', inline: true },
  { environment: 'jsdom', inline: false },
  { environment: 'jsdom', inline: true },
])('Vitest, $environment environment, inlined: $inline', ({ environment, inline }) => {
  test('the suite passes', () => {
    const config = { test: { environment, ...(inline ? { server: { deps: { inline: ['native-vs-wasm'] } } } : {}) } };
    fs.writeFileSync(path.join(project, 'vitest.config.mjs'), `export default ${JSON.stringify(config)};\n`);
    const { status, stdout, stderr } = spawnSync(process.execPath, [vitest, 'run', '--no-color'], {
      cwd: project,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect({ status, output: stdout + stderr }).toEqual({ status: 0, output: expect.stringContaining('1 passed') });
  });
});
