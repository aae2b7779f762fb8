'use strict';
// SVG charts for the report, drawn with vega-lite + vega in Node (no browser): vega-lite compiles a
// spec, vega renders it headless with View.toSVG(). Both are ESM-only, hence the dynamic import().
const fs = require('fs');
const path = require('path');
const { RUNTIMES } = require('../implementations.js');

const label = (id) => RUNTIMES[id]?.label ?? id;
const FONT = {
  axisY: { labelLimit: 260 },
  font: 'Helvetica, Arial, sans-serif',
  title: { fontSize: 15, anchor: 'start', subtitleFontSize: 11 },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12 },
};

/** The chart specs for a results.json: [{ file, title, spec }]; charts without data are left out. */
function chartSpecs(results) {
  const charts = [];
  const fib = results.workloads?.fib?.raw;
  const fibRows = [];
  for (const [id, r] of Object.entries(fib?.inProcess ?? {})) {
    for (const [n, f] of Object.entries(r.fib ?? {}))
      fibRows.push({ runtime: label(id), n: `fib(${n})`, ms: f.meanMs, kind: 'in process (tinybench)' });
  }
  for (const [id, perN] of Object.entries(fib?.wholeProcess ?? {})) {
    for (const [n, h] of Object.entries(perN))
      fibRows.push({ runtime: label(id), n: `fib(${n})`, ms: h.mean * 1e3, kind: 'whole process (hyperfine)' });
  }
  if (fibRows.length) {
    const title = 'Fibonacci time by runtime and n';
    charts.push({
      file: 'chart-fib.svg',
      title,
      spec: {
        title: { text: title, subtitle: 'mean milliseconds, lower is better; whole process includes Node start-up' },
        data: { values: fibRows },
        facet: { row: { field: 'kind', type: 'nominal', title: null }, column: { field: 'n', type: 'nominal', title: null } },
        resolve: { scale: { x: 'independent' } },
        spec: {
          width: 260,
          height: 110,
          mark: { type: 'bar', tooltip: true },
          encoding: {
            y: { field: 'runtime', type: 'nominal', title: 'runtime', sort: null },
            x: { field: 'ms', type: 'quantitative', title: 'time (ms)' },
            color: { field: 'runtime', type: 'nominal', legend: null },
          },
        },
      },
    });
  }

  const peers = results.workloads?.ip?.raw?.peers ?? {};
  const peerRows = Object.values(peers).map((r) => ({
    library: r.label,
    kind: r.kind === 'ours' ? 'ours' : r.kind === 'baseline' ? 'naive baseline' : 'other library',
    ns: r.lookupNs.string,
    rss: r.memory.rssAfterLoad / 2 ** 20,
    rssDelta: r.memory.rssDelta / 2 ** 20,
    heap: r.memory.heapAfterLoad / 2 ** 20,
  }));
  if (peerRows.length) {
    const color = {
      field: 'kind',
      type: 'nominal',
      title: 'library',
      scale: { domain: ['ours', 'naive baseline', 'other library'], range: ['#1f77b4', '#7f7f7f', '#ff7f0e'] },
    };
    const title = 'IP lookup time by library';
    const order = [...peerRows].sort((a, b) => a.ns - b.ns).map((r) => r.library);
    const y = { field: 'library', type: 'nominal', sort: order, title: null, axis: { labelLimit: 260 } };
    const logMax = 10 ** Math.ceil(Math.log10(Math.max(...peerRows.map((r) => r.ns)) * 3));
    charts.push({
      file: 'chart-ip-lookup.svg',
      title,
      spec: {
        title: {
          text: title,
          subtitle: 'ns per lookup("a.b.c.d"), log scale, lower is better; async libraries awaited one lookup at a time',
        },
        width: 480,
        height: { step: 22 },
        data: { values: peerRows },
        layer: [
          {
            mark: { type: 'bar', tooltip: true },
            encoding: {
              y,
              x: { field: 'ns', type: 'quantitative', scale: { type: 'log', domain: [10, logMax] }, title: 'ns per lookup (log scale)' },
              x2: { datum: 10 },
              color,
            },
          },
          {
            mark: { type: 'text', align: 'left', dx: 3, fontSize: 11 },
            encoding: { y, x: { field: 'ns', type: 'quantitative' }, text: { field: 'ns', type: 'quantitative', format: ',.0f' } },
          },
        ],
      },
    });
    const memTitle = 'Memory after load by library';
    const memRows = peerRows.flatMap((r) => [
      { library: r.library, kind: r.kind, measure: 'RSS Δ (load)', mib: r.rssDelta },
      { library: r.library, kind: r.kind, measure: 'JS heap (total)', mib: r.heap },
      { library: r.library, kind: r.kind, measure: 'RSS (total)', mib: r.rss },
    ]);
    charts.push({
      file: 'chart-ip-memory.svg',
      title: memTitle,
      spec: {
        title: { text: memTitle, subtitle: 'MiB after 3 forced GCs; RSS Δ is against the same process before require()' },
        data: { values: memRows },
        facet: { column: { field: 'measure', type: 'nominal', title: null, sort: ['RSS Δ (load)', 'RSS (total)', 'JS heap (total)'] } },
        resolve: { scale: { x: 'independent' } },
        spec: {
          width: 200,
          height: { step: 20 },
          mark: { type: 'bar', tooltip: true },
          encoding: {
            y: { field: 'library', type: 'nominal', title: null, sort: null, axis: { labelLimit: 260 } },
            x: { field: 'mib', type: 'quantitative', title: 'MiB' },
            color,
          },
        },
      },
    });
  }
  charts.push(...runtimeRatioCharts(results));
  return charts;
}

