'use strict';
// A library never changes its host: loading and using any implementation (CommonJS and ES module
// entries) adds no process listeners, sets no exit code and writes nothing; an app's own
// uncaughtException handler and --unhandled-rejections mode keep working. Each case runs in a
// fresh Node process.
const path = require('path');
const { spawnSync } = require('child_process');
const { IMPLEMENTATIONS, root } = require('./implementations.js');

const EVENTS = ['uncaughtException', 'unhandledRejection', 'exit', 'beforeExit', 'warning', 'SIGINT', 'SIGTERM', 'message'];

function node(args, source) {
  const result = spawnSync(process.execPath, [...args, '--input-type=module', '-e', source], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Loads `entry` twice (a second copy through a cache-busting query / a cleared require cache) and
// uses it, recording the process state around each step.
function usage(entry, esm) {
  const load = esm
    ? `const api = await import(${JSON.stringify(entry)}); await import(${JSON.stringify(`${entry}?again`)});`
    : `const require = (await import('module')).createRequire(${JSON.stringify(path.join(root, 'x.js'))});
       const api = require(${JSON.stringify(entry)});
       for (const key of Object.keys(require.cache)) delete require.cache[key];
       require(${JSON.stringify(entry)});`;
  return `
    const events = ${JSON.stringify(EVENTS)};
    const state = () => ({ listeners: events.map((e) => process.listenerCount(e)), exitCode: process.exitCode ?? null });
    const writes = [];
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      stream.write = (chunk, ...rest) => { writes.push(String(chunk)); return write(chunk, ...rest); };
    }
    const before = state();
    ${load}
    const table = api.IpCountryTable.fromCsv('1.0.0.0,1.0.0.255,AU\\n');
    const answers = [table.lookup('1.0.0.1'), api.fibonacci(20)];
    for (const bad of [() => api.IpCountryTable.fromCsv('1.0.0.0,1.2.3,AU\\n'), () => table.lookup('1.2.3'), () => api.fibonacci(47)]) {
      try { bad(); } catch (error) { answers.push(error.name); }
    }
    table.free();
    const after = state();
    console.log('\\n' + JSON.stringify({ before, after, answers, writes: writes.slice() }));`;
}

const ENTRIES = [
  ...IMPLEMENTATIONS.map(({ name, entry }) => ({ name: `${name}, require()`, entry, esm: false })),
  { name: 'WASM, import (index.mjs)', entry: path.join(root, 'pkg', 'index.mjs'), esm: true },
];

describe.each(ENTRIES)('$name', ({ entry, esm }) => {
  test('loading twice and using it adds no listeners, sets no exit code and writes nothing', () => {
    const { status, stdout, stderr } = node([], usage(esm ? `file://${entry}` : entry, esm));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const report = JSON.parse(stdout.trim().split('\n').pop());
    expect(report.after).toEqual(report.before);
    expect(report.answers).toEqual(['AU', 6765, 'CsvError', 'TypeError', 'RangeError']);
    expect(report.writes).toEqual([]);
  });
});

describe.each(ENTRIES)('$name, inside an app', ({ entry, esm }) => {
  const load = esm
    ? `await import(${JSON.stringify(`file://${entry}`)});`
    : `(await import('module')).createRequire(import.meta.url)(${JSON.stringify(entry)});`;

  test("the app's own uncaughtException handler keeps it serving", () => {
    const { status, stdout } = node(
      [],
      `process.on('uncaughtException', (error) => console.log('app logged: ' + error.message));
       ${load}
       setTimeout(() => { throw new Error('boom'); }, 5);
       setTimeout(() => console.log('still serving'), 50);`,
    );
    expect(stdout).toBe('app logged: boom\nstill serving\n');
    expect(status).toBe(0);
  });

  test('--unhandled-rejections=warn stays a warning', () => {
    const { status, stdout, stderr } = node(
      ['--unhandled-rejections=warn'],
      `${load}
       Promise.reject(new Error('nobody waits for this'));
       setTimeout(() => console.log('still serving'), 50);`,
    );
    expect(stdout).toBe('still serving\n');
    expect(stderr).toMatch(/nobody waits for this/);
    expect(status).toBe(0);
  });
});

// Cloudflare Workers before compatibility date 2025-05-05 have no FinalizationRegistry (nor
// WeakRef): the package loads and works there, with free() the only way memory comes back.
describe.each(ENTRIES)('$name, in a runtime without FinalizationRegistry', ({ entry, esm }) => {
  test('loads, builds, looks up, frees and reports errors as everywhere else', () => {
    const source = usage(esm ? `file://${entry}` : entry, esm);
    const { status, stdout, stderr } = node([], `delete globalThis.FinalizationRegistry; delete globalThis.WeakRef;\n${source}`);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const report = JSON.parse(stdout.trim().split('\n').pop());
    expect(report.answers).toEqual(['AU', 6765, 'CsvError', 'TypeError', 'RangeError']);
  });
});

// Node's permission model (--experimental-permission in Node 20, --permission later): the package
// reads only its own folder (index.wasm) and the files given to fromFile, and a denied read is
// Node's own error, passed on as it is.
const NATIVE_ENTRIES = ENTRIES.filter(({ entry }) => entry.includes(`${path.sep}native${path.sep}`));
describe.each(ENTRIES.filter((e) => !NATIVE_ENTRIES.includes(e)))('$name, under --experimental-permission', ({ entry, esm }) => {
  test('reads what it is allowed to, and a denied file is ERR_ACCESS_DENIED naming it', () => {
    const fixture = path.join(root, 'test', 'fixtures', 'small-ipv4.csv');
    const outside = process.execPath; // a file outside the allowed folder, that exists
    const load = esm
      ? `const api = await import(${JSON.stringify(`file://${entry}`)});`
      : `const api = (await import('module')).createRequire(import.meta.url)(${JSON.stringify(entry)});`;
    const { status, stdout } = node(
      ['--experimental-permission', `--allow-fs-read=${root}`],
      `${load}
       const table = api.IpCountryTable.fromFile(${JSON.stringify(fixture)});
       const denied = (() => { try { api.IpCountryTable.fromFile(${JSON.stringify(outside)}); } catch (e) { return { code: e.code, resource: e.resource }; } })();
       console.log(JSON.stringify({ size: table.size > 0, denied }));
       table.free();`,
    );
    expect(status).toBe(0);
    expect(JSON.parse(stdout.trim().split('\n').pop())).toEqual({ size: true, denied: { code: 'ERR_ACCESS_DENIED', resource: outside } });
  });
});

// The permission model refuses Node-API addons unless allowed: the error says so, not "not built".
test.each(NATIVE_ENTRIES)('$name, under --experimental-permission: the error names the refused addon', ({ entry }) => {
  const { status, stderr } = node(
    ['--experimental-permission', `--allow-fs-read=${root}`],
    `(await import('module')).createRequire(import.meta.url)(${JSON.stringify(entry)});`,
  );
  expect(status).not.toBe(0);
  expect(stderr).toMatch(
    /native addon \((gcc|clang) build\) could not be loaded: Cannot load native addon because loading addons is disabled\. Tried:/,
  );
});
