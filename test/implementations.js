'use strict';
// The implementations every conformance suite runs against (support/implementations.js), loaded
// lazily so a failure to load one is reported as that implementation's failure. `name` is the
// display name the suites print.
const { IMPLEMENTATIONS: ALL, root } = require('../support/implementations.js');

const IMPLEMENTATIONS = ALL.map((implementation) => ({ ...implementation, name: implementation.label }));

module.exports = { IMPLEMENTATIONS, root };
