'use strict';
// The native Node addon built with the platform's default compiler (g++). See ./clang.js for clang.
const { createApi } = require('../api/index.js');
const { nativeBackend } = require('./backend.js');

module.exports = createApi(nativeBackend('gcc'), { fs: require('fs') });
