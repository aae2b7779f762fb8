'use strict';
// Run in its own process (node --expose-gc): table churn for one implementation, printing memory.
//   node --expose-gc bench/workers/churn.js <module path> <mode: cycles|finalize|reload> <count> [csv]
// cycles: create/lookup/free a small table; finalize: mid-size tables dropped, with forced GCs;
// reload: a real CSV loaded again and again without free(), one event-loop turn between loads and
// no forced GC (a server reloading its data), peak memory recorded.
// Used by test/lifecycle.test.js (bounds) and the bench (the figures in the report).
const { byEntry } = require('../../support/implementations.js');

// Positional arguments, or one JSON object { module, mode, count, csv } (bench/runners/worker.js).
const [modulePath, mode, countText, csvPath] = process.argv[2].startsWith('{')
  ? (({ module: m, mode: md, count: c, csv }) => [m, md, c, csv])(JSON.parse(process.argv[2]))
  : process.argv.slice(2);
const count = Number(countText);
const implementation = byEntry(modulePath);
const api = implementation.load();
const memory = () => ({ rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed, wasm: implementation.outsideHeapBytes() });
const tick = () => new Promise((resolve) => setImmediate(resolve));
// The package's "collected without free()" warning (said once per implementation).
const warnings = [];
process.on('warning', (warning) => {
  if (warning.code === 'NVW_TABLE_NOT_FREED') warnings.push(warning.message);
});

async function settle() {
  for (let i = 0; i < 3; i++) {
    global.gc();
    await tick();
  }
}

// A mid-size table: 5,000 ranges, enough for the 256 KiB first-level index.
function midSizeCsv() {
  const rows = [];
  for (let i = 0; i < 5000; i++) rows.push(`${i * 256},${i * 256 + 200},${i % 2 ? 'AU' : 'NZ'}`);
  return rows.join('\n');
}

async function reload() {
  const peak = memory();
  for (let i = 1; i <= count; i++) {
    const table = api.IpCountryTable.fromFile(csvPath);
    if (table.lookup('1.0.0.1') === undefined) throw new Error('lookup failed');
    await tick();
    const now = memory();
    for (const key of Object.keys(peak)) peak[key] = Math.max(peak[key], now[key]);
  }
  process.stdout.write(JSON.stringify({ peak, warnings }));
}

async function main() {
  if (mode === 'reload') return reload();
  const small = '1.0.0.0,1.0.0.255,AU\n2001:db8::,2001:db8::ff,DE\n3.0.0.0,3.0.0.9,fr\n';
  const csv = mode === 'cycles' ? small : midSizeCsv();
  const samples = [];
  await settle();
  samples.push(memory());
  const checkpoints = new Set([Math.floor(count / 2), count]); // growth is measured over the second half
  for (let i = 1; i <= count; i++) {
    const table = api.IpCountryTable.fromCsv(csv);
    if (table.lookup(mode === 'cycles' ? '1.0.0.7' : 256 * 7 + 5) === null) throw new Error('lookup failed');
    if (mode === 'cycles') table.free(); // 'finalize' leaves it to the FinalizationRegistry
    if (mode === 'finalize' && i % 50 === 0) await settle();
    if (checkpoints.has(i)) {
      await settle();
      samples.push(memory());
    }
  }
  await settle();
  process.stdout.write(JSON.stringify({ samples, warnings }));
}

main().catch((error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});
