'use strict';
// IpCountryTable on real data (devDependency @ip-location-db/geo-whois-asn-country), checked
// against a reference computed here in the most direct way: for each sampled address, scan every
// row of the CSV and keep the narrowest one covering it (ties: the later row). The data has
// nested ranges (6,825 IPv4 and 703 IPv6 rows overlap an earlier one), so this exercises the
// 'narrowest' policy on real input. Samples are seeded, so every run checks the same addresses.
const { mulberry32 } = require('../support/random-ips.js');
const { skewedUint32s } = require('../support/skewed-ips.js');
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { IMPLEMENTATIONS } = require('./implementations.js');

const PACKAGE = '@ip-location-db/geo-whois-asn-country';

/** A file of the data package (it has no "exports" map, so subpaths resolve; the fallback goes through package.json). */
function dataFile(name) {
  try {
    return require.resolve(`${PACKAGE}/${name}`);
  } catch {
    return path.join(path.dirname(require.resolve(`${PACKAGE}/package.json`)), name);
  }
}

const FILES = {
  v4: dataFile('geo-whois-asn-country-ipv4.csv'),
  v4num: dataFile('geo-whois-asn-country-ipv4-num.csv'),
  v6: dataFile('geo-whois-asn-country-ipv6.csv'),
  v6num: dataFile('geo-whois-asn-country-ipv6-num.csv'),
};

const SAMPLES_PER_KIND = { uniform: 400, spanned: 300, boundary: 300, nested: 300, skewed: 300 };

// ------------------------------------------------------------------------------------------------
// The reference: naive parsing and exhaustive scans.

/** Seeded floats in [0, 1): the same splits and samples on every run. */
function random(seed) {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}

function readRows(file) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split(','));
}

const dotted = (n) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
const ipv4ToNumber = (text) => text.split('.').reduce((n, part) => n * 256 + Number(part), 0);

/** IPv6 text (no embedded IPv4, as in this data) to 32 lower-case hex digits. */
function ipv6ToHex(text) {
  if (text.includes('.')) throw new Error(`unexpected embedded IPv4 in the data: ${text}`);
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const left = head ? head.split(':') : [];
  const right = tail === null ? [] : tail ? tail.split(':') : [];
  const groups = tail === null ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  if (groups.length !== 8) throw new Error(`not 8 groups: ${text}`);
  return groups.map((g) => g.toLowerCase().padStart(4, '0')).join('');
}
const hexToBig = (hex) => BigInt(`0x${hex}`);
const bigToHex = (value) => value.toString(16).padStart(32, '0');
const hexToText = (hex) => hex.match(/..../g).join(':');

function loadV4Reference() {
  const rows = readRows(FILES.v4);
  const n = rows.length;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  const countries = new Array(n);
  rows.forEach(([start, end, country], i) => {
    starts[i] = ipv4ToNumber(start);
    ends[i] = ipv4ToNumber(end);
    countries[i] = country.toUpperCase();
  });
  /** The narrowest row covering x, the later one on a tie, by scanning every row. */
  function answer(x) {
    let best = -1;
    let bestWidth = Infinity;
    for (let i = 0; i < n; i++) {
      if (starts[i] <= x && x <= ends[i]) {
        const width = ends[i] - starts[i];
        if (width <= bestWidth) {
          best = i;
          bestWidth = width;
        }
      }
    }
    return best < 0 ? null : countries[best];
  }
  return { n, starts, ends, countries, answer };
}

function loadV6Reference() {
  const rows = readRows(FILES.v6);
  const n = rows.length;
  const startHex = new Array(n);
  const endHex = new Array(n);
  const startTop = new Float64Array(n); // the top 48 bits, a quick necessary condition
  const endTop = new Float64Array(n);
  const widths = new Array(n);
  const countries = new Array(n);
  rows.forEach(([start, end, country], i) => {
    startHex[i] = ipv6ToHex(start);
    endHex[i] = ipv6ToHex(end);
    startTop[i] = parseInt(startHex[i].slice(0, 12), 16);
    endTop[i] = parseInt(endHex[i].slice(0, 12), 16);
    widths[i] = hexToBig(endHex[i]) - hexToBig(startHex[i]);
    countries[i] = country.toUpperCase();
  });
  function answer(hex) {
    const top = parseInt(hex.slice(0, 12), 16);
    let best = -1;
    for (let i = 0; i < n; i++) {
      // Equal-length lower-case hex strings compare like the numbers they spell.
      if (startTop[i] <= top && top <= endTop[i] && startHex[i] <= hex && hex <= endHex[i]) {
        if (best < 0 || widths[i] <= widths[best]) best = i;
      }
    }
    return best < 0 ? null : countries[best];
  }
  return { n, startHex, endHex, countries, answer };
}

/** Indexes of rows that start inside an earlier row (the data is sorted by start). */
function nestedRows(n, startOf, endOf, greater) {
  const nested = [];
  let maxEnd = null;
  for (let i = 0; i < n; i++) {
    if (maxEnd !== null && !greater(startOf(i), maxEnd)) nested.push(i);
    if (maxEnd === null || greater(endOf(i), maxEnd)) maxEnd = endOf(i);
  }
  return nested;
}