const RATIO_LABELS = {
  'wasm/js': 'WASM / JS',
  'wasm/native-clang': 'WASM / Native (clang)',
  'native-clang/js': 'Native (clang) / JS',
  'wasm-oz/wasm': 'WASM -Oz / WASM shipped',
};
const RATIO_FIGURES = { fib: 'fib', csvLoad: 'CSV load', lookupUint32: 'lookup uint32' };

/** The ratios of the runtime matrix across runtimes: one panel per figure, one bar per ratio. */
function runtimeRatioCharts(results) {
  const w = results.workloads?.runtimes;
  const rows = [];
  const order = [];
  for (const [id, record] of Object.entries(w?.raw?.runtimes ?? {})) {
    order.push(record.label);
    for (const [figure, title] of Object.entries(RATIO_FIGURES)) {
      for (const [key, ratio] of Object.entries(RATIO_LABELS)) {
        const value = w.summary?.ratios?.[id]?.[figure]?.[key];
        if (value !== undefined) rows.push({ runtime: record.label, figure: title, ratio, value });
      }
    }
  }
  if (!rows.length) return [];
  const title = 'Ratios across runtimes';
  const x = {
    field: 'value',
    type: 'quantitative',
    title: 'time ratio (log scale)',
    scale: { type: 'log' },
    axis: { values: [0.1, 0.2, 0.5, 1, 2, 5], format: '~g' },
  };
  return [
    {
      file: 'chart-runtimes.svg',
      title,
      spec: {
        title: {
          text: title,
          subtitle: `each ratio measured within one runtime in this run, below 1: the first is faster; fib(${w.raw.settings?.fibN}), fromCsv of the IPv4 CSV, lookup(uint32)`,
        },
        data: { values: rows },
        facet: { column: { field: 'figure', type: 'nominal', title: null, sort: Object.values(RATIO_FIGURES) } },
        spec: {
          width: 230,
          height: { step: 8 }, // per bar: yOffset splits each runtime's band into one bar per ratio
          layer: [
            {
              mark: { type: 'bar', tooltip: true },
              encoding: {
                y: { field: 'runtime', type: 'nominal', sort: order, title: null },
                yOffset: { field: 'ratio', type: 'nominal', sort: Object.values(RATIO_LABELS) },
                x,
                x2: { datum: 1 },
                color: {
                  field: 'ratio',
                  type: 'nominal',
                  title: 'ratio',
                  sort: Object.values(RATIO_LABELS),
                  legend: { orient: 'bottom', labelLimit: 300, columns: 2 },
                },
              },
            },
            { mark: { type: 'rule', color: '#333' }, encoding: { x: { datum: 1 } } },
          ],
        },
      },
    },
  ];
}

/** Renders the charts to SVG files in outDir; returns [{ file, title }]. */
async function writeCharts(results, outDir) {
  const specs = chartSpecs(results);
  if (!specs.length) return [];
  const vega = await import('vega');
  const vegaLite = await import('vega-lite');
  const written = [];
  for (const { file, title, spec } of specs) {
    const full = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', config: FONT, background: 'white', padding: 8, ...spec };
    const compiled = vegaLite.compile(full).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
    const svg = await view.toSVG();
    view.finalize();
    fs.writeFileSync(path.join(outDir, file), svg);
    written.push({ file, title });
  }
  return written;
}

module.exports = { chartSpecs, writeCharts };
