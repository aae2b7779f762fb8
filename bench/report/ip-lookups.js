'use strict';
// The IP lookups part of the report: both address distributions, where a lookup's time goes
// (wrapper, crossing, search), and the lookup and load targets.
const { RUNTIMES } = require('../implementations.js');
const fmt = require('./format.js');

const label = (id) => RUNTIMES[id]?.label ?? id;
const KERNELS = ['native-gcc', 'native-clang', 'wasm'];
const DISTRIBUTIONS = {
  uniform: 'uniform random IPv4 addresses',
  skewed: 'a traffic-like distribution (Zipf over a seeded ranking of the ranges, an address uniform inside the range drawn)',
};

/** The lookups of one distribution (`uniform` figures sit at the top of lookupNs, `skewed` in its own key). */
const of = (r, distribution) => (distribution === 'uniform' ? r.lookupNs : r.lookupNs.skewed) ?? {};
const div = (a, b) => (a === undefined || a === null || !b ? undefined : a / b);
const minus = (a, b) => (a === undefined || a === null || b === undefined || b === null ? undefined : a - b);

function lookupBlocks(byRuntime, seed) {
  const js = byRuntime.js;
  const blocks = [];
  for (const [distribution, what] of Object.entries(DISTRIBUTIONS)) {
    const rows = Object.entries(byRuntime).filter(([, r]) => of(r, distribution).uint32 !== undefined);
    if (!rows.length) continue;
    blocks.push({
      heading: `IP table, ipv4: lookups, ${distribution}`,
      text:
        `${seed ? `Seeded (${seed}) ` : ''}${what}, the same in every runtime; ns per IP through the public API: \`lookup(uint32)\`, ` +
        '`lookup("a.b.c.d")` and `lookupIndexes(Uint32Array)` for the whole batch (tinybench medians: of blocks of 1,000 lookups, of whole batches; a load spike on this shared machine moves a mean, not a median), ' +
        'each figure the better of two processes per runtime (the same code runs up to ~1.6× apart between processes here: JIT state, a shared machine). ' +
        'Native and WASM look single IPv4 addresses up in JavaScript over views of their own tables (no call across the boundary); ' +
        'batches run in the kernel. Ratios are to pure JS in the same run. Texts are flat strings, as a server receives them (`asReceived` in support/random-ips.js: built by concatenation, V8 would keep them as ropes).' +
        (distribution === 'uniform'
          ? ' **IPv6 string**: `lookup` of IPv6 text inside ranges of the real IPv6 file, in a table of both files.'
          : ''),
      table: {
        header: [
          'runtime',
          'uint32',
          'string',
          'batch',
          'uint32 / JS',
          'string / JS',
          ...(distribution === 'uniform' ? ['IPv6 string', 'IPv6 / IPv4 string'] : []),
        ],
        rows: rows.map(([id, r]) => {
          const l = of(r, distribution);
          const j = js ? of(js, distribution) : {};
          return [
            label(id),
            fmt.ns(l.uint32),
            fmt.ns(l.string),
            fmt.ns(l.batch),
            fmt.ratio(div(l.uint32, j.uint32)),
            fmt.ratio(div(l.string, j.string)),
            ...(distribution === 'uniform' ? [fmt.ns(r.lookupNs.ipv6String), fmt.ratio(div(r.lookupNs.ipv6String, l.string))] : []),
          ];
        }),
      },
    });
  }
  const split = Object.entries(byRuntime).filter(([, r]) => r.lookupNs.search !== undefined);
  if (split.length) {
    blocks.push({
      heading: 'IP lookups: where the time goes',
      text:
        'One `lookup(uint32)`, uniform and skewed, taken apart (each figure the better of two processes, as above): **search** is a plain JavaScript branch-free search over ' +
        "the same table's starts (the twin's `Ipv4Segments`, no API around it); **wrapper** = API − search: the argument and table checks " +
        'and the country code (for native and WASM also the view check); **a kernel call each** is the same API with every lookup a call ' +
        'into the addon or the wasm module (the `perCall` API of `support/implementations.js`, the way these builds worked before), measured in processes of its own (the better of two); ' +
        "**crossing** = that − API: what crossing the boundary per IP costs (plus the kernel's search minus JavaScript's, which the batch " +
        'figures show to be small). Strings: the API, and the API with a kernel call each (native and WASM parse in JavaScript otherwise).',
      table: {
        header: [
          'runtime',
          'distribution',
          'API',
          'search',
          'wrapper',
          'a kernel call each',
          'crossing',
          'string: API',
          'string: a kernel call each',
        ],
        rows: split.flatMap(([id, r]) =>
          Object.keys(DISTRIBUTIONS).map((distribution) => {
            const l = of(r, distribution);
            return [
              label(id),
              distribution,
              fmt.ns(l.uint32),
              fmt.ns(l.search),
              fmt.ns(minus(l.uint32, l.search)),
              fmt.ns(l.perCallUint32),
              fmt.ns(minus(l.perCallUint32, l.uint32)),
              fmt.ns(l.string),
              fmt.ns(l.perCallString),
            ];
          }),
        ),
      },
    });
  }
  const v6 = Object.entries(byRuntime).filter(([, r]) => r.lookupNs.ipv6Search !== undefined);
  if (v6.length) {
    blocks.push({
      heading: 'IP lookups: IPv6 text against IPv4 text',
      text:
        "What a `lookup` of IPv6 text is made of, uniform probes as above, in the same processes: **IPv6 search** is the JavaScript twin's " +
        'search alone (`Ipv6Segments`, the words given) over the same IPv6 starts; **text read** is reading every character of the ' +
        'same strings with `charCodeAt` and nothing else, IPv4 text and IPv6 text: how every parser in JavaScript reads them, so no ' +
        "parse can cost less. WASM parses the text in JavaScript and searches IPv6 in the kernel (one call each: the kernel's " +
        "search is faster than the twin's, which walks 128-bit keys as four words). Native hands IPv6 text whole to the addon, one call " +
        'that parses it in C++ (hex digits from a table) and searches: faster than parsing in JavaScript and calling for the search. ' +
        'The table is one of both files, IPv4 and IPv6, as an app answering both families loads it (runs before 2026-12-06 used the IPv6 file alone).',
      table: {
        header: [
          'runtime',
          'IPv4 string',
          'IPv6 string',
          'IPv6 / IPv4',
          'IPv6 search (JS)',
          'text read: IPv4',
          'text read: IPv6',
          'text read: IPv6 / IPv4',
        ],
        rows: v6.map(([id, r]) => {
          const l = r.lookupNs;
          return [
            label(id),
            fmt.ns(l.string),
            fmt.ns(l.ipv6String),
            fmt.ratio(div(l.ipv6String, l.string)),
            fmt.ns(l.ipv6Search),
            fmt.ns(l.ipv4TextRead),
            fmt.ns(l.ipv6TextRead),
            fmt.ratio(div(l.ipv6TextRead, l.ipv4TextRead)),
          ];
        }),
      },
    });
  }
  return blocks;
}

