'use strict';
// The IP part of the report: load, memory and lookups per runtime, and the issue's targets.
const { RUNTIMES } = require('../implementations.js');
const fmt = require('./format.js');

const label = (id) => RUNTIMES[id]?.label ?? id;
const mb = (bytes) => (bytes === null || bytes === undefined ? '–' : `${(bytes / 2 ** 20).toFixed(1)} MiB`);

function ipBlocks({ raw, summary }) {
  const blocks = [];
  for (const [dataset, byRuntime] of Object.entries(raw.runs ?? {})) {
    const any = Object.values(byRuntime)[0];
    blocks.push({
      heading: `IP table, ${dataset}: load and memory`,
      text: `\`IpCountryTable.fromFile\` on the real ${(any.csvBytes / 1e6).toFixed(1)} MB CSV (${any.size.toLocaleString('en')} ranges after ` +
        'merging), one Node process per runtime; load times are tinybench means (≥ 5 loads after 2 warm-ups). ' +
        'Memory is read after the first load, after forcing GC: RSS and JS heap deltas, and for WASM the linear memory size.',
      table: {
        header: ['runtime', 'CSV load', 'MB/s', 'snapshot load', 'table', 'B/range', 'RSS Δ', 'JS heap Δ', 'wasm memory'],
        rows: Object.entries(byRuntime).map(([id, r]) => [label(id), fmt.meanSd(r.csvLoadMs.mean, r.csvLoadMs.sd), r.csvMBps.toFixed(0),
          fmt.ms(r.snapshotLoadMs.mean), mb(r.tableBytes), r.bytesPerRange.toFixed(2), mb(r.rssDeltaBytes), mb(r.heapDeltaBytes), mb(r.wasmHeapBytes)]),
      },
    });
    blocks.push({
      heading: `IP table, ${dataset}: lookups`,
      text: `The same ${summary.seed ? `seeded (${summary.seed}) ` : ''}random IPv4 addresses in every runtime; ns per IP including the call ` +
        'across the boundary: `lookup("a.b.c.d")`, `lookup(uint32)`, and `lookupIndexes(Uint32Array)` for the whole batch.',
      table: {
        header: ['runtime', 'string', 'uint32', 'batch', 'string vs g++', 'CSV load vs g++'],
        rows: Object.entries(byRuntime).map(([id, r]) => [label(id), fmt.ns(r.lookupNs.string), fmt.ns(r.lookupNs.uint32), fmt.ns(r.lookupNs.batch),
          fmt.ratio(summary.ratiosToNativeGcc?.[dataset]?.[id]?.lookupString), fmt.ratio(summary.ratiosToNativeGcc?.[dataset]?.[id]?.csvLoad)]),
      },
    });
  }
  const v4 = raw.runs?.ipv4;
  if (v4) {
    const t = [];
    const check = (name, goal, value, ok) => t.push([name, goal, value, ok === undefined ? '–' : ok ? 'met' : 'missed']);
    const n = v4['native-gcc'];
    const w = v4.wasm;
    const j = v4.js;
    if (n) check('CSV load, native (g++)', '≥ 300 MB/s', `${n.csvMBps.toFixed(0)} MB/s`, n.csvMBps >= 300);
    if (n && w) check('CSV load, WASM / native', '≤ 1.3×', fmt.ratio(w.csvLoadMs.mean / n.csvLoadMs.mean), w.csvLoadMs.mean / n.csvLoadMs.mean <= 1.3);
    if (n && j) check('CSV load, JS / native', '≤ 3×', fmt.ratio(j.csvLoadMs.mean / n.csvLoadMs.mean), j.csvLoadMs.mean / n.csvLoadMs.mean <= 3);
    for (const [id, r] of Object.entries(v4)) check(`snapshot load, ${label(id)}`, '≤ 2 ms', fmt.ms(r.snapshotLoadMs.mean), r.snapshotLoadMs.mean <= 2);
    if (w) check('WASM linear memory after CSV load', '≤ 8 MiB', mb(w.wasmHeapBytes), w.wasmHeapBytes <= 8 * 2 ** 20);
    if (n) check('table bytes per IPv4 range', '≤ 6', n.bytesPerRange.toFixed(2), n.bytesPerRange <= 6);
    for (const id of ['wasm', 'native-gcc', 'native-clang']) {
      const r = v4[id];
      if (!r) continue;
      check(`lookup string, ${label(id)}`, '≤ 100 ns', fmt.ns(r.lookupNs.string), r.lookupNs.string <= 100);
      check(`lookup uint32, ${label(id)}`, '≤ 20 ns', fmt.ns(r.lookupNs.uint32), r.lookupNs.uint32 <= 20);
      check(`lookupIndexes, ${label(id)}`, '≤ 10 ns/IP', fmt.ns(r.lookupNs.batch), r.lookupNs.batch <= 10);
    }
    blocks.push({ heading: 'IP table targets', table: { header: ['target', 'goal', 'measured', ''], rows: t } });
  }
  return blocks;
}

module.exports = { ipBlocks };
