'use strict';
// Native and WASM tables are searched in JavaScript over views of their own arrays (js/kernel-table-
// lookups.js). The views show the table's arrays; they go with the table (a lookup through a
// deleted handle throws instead of reading freed memory); wasm views, which detach when the heap
// grows, are made again. (That both ways answer alike is the differential suite's job.)
const { byId } = require('../support/implementations.js');
const { loadAddon } = require('../native/load.js');
const { nativeBackend } = require('../native/backend.js');

// A table large enough to have its first-level index (4,096 segments or more).
const BIG_CSV = Array.from({ length: 5000 }, (_, i) => `${i * 4096},${i * 4096 + 4095},${i % 2 ? 'AU' : 'NZ'}`).join('\n');
const bytes = new TextEncoder().encode(BIG_CSV);

test.each(['gcc', 'clang'])('native (%s): the views are the table arrays', (compiler) => {
  const addon = loadAddon(compiler);
  const builder = new addon.Builder(false, 2 ** 30);
  expect(builder.feed(bytes)).toBe(true);
  const table = builder.finish();
  builder.delete();
  const buffers = addon.v4Arrays(table);
  // 5,001 segments: the 5,000 ranges and the gap after the last one.
  expect(buffers.map((b) => b.byteLength)).toEqual([4 * 5001, 5001, 4 * 65537]);
  expect(new Uint32Array(buffers[0])[2]).toBe(8192);
  expect(new Uint8Array(buffers[1]).slice(0, 2)).toEqual(new Uint8Array([1, 0])); // NZ is index 1, AU 0
  expect(new Uint32Array(buffers[2])[1]).toBe(16); // the first segment in 0.1.0.0/16
  addon.deleteTable(table);
});

test.each(['gcc', 'clang'])('native (%s): a deleted handle answers no lookup', (compiler) => {
  const builder = nativeBackend(compiler).createBuilder(false, 2 ** 30);
  builder.feed(bytes);
  const handle = builder.finish();
  builder.delete();
  expect(handle.lookupV4(4096 * 3)).toBe(0);
  expect(handle.lookupText('0.0.48.2')).toBe(0);
  handle.delete();
  expect(() => handle.lookupV4(4096 * 3)).toThrow(new TypeError('IpCountryTable: the table has been freed'));
  expect(() => handle.lookupText('0.0.48.2')).toThrow(TypeError);
});

// Under the API layer's length check: a bug there must not write past `out`'s memory.
test.each(['gcc', 'clang'])('native (%s): the addon refuses an out shorter than ips', (compiler) => {
  const addon = loadAddon(compiler);
  const builder = new addon.Builder(false, 2 ** 30);
  expect(builder.feed(bytes)).toBe(true);
  const table = builder.finish();
  builder.delete();
  const out = new Uint16Array(4);
  // (an error of the addon's realm, not the test's: compared by name and message)
  let error;
  try {
    addon.lookupIndexes(table, new Uint32Array(1000), out.subarray(0, 2));
  } catch (e) {
    error = e;
  }
  expect([error?.name, error?.message]).toEqual(['RangeError', 'lookupIndexes: out is shorter than ips']);
  expect(out).toEqual(new Uint16Array(4)); // nothing written
  addon.lookupIndexes(table, new Uint32Array([8192, 4096]), out);
  expect([...out]).toEqual([1, 0, 0, 0]);
  addon.deleteTable(table);
});

test('WASM: a table made before the heap grows still answers after', () => {
  const { IpCountryTable } = byId.wasm.load();
  const heapBytes = () => byId.wasm.outsideHeapBytes();
  const table = IpCountryTable.fromCsv(BIG_CSV);
  expect(table.lookup(4096 * 3 + 5)).toBe('AU');
  const before = heapBytes();
  // Enough rows alive at once that the heap must grow.
  const rows = Array.from({ length: 400_000 }, (_, i) => `${i * 8192},${i * 8192 + 10},JP`).join('\n');
  const big = IpCountryTable.fromCsv(rows);
  expect(heapBytes()).toBeGreaterThan(before);
  expect(table.lookup(4096 * 3 + 5)).toBe('AU');
  expect(table.lookup('0.0.48.2')).toBe('AU');
  expect(table.lookup(4096 * 4)).toBe('NZ');
  big.free();
  table.free();
});

test('where a runtime gives no views (external buffers refused), every lookup calls the kernel', () => {
  const { kernelTableLookups } = require('../js/kernel-table-lookups.js');
  const calls = [];
  const kernel = {
    lookupV4: (ip) => (calls.push(['v4', ip]), 7),
    lookupV6: (...words) => (calls.push(['v6', ...words]), 8),
    lookupText: (text) => (calls.push(['text', text]), 9),
  };
  const lookups = kernelTableLookups(() => null, kernel);
  expect([lookups.lookupV4(1), lookups.lookupV6(1, 2, 3, 4), lookups.lookupText('1.2.3.4')]).toEqual([7, 8, 9]);
  expect(calls).toEqual([
    ['v4', 1],
    ['v6', 1, 2, 3, 4],
    ['text', '1.2.3.4'],
  ]);
  lookups.release();
});