/** Every flavour in one process (bench/workers/ip-probe.js): loads, batches and single lookups, with ratios. */
function oneProcessBlock(one) {
  if (!one?.flavours) return null;
  const base = one.flavours['native-gcc'];
  const js = one.flavours.js;
  const ratio = (a, b) => (b ? fmt.ratio(a / b) : '–');
  const singles = Object.values(one.flavours).every((f) => f.uint32Ns !== undefined); // runs before these lack them
  const v6Loads = Object.values(one.flavours).every((f) => f.fromCsv6Ms !== undefined); // so do runs before this
  return {
    heading: 'IP table, ipv4: every flavour in one process',
    text:
      `The loads, batches and single lookups again, all four flavours in one Node process (\`bench/workers/ip-probe.js\`): ${one.rounds} rounds, each ` +
      'rotating through the flavours, medians of wall time (batches and IPv6 lookups: the second of two calls, with the table in cache). Taken minutes apart in processes of their own (the tables above), ' +
      'flavours meet different moments of this shared machine; here they meet the same ones, so the ratios between them are less moved by it (not unmoved: two such runs can still differ by 1.3×). ' +
      'In this process the WASM flavour’s memory has grown, which detaches ArrayBuffers: the JS code of every flavour (the JS twin’s load above all) runs as it does after a detach (the block above), so the JS flavour’s ratios here are the ones of a process that also uses WebAssembly. ' +
      `**fromCsv**: the CSV's bytes from memory; **fromFile**: the file read in 64 KiB chunks; ` +
      (v6Loads ? `**IPv6 fromCsv**: the real IPv6 CSV's bytes (${(one.csv6Bytes / 1e6).toFixed(1)} MB); ` : '') +
      'batches as above, but each right after ' +
      "another flavour's loads (so slower than the tables above, which repeat one batch); **IPv6** is `lookup(bigint)` " +
      'inside ranges of the real IPv6 table; **uint32** and **string** are single `lookup`s of uniform IPv4 addresses, as numbers and as dotted text, and **IPv6 string** of the IPv6 ones as text, ' +
      'each flavour with its API and its loop loaded as module instances of their own (`ownInstance`), so that no call site sees two flavours’ tables, as in a program that uses one flavour. ' +
      `Floor: a copy of the ${(one.csvBytes / 1e6).toFixed(1)} MB, ${fmt.ms(one.copyMs)}.`,
    table: {
      header: [
        'runtime',
        'fromFile',
        'fromFile / g++',
        'fromCsv',
        'fromCsv / g++',
        ...(v6Loads ? ['IPv6 fromCsv', 'IPv6 fromCsv / g++'] : []),
        'batch uniform',
        'batch skewed',
        'IPv6 lookup',
        ...(singles ? ['uint32', 'string', 'string / JS', 'IPv6 string', 'IPv6 / IPv4 string'] : []),
      ],
      rows: Object.entries(one.flavours).map(([id, f]) => [
        label(id),
        fmt.ms(f.fromFileMs),
        ratio(f.fromFileMs, base?.fromFileMs),
        fmt.ms(f.fromCsvMs),
        ratio(f.fromCsvMs, base?.fromCsvMs),
        ...(v6Loads ? [fmt.ms(f.fromCsv6Ms), ratio(f.fromCsv6Ms, base?.fromCsv6Ms)] : []),
        fmt.ns(f.batchUniformNs),
        fmt.ns(f.batchSkewedNs),
        fmt.ns(f.v6LookupNs),
        ...(singles
          ? [
              fmt.ns(f.uint32Ns),
              fmt.ns(f.stringNs),
              ratio(f.stringNs, js?.stringNs),
              fmt.ns(f.ipv6StringNs),
              ratio(f.ipv6StringNs, f.stringNs),
            ]
          : []),
      ]),
    },
  };
}

