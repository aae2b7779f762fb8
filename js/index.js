'use strict';
// The pure-JavaScript implementation: the same kernels and the same public API as native/ and pkg/.
const { createApi } = require('../api/index.js');
const { fibonacci } = require('./fibonacci.js');
const { createBuilder, tableFromBinary } = require('./ip-backend.js');

module.exports = createApi({ fibonacci, createBuilder, tableFromBinary }, { fs: require('fs') });