function sampleV4(ref) {
  const rand = random(20240617);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const near = (start, end) => {
    const choice = Math.floor(rand() * 5);
    const x = [start, end, start - 1, end + 1, start + Math.floor(rand() * (end - start + 1))][choice];
    return Math.min(Math.max(x, 0), 4294967295);
  };
  const nested = nestedRows(
    ref.n,
    (i) => ref.starts[i],
    (i) => ref.ends[i],
    (a, b) => a > b,
  );
  const all = Array.from({ length: ref.n }, (_, i) => i);
  const samples = [];
  for (let i = 0; i < SAMPLES_PER_KIND.uniform + SAMPLES_PER_KIND.spanned; i++) samples.push(Math.floor(rand() * 4294967296));
  for (let i = 0; i < SAMPLES_PER_KIND.boundary; i++) {
    const r = pick(all);
    samples.push(near(ref.starts[r], ref.ends[r]));
  }
  for (let i = 0; i < SAMPLES_PER_KIND.nested; i++) {
    const r = pick(nested);
    samples.push(near(ref.starts[r], ref.ends[r]));
  }
  // Traffic-like (the bench's skewed distribution): Zipf over the rows' distinct starts.
  const starts = Uint32Array.from(new Set(ref.starts)).sort();
  samples.push(...skewedUint32s(starts, new Uint8Array(starts.length), SAMPLES_PER_KIND.skewed, 61702));
  return { samples, nestedCount: nested.length };
}

function sampleV6(ref) {
  const rand = random(61701);
  const MAX = (1n << 128n) - 1n;
  const random128 = () => Array.from({ length: 4 }, () => BigInt(Math.floor(rand() * 4294967296))).reduce((v, w) => (v << 32n) | w, 0n);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const clamp = (v) => (v < 0n ? 0n : v > MAX ? MAX : v);
  const near = (r) => {
    const start = hexToBig(ref.startHex[r]);
    const end = hexToBig(ref.endHex[r]);
    const choice = Math.floor(rand() * 5);
    return clamp([start, end, start - 1n, end + 1n, start + (random128() % (end - start + 1n))][choice]);
  };
  const nested = nestedRows(
    ref.n,
    (i) => ref.startHex[i],
    (i) => ref.endHex[i],
    (a, b) => a > b,
  );
  const all = Array.from({ length: ref.n }, (_, i) => i);
  const lowest = hexToBig(ref.startHex[0]);
  const highest = ref.endHex.reduce((a, b) => (a > b ? a : b));
  const span = hexToBig(highest) - lowest + 1n;
  const samples = [];
  for (let i = 0; i < SAMPLES_PER_KIND.uniform; i++) samples.push(random128());
  for (let i = 0; i < SAMPLES_PER_KIND.spanned; i++) samples.push(lowest + (random128() % span));
  for (let i = 0; i < SAMPLES_PER_KIND.boundary; i++) samples.push(near(pick(all)));
  for (let i = 0; i < SAMPLES_PER_KIND.nested; i++) samples.push(near(pick(nested)));
  return { samples, nestedCount: nested.length };
}

/** The spec's overlap walk for overlaps: 'error', on rows in input order (line = index + 1). */
function firstOverlap(ref) {
  const order = Array.from({ length: ref.n }, (_, i) => i).sort((a, b) => ref.starts[a] - ref.starts[b] || a - b);
  let kept = -1;
  for (const i of order) {
    if (kept >= 0 && ref.starts[i] <= ref.ends[kept]) {
      const [later, earlier] = i > kept ? [i, kept] : [kept, i];
      const range = (r) => `${dotted(ref.starts[r])}-${dotted(ref.ends[r])}`;
      return {
        line: later + 1,
        message: `line ${later + 1}: range ${range(later)} overlaps the range on line ${earlier + 1} (${range(earlier)})`,
      };
    }
    if (kept < 0 || ref.ends[i] > ref.ends[kept]) kept = i;
  }
  return null;
}

let v4;
let v6;
beforeAll(() => {
  const ref4 = loadV4Reference();
  const { samples: samples4, nestedCount: nested4 } = sampleV4(ref4);
  v4 = {
    rows: ref4.n,
    nested: nested4,
    samples: samples4,
    answers: samples4.map((x) => ref4.answer(x)),
    overlap: firstOverlap(ref4),
  };
  const ref6 = loadV6Reference();
  const { samples: samples6, nestedCount: nested6 } = sampleV6(ref6);
  v6 = {
    rows: ref6.n,
    nested: nested6,
    samples: samples6,
    answers: samples6.map((x) => ref6.answer(bigToHex(x))),
  };
}, 120_000);

