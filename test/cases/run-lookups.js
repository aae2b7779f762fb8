'use strict';
// ip-lookup.json for runConformance (run.js): lookup, tryLookup, lookupMany and lookupIndexes on
// one table, and the three agreeing on random addresses.
const { decodeValue } = require('./decode-ip.js');
const { eq, ok, throwsLike } = require('./checks.js');
const { show, random, release } = require('./ip-check.js');

const lookupCases = require('./ip-lookup.json');

/** @param {(name: string, fn: () => unknown) => Promise<void>} test */
async function lookupSuite(api, test) {
  // --- ip-lookup.json
  const table = api.IpCountryTable.fromCsv(lookupCases.table);
  try {
    await test('lookup table', () => {
      eq(table.size, lookupCases.size);
      eq([...table.countries], lookupCases.countries);
    });
    for (const { expect: want, ips } of lookupCases.same) {
      await test(`lookup ${want}: ${show(decodeValue(ips))}`, () => {
        const forms = decodeValue(ips);
        eq(
          forms.map((ip) => [show(ip), table.lookup(ip)]),
          forms.map((ip) => [show(ip), want]),
        );
        const strings = forms.filter((ip) => typeof ip === 'string');
        eq(
          table.lookupMany(strings),
          strings.map(() => want),
          'lookupMany',
        );
        const numbers = forms.filter((ip) => typeof ip === 'number');
        if (numbers.length) {
          const u32 = Uint32Array.from(numbers);
          eq(
            table.lookupMany(u32),
            numbers.map(() => want),
            'lookupMany(Uint32Array)',
          );
          const index = want === null ? 65535 : lookupCases.countries.indexOf(want);
          eq(
            [...table.lookupIndexes(u32)],
            numbers.map(() => index),
            'lookupIndexes',
          );
        }
      });
    }
    for (const c of lookupCases.lookupErrors) {
      await test(`lookup(${show(decodeValue(c.ip))}) throws ${c.error}`, () =>
        throwsLike(() => table.lookup(decodeValue(c.ip)), c.error, c.message));
    }
    await test('lookup() with no argument', () =>
      throwsLike(() => table.lookup(), 'TypeError', 'lookup: ip must be a string, a number or a bigint, got undefined'));
    for (const { name, text, expect: want } of lookupCases.tryLookup) {
      await test(`tryLookup: ${name}`, () => eq(table.tryLookup(text), want));
    }
    await test('tryLookup answers what lookup answers for every address text, and never throws where lookup does', () => {
      for (const { expect: want, ips } of lookupCases.same) {
        for (const ip of decodeValue(ips).filter((form) => typeof form === 'string')) eq([ip, table.tryLookup(ip)], [ip, want]);
      }
      for (const { ip } of lookupCases.lookupErrors) {
        const value = decodeValue(ip);
        // Text may still be an address with spaces or a port around it; anything else is null.
        const answer = table.tryLookup(value);
        eq(
          [show(value), typeof value === 'string' ? answer === null || lookupCases.countries.includes(answer) : answer],
          [show(value), typeof value === 'string' || null],
        );
      }
    });
    for (const c of lookupCases.lookupMany) {
      await test(`lookupMany: ${c.name}`, () => {
        const ips = decodeValue(c.ips);
        if (c.error) throwsLike(() => table.lookupMany(ips), c.error, c.message);
        else {
          const got = table.lookupMany(ips);
          ok(Array.isArray(got), 'an array');
          eq(got, c.expect);
        }
      });
    }
    for (const c of lookupCases.lookupIndexes) {
      await test(`lookupIndexes: ${c.name}`, () => {
        const ips = decodeValue(c.ips);
        const args = 'out' in c ? [ips, decodeValue(c.out)] : [ips];
        if (c.error) throwsLike(() => table.lookupIndexes(...args), c.error, c.message);
        else {
          const got = table.lookupIndexes(...args);
          ok(got instanceof Uint16Array, 'a Uint16Array');
          eq([...got], c.expect);
          if (args[1] !== undefined) ok(got === args[1], 'writes into `out`');
        }
      });
    }
    await test('lookup, lookupMany and lookupIndexes agree on 2,000 random IPv4 numbers', () => {
      const rand = random(42);
      const ips = Uint32Array.from(
        { length: 2000 },
        (_, i) => (i % 2 ? Math.floor(rand() * 2 ** 32) : 0x01000000 + Math.floor(rand() * 512) - 256) >>> 0,
      );
      const one = Array.from(ips, (ip) => table.lookup(ip));
      eq(table.lookupMany(ips), one, 'lookupMany');
      eq(table.lookupMany(Array.from(ips, (ip) => [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.'))), one, 'dotted');
      eq(
        Array.from(ips, (ip) => table.lookup(BigInt(ip) + 0xffff00000000n)),
        one,
        'IPv4-mapped bigint',
      );
      const countries = [...table.countries];
      eq(
        Array.from(table.lookupIndexes(ips), (i) => (i === 65535 ? null : countries[i])),
        one,
        'lookupIndexes',
      );
    });
  } finally {
    release({ value: table });
  }
}

module.exports = { lookupSuite };
