'use strict';
// Seeded random IPv4 addresses, the same in every runtime (Node workers and the browser page).

/** mulberry32: a tiny, well-known seeded PRNG. */
function randomUint32s(count, seed) {
  const out = new Uint32Array(count);
  let a = seed >>> 0;
  for (let i = 0; i < count; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (t ^ (t >>> 14)) >>> 0;
  }
  return out;
}

const dotted = (ip) => `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;

module.exports = { randomUint32s, dotted };
