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
const { mutate } = require('./cases/decode-ip.js');
const { v4Text, u32, u128, lookupValue, rangeTexts, csvText, plainCsv } = require('./support/ip-arbitraries.js');

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
// Input for the tables

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

  test(`CSV of plain dotted-quad and IPv6 rows, some bent, whole and in chunks, with budgets: the fast lanes agree (${RUNS.plain} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        plainCsv,
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom(undefined, 'error'),
        fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 2400 })), // about 60 rows (IPv4 rows cost 20 bytes, IPv6 68)
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

  // The checksum of the version the bytes say (offset 8), or version 1 / 2 with its own.
  const FIX_CHECKSUM = [{ fixChecksum: true }];
  const AS_VERSION_1 = [{ setU32: [8, 1] }, { fixChecksum: true }];
  const AS_VERSION_2 = [{ setU32: [8, 2] }, { fixChecksum: true }];

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
      fc.record({ kind: fc.constant('fixChecksum') }),
      fc.record({ kind: fc.constant('fixChecksum') }),
      fc.record({ kind: fc.constant('version1') }),
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
            else if (step.kind === 'fixChecksum' && bytes.length >= 12) bytes = mutate(bytes, FIX_CHECKSUM);
            // What version 1 wrote: the same bytes with its version and its checksum (CRC-32).
            else if (step.kind === 'version1' && bytes.length >= 12) bytes = mutate(bytes, AS_VERSION_1);
          }
        }
        const probes = [...extra, '1.0.0.1', '2001:db8::1', 0, 16777217, 0xffffffff, MASK128];
        const results = impls.map(({ name, api }) => ({
          name,
          value: outcome(() => api.IpCountryTable.fromBinary(atOffset(bytes, offset)), probes),
        }));
        expectAllEqual(results, 'fromBinary');
        // A snapshot that loads comes back byte for byte (a version-1 one as version 2).
        if (results[0].value.snapshot !== undefined) expect(results[0].value.snapshot).toBe(hex(mutate(bytes, AS_VERSION_2)));
      }),
      fcOptions(RUNS.snapshot),
    );
  });
});