/** The targets of the load and lookup work (issue 13), checked on this run's figures. */
function targetRows(v4, one) {
  const t = [];
  const check = (name, goal, value, ok) => t.push([name, goal, value, ok === undefined ? '–' : ok ? 'met' : 'missed']);
  const base = v4['native-gcc'];
  const js = v4.js;
  if (base) check('CSV load, native (g++)', '≥ 850 MB/s', `${base.csvMBps.toFixed(0)} MB/s`, base.csvMBps >= 850);
  for (const [id, goal] of [
    ['wasm', 1.15],
    ['js', 2],
  ]) {
    const r = v4[id];
    if (r && base) {
      const x = r.csvLoadMs.mean / base.csvLoadMs.mean;
      check(`CSV load, ${label(id)} / native (g++), own processes`, `≤ ${goal}×`, fmt.ratio(x), x <= goal);
    }
    const f = one?.flavours?.[id];
    const g = one?.flavours?.['native-gcc'];
    if (f && g) {
      const x = f.fromFileMs / g.fromFileMs;
      check(`CSV load (fromFile), ${label(id)} / native (g++), one process`, `≤ ${goal}×`, fmt.ratio(x), x <= goal);
    }
  }
  for (const id of ['js', ...KERNELS]) {
    const r = v4[id];
    if (!r) continue;
    const l = r.lookupNs;
    const f = one?.flavours?.[id]; // this flavour in the one-process run, where it has single lookups
    const j = one?.flavours?.js;
    check(`lookup(uint32), ${label(id)}`, '≤ 15 ns', fmt.ns(l.uint32), l.uint32 <= 15);
    if (id !== 'js' && js) {
      const x = l.string / js.lookupNs.string;
      check(`lookup(string) / JS, ${label(id)}, own processes`, '≤ 1.1×', fmt.ratio(x), x <= 1.1);
      if (f?.stringNs !== undefined && j?.stringNs !== undefined) {
        const y = f.stringNs / j.stringNs;
        check(`lookup(string) / JS, ${label(id)}, one process`, '≤ 1.1×', fmt.ratio(y), y <= 1.1);
      }
    }
    if (l.ipv6String) {
      const x = l.ipv6String / l.string;
      check(`IPv6 string / IPv4 string, ${label(id)}, own processes`, '≤ 1.5×', fmt.ratio(x), x <= 1.5);
    }
    if (f?.ipv6StringNs !== undefined) {
      const x = f.ipv6StringNs / f.stringNs;
      check(`IPv6 string / IPv4 string, ${label(id)}, one process`, '≤ 1.5×', fmt.ratio(x), x <= 1.5);
    }
    if (id !== 'js') {
      check(`lookupIndexes uniform, ${label(id)}`, '≤ 8 ns/IP', fmt.ns(l.batch), l.batch <= 8);
      if (l.skewed) check(`lookupIndexes skewed, ${label(id)}`, '≤ 12 ns/IP', fmt.ns(l.skewed.batch), l.skewed.batch <= 12);
    }
  }
  return t;
}

module.exports = { lookupBlocks, oneProcessBlock, targetRows };
