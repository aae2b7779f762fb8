'use strict';
// Differential property tests (fast-check): every implementation in test/implementations.js (pure
// JS, the Node-API addon built with g++ and with clang, the WebAssembly package, and the last three
// with a kernel call per lookup) gets the same
// random input and must give the same answer — every value, every error class, every message and
// every CsvError line. The first implementation is only the reference the others are compared with;
// docs/ip-table.md decides which one is right when they differ.
//
// Seeded and reproducible: NVW_FC_SEED=<n> picks the seed (default below), NVW_FC_RUNS=<factor>
// scales the number of runs (default 1: 12,000 cases, about 20 s on 2 cores). On a failure
// fast-check prints the seed, the path of the shrunk counterexample and the counterexample itself;
// replay it with NVW_FC_SEED=<seed> NVW_FC_PATH=<path>.
const fc = require('fast-check');
const { IMPLEMENTATIONS } = require('./implementations.js');
const { crc32 } = require('./cases/decode-ip.js');

const SEED = Number(process.env.NVW_FC_SEED ?? 0x5eed2026);
const SCALE = Number(process.env.NVW_FC_RUNS ?? 1);
const PATH = process.env.NVW_FC_PATH;
const runs = (n) => Math.max(1, Math.round(n * SCALE));
const RUNS = { csv: runs(3000), plain: runs(1000), lookup: runs(4000), snapshot: runs(4000) };

// Native and WASM look IPv4 addresses up in JavaScript over views of their tables' arrays; their
// per-call variant (a kernel call per lookup, which the bench measures) must answer the same.
const impls = IMPLEMENTATIONS.flatMap(({ name, load, perCall }) => [
  { name, api: load() },
  ...(perCall ? [{ name: `${name}, a kernel call per lookup`, api: perCall() }] : []),
]);
const encoder = new TextEncoder();
const MASK128 = (1n << 128n) - 1n;

// ------------------------------------------------------------------------------------------------
// Outcomes: what a call answered, in a form that can be compared with toEqual.

function describeError(error) {
  if (!(error instanceof Error)) return { thrown: String(error) };
  const out = { error: error.constructor.name, name: error.name, message: error.message };
  if ('line' in error) out.line = error.line;
  return out;
}

function attempt(fn) {
  try {
    return { ok: fn() };
  } catch (error) {
    return describeError(error);
  }
}

const hex = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

/** A table's observable state and its answers for `probes`; frees the table. */
function observe(table, probes) {
  try {
    const v4 = Uint32Array.from(probes.filter((p) => typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= 0xffffffff));
    return {
      size: table.size,
      countries: [...table.countries],
      snapshot: hex(table.toBinary()),
      lookups: probes.map((p) => attempt(() => table.lookup(p))),
      indexes: attempt(() => Array.from(table.lookupIndexes(v4))),
      many: attempt(() => table.lookupMany(probes.filter((p) => typeof p === 'string'))),
    };
  } finally {
    table.free();
  }
}

async function outcomeAsync(fn, probes) {
  let table;
  try {
    table = await fn();
  } catch (error) {
    return describeError(error);
  }
  return observe(table, probes);
}

function outcome(fn, probes) {
  let table;
  try {
    table = fn();
  } catch (error) {
    return describeError(error);
  }
  return observe(table, probes);
}

/** Throws (with every implementation's answer) unless all agree with the first. */
function expectAllEqual(results, what) {
  const [reference, ...others] = results;
  for (const other of others) {
    try {
      expect(other.value).toEqual(reference.value);
    } catch (error) {
      error.message = `${what}: ${other.name} differs from ${reference.name}\n${error.message}`;
      throw error;
    }
  }
}

// ------------------------------------------------------------------------------------------------
// Addresses and their spellings

