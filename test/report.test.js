'use strict';
// The report generator (bench/report/write.js) on a recorded quick-profile results.json: the
// Markdown tables carry the recorded figures and the SVG charts are drawn. vega and vega-lite are
// ESM-only, so the renderer runs as a child process (plain node), outside Jest's module system.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const fmt = require('../bench/report/format.js');

const root = path.join(__dirname, '..');
const fixture = path.join(__dirname, 'fixtures', 'bench-results.json');
const results = JSON.parse(fs.readFileSync(fixture, 'utf8'));

let outDir;
let report;

beforeAll(() => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nvw-report-'));
  execFileSync(process.execPath, [path.join(root, 'bench', 'report', 'write.js'), fixture, outDir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  report = fs.readFileSync(path.join(outDir, 'report.md'), 'utf8');
});

afterAll(() => {
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

/** The Markdown table that follows a "## heading", as rows of trimmed cells (header first). */
function table(heading) {
  const start = report.indexOf(`## ${heading}\n`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const lines = report.slice(start).split('\n').slice(1);
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows = [];
  for (let i = first; i < lines.length && lines[i].startsWith('|'); i++)
    rows.push(
      lines[i]
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  return rows.filter((r) => !r.every((c) => /^-+:?$/.test(c)));
}
const rowOf = (rows, label) => rows.find((r) => r[0] === label);
const column = (rows, name) => rows[0].indexOf(name);

test('the fixture is a recorded run with the three workloads and peers', () => {
  expect(Object.keys(results.workloads).sort()).toEqual(['fib', 'ip', 'runtimes']);
  expect(Object.keys(results.workloads.ip.raw.peers).length).toBeGreaterThan(4);
});

test('keeps the existing sections', () => {
  for (const heading of [
    'Fibonacci, in process (tinybench)',
    'Cost of one call across the boundary',
    'IP table, ipv4: load and memory',
    'IP table, ipv4: lookups, uniform',
    'IP table, ipv4: lookups, skewed',
    'IP lookups: where the time goes',
    'IP table targets',
    'Environment',
  ]) {
    expect(report).toContain(`## ${heading}\n`);
  }
});

test('the fib table carries the recorded in-process means', () => {
  const rows = table('Fibonacci, in process (tinybench)');
  const labels = Object.fromEntries(require('../support/implementations.js').IMPLEMENTATIONS.map((i) => [i.id, i.label]));
  for (const [id, r] of Object.entries(results.workloads.fib.raw.inProcess)) {
    for (const [n, f] of Object.entries(r.fib)) {
      expect(rowOf(rows, labels[id])[column(rows, `fib(${n})`)]).toBe(fmt.meanSd(f.meanMs, f.sdMs));
    }
  }
});

test('the comparison table carries every library with its recorded figures and ratios', () => {
  const rows = table('IP lookup: ours vs other libraries');
  const { peers } = results.workloads.ip.raw;
  const { ratiosToBestPeer } = results.workloads.ip.summary.peers;
  expect(rows.length - 1).toBe(Object.keys(peers).length);
  for (const [id, r] of Object.entries(peers)) {
    const row = rowOf(rows, r.label);
    expect(row).toBeDefined();
    expect(row[column(rows, 'load')]).toBe(fmt.ms(r.loadMs));
    expect(row[column(rows, 'string')]).toBe(fmt.ms(r.lookupNs.string / 1e6));
    expect(row[column(rows, 'RSS after load')]).toBe(`${(r.memory.rssAfterLoad / 2 ** 20).toFixed(1)} MiB`);
    expect(row[column(rows, 'string / best')]).toBe(fmt.ratio(ratiosToBestPeer[id].lookupString));
    expect(row[column(rows, 'agreement')]).toBe(`${(r.agreement.rate * 100).toFixed(2)} %`);
  }
  // Ours carry number and batch from the per-runtime worker.
  const gcc = results.workloads.ip.raw.runs.ipv4['native-gcc'];
  expect(rowOf(rows, 'ours: Native (g++)')[column(rows, 'batch')]).toBe(fmt.ns(gcc.lookupNs.batch));
});

test('the lookup split: wrapper and crossing are the differences of the recorded figures', () => {
  const rows = table('IP lookups: where the time goes');
  const runs = results.workloads.ip.raw.runs.ipv4;
  const labels = Object.fromEntries(require('../support/implementations.js').IMPLEMENTATIONS.map((i) => [i.id, i.label]));
  for (const [id, r] of Object.entries(runs)) {
    for (const [distribution, l] of [
      ['uniform', r.lookupNs],
      ['skewed', r.lookupNs.skewed],
    ]) {
      const row = rows.find((cells) => cells[0] === labels[id] && cells[1] === distribution);
      expect(row[column(rows, 'API')]).toBe(fmt.ns(l.uint32));
      expect(row[column(rows, 'wrapper')]).toBe(fmt.ns(l.uint32 - l.search));
      if (id === 'js') expect(row[column(rows, 'crossing')]).toBe('–');
      else expect(row[column(rows, 'crossing')]).toBe(fmt.ns(l.perCallUint32 - l.uint32));
    }
  }
  const load = table('IP table, ipv4: load and memory');
  expect(rowOf(load, 'WASM')[column(load, '× floor')]).toBe(fmt.ratio(runs.wasm.csvLoadMs.mean / runs.wasm.floorMs));
  expect(load[0].length).toBe(rowOf(load, 'WASM').length); // a header cell for every column
});

test('the best peer has ratio 1 and maxmind (same data) agrees fully', () => {
  const { bestPeer, ratiosToBestPeer } = results.workloads.ip.summary.peers;
  expect(ratiosToBestPeer[bestPeer.lookupString].lookupString).toBe(1);
  const rows = table('IP lookup: libraries, versions and agreement');
  const mm = rowOf(rows, 'maxmind + mmdb');
  expect(mm[column(rows, 'versions')]).toBe(
    `maxmind ${results.workloads.ip.raw.peers.maxmind.versions.maxmind}, @ip-location-db/geo-whois-asn-country-mmdb ${results.workloads.ip.raw.peers.maxmind.versions['@ip-location-db/geo-whois-asn-country-mmdb']}`,
  );
  expect(mm[column(rows, 'agreement')]).toBe('100.00 %');
});

test('the charts are SVG files next to report.md, embedded with relative links, with their titles', () => {
  const charts = {
    'chart-fib.svg': 'Fibonacci time by runtime and n',
    'chart-ip-lookup.svg': 'IP lookup time by library',
    'chart-ip-memory.svg': 'Memory after load by library',
    'chart-runtimes.svg': 'Ratios across runtimes',
  };
  for (const [file, title] of Object.entries(charts)) {
    const svg = fs.readFileSync(path.join(outDir, file), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain(title);
    expect(svg).not.toContain('NaN');
    expect(report).toContain(`![${title}](${file})`);
  }
  expect(fs.readFileSync(path.join(outDir, 'chart-ip-lookup.svg'), 'utf8')).toContain('ns per lookup (log scale)');
});

describe('the runtime sections', () => {
  const { raw, summary } = results.workloads.runtimes;
  const records = Object.values(raw.runtimes);
  const flavourColumns = {
    js: 'JS',
    'native-gcc': 'Native (g++)',
    'native-clang': 'Native (clang)',
    wasm: 'WASM',
    'wasm-oz': 'WASM + wasm-opt -Oz',
  };

  test('the matrix has every recorded runtime, ✔ with its fib median or ✘ with a numbered reason listed under it', () => {
    const rows = table('Runtime matrix');
    expect(rows.length - 1).toBe(records.length);
    const section = report.slice(report.indexOf('## Runtime matrix\n'), report.indexOf('## Figures per runtime\n'));
    for (const r of records) {
      const row = rowOf(rows, r.label);
      for (const [flavour, title] of Object.entries(flavourColumns)) {
        const c = r.cells[flavour];
        const text = row[column(rows, title)];
        if (c.ok) {
          expect(text).toBe(`✔ ${fmt.ms(c.fibMs.medianMs)}`);
        } else {
          const [, n] = text.match(/^✘ (\d+)$/);
          expect(section).toContain(`${n}. ${c.error}`);
        }
      }
    }
  });

  test('browsers and workerd have no native cells, for the reason that they have no Node-API', () => {
    for (const r of records.filter((x) => x.kind !== 'process')) {
      expect(r.cells['native-gcc']).toMatchObject({ ok: false, notAttempted: true, error: expect.stringMatching(/Node-API/) });
    }
  });

  test('the ratio table carries the recorded ratios per runtime', () => {
    const rows = table('Ratios per runtime');
    for (const r of records) {
      const row = rowOf(rows, r.label);
      expect(row[column(rows, 'fib WASM / JS')]).toBe(fmt.ratio(summary.ratios[r.id].fib['wasm/js']));
      expect(row[column(rows, 'CSV WASM / JS')]).toBe(fmt.ratio(summary.ratios[r.id].csvLoad['wasm/js']));
    }
    const node = records.find((r) => r.cells['native-clang'].ok);
    const c = node.cells;
    expect(summary.ratios[node.id].fib['wasm/native-clang']).toBeCloseTo(c.wasm.fibMs.medianMs / c['native-clang'].fibMs.medianMs, 10);
  });

  test("the inlining section quotes V8's trace and gives V8's decision per build", () => {
    const rows = table('The wasm inlining threshold: wasm-opt -Oz');
    const traced = records.find((r) => r.inlining?.wasm?.trace);
    expect(report).toContain(traced.inlining.wasm.trace.line);
    const row = rowOf(rows, traced.label);
    const t = traced.inlining.wasm.trace;
    expect(row[column(rows, 'V8: shipped')]).toBe(`${t.size} B body, budget ${t.budget}: ${t.inlined ? 'inlined' : 'not inlined'}`);
    expect(row[column(rows, 'fib -Oz / shipped')]).toBe(fmt.ratio(summary.ratios[traced.id].fib['wasm-oz/wasm']));
  });

  test('the conclusions are restated per engine with the recorded ratios', () => {
    const rows = table('When to choose what, per engine');
    for (const r of records)
      expect(rowOf(rows, r.label)[column(rows, 'fib WASM / JS')]).toBe(fmt.ratio(summary.ratios[r.id].fib['wasm/js']));
  });
});

test('the one-process section: every flavour, ratios to native (g++) from the same process', () => {
  const one = results.workloads.ip.raw.oneProcess;
  const rows = table('IP table, ipv4: every flavour in one process');
  const g = one.flavours['native-gcc'];
  for (const [label, id] of [
    ['JS', 'js'],
    ['WASM', 'wasm'],
  ]) {
    const row = rowOf(rows, label);
    expect(row[column(rows, 'fromFile')]).toBe(fmt.ms(one.flavours[id].fromFileMs));
    expect(row[column(rows, 'fromFile / g++')]).toBe(fmt.ratio(one.flavours[id].fromFileMs / g.fromFileMs));
    expect(row[column(rows, 'IPv6 fromCsv')]).toBe(fmt.ms(one.flavours[id].fromCsv6Ms));
    expect(row[column(rows, 'IPv6 fromCsv / g++')]).toBe(fmt.ratio(one.flavours[id].fromCsv6Ms / g.fromCsv6Ms));
    expect(row[column(rows, 'batch skewed')]).toBe(fmt.ns(one.flavours[id].batchSkewedNs));
    expect(row[column(rows, 'uint32')]).toBe(fmt.ns(one.flavours[id].uint32Ns));
    expect(row[column(rows, 'string / JS')]).toBe(fmt.ratio(one.flavours[id].stringNs / one.flavours.js.stringNs));
    expect(row[column(rows, 'IPv6 / IPv4 string')]).toBe(fmt.ratio(one.flavours[id].ipv6StringNs / one.flavours[id].stringNs));
  }
  const targets = table('IP table targets');
  expect(rowOf(targets, 'CSV load (fromFile), WASM / native (g++), one process')[2]).toBe(
    fmt.ratio(one.flavours.wasm.fromFileMs / g.fromFileMs),
  );
  // The string target from both: each flavour's own processes, and all of them in this one.
  const x = one.flavours.wasm.stringNs / one.flavours.js.stringNs;
  expect(rowOf(targets, 'lookup(string) / JS, WASM, one process').slice(2)).toEqual([fmt.ratio(x), x <= 1.1 ? 'met' : 'missed']);
  const v6 = one.flavours.js.ipv6StringNs / one.flavours.js.stringNs;
  expect(rowOf(targets, 'IPv6 string / IPv4 string, JS, one process').slice(2)).toEqual([fmt.ratio(v6), v6 <= 1.5 ? 'met' : 'missed']);
  const runs = results.workloads.ip.raw.runs.ipv4;
  expect(rowOf(targets, 'lookup(string) / JS, WASM, own processes')[2]).toBe(
    fmt.ratio(runs.wasm.lookupNs.string / runs.js.lookupNs.string),
  );
});

test('IPv6 text against IPv4 text: the recorded parts, and the ratio of reading the texts', () => {
  const rows = table('IP lookups: IPv6 text against IPv4 text');
  const runs = results.workloads.ip.raw.runs.ipv4;
  const labels = Object.fromEntries(require('../support/implementations.js').IMPLEMENTATIONS.map((i) => [i.id, i.label]));
  expect(rows.length - 1).toBe(Object.keys(runs).length);
  for (const [id, { lookupNs: l }] of Object.entries(runs)) {
    const row = rowOf(rows, labels[id]);
    expect(row[column(rows, 'IPv6 / IPv4')]).toBe(fmt.ratio(l.ipv6String / l.string));
    expect(row[column(rows, 'IPv6 search (JS)')]).toBe(fmt.ns(l.ipv6Search));
    expect(row[column(rows, 'text read: IPv6 / IPv4')]).toBe(fmt.ratio(l.ipv6TextRead / l.ipv4TextRead));
    expect(l.ipv6TextRead).toBeGreaterThan(l.ipv4TextRead); // IPv6 text is longer
  }
});

test('the IPv6 conclusion quotes the recorded figures', () => {
  const l = results.workloads.ip.raw.runs.ipv4.js.lookupNs;
  const line = report.split('\n').find((s) => s.includes('IPv6 text costs more than IPv4 text'));
  expect(line).toContain(`took ${fmt.ns(l.ipv6String)} against ${fmt.ns(l.string)}`);
  expect(line).toContain(fmt.ratio(l.ipv6TextRead / l.ipv4TextRead));
});

describe("the machine's state (bench/machine-probe.js)", () => {
  const { renderMarkdown } = require('../bench/report/render.js');
  const render = (machine) =>
    renderMarkdown({ title: 't', profile: 'quick', environment: { ...results.environment, machine }, blocks: [] });

  test('the report gives both probes of the run, start then end', () => {
    const md = render({ start: { tableLoadNs: 41.234, computeStepNs: 0.8123 }, end: { tableLoadNs: 238.9, computeStepNs: 2.216 } });
    const line = md.split('\n').find((s) => s.includes('machine-probe.js'));
    expect(line).toContain("in 4 MiB (about an IP table's working set) 41.2 ns and 239 ns");
    expect(line).toContain('integer loop 0.812 ns and 2.22 ns');
    expect(line).not.toContain('eight at once'); // recorded before the overlapped load existed
  });

  test('the overlapped load, where the run has it', () => {
    const md = render({
      start: { tableLoadNs: 16.4, overlappedLoadNs: 2.251, computeStepNs: 1.87 },
      end: { tableLoadNs: 93.2, overlappedLoadNs: 11.92, computeStepNs: 1.88 },
    });
    const line = md.split('\n').find((s) => s.includes('machine-probe.js'));
    expect(line).toContain('16.4 ns and 93.2 ns (eight at once, as a block of lookups issues them: 2.25 ns and 11.9 ns a load); a step');
  });

  test('results recorded before the probe existed render without it', () => {
    expect(results.environment.machine).toBeUndefined();
    expect(render(undefined)).not.toContain('machine-probe.js');
    expect(report).not.toContain('machine-probe.js');
  });

  test('the probe measures: positive, finite figures', () => {
    const { tableLoadNs, overlappedLoadNs, computeStepNs } = require('../bench/machine-probe.js').probeMachine();
    expect(Number.isFinite(tableLoadNs) && tableLoadNs > 0).toBe(true);
    expect(Number.isFinite(overlappedLoadNs) && overlappedLoadNs > 0).toBe(true);
    expect(Number.isFinite(computeStepNs) && computeStepNs > 0).toBe(true);
  });
});

test('the detach section: before and after from each flavour’s process, and the control’s ratios', () => {
  const detach = results.workloads.ip.raw.detach;
  const rows = table('IP table, ipv4: after an ArrayBuffer detach');
  expect(rows.length - 1).toBe(Object.keys(detach).length);
  const js = rowOf(rows, 'JS');
  const { before, after } = detach.js.detached;
  expect(js[column(rows, 'CSV load: before')]).toBe(fmt.ms(before.csvLoadMs));
  expect(js[column(rows, 'uint32: before')]).toBe(fmt.ns(before.lookupNs.uint32));
  // each "after / before" follows its figure's "after"
  expect(js[column(rows, 'uint32: before') + 2]).toBe(fmt.ratio(after.lookupNs.uint32 / before.lookupNs.uint32));
  const control = detach.js.control;
  expect(js[column(rows, 'control: after / before')].split(' / ')[0]).toBe(fmt.ratio(control.after.csvLoadMs / control.before.csvLoadMs));
  expect(report).toContain(
    `the JS twin's CSV load took ${fmt.ratio(after.csvLoadMs / before.csvLoadMs)} its time before one ArrayBuffer was detached`,
  );
});
