'use strict';
// The report's opening: the seed study's published ratios next to ours, and "when to choose what",
// each conclusion restated with the ratio this run measured (agreeing or not).
const fmt = require('./format.js');
const { RUNTIMES } = require('../implementations.js');
const { slowdowns } = require('./ip-detach.js');

const label = (id) => RUNTIMES[id]?.label ?? id;

// Published by the original study (Apple M1, whole-process hyperfine timings, n = 44). Theirs, not ours.
const SEED = { machine: 'Apple M1', n: 44, ratios: { 'native/js': 0.39, 'wasm/js': 0.56 } };

function largestN(ratios) {
  const ns = Object.keys(ratios ?? {})
    .map(Number)
    .sort((a, b) => a - b);
  return ns[ns.length - 1];
}

function conclusionBlocks(results) {
  const fib = results.workloads?.fib;
  const ip = results.workloads?.ip;
  const blocks = [];
  const lines = [];
  if (fib) {
    const whole = fib.summary.wholeProcessRatios ?? {};
    const inProc = fib.summary.inProcessRatios ?? {};
    const n = whole[SEED.n] ? SEED.n : largestN(whole);
    const r = whole[n] ?? {};
    if (n !== undefined) {
      blocks.push({
        heading: "The original study's ratios next to ours",
        text:
          `The original study published whole-process ratios at n = ${SEED.n} on an ${SEED.machine} (their figures, copied, not measured here). ` +
          `Ours are whole-process ratios from this run at n = ${n}${n === SEED.n ? '' : ` (the largest n of this profile; \`--full\` runs n = ${SEED.n})`}.`,
        table: {
          header: ['ratio', `theirs (${SEED.machine}, n = ${SEED.n})`, `ours (n = ${n})`],
          rows: [
            [
              'Native / JS',
              fmt.ratio(SEED.ratios['native/js']),
              `${fmt.ratio(r['native-gcc/js'])} (g++), ${fmt.ratio(r['native-clang/js'])} (clang)`,
            ],
            ['WASM / JS', fmt.ratio(SEED.ratios['wasm/js']), fmt.ratio(r['wasm/js'])],
            [
              'WASM / Native',
              fmt.ratio(SEED.ratios['wasm/js'] / SEED.ratios['native/js']),
              `${fmt.ratio(r['wasm/native-gcc'])} (g++), ${fmt.ratio(r['wasm/native-clang'])} (clang)`,
            ],
          ],
        },
      });
    }
    const start = Object.values(fib.summary.startup ?? {});
    if (start.length) {
      const shares = start.map((s) => (s.nodeMs + s.loadMs) / s.wholeMs);
      const r30 = whole[start[0].n] ?? {};
      const spread = Math.max(...Object.values(r30)) / Math.min(...Object.values(r30));
      lines.push(
        `**"At n = ${start[0].n} all runtimes are equal."** ${spread < 1.25 ? 'Agreed, but not because they compute equally fast' : 'Not in this run'}: Node start-up and module load are ` +
          `${(Math.min(...shares) * 100).toFixed(0)}–${(Math.max(...shares) * 100).toFixed(0)} % of each whole-process run (ratios within ${spread.toFixed(2)}×). ` +
          'Below ~10 ms of work per process, the runtime choice is invisible; measure in-process.',
      );
    }
    if (n !== undefined && r['native-gcc/js'] !== undefined) {
      const agree = (ours, theirs) =>
        Math.abs(ours - theirs) / theirs < 0.25 ? 'agrees' : ours < theirs ? 'native/WASM gain more here' : 'the gain is smaller here';
      lines.push(
        `**"Native is ~2.5× faster than JS (${SEED.ratios['native/js']})."** Ours: ${fmt.ratio(r['native-gcc/js'])} with g++, ${fmt.ratio(r['native-clang/js'])} with clang ` +
          `(whole process, n = ${n}) — ${agree(r['native-clang/js'], SEED.ratios['native/js'])} for clang; on the same source, clang's build takes ${fmt.ratio(r['native-clang/js'] / r['native-gcc/js'])} the time of g++'s.`,
      );
      lines.push(
        `**"WASM is ~1.8× faster than JS (${SEED.ratios['wasm/js']})."** Ours: ${fmt.ratio(r['wasm/js'])} — ${agree(r['wasm/js'], SEED.ratios['wasm/js'])}.`,
      );
      const inN = largestN(inProc);
      const wc = inProc[inN]?.['wasm/native-clang'];
      lines.push(
        `**"Native beats WASM."** Against the same compiler (clang), WASM/native is ${fmt.ratio(r['wasm/native-clang'])} whole-process and ` +
          `${fmt.ratio(wc)} in-process at n = ${inN}: ${wc <= 1.1 ? 'close to parity or better — the VM costs little on this kernel' : 'native is ahead'}. ` +
          `g++ is ahead of both (WASM/native-g++ ${fmt.ratio(inProc[inN]?.['wasm/native-gcc'])}) because it inlines the recursion.`,
      );
    }
  }
  if (ip) {
    const v4 = ip.raw.runs?.ipv4 ?? {};
    if (v4.wasm && v4['native-gcc']) {
      lines.push(
        `**"WASM can't read the file."** It can: the WebAssembly build streams the ${(v4.wasm.csvBytes / 1e6).toFixed(1)} MB CSV at ` +
          `${v4.wasm.csvMBps.toFixed(0)} MB/s (native ${v4['native-gcc'].csvMBps.toFixed(0)} MB/s, JS ${v4.js ? v4.js.csvMBps.toFixed(0) : '–'} MB/s).`,
      );
    }
    const ours = Object.entries(v4).filter(([, r]) => r.lookupNs);
    if (ours.length) {
      const best = (key) => ours.reduce((a, b) => (b[1].lookupNs[key] < a[1].lookupNs[key] ? b : a));
      const [bId, b] = best('batch');
      const kernels = ours.filter(([, r]) => r.lookupNs.perCallUint32);
      if (kernels.length) {
        const range = (pick) => {
          const xs = kernels.map(([, r]) => pick(r.lookupNs));
          return `${fmt.ns(Math.min(...xs))}–${fmt.ns(Math.max(...xs))}`;
        };
        lines.push(
          '**For a chatty API, do not cross the boundary per item.** A kernel call per `lookup(uint32)` costs ' +
            `${range((l) => l.perCallUint32)} in native and WASM against ${range((l) => l.uint32)} when JavaScript searches their tables in place ` +
            `(pure JS: ${fmt.ns(v4.js?.lookupNs.uint32)}, the search alone ${fmt.ns(v4.js?.lookupNs.search)}): the crossing costs more than the search it buys. ` +
            'So these builds keep single lookups on the JavaScript side over views of the kernel memory, and send work across in bulk: ' +
            `batches run in the kernel at a few ns per IP (best: ${label(bId)}, ${fmt.ns(b.lookupNs.batch)}; pure JS ${fmt.ns(v4.js?.lookupNs.batch)}).`,
        );
      }
    }
  }
  const detach = ip?.raw.detach;
  if (detach?.js?.detached && detach.js.control) {
    const [load, uint32, string] = slowdowns(detach.js.detached);
    const native = detach['native-gcc']?.detached;
    lines.push(
      '**Using WebAssembly slows the JavaScript around it.** A WebAssembly memory that grows detaches its old ArrayBuffer, and after the first ' +
        'detach in a process V8 checks every typed-array read of optimised code: in the same process, with the same call sites, ' +
        `the JS twin's CSV load took ${fmt.ratio(load)} its time before one ArrayBuffer was detached, its \`lookup(uint32)\` ${fmt.ratio(uint32)} and dotted text ${fmt.ratio(string)}` +
        (native
          ? ` (the native flavour's load, in C++, ${fmt.ratio(slowdowns(native)[0])}; its text lookups, parsed in JS, ${fmt.ratio(slowdowns(native)[2])})`
          : '') +
        `; in a control process with nothing detached, the second rounds took ${fmt.ratio(slowdowns(detach.js.control)[0])} (load) and ${fmt.ratio(slowdowns(detach.js.control)[1])} (uint32) of the first. ` +
        'The WASM flavour always runs so (its own memory grew while it loaded), and so does every JS flavour in a process where anything transfers ' +
        'or grows a buffer: compare a JavaScript rewrite with WebAssembly after a detach ("after an ArrayBuffer detach" below), not in a pristine process.',
    );
  }
  const js4 = ip?.raw.runs?.ipv4?.js?.lookupNs;
  if (js4?.ipv6String && js4.ipv6TextRead) {
    const kernelV6 = ['native-gcc', 'native-clang', 'wasm']
      .map((id) => [id, ip.raw.runs.ipv4[id]?.lookupNs?.ipv6String])
      .filter(([, ns]) => ns !== undefined)
      .map(([id, ns]) => `${label(id)} ${fmt.ns(ns)}`);
    lines.push(
      `**IPv6 text costs more than IPv4 text, and not because of the boundary.** In pure JS, \`lookup\` of IPv6 text took ${fmt.ns(js4.ipv6String)} ` +
        `against ${fmt.ns(js4.string)} for IPv4 text (${fmt.ratio(js4.ipv6String / js4.string)}): only reading its characters takes ${fmt.ns(js4.ipv6TextRead)} ` +
        `against ${fmt.ns(js4.ipv4TextRead)} (${fmt.ratio(js4.ipv6TextRead / js4.ipv4TextRead)}: the text is nearly three times as long), and a 128-bit search ` +
        `in JavaScript, as four 32-bit words, took ${fmt.ns(js4.ipv6Search)}. The WASM build parses in JavaScript too and searches IPv6 in the kernel, ` +
        'one call each; the native build hands IPv6 text to the addon whole, one call that parses it in C++ and searches.' +
        `${kernelV6.length ? ` IPv6 text lookups, native and WASM: ${kernelV6.join(', ')}.` : ''}`,
    );
  }
  if (lines.length) blocks.push({ heading: 'When to choose what', text: lines.map((l) => `- ${l}`).join('\n') });
  blocks.push(...perEngineBlocks(results));
  return blocks;
}

const FLAVOUR_LABELS = { js: 'JS', 'native-gcc': 'Native (g++)', 'native-clang': 'Native (clang)', wasm: 'WASM' };

/** Differs from the reference ratio: more than 25 % apart, or on the other side of 1. */
const differs = (value, reference) =>
  value !== undefined && reference !== undefined && (Math.abs(value / reference - 1) > 0.25 || value < 1 !== reference < 1);

/** The conclusions restated per engine, from the runtime matrix: where an engine differs from the Node running the study, and by how much. */
function perEngineBlocks(results) {
  const rt = results.workloads?.runtimes;
  const recs = Object.values(rt?.raw?.runtimes ?? {});
  if (!recs.length) return [];
  const { engineText } = require('./runtimes.js');
  const ratio = (id, figure, key) => rt.summary?.ratios?.[id]?.[figure]?.[key];
  const base = recs.find((r) => r.cells.wasm?.ok && r.cells.js?.ok && r.cells['native-clang']?.ok);
  const fastest = (r, key) => {
    const ok = Object.entries(r.cells).filter(([f, c]) => c.ok && FLAVOUR_LABELS[f]);
    if (!ok.length) return '–';
    const [f, c] = ok.reduce((a, b) => (b[1].lookupNs[key] < a[1].lookupNs[key] ? b : a));
    return `${FLAVOUR_LABELS[f]} (${fmt.ns(c.lookupNs[key])})`;
  };
  const rows = recs.map((r) => [
    r.label,
    engineText(r),
    fmt.ratio(ratio(r.id, 'fib', 'wasm/js')),
    fmt.ratio(ratio(r.id, 'fib', 'wasm/native-clang')),
    fmt.ratio(ratio(r.id, 'csvLoad', 'wasm/js')),
    fastest(r, 'string'),
    fastest(r, 'uint32'),
    fmt.ns(r.cells.wasm?.ok ? r.cells.wasm.boundaryNs : undefined),
    fmt.ns(r.cells['native-clang']?.ok ? r.cells['native-clang'].boundaryNs : undefined),
  ]);
  const lines = [];
  if (base) {
    const claim = (figure, key, what) => {
      const ref = ratio(base.id, figure, key);
      const other = recs
        .filter((r) => r !== base && differs(ratio(r.id, figure, key), ref))
        .map((r) => `${r.label} ${fmt.ratio(ratio(r.id, figure, key))}`);
      const same = recs
        .filter((r) => r !== base && ratio(r.id, figure, key) !== undefined && !differs(ratio(r.id, figure, key), ref))
        .map((r) => r.label);
      return (
        `**${what}** ${base.label}: ${fmt.ratio(ref)}. ${other.length ? `Differs in ${other.join(', ')}` : 'No runtime differs by more than 25 %'}` +
        `${same.length ? `; within 25 % in ${same.join(', ')}` : ''}.`
      );
    };
    lines.push(claim('fib', 'wasm/js', 'WASM / JS on fib.'));
    lines.push(claim('fib', 'wasm/native-clang', 'WASM / Native (clang) on fib, the cost of the wasm VM (Node-API hosts only).'));
    lines.push(claim('csvLoad', 'wasm/js', 'WASM / JS on CSV load.'));
    lines.push(claim('lookupUint32', 'wasm/js', 'WASM / JS per uint32 lookup (a call each).'));
    // An engine whose JS tier runs fib clearly faster than this Node's moves WASM / JS by itself.
    const fastJs = recs.filter((r) => r !== base && r.cells.js?.ok && r.cells.js.fibMs.medianMs < 0.8 * base.cells.js.fibMs.medianMs);
    if (fastJs.length) {
      lines.push(
        `**The JS side moves too**: ${fastJs.map((r) => `${r.label} (${engineText(r).split(', ').pop()}) runs the JS fib in ${fmt.ms(r.cells.js.fibMs.medianMs)}`).join(', ')}, ` +
          `against ${fmt.ms(base.cells.js.fibMs.medianMs)} in ${base.label}; WASM / JS there: ${fastJs.map((r) => `${r.label} ${fmt.ratio(ratio(r.id, 'fib', 'wasm/js'))}`).join(', ')} ` +
          `(${fmt.ratio(ratio(base.id, 'fib', 'wasm/js'))} in ${base.label}): how far WASM beats JS depends on both of an engine's tiers.`,
      );
    }
    // Where no native addon can run, the wasm VM's cost is still visible against this Node's clang build.
    const noNative = recs.filter((r) => !r.cells['native-clang']?.ok && r.cells.wasm?.ok);
    if (noNative.length) {
      const clang = base.cells['native-clang'].fibMs.medianMs;
      lines.push(
        `**Where there is no native addon** (browsers, workerd), WASM is the only alternative to JS; its fib against the native clang build in ${base.label} ` +
          `(${fmt.ms(clang)}): ${noNative.map((r) => `${r.label} ${fmt.ratio(r.cells.wasm.fibMs.medianMs / clang)}`).join(', ')}.`,
      );
    }
    const nodeApi = recs.filter((r) => r.cells['native-clang']?.ok);
    const slowCall = nodeApi.filter((r) => r.cells['native-clang'].boundaryNs > 2 * base.cells['native-clang'].boundaryNs);
    if (slowCall.length) {
      lines.push(
        `**A Node-API call is not the same price everywhere**: ${slowCall.map((r) => `${r.label} ${fmt.ns(r.cells['native-clang'].boundaryNs)}`).join(', ')} per call against ` +
          `${fmt.ns(base.cells['native-clang'].boundaryNs)} in ${base.label} (WASM there: ${slowCall.map((r) => fmt.ns(r.cells.wasm?.boundaryNs)).join(', ')}): a chatty native API costs more outside Node.`,
      );
    }
  }
  return [
    {
      heading: 'When to choose what, per engine',
      text:
        `The conclusions above restated for every runtime of this run (from the runtime matrix below: fib(${rt.raw.settings?.fibN}), fromCsv, lookups). ` +
        `Each claim gives the ratio in ${base?.label ?? 'the Node running the study'}, then the runtimes where it differs (more than 25 % apart, or on the other side of 1×).` +
        (lines.length ? `\n\n${lines.map((l) => `- ${l}`).join('\n')}` : ''),
      table: {
        header: [
          'runtime',
          'engine',
          'fib WASM / JS',
          'fib WASM / clang',
          'CSV WASM / JS',
          'fastest lookup(string)',
          'fastest lookup(uint32)',
          'call: WASM',
          'call: Native (clang)',
        ],
        rows,
      },
    },
  ];
}

module.exports = { conclusionBlocks, SEED };