const bigintToGroups = (v) => Array.from({ length: 8 }, (_, k) => Number((v >> BigInt(16 * (7 - k))) & 0xffffn));
const v4Text = (n) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/** IPv6 text, in one of several valid spellings (chosen by `style`). */
function v6Text(value, style) {
  const groups = bigintToGroups(value);
  const h = (g) => g.toString(16);
  switch (style % 6) {
    case 0:
      return groups.map((g) => g.toString(16).padStart(4, '0')).join(':'); // full
    case 1:
      return groups.map(h).join(':').toUpperCase();
    case 2: {
      // RFC 5952-like: longest zero run as ::
      let best = -1,
        len = 1;
      for (let k = 0; k < 8;) {
        if (groups[k]) {
          k++;
          continue;
        }
        let e = k;
        while (e < 8 && !groups[e]) e++;
        if (e - k > len) {
          best = k;
          len = e - k;
        }
        k = e;
      }
      if (best < 0) return groups.map(h).join(':');
      return `${groups.slice(0, best).map(h).join(':')}::${groups
        .slice(best + len)
        .map(h)
        .join(':')}`;
    }
    case 3: {
      // a shorter (not longest) zero run compressed, or a single zero group as ::
      const k = groups.findIndex((g) => g === 0);
      if (k < 0) return groups.map(h).join(':');
      return `${groups.slice(0, k).map(h).join(':')}::${groups
        .slice(k + 1)
        .map(h)
        .join(':')}`;
    }
    case 4: {
      // last 32 bits as IPv4 text
      const low = Number(value & 0xffffffffn);
      return `${groups.slice(0, 6).map(h).join(':')}:${v4Text(low)}`;
    }
    default:
      return `${groups.map(h).join(':')}`;
  }
}

const u32 = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0x01000000, max: 0x010003ff }) }, // a crowded area: overlaps
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffffffff }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, 0xfffffffe, 0xffffffff, 0x7fffffff, 0x80000000) },
);
const u128 = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 1023 }).map((n) => (0x20010db8n << 96n) + BigInt(n)) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: MASK128 }) },
  { weight: 1, arbitrary: u32.map((n) => (0xffffn << 32n) | BigInt(n)) }, // IPv4-mapped
  { weight: 1, arbitrary: fc.constantFrom(0n, 1n, MASK128, MASK128 - 1n, 0xffffffffn, 0x100000000n, 0xffff00000000n) },
);

const junkText = fc.string({
  unit: fc.constantFrom(...'0123456789abcdefABCDEF.:%[]/ -+x\t'.split(''), '\u00e9', '\u0000', '\ud83d\ude00'),
  maxLength: 48,
});

/** Strings to look up: valid IPv4/IPv6 spellings, near misses, junk. */
const ipString = fc.oneof(
  u32.map(v4Text),
  fc.tuple(u128, fc.nat(5)).map(([v, s]) => v6Text(v, s)),
  fc.tuple(u32, fc.constantFrom('0', ' ', '.', '.0', ':', '%eth0')).map(([n, s]) => v4Text(n) + s),
  fc.tuple(u128, fc.nat(5), fc.constantFrom(':', '::', ':0', '%1', ' ', 'g', '::1')).map(([v, s, x]) => v6Text(v, s) + x),
  fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.')),
  fc
    .array(
      fc.integer({ min: 0, max: 0x1ffff }).map((n) => n.toString(16)),
      { minLength: 1, maxLength: 10 },
    )
    .map((g) => g.join(':')),
  junkText,
);

/** Anything lookup() may be called with. */
const lookupValue = fc.oneof(
  { weight: 4, arbitrary: ipString },
  { weight: 2, arbitrary: u32 },
  { weight: 2, arbitrary: u128 },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      -1,
      1.5,
      2 ** 32,
      -0,
      NaN,
      Infinity,
      2 ** 53,
      -1n,
      1n << 128n,
      null,
      undefined,
      true,
      {},
      [],
      '',
      ' 1.2.3.4',
    ),
  },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.bigInt({ min: -(1n << 130n), max: 1n << 130n }) },
);

// ------------------------------------------------------------------------------------------------
// CSVs

/** A field: its text, maybe quoted (with "" escapes), maybe padded with blanks. */
const field = (text) =>
  fc.tuple(fc.nat(9), fc.constantFrom('', ' ', '\t', '  ')).map(([q, pad]) => {
    if (q === 0) return `${pad}"${text.replace(/"/g, '""')}"${pad}`;
    if (q === 1) return `"${text.replace(/"/g, '""')}"`;
    return q === 2 ? `${pad}${text}${pad}` : text;
  });

