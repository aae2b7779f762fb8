'use strict';
// What must work where: every runtime × flavour of runtimes.js passes every case, except the ones
// listed here, each with the reason it cannot and the error that shows that reason. A listed one
// failing for another reason fails the test; a listed one that starts to pass is reported (the
// matrix shows ✔) so this list can shrink.
const PLAIN_ESM = 'pkg/web.mjs imports the CommonJS files in lib/ as ES modules: without a bundler nothing converts them (being converted to plain ES modules)';

const EXPECTED_FAILURES = {
  'chromium/esm': { because: PLAIN_ESM, error: /does not provide an export named 'default'/ },
  'firefox/esm': { because: PLAIN_ESM, error: /doesn't provide an export named: 'default'|import not found: default/ },
  'webkit/esm': { because: PLAIN_ESM, error: /Importing binding name 'default' (is not found|cannot be resolved)/ },
  'workerd/esm': { because: PLAIN_ESM, error: /does not provide an export named 'default'/ },
};

module.exports = { EXPECTED_FAILURES };