test('the reference samples cover hits, misses and nested ranges', () => {
  for (const ref of [v4, v6]) {
    expect(ref.samples.length).toBeGreaterThanOrEqual(1000);
    expect(ref.nested).toBeGreaterThan(100);
    const hits = ref.answers.filter((a) => a !== null).length;
    expect(hits).toBeGreaterThan(ref.samples.length / 3);
    expect(ref.samples.length - hits).toBeGreaterThan(50);
  }
  expect(v4.overlap).not.toBeNull();
});

const digests = {};

describe.each(IMPLEMENTATIONS)('$name', ({ name, load }) => {
  let api;
  const tables = {};
  beforeAll(() => {
    api = load();
  });
  afterAll(() => {
    for (const table of Object.values(tables)) {
      try {
        table.free();
      } catch {
        // already freed or never built
      }
    }
  });

  test('IPv4: every sampled lookup matches the reference', () => {
    const table = (tables.v4 = api.IpCountryTable.fromFile(FILES.v4));
    const { samples, answers } = v4;
    const mismatches = [];
    samples.forEach((x, i) => {
      const got = {
        dotted: table.lookup(dotted(x)),
        number: table.lookup(x),
        mapped: table.lookup(`::ffff:${dotted(x)}`),
        bigint: table.lookup(0xffff00000000n + BigInt(x)),
      };
      for (const [form, country] of Object.entries(got))
        if (country !== answers[i]) mismatches.push({ ip: dotted(x), form, got: country, want: answers[i] });
    });
    expect(mismatches.slice(0, 20)).toEqual([]);
    const u32 = Uint32Array.from(samples);
    expect(table.lookupMany(u32)).toEqual(answers);
    expect(table.lookupMany(samples.map(dotted))).toEqual(answers);
    const countries = [...table.countries];
    expect(Array.from(table.lookupIndexes(u32), (i) => (i === api.IpCountryTable.NOT_FOUND ? null : countries[i]))).toEqual(answers);
    expect(table.lookup('2001:db8::1')).toBeNull();
  });

  test('IPv4: the -num file and a chunked stream give the identical table', async () => {
    const bytes = tables.v4.toBinary();
    digests[name] = { ...digests[name], v4: crypto.createHash('sha256').update(bytes).digest('hex') };
    tables.v4num = api.IpCountryTable.fromFile(FILES.v4num);
    expect(tables.v4num.size).toBe(tables.v4.size);
    expect(Buffer.compare(Buffer.from(tables.v4num.toBinary()), Buffer.from(bytes))).toBe(0);
    tables.v4num.free();
    delete tables.v4num;
    const streamed = await api.IpCountryTable.fromStream(fs.createReadStream(FILES.v4, { highWaterMark: 65_521 }));
    expect(Buffer.compare(Buffer.from(streamed.toBinary()), Buffer.from(bytes))).toBe(0);
    streamed.free();
  });

  test("IPv4: overlaps: 'error' throws the CsvError the spec's walk predicts", () => {
    let thrown;
    try {
      api.IpCountryTable.fromFile(FILES.v4, { overlaps: 'error' }).free();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(api.CsvError);
    expect({ line: thrown.line, message: thrown.message }).toEqual(v4.overlap);
  });

  test('IPv6: every sampled lookup matches the reference', () => {
    const table = (tables.v6 = api.IpCountryTable.fromFile(FILES.v6));
    const { samples, answers } = v6;
    const texts = samples.map((x) => hexToText(bigToHex(x)));
    const mismatches = [];
    samples.forEach((x, i) => {
      const got = { text: table.lookup(texts[i]), upper: table.lookup(texts[i].toUpperCase()), bigint: table.lookup(x) };
      for (const [form, country] of Object.entries(got))
        if (country !== answers[i]) mismatches.push({ ip: texts[i], form, got: country, want: answers[i] });
    });
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(table.lookupMany(texts)).toEqual(answers);
    expect(table.lookup('1.2.3.4')).toBeNull();
  });

  test('IPv6: the -num file gives the identical table', () => {
    const bytes = tables.v6.toBinary();
    digests[name] = { ...digests[name], v6: crypto.createHash('sha256').update(bytes).digest('hex') };
    const fromNumbers = api.IpCountryTable.fromFile(FILES.v6num);
    expect(fromNumbers.size).toBe(tables.v6.size);
    expect([...fromNumbers.countries]).toEqual([...tables.v6.countries]);
    expect(Buffer.compare(Buffer.from(fromNumbers.toBinary()), Buffer.from(bytes))).toBe(0);
    fromNumbers.free();
  });

  test('IPv6: a snapshot round trip answers the same', () => {
    const loaded = api.IpCountryTable.fromBinary(tables.v6.toBinary());
    expect(loaded.lookupMany(v6.samples.map((x) => hexToText(bigToHex(x))))).toEqual(v6.answers);
    loaded.free();
  });
});

test('every implementation builds byte-identical snapshots of the real data', () => {
  const built = Object.values(digests);
  expect(built.length).toBe(IMPLEMENTATIONS.length);
  for (const d of built) expect(d).toEqual(built[0]);
});