/** One family's start and end, spelled in a random notation; unless `valid`, sometimes reversed or mixed. */
const rangeTexts = (valid) =>
  fc.oneof(
    fc.tuple(u32, u32, fc.nat(valid ? 3 : 5)).map(([a, b, how]) => {
      const [lo, hi] = how === 5 ? [b, a] : [Math.min(a, b), Math.max(a, b)];
      if (how === 1) return [String(lo), String(hi)];
      if (how === 2) return [`::ffff:${v4Text(lo)}`, `::ffff:${v4Text(hi)}`];
      if (how === 4) return [v4Text(lo), String(hi)]; // mixed notations: an error
      return [v4Text(lo), v4Text(hi)];
    }),
    fc
      .tuple(
        u128.filter((v) => !valid || v >> 32n !== 0xffffn),
        u128.filter((v) => !valid || v >> 32n !== 0xffffn),
        fc.nat(valid ? 5 : 7),
        fc.nat(5),
      )
      .map(([a, b, how, style]) => {
        const [lo, hi] = how === 7 ? [b, a] : a < b ? [a, b] : [b, a];
        if (how === 1 && hi > 0xffffffffn) return [String(lo), String(hi)];
        if (how === 6) return [v6Text(lo, style), v4Text(Number(hi & 0xffffffffn))]; // families differ
        return [v6Text(lo, style), v6Text(hi, (style + how) % 6)];
      }),
    ...(valid
      ? []
      : [
          fc.tuple(ipString, ipString),
          fc
            .tuple(fc.bigInt({ min: 0n, max: 1n << 129n }), fc.bigInt({ min: 0n, max: 1n << 129n }))
            .map(([a, b]) => [String(a), String(b)]),
        ]),
  );

const goodCountry = fc.constantFrom('AU', 'cn', 'De', 'US', 'ZZ', 'fr', 'JP');
const country = fc.oneof(
  { weight: 8, arbitrary: goodCountry },
  { weight: 1, arbitrary: fc.constantFrom('A1', 'USA', '', 'u', '\u00c9S', '"', 'a b', 'zz') },
);

const extraFields = fc.array(fc.oneof(fc.constantFrom('x', 'note, "quoted"', 'multi\nline', 'multi\r\nline', ''), junkText), {
  maxLength: 2,
});
const quotedExtra = fc.constantFrom('x', '"note, ""quoted"""', '"multi\nline"', ' "multi\r\nline" ', '', '"a,b"');

const row = (valid) =>
  valid
    ? fc
        .tuple(rangeTexts(true), goodCountry, fc.array(quotedExtra, { maxLength: 2 }))
        .chain(([[start, end], code, extras]) => fc.tuple(field(start), field(end), field(code)).map((f) => [...f, ...extras].join(',')))
    : fc.tuple(rangeTexts(false), country, extraFields, fc.nat(19)).chain(([[start, end], code, extras, variant]) => {
        if (variant === 0) return fc.constant(`${start},${end}`); // too few fields
        return fc.tuple(field(start), field(end), field(code), ...extras.map((e) => field(e))).map((fields) => fields.join(','));
      });

const blankLine = fc.constantFrom('', '  ', '\t', ' \t ');
const line = (valid) =>
  valid
    ? fc.oneof({ weight: 12, arbitrary: row(true) }, { weight: 1, arbitrary: blankLine })
    : fc.oneof(
        { weight: 12, arbitrary: fc.oneof(row(true), row(false)) },
        { weight: 1, arbitrary: blankLine },
        { weight: 1, arbitrary: junkText },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            '"unterminated, 1.0.0.0',
            '"a"b,1,2',
            '1.0.0.0,1.0.0.1,"AU" x',
            '"1.0.0.0"  ,1.0.0.9,AU',
            ',,',
            'start,end,country',
          ),
        },
      );

/** A CSV text: 3 in 5 are well-formed (so tables and overlap errors get built), the rest are noisy. */
const csvText = fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 2, arbitrary: fc.constant(false) }).chain((valid) =>
  fc
    .tuple(
      fc.constantFrom(
        '',
        '',
        '',
        'start,end,country',
        '"start","end","country"',
        '\ufeff',
        '\ufeffip_from,ip_to,cc',
        ...(valid ? [] : ['a,b']),
      ),
      fc.array(line(valid), { maxLength: 14 }),
      fc.constantFrom('\n', '\r\n', '\n', ...(valid ? [] : ['\r'])),
      fc.boolean(),
      valid
        ? fc.constant([])
        : fc.array(fc.tuple(fc.nat(), fc.constantFrom('"', ',', '\n', '\r', ' ', '.', ':', '0', '\u00e9')), { maxLength: 2 }),
    )
    .map(([header, lines, eol, finalEol, inserts]) => {
      let text = header === '\ufeff' ? `\ufeff${lines.join(eol)}` : [header, ...lines].filter((l, i) => i > 0 || l).join(eol);
      if (finalEol) text += eol;
      for (const [at, ch] of inserts) {
        // stray characters anywhere
        const i = text.length ? at % (text.length + 1) : 0;
        text = text.slice(0, i) + ch + text.slice(i);
      }
      return text;
    }),
);

