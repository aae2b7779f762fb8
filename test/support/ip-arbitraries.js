'use strict';
// The generators of test/differential.test.js (fast-check arbitraries): addresses in their many
// spellings, valid and near-miss, lookup values of every type, and CSV text of every shape the
// reader and the fast lanes take or reject.
const fc = require('fast-check');

const MASK128 = (1n << 128n) - 1n;

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
 * Rows of the common forms, `a.b.c.d,a.b.c.d,CC` and its IPv6 twin, that the implementations' fast lanes read
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
/** The same with IPv6 text (any spelling, IPv4-mapped ones and embedded IPv4 included), bent by the same bends and some of its own. */
const V6_BENDS = [
  (t) => t.replace(/::/, ':::'),
  (t) => t.replace(/:([0-9a-f]+)/i, ':1$1'), // a group one digit longer (five digits, or still four)
  (t) => t.replace(/:/, ':g'),
  (t) => t.replace(/^[^,]*,/, '1.2.3.4,'), // mixed families
  (t) => t.replace(/^[^,]*,/, (m) => `${m.slice(0, -1)}:,`), // a trailing ':'
  (t) => t.replace(/,/, '%eth0,'),
];
const plainRow6 = fc
  .tuple(u128, u128, fc.nat(5), fc.nat(5), goodCountry, fc.nat(3 * (PLAIN_BENDS.length + V6_BENDS.length)), fc.nat())
  .map(([x, y, s1, s2, cc, bend, k]) => {
    const [lo, hi] = x <= y ? [x, y] : [y, x];
    const text = `${v6Text(lo, s1)},${v6Text(hi, s2)},${cc}`;
    const bends = [...PLAIN_BENDS, ...V6_BENDS];
    return bend < bends.length ? bends[bend](text, k) : text;
  });

const plainCsv = fc
  .tuple(
    fc.constantFrom('', 'start,end,country\n', '\ufeff'),
    fc.array(fc.oneof({ weight: 2, arbitrary: plainRow }, { weight: 1, arbitrary: plainRow6 }), { minLength: 1, maxLength: 60 }),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .map(([head, rows, eol, finalEol]) => head + rows.join(eol) + (finalEol ? eol : ''));

module.exports = { v4Text, u32, u128, lookupValue, rangeTexts, csvText, plainCsv };
