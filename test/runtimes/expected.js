'use strict';
// What must work where: every runtime × flavour of runtimes.js passes every case, except the cells
// listed here, each as 'runtime/flavour': { because: 'the reason it cannot', error: /the error that
// shows it/ }. A listed cell failing for another reason fails the test; one that starts to pass is
// reported (the matrix shows ✔) so the list can shrink.
//
// Empty since the browser entry became plain ES modules (pkg/web.mjs is generated, lib/ bundled in):
// until then every plain-ES-module cell (Chromium, Firefox, WebKit, workerd) failed with
// "SyntaxError: The requested module './lib/api.js' does not provide an export named 'default'".
const EXPECTED_FAILURES = {};

module.exports = { EXPECTED_FAILURES };