/**
 * Rows of the common form, `a.b.c.d,a.b.c.d,CC`, that the implementations' fast lanes read
 * straight from the input — each maybe broken or bent in one place, so that the lanes must leave
 * it to the general path (an error there, or a row the lanes do not take), or read it right.
 */
const octet = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 255 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 9, 10, 99, 100, 199, 200, 255) },
);
const PLAIN_BENDS = [
  (t, k) => {
    // a leading zero in one of the eight parts
    let part = 0;
    return t.replace(/\d+/g, (m) => (part++ === k % 8 ? `0${m}` : m));
  },
  (t) => t.replace(/\.\d+,/, '.256,'),
  (t) => t.replace(/\.\d+,/, '.1000,'),
  (t) => t.replace(/\.\d+,/, ','), // three parts
  (t) => t.replace(/,/, '.1,'), // five parts
  (t, k) => t.replace(/,/g, [' ,', ', ', '\t,'][k % 3]),
  (t) => t.replace(/^([^,]*),/, '"$1",'),
  (t) => t.replace(/,([A-Za-z]+)$/, ',"$1"'),
  (t) => t.replace(/,([A-Za-z]+)$/, (m, cc) => `,${cc.toLowerCase()}`),
  (t) => t.replace(/,[A-Za-z]+$/, ',A'),
  (t) => t.replace(/,[A-Za-z]+$/, ',AUS'),
  (t) => t.replace(/,[A-Za-z]+$/, ',A1'),
  (t) => t.replace(/,[A-Za-z]+$/, ',\u00c9S'),
  (t) => t.replace(/^([^,]*),([^,]*),/, '$2,$1,'), // start after end, unless equal
  (t, k) => `${t},${['x', '"q"', 'a"b', '"multi\nline"', '', ' "y" ', '"open'][k % 7]}`,
  (t) => t.replace(/,/, ',,'),
  (t) => `${t}.`,
  (t) => t.replace(/,([A-Za-z]+)$/, ',$1\r'),
  (t) => t.replace(/\./, '..'),
  (t) => `${t}0`,
];
const v4Num = (t) => t.split('.').reduce((v, p) => v * 256 + Number(p), 0);
const plainRow = fc
  .tuple(fc.array(octet, { minLength: 8, maxLength: 8 }), goodCountry, fc.nat(4 * PLAIN_BENDS.length), fc.nat())
  .map(([o, cc, bend, k]) => {
    const a = o.slice(0, 4).join('.');
    const b = o.slice(4).join('.');
    const [lo, hi] = v4Num(a) <= v4Num(b) ? [a, b] : [b, a];
    const text = `${lo},${hi},${cc}`;
    return bend < PLAIN_BENDS.length ? PLAIN_BENDS[bend](text, k) : text;
  });
const plainCsv = fc
  .tuple(
    fc.constantFrom('', 'start,end,country\n', '\ufeff'),
    fc.array(plainRow, { minLength: 1, maxLength: 60 }),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .map(([head, rows, eol, finalEol]) => head + rows.join(eol) + (finalEol ? eol : ''));

/** The CSV bytes cut into chunks (empty ones included), each a view into a larger buffer. */
function chunked(bytes, cuts) {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    const backing = new Uint8Array(p - from + 3);
    backing.set(bytes.subarray(from, p), 1);
    chunks.push(backing.subarray(1, 1 + p - from));
    from = p;
  }
  if (cuts.length % 3 === 0) chunks.push(new Uint8Array(0));
  return chunks;
}

async function* stream(chunks) {
  for (const chunk of chunks) yield chunk;
}

/** Probes for a CSV's table: the texts in it (and their neighbours), plus random values. */
function probesFor(text, extra) {
  const probes = [...extra];
  for (const match of text.matchAll(/[0-9a-fA-F:.]{1,45}/g)) {
    const s = match[0];
    probes.push(s);
    if (/^\d+$/.test(s) && s.length < 40) {
      const n = BigInt(s);
      if (n <= 0xffffffffn) probes.push(Number(n), Number(n) + 1, Number(n) - 1);
      else probes.push(n, n + 1n);
    }
    if (probes.length > 40) break;
  }
  return probes;
}

