// @ts-check
'use strict';
// Per-IP lookups of a native or WebAssembly table, done in JavaScript over views of that table's
// own IPv4 arrays: a call across the boundary costs more than the search it would run (Node-API
// ~45 ns, a wasm export ~15 ns, the search ~10 ns on the real table), and the layout is the one
// this twin's Ipv4Segments searches. IPv4 text is parsed here too (the same parser as the JS
// table); IPv6 addresses are searched by the kernel, one call each, and their text parsed here or,
// where the kernel parses it faster than JavaScript does (the addon: kernelParsesIPv6Text), there.
const { Ipv4Segments } = require('./ipv4-segments.js');
const { parseIPText, parseIPv4String, TEXT_IPV6, isMappedIPv4 } = require('./ip-address.js');
const { LOOKUP_INVALID_TEXT } = require('../api/limits.js');

/** @typedef {import('../api/backend').TableHandle} TableHandle */
/** @typedef {[Uint32Array, Uint8Array, Uint32Array | null]} V4Arrays starts, countries, index */
/** @typedef {Pick<TableHandle, 'lookupV4' | 'lookupV6' | 'lookupText'>} Lookups */
/** @typedef {Lookups & { release(): void }} ReleasableLookups */

/** What the lookups call once the table is deleted: nothing that could read freed memory. */
const FREED = () => {
  throw new TypeError('IpCountryTable: the table has been freed'); // as the API layer says it
};
const FREED_LOOKUPS = { lookupV4: FREED, lookupV6: FREED, lookupText: FREED };
const NO_VIEWS = new Ipv4Segments(new Uint32Array(0), new Uint8Array(0), null);

/**
 * @param {() => V4Arrays | null} arrays the table's IPv4 arrays, asked again when the views
 *   detach (wasm views do when the heap grows); null where the runtime gives no views (or the
 *   caller wants every lookup to be a kernel call)
 * @param {Lookups} kernel the same lookups as calls into the kernel: the fallback
 * @param {{ kernelParsesIPv6Text?: boolean }} [options] kernelParsesIPv6Text: text that is not
 *   IPv4 goes to kernel.lookupText whole, unparsed here
 * @returns {ReleasableLookups} release() before the table is deleted: the views go, and a lookup
 *   after it throws instead of reading freed memory
 */
function kernelTableLookups(arrays, kernel, { kernelParsesIPv6Text = false } = {}) {
  let calls = kernel;
  const first = arrays();
  if (first === null) {
    return {
      lookupV4: (ip) => calls.lookupV4(ip),
      lookupV6: (w0, w1, w2, w3) => calls.lookupV6(w0, w1, w2, w3),
      lookupText: (text) => calls.lookupText(text),
      release() {
        calls = FREED_LOOKUPS;
      },
    };
  }
  let v4 = new Ipv4Segments(...first);
  let n = first[1].length;
  /** @param {number} ip */
  const lookupV4 = (ip) => {
    if (v4.countries.length !== n) v4 = new Ipv4Segments(.../** @type {V4Arrays} */ (arrays()));
    return v4.lookup(ip);
  };
  /** @type {Lookups['lookupV6']} */
  const lookupV6 = (w0, w1, w2, w3) => (isMappedIPv4(w0, w1, w2) ? lookupV4(w3) : calls.lookupV6(w0, w1, w2, w3));
  const words = new Uint32Array(4);
  return {
    lookupV4,
    lookupV6,
    lookupText(text) {
      if (kernelParsesIPv6Text) {
        const v4 = parseIPv4String(text);
        return v4 >= 0 ? lookupV4(v4) : calls.lookupText(text);
      }
      const ip = parseIPText(text, words);
      if (ip >= 0) return lookupV4(ip);
      return ip === TEXT_IPV6 ? lookupV6(words[0], words[1], words[2], words[3]) : LOOKUP_INVALID_TEXT;
    },
    release() {
      n = -1; // never a length: the next IPv4 lookup asks for arrays, which throws
      v4 = NO_VIEWS;
      arrays = FREED;
      calls = FREED_LOOKUPS;
    },
  };
}

module.exports = { kernelTableLookups };
