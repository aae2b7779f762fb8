'use strict';
// Timed blocks of single lookups for bench/workers/ip.js and detach.js: BLOCK lookups from a cursor
// that wraps without a division (a `%` would be timed as part of the lookup), the loop's state in
// locals (lengths read once per block). Load it with freshBlocks() once per input (each
// distribution, each text family): every instance has type feedback and optimised code of its own,
// as a program's own loop has. With one loop for the uniform and the skewed addresses, the uniform
// search alone took 15.2-15.7 ns per lookup; with an instance each, 13.5-14.6 (Node 20; 10.7-11.1
// with no skewed loop in the process).
const BLOCK = 1000;

let cursor = 0;

module.exports = {
  BLOCK,
  /** table.lookup of BLOCK of ips (numbers, text, bigints: one kind per instance); returns how many had a country. */
  lookups(table, ips) {
    const n = ips.length;
    let c = cursor;
    let found = 0;
    for (let i = 0; i < BLOCK; i++) {
      if (table.lookup(ips[c]) !== null) found++;
      if (++c === n) c = 0;
    }
    cursor = c;
    return found;
  },
  /** The JS twin's search alone (an Ipv4Segments): the part of a lookup no API surrounds. */
  search(segments, ips) {
    const n = ips.length;
    let c = cursor;
    let found = 0;
    for (let i = 0; i < BLOCK; i++) {
      if (segments.lookup(ips[c]) >= 0) found++;
      if (++c === n) c = 0;
    }
    cursor = c;
    return found;
  },
  /** The same for IPv6 (an Ipv6Segments), the addresses as four words each in `words`. */
  search6(segments, words) {
    const count = words.length >>> 2;
    let c = cursor;
    let found = 0;
    for (let i = 0; i < BLOCK; i++) {
      if (segments.lookup(words[4 * c], words[4 * c + 1], words[4 * c + 2], words[4 * c + 3]) >= 0) found++;
      if (++c === count) c = 0;
    }
    cursor = c;
    return found;
  },
  /** Every character of BLOCK texts read with charCodeAt, nothing else: the floor of any parse. */
  read(texts) {
    const count = texts.length;
    let c = cursor;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) {
      const s = texts[c];
      for (let k = 0, n = s.length; k < n; k++) sum += s.charCodeAt(k);
      if (++c === count) c = 0;
    }
    cursor = c;
    return sum;
  },
};

/** A new instance of this module: its functions profiled and optimised apart from every other's. */
module.exports.freshBlocks = () => {
  delete require.cache[__filename];
  const blocks = require(__filename);
  delete require.cache[__filename];
  return blocks;
};
