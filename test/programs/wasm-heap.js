'use strict';
// Run in its own process (the 2 GiB heap it fills never shrinks): fills the WebAssembly module's
// heap and reports, as JSON, what every kind of call does then. Used by test/wasm-heap.test.js.
//   node test/programs/wasm-heap.js tables   many tables alive (snapshots loaded until it fails)
//   node test/programs/wasm-heap.js build    one build of ~22 M IPv6 rows with maxMemory 2^31
const path = require('path');
const api = require(path.join(__dirname, '..', '..', 'pkg'));
const { loadWasmModule } = require(path.join(__dirname, '..', '..', 'pkg', 'lib', 'wasm', 'node.js'));

const wasm = loadWasmModule();
const encoder = new TextEncoder();
const outcome = (call) => {
  try {
    return { value: call() };
  } catch (error) {
    return { error: { name: error.name, message: error.message, line: error.line } };
  }
};
const heap = () => ({ free: wasm.heapFreeBytes(), size: wasm.heapBytes() });

// 200,000 IPv4 ranges: a 1.2 MB snapshot, 2.4 MB with its table while loading.
function midTable() {
  const rows = [];
  for (let i = 0; i < 200_000; i++) rows.push(`${i * 256},${i * 256 + 99},${i % 2 ? 'AU' : 'NZ'}`);
  return api.IpCountryTable.fromCsv(rows.join('\n'));
}

async function* ipv6Rows(count) {
  for (let first = 0; first < count; first += 50_000) {
    let text = '';
    for (let i = first; i < first + 50_000; i++) {
      const a = (0x2000 + (i >>> 16)).toString(16);
      const b = (i & 0xffff).toString(16);
      text += `${a}:${b}::,${a}:${b}::ff,AU\n`;
    }
    yield encoder.encode(text);
  }
}

async function main() {
  const mode = process.argv[2];
  const before = heap();
  const survivor = api.IpCountryTable.fromCsv('1.0.0.0,1.0.0.255,AU\n');
  const report = { mode, before };
  if (mode === 'tables') {
    const table = midTable();
    const snapshot = table.toBinary();
    const tables = [];
    for (;;) {
      const loaded = outcome(() => api.IpCountryTable.fromBinary(snapshot));
      if (loaded.error) {
        report.fill = { loaded: tables.length, error: loaded.error };
        break;
      }
      tables.push(loaded.value);
    }
    report.full = heap();
    report.whenFull = {
      lookup: outcome(() => [survivor.lookup('1.0.0.1'), tables[0].lookup(256 * 7 + 5), tables.at(-1).lookup(256 * 8 + 5)]),
      fromCsv: outcome(() => api.IpCountryTable.fromCsv(Array.from({ length: 100_000 }, (_, i) => `${i * 4},${i * 4 + 1},AU`).join('\n'))),
      toBinary: outcome(() => table.toBinary().length),
      fibonacci: outcome(() => api.fibonacci(20)),
    };
    for (const t of tables.splice(0, 16)) t.free();
    report.afterFreeingSome = outcome(() => {
      const again = api.IpCountryTable.fromBinary(snapshot);
      const answer = again.lookup(256 * 7 + 5);
      again.free();
      return answer;
    });
    for (const t of tables) t.free();
    table.free();
  } else if (mode === 'build') {
    report.build = await api.IpCountryTable.fromStream(ipv6Rows(22_000_000), { maxMemory: 2 ** 31 }).then(
      (table) => ({ value: table.size }),
      (error) => ({ error: { name: error.name, message: error.message, line: error.line } }),
    );
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  report.survivor = outcome(() => survivor.lookup('1.0.0.1'));
  report.newTable = outcome(() => {
    const fresh = api.IpCountryTable.fromCsv('2.0.0.0,2.0.0.255,NZ\n');
    const answer = fresh.lookup('2.0.0.1');
    fresh.free();
    return answer;
  });
  survivor.free();
  report.after = heap();
  process.stdout.write(JSON.stringify(report));
}

main().catch((error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});
