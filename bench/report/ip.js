'use strict';
// The IP part of the report: load, memory and lookups per runtime, and the issue's targets.
const { RUNTIMES } = require('../implementations.js');
const fmt = require('./format.js');
const { lookupBlocks, oneProcessBlock, targetRows } = require('./ip-lookups.js');
const { detachBlock } = require('./ip-detach.js');

const label = (id) => RUNTIMES[id]?.label ?? id;
const mb = (bytes) => (bytes === null || bytes === undefined ? '–' : `${(bytes / 2 ** 20).toFixed(1)} MiB`);

function ipBlocks({ raw, summary }) {
  const blocks = [];
  for (const [dataset, byRuntime] of Object.entries(raw.runs ?? {})) {
    const any = Object.values(byRuntime)[0];
    blocks.push({
      heading: `IP table, ${dataset}: load and memory`,
      text:
        `\`IpCountryTable.fromFile\` on the real ${(any.csvBytes / 1e6).toFixed(1)} MB CSV (${any.size.toLocaleString('en')} ranges after ` +
        'merging), one Node process per runtime; load times are tinybench means (≥ 5 loads after 2 warm-ups). ' +
        '**floor**: in the same process, the same file read in the same 64 KiB chunks and its newlines counted, four bytes at a time ' +
        '(`bench/newline-floor.js`): what finding the lines costs before any parsing; **× floor** is the load against it. ' +
        '**shuffled**: `fromCsv` of the same rows in a seeded random order, against the same bytes as they come (sorted): ' +
        'what input that must be sorted costs (the JS twin radix-sorts, the C++ uses `std::sort`). ' +
        'Memory is read after the first load, after forcing GC: RSS and JS heap deltas, and for WASM the linear memory size.',
      table: {
        header: [
          'runtime',
          'CSV load',
          'MB/s',
          'floor',
          '× floor',
          'shuffled',
          'shuffled / sorted',
          'snapshot load',
          'table',
          'B/range',
          'RSS Δ',
          'JS heap Δ',
          'wasm memory',
        ],
        rows: Object.entries(byRuntime).map(([id, r]) => [
          label(id),
          fmt.meanSd(r.csvLoadMs.mean, r.csvLoadMs.sd),
          r.csvMBps.toFixed(0),
          fmt.ms(r.floorMs),
          fmt.ratio(r.floorMs ? r.csvLoadMs.mean / r.floorMs : undefined),
          fmt.ms(r.shuffledLoadMs),
          fmt.ratio(r.shuffledLoadMs ? r.shuffledLoadMs / r.bytesLoadMs : undefined),
          fmt.ms(r.snapshotLoadMs.mean),
          mb(r.tableBytes),
          r.bytesPerRange.toFixed(2),
          mb(r.rssDeltaBytes),
          mb(r.heapDeltaBytes),
          mb(r.wasmHeapBytes),
        ]),
      },
    });
    if (dataset === 'ipv4') blocks.push(...lookupBlocks(byRuntime, summary.seed));
  }
  const detached = detachBlock(raw.detach);
  if (detached) blocks.push(detached);
  const one = oneProcessBlock(raw.oneProcess);
  if (one) blocks.push(one);
  const lifecycle = Object.entries(raw.lifecycle ?? {});
  if (lifecycle.length) {
    const growth = (run, key) => (run ? mb(run.samples[2][key] - run.samples[1][key]) : '–');
    blocks.push({
      heading: 'IP table: memory over many tables',
      text:
        'Each runtime in its own process (`bench/workers/churn.js`, with --expose-gc): **cycles** creates a 3-range table, ' +
        'looks an IP up and frees it, over and over; **never freed** loads a 5,000-range table (with its 256 KiB index) and drops it, ' +
        'leaving it to the FinalizationRegistry. Growth is measured over the second half of each run, after forced GCs.',
      table: {
        header: [
          'runtime',
          'cycles',
          'RSS growth',
          'wasm memory growth',
          'tables never freed',
          'RSS growth',
          'wasm memory growth',
          'wasm memory at the end',
        ],
        rows: lifecycle.map(([id, r]) => [
          label(id),
          (r.cycles?.count ?? 0).toLocaleString('en'),
          growth(r.cycles, 'rss'),
          id === 'wasm' ? growth(r.cycles, 'wasm') : '–',
          (r.finalize?.count ?? 0).toLocaleString('en'),
          growth(r.finalize, 'rss'),
          id === 'wasm' ? growth(r.finalize, 'wasm') : '–',
          id === 'wasm' && r.finalize ? mb(r.finalize.samples[2].wasm) : '–',
        ]),
      },
    });
    const reloads = lifecycle.filter(([, r]) => r.reload);
    if (reloads.length) {
      blocks.push({
        heading: 'IP table: reloading without free()',
        text:
          `The real IPv4 CSV loaded ${reloads[0][1].reload.count.toLocaleString('en')} times with \`fromFile\`, each table dropped without \`free()\`, ` +
          'one event-loop turn between loads and no forced GC (a server reloading its data): peak memory of the process. ' +
          'Native tables report their bytes to V8 as external memory, so V8 collects dropped ones as if they were JS memory. ' +
          'No such API exists for a WebAssembly heap: WASM tables are reclaimed when V8 collects their small wrappers, and the ' +
          'heap never shrinks; a full heap is a clean error (docs/ip-table.md). `free()` (or `using`) is the contract; the ' +
          'FinalizationRegistry is a last resort, and the first table it reclaims triggers one warning. ' +
          "(A native table's IPv4 arrays are also external ArrayBuffers, the views JavaScript searches, which V8 counts as well.) " +
          'Before (commit c7a0b62, before any of this; measured once on this machine on 2026-12-02 with the same loop, not in this run): ' +
          'native 345 MiB peak RSS after 150 reloads and 630 MiB after 600 (now ~101 MiB after either), WASM 144 / 276 MiB RSS and ' +
          '103 / 255 MiB wasm memory (about as now: the WASM heap still grows until V8 collects the wrappers). ' +
          "Also measured and rejected: an unwritten ArrayBuffer of each WASM table's size as GC weight cut the peak wasm memory to 85 MiB " +
          'but raised the peak RSS to 256 MiB (glibc zero-fills reused heap memory), so it was not kept.',
        table: {
          header: ['runtime', 'reloads', 'peak RSS', 'peak wasm memory'],
          rows: reloads.map(([id, r]) => [
            label(id),
            r.reload.count.toLocaleString('en'),
            mb(r.reload.peak.rss),
            id === 'wasm' ? mb(r.reload.peak.wasm) : '–',
          ]),
        },
      });
    }
  }
  const v4 = raw.runs?.ipv4;
  if (v4) {
    const t = [];
    const check = (name, goal, value, ok) => t.push([name, goal, value, ok === undefined ? '–' : ok ? 'met' : 'missed']);
    const n = v4['native-gcc'];
    const w = v4.wasm;
    t.push(...targetRows(v4, raw.oneProcess));
    for (const [id, r] of Object.entries(v4))
      check(`snapshot load, ${label(id)}`, '≤ 2 ms', fmt.ms(r.snapshotLoadMs.mean), r.snapshotLoadMs.mean <= 2);
    if (w) check('WASM linear memory after CSV load', '≤ 8 MiB', mb(w.wasmHeapBytes), w.wasmHeapBytes <= 8 * 2 ** 20);
    if (n) check('table bytes per IPv4 range', '≤ 6', n.bytesPerRange.toFixed(2), n.bytesPerRange <= 6);
    blocks.push({ heading: 'IP table targets', table: { header: ['target', 'goal', 'measured', ''], rows: t } });
  }
  blocks.push(...peerBlocks({ raw, summary }));
  return blocks;
}

