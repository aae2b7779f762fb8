'use strict';
// The IPv6 index (a static search tree over the high 64 bits of the starts: src/ipv6_segments.cpp
// and its twin js/ipv6-segments.js) on a table built so that runs of starts inside one /64 cross
// the index's keys — the case where a lookup must begin at the strict count. Every implementation
// against a brute-force answer, at and around every start.
const { IMPLEMENTATIONS } = require('./implementations.js');

const hex = (n, width) => n.toString(16).padStart(width, '0');
// 6,000 ranges (over the 4,096 from which tables are indexed): 150 /64 networks with 40 ranges
// each, every range 2^58 addresses wide; countries alternate over three codes.
const CODES = ['AU', 'NZ', 'JP'];
const rows = [];
for (let net = 0; net < 150; net++) {
  for (let k = 0; k < 40; k++) {
    const high = 0x20010db800000000n + BigInt(net) * 0x10000n;
    const start = (high << 64n) | (BigInt(k) << 58n);
    const end = start + (1n << 58n) - 1n - (k % 5 === 4 ? 1n << 50n : 0n); // every fifth leaves a gap
    rows.push({ start, end, code: CODES[(net + k) % 3] });
  }
}
const text = (v) => {
  const h = hex(v, 32);
  return h.match(/..../g).join(':');
};
const CSV = rows.map((r) => `${text(r.start)},${text(r.end)},${r.code}`).join('\n');

function expected(ip) {
  let found = null;
  for (const r of rows) if (r.start <= ip && ip <= r.end) found = r.code;
  return found;
}

const probes = [];
for (const r of rows) probes.push(r.start, r.start - 1n, r.end, r.end + 1n, (r.start + r.end) / 2n);
probes.push(0n, (1n << 128n) - 1n, 0x20010db8n << 96n);

describe.each(IMPLEMENTATIONS)('$name', ({ load }) => {
  test('every lookup around every start matches the brute force', () => {
    const { IpCountryTable } = load();
    const table = IpCountryTable.fromCsv(CSV);
    try {
      const answers = probes.map((ip) => table.lookup(ip));
      const wrong = probes.filter((ip, i) => answers[i] !== expected(ip));
      expect(wrong.map((ip) => text(ip))).toEqual([]);
      expect(answers.filter((a) => a !== null).length).toBeGreaterThan(probes.length / 2);
    } finally {
      table.free();
    }
  });
});
