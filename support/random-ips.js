'use strict';
// Seeded random numbers and IPv4 addresses, the same in every runtime (Node workers, the browser
// page, the tests).

/** mulberry32: a tiny, well-known seeded PRNG; each call returns the next uint32. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function randomUint32s(count, seed) {
  const next = mulberry32(seed);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) out[i] = next();
  return out;
}

const dotted = (ip) => `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;

/**
 * Texts as a server receives them: a JSON round trip leaves every string flat (one piece of memory),
 * as strings read from a socket or parsed from a header are. Built by concatenation, as `dotted` and
 * formatIPv6 build them, V8 keeps those of 13 characters or more as ropes, which every read walks:
 * lookup() of those measured 1.2-1.25× slower than of the same texts flat (Node 20, IPv4 and IPv6).
 */
const asReceived = (texts) => JSON.parse(JSON.stringify(texts));

/** The dotted texts of ips, as received (see asReceived). */
const dottedTexts = (ips) => asReceived(Array.from(ips, dotted));

module.exports = { mulberry32, randomUint32s, dotted, asReceived, dottedTexts };