// Never rounds a disagreement away: 99.999 % stays 99.999 %, not 100.00 %.
const pct = (rate) => (rate === undefined ? '–' : `${(rate * 100).toFixed(rate < 1 && rate >= 0.9999 ? 4 : 2)} %`);
const versionText = (r) =>
  Object.entries(r.versions ?? {})
    .map(([name, v]) => `${name} ${v ?? '?'}`)
    .join(', ') || '(this repo)';

/** Ours (all four builds) next to other npm libraries, all measured by bench/workers/peer.js. */
function peerBlocks({ raw, summary }) {
  const peers = raw.peers ?? {};
  const entries = Object.entries(peers);
  if (!entries.length) return [];
  const cmp = summary.peers;
  const ratio = (id, figure) => fmt.ratio(cmp?.ratiosToBestPeer?.[id]?.[figure]);
  const best = (figure) => peers[cmp?.bestPeer?.[figure]]?.label ?? '–';
  const v4 = raw.runs?.ipv4 ?? {};
  const blocks = [];
  const slow = entries.filter(([, r]) => r.async).map(([, r]) => r.label);
  blocks.push({
    heading: 'IP lookup: ours vs other libraries',
    text: [
      'Every row is one fresh Node process (`node --expose-gc bench/workers/peer.js`) on the same ',
      `${summary.seed ? `seeded (${summary.seed}) ` : ''}random IPv4 addresses given as dotted strings. **load** is require() to ready-to-look-up, `,
      'timed once (first load: module compile and file read included; for our builds `require` + `IpCountryTable.fromFile` on the CSV). ',
      '**RSS** and **JS heap** are read after load after 3 forced GCs; **RSS Δ** is against the same process just before the require. ',
      '**string** is ns per `lookup("a.b.c.d")`, the tinybench median of blocks of 1000 lookups; ',
      slow.length
        ? `the async libraries (${slow.join(', ')}) are awaited one lookup at a time (blocks of 20 sequential \`await lookup(ip)\`), so their figure includes the promise round trip and any file I/O. `
        : '',
      '**number** and **batch** are our `lookup(uint32)` and `lookupIndexes(Uint32Array)` from the tables above (peers take strings only). ',
      `Ratios are to the best external library on that figure (string: ${best('lookupString')}, RSS: ${best('rssAfterLoad')}, load: ${best('load')}); `,
      'the naive baseline is not a candidate (fast-geoip reads nothing up front, so it wins load and RSS by doing its I/O per lookup). **agreement** is the share of sampled IPs where the library gives the same answer as ours (both "no country" counts as agreeing).',
    ].join(''),
    table: {
      header: [
        'library',
        'data',
        'load',
        'RSS after load',
        'RSS Δ',
        'JS heap Δ',
        'string',
        'number',
        'batch',
        'string / best',
        'RSS / best',
        'load / best',
        'agreement',
      ],
      rows: entries.map(([id, r]) => {
        const own = r.runtime ? v4[r.runtime] : undefined;
        return [
          r.label,
          r.data,
          fmt.ms(r.loadMs),
          mb(r.memory.rssAfterLoad),
          mb(r.memory.rssDelta),
          mb(r.memory.heapDelta),
          fmt.ms(r.lookupNs.string / 1e6),
          own ? fmt.ns(own.lookupNs.uint32) : '–',
          own ? fmt.ns(own.lookupNs.batch) : '–',
          ratio(id, 'lookupString'),
          ratio(id, 'rssAfterLoad'),
          ratio(id, 'load'),
          pct(r.agreement?.rate),
        ];
      }),
    },
  });
  blocks.push({
    heading: 'IP lookup: libraries, versions and agreement',
    text:
      'Disagreements by kind: **ours only** = we have a country and the library says none, **theirs only** = the reverse, ' +
      '**different** = two different countries. RSS after lookups shows caches that fill while looking up.',
    table: {
      header: [
        'library',
        'versions',
        'data',
        'IPs compared',
        'agreement',
        'same',
        'ours only',
        'theirs only',
        'different',
        'RSS after lookups',
        'examples (ip: ours/theirs)',
      ],
      rows: entries.map(([, r]) => [
        r.label,
        versionText(r),
        r.dataNote,
        r.agreement.ips.toLocaleString('en'),
        pct(r.agreement.rate),
        r.agreement.same.toLocaleString('en'),
        r.agreement.oursOnly,
        r.agreement.theirsOnly,
        r.agreement.different,
        mb(r.memory.rssAfterLookups),
        r.agreement.examples
          .slice(0, 3)
          .map((e) => `${e.ip}: ${e.ours ?? '–'}/${e.theirs ?? '–'}`)
          .join('; ') || '–',
      ]),
    },
  });
  const notes = [];
  const mm = peers.maxmind;
  if (mm) {
    const diff = mm.agreement.ips - mm.agreement.same;
    const ex = mm.agreement.examples.map((e) => `${e.ip} (ours ${e.ours ?? '–'}, maxmind ${e.theirs ?? '–'})`).join(', ');
    notes.push(
      diff === 0
        ? `maxmind reads the same data as our CSV (the mmdb build of the same @ip-location-db release) and agrees on all ${mm.agreement.ips.toLocaleString('en')} sampled IPs.`
        : `maxmind reads the same data as our CSV (the mmdb build of the same @ip-location-db release) and differs on ${diff} of ${mm.agreement.ips.toLocaleString('en')} sampled IPs: ${ex}. ` +
            `The CSV rows covering ${mm.agreement.examples.length > 1 ? 'them' : 'it'}: ${mm.agreement.examples
              .slice(0, 3)
              .map((e) => `${e.ip}: ${(e.csvRows ?? []).join(', ') || 'none'}`)
              .join('; ')}. ` +
            'Where rows overlap we resolve them as routing does (the narrowest range wins, docs/ip-table.md); a different answer there means the mmdb build chose another row.',
    );
  }
  const fg = peers['fast-geoip'] ?? peers['fast-geoip-cached'];
  if (fg && fg.agreement.theirsOnly > 0) {
    const examples = fg.agreement.examples
      .filter((e) => e.ours === null)
      .slice(0, 3)
      .map((e) => `${e.ip} → ${e.theirs}`)
      .join(', ');
    notes.push(
      `fast-geoip answers a country for ${fg.agreement.theirsOnly} of ${fg.agreement.ips.toLocaleString('en')} addresses that no range of our data covers (e.g. ${examples}): ` +
        'its data stores where ranges start, not where they end, so a gap inherits the country of the range before it.',
    );
  }
  const different = entries.filter(([, r]) => r.data === 'different').map(([, r]) => r.label);
  if (different.length) {
    notes.push(
      `${different.join(', ')} ship other data (GeoLite2 / IP2Location LITE derivatives of other dates), so a few per cent of answers differ legitimately: ` +
        'reassigned blocks, and RIR country (ours) vs geolocated country (theirs).',
    );
  }
  if (peers['fast-geoip']) notes.push('fast-geoip (default) is compared on fewer IPs than the others: each lookup reads files from disk.');
  if (notes.length) blocks.push({ heading: 'IP lookup: notes on the comparison', text: notes.map((n) => `- ${n}`).join('\n') });
  return blocks;
}

module.exports = { ipBlocks };
