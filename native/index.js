'use strict';
// The native Node addon built with the platform's default compiler (g++). See ./clang.js for clang.
const { createApi } = require('../pkg/lib/api.js');
const { nativeBackend } = require('./backend.js');

module.exports = createApi(nativeBackend('gcc'), { fs: require('fs') });