const fcOptions = (numRuns) => ({ seed: SEED, numRuns, ...(PATH ? { path: PATH } : {}) });

// ------------------------------------------------------------------------------------------------

describe(`differential (fast-check seed ${SEED}; NVW_FC_SEED to change, NVW_FC_RUNS to scale)`, () => {
  test('the implementations under test loaded', () => {
    expect(impls.map((i) => i.name)).toEqual(
      IMPLEMENTATIONS.flatMap((i) => (i.perCall ? [i.name, `${i.name}, a kernel call per lookup`] : [i.name])),
    );
    expect(impls.length).toBeGreaterThanOrEqual(7);
  });

  test(`CSV via fromStream in random chunks, both overlap policies: same tables, errors, lines (${RUNS.csv} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        csvText,
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.constantFrom(undefined, { overlaps: 'narrowest' }, { overlaps: 'error' }),
        fc.array(lookupValue, { maxLength: 6 }),
        async (text, cuts, options, extra) => {
          const bytes = encoder.encode(text);
          const chunks = chunked(bytes, cuts);
          const probes = probesFor(text, extra);
          const results = [];
          for (const { name, api } of impls) {
            results.push({ name, value: await outcomeAsync(() => api.IpCountryTable.fromStream(stream(chunks), options), probes) });
          }
          // fromCsv in one piece must agree with the chunked stream.
          const whole = outcome(() => impls[0].api.IpCountryTable.fromCsv(bytes, options), probes);
          results.push({ name: `${impls[0].name} fromCsv`, value: whole });
          expectAllEqual(results, 'CSV');
        },
      ),
      fcOptions(RUNS.csv),
    );
  });

  test(`CSV of plain dotted-quad rows, some bent, whole and in chunks, with budgets: the fast lanes agree (${RUNS.plain} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        plainCsv,
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom(undefined, 'error'),
        fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 1200 })), // about 60 rows of 20 bytes
        async (text, cuts, overlaps, maxMemory) => {
          const options = { ...(overlaps && { overlaps }), ...(maxMemory && { maxMemory }) };
          const bytes = encoder.encode(text);
          const chunks = chunked(bytes, cuts);
          const probes = probesFor(text, []);
          const results = [];
          for (const { name, api } of impls) {
            results.push({ name, value: outcome(() => api.IpCountryTable.fromCsv(bytes, options), probes) });
            results.push({
              name: `${name} in chunks`,
              value: await outcomeAsync(() => api.IpCountryTable.fromStream(stream(chunks), options), probes),
            });
          }
          expectAllEqual(results, 'plain CSV');
        },
      ),
      fcOptions(RUNS.plain),
    );
  });

  test(`lookup of random strings, numbers and bigints on random tables (${RUNS.lookup} cases)`, () => {
    // A few tables built once from random valid rows; each case looks up random values in one.
    // (IPv6 rows stay clear of ::ffff:0:0/96, which is IPv4: a mapped start with a plain end is an error.)
    const tableV6 = fc.oneof(
      u128.filter((v) => v >> 32n !== 0xffffn && v > 0xffffffffn),
      fc.bigInt({ min: 1n << 64n, max: MASK128 }),
    );
    const tableCsvs = fc.sample(
      fc
        .array(fc.tuple(u32, u32, tableV6, tableV6, fc.constantFrom('AU', 'CN', 'DE', 'US')), { minLength: 1, maxLength: 40 })
        .map((rows) =>
          rows
            .map(
              ([a, b, c, d, cc]) => `${v4Text(Math.min(a, b))},${v4Text(Math.max(a, b))},${cc}\n${c < d ? c : d},${c < d ? d : c},${cc}\n`,
            )
            .join(''),
        ),
      { seed: SEED, numRuns: 4 },
    );
    const tables = impls.map(({ name, api }) => ({ name, tables: tableCsvs.map((csv) => api.IpCountryTable.fromCsv(csv)) }));
    try {
      fc.assert(
        fc.property(fc.nat(tableCsvs.length - 1), fc.array(lookupValue, { minLength: 1, maxLength: 8 }), (which, values) => {
          const results = tables.map(({ name, tables: t }) => ({
            name,
            value: values.map((v) => attempt(() => t[which].lookup(v))),
          }));
          results.push(
            ...tables.map(({ name, tables: t }) => ({ name: `${name} lookupMany`, value: [attempt(() => t[which].lookupMany(values))] })),
          );
          // lookupMany with the first bad element must report it the same way; compare within kinds.
          const singles = results.slice(0, tables.length);
          const manys = results.slice(tables.length);
          expectAllEqual(singles, 'lookup');
          expectAllEqual(manys, 'lookupMany');
        }),
        fcOptions(RUNS.lookup),
      );
    } finally {
      for (const { tables: t } of tables) t.forEach((table) => table.free());
    }
  });

  /** A copy of bytes starting `offset` bytes into a buffer of its own. */
  const atOffset = (bytes, offset) => {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    return padded.subarray(offset);
  };

  test(`fromBinary of valid and mutated snapshots (${RUNS.snapshot} cases)`, () => {
    const validCsv = fc
      .array(fc.tuple(rangeTexts(true), fc.constantFrom('AU', 'CN', 'DE', 'US', 'ZZ')), { maxLength: 10 })
      .map((rows) => rows.map(([[s, e], c]) => `${s},${e},${c}`).join('\n'));
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('xor'), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ kind: fc.constant('truncate'), at: fc.nat() }),
      fc.record({ kind: fc.constant('append'), bytes: fc.uint8Array({ minLength: 1, maxLength: 20 }) }),
      fc.record({
        kind: fc.constant('setU32'),
        at: fc.constantFrom(8, 12, 16, 20),
        value: fc.oneof(fc.nat(300), fc.constant(0xffffffff), fc.nat()),
      }),
      fc.record({ kind: fc.constant('byte'), at: fc.nat(), value: fc.constantFrom(0, 255, 0x41, 0x5a, 0x61, 1) }),
      fc.record({ kind: fc.constant('fixCrc') }),
      fc.record({ kind: fc.constant('fixCrc') }),
    );
    const snapshotInput = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(validCsv, fc.array(mutation, { maxLength: 4 })) },
      { weight: 1, arbitrary: fc.tuple(fc.constant(null), fc.uint8Array({ maxLength: 80 })) },
      {
        weight: 1,
        arbitrary: fc.tuple(
          fc.constant(null),
          fc.uint8Array({ maxLength: 60 }).map((b) => Uint8Array.from([...encoder.encode('NVWIPTBL'), ...b])),
        ),
      },
    );
    const source = impls[0].api.IpCountryTable;
    fc.assert(
      // At a byte offset of 0-3 too: the JS checksum reads whole words only where they are aligned.
      fc.property(snapshotInput, fc.array(lookupValue, { maxLength: 4 }), fc.nat(3), ([csv, steps], extra, offset) => {
        let bytes;
        if (csv === null) {
          bytes = steps;
        } else {
          let table;
          try {
            table = source.fromCsv(csv);
          } catch {
            return; // a CSV the generator got wrong: nothing to snapshot (the CSV property covers it)
          }
          bytes = table.toBinary();
          table.free();
          for (const step of steps) {
            if (step.kind === 'xor' && bytes.length) bytes[step.at % bytes.length] ^= step.bits;
            else if (step.kind === 'byte' && bytes.length) bytes[step.at % bytes.length] = step.value;
            else if (step.kind === 'truncate') bytes = bytes.slice(0, step.at % (bytes.length + 1));
            else if (step.kind === 'append') bytes = Uint8Array.from([...bytes, ...step.bytes]);
            else if (step.kind === 'setU32' && bytes.length >= step.at + 4)
              new DataView(bytes.buffer, bytes.byteOffset).setUint32(step.at, step.value >>> 0, true);
            else if (step.kind === 'fixCrc' && bytes.length >= 4)
              new DataView(bytes.buffer, bytes.byteOffset).setUint32(bytes.length - 4, crc32(bytes.subarray(0, bytes.length - 4)), true);
          }
        }
        const probes = [...extra, '1.0.0.1', '2001:db8::1', 0, 16777217, 0xffffffff, MASK128];
        const results = impls.map(({ name, api }) => ({
          name,
          value: outcome(() => api.IpCountryTable.fromBinary(atOffset(bytes, offset)), probes),
        }));
        expectAllEqual(results, 'fromBinary');
        // A snapshot that loads comes back byte for byte.
        if (results[0].value.snapshot !== undefined) expect(results[0].value.snapshot).toBe(hex(bytes));
      }),
      fcOptions(RUNS.snapshot),
    );
  });
});
