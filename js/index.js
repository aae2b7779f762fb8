'use strict';
// The pure-JavaScript implementation: the same kernels and the same public API as native/ and wasm/.
const { createApi } = require('../api/index.js');
const { backend } = require('./ip-backend.js');

module.exports = createApi(backend, { fs: require('fs') });
