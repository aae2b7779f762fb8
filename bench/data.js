'use strict';
// The study's inputs: the real CSVs from npm, and seeded random IPs (support/random-ips.js).
const path = require('path');
const { randomUint32s, dotted } = require('../support/random-ips.js');

const DATA_PACKAGE = '@ip-location-db/geo-whois-asn-country';

function dataFile(name) {
  const dir = path.dirname(require.resolve(`${DATA_PACKAGE}/package.json`));
  return path.join(dir, name);
}

module.exports = { DATA_PACKAGE, dataFile, randomUint32s, dotted };
