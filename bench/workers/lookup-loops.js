'use strict';
// Single-lookup loops for bench/workers/ip-probe.js, which loads this module once per flavour (with
// that flavour's API, see ownInstance there): each flavour's loops then have call sites of their
// own, as in a program that uses one flavour, even with every flavour in one process.
module.exports = {
  /** table.lookup(n) for every uint32 of ips; returns how many had a country. */
  lookupNumbers(table, ips) {
    let found = 0;
    for (let i = 0; i < ips.length; i++) if (table.lookup(ips[i]) !== null) found++;
    return found;
  },
  /** The same for address text. */
  lookupTexts(table, texts) {
    let found = 0;
    for (let i = 0; i < texts.length; i++) if (table.lookup(texts[i]) !== null) found++;
    return found;
  },
};
