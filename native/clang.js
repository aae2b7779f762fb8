'use strict';
// The native Node addon built with clang (the compiler behind Emscripten), to tell compiler
// effects from VM overhead in the study.
const { createApi } = require('../api/index.js');
const { nativeBackend } = require('./backend.js');

module.exports = createApi(nativeBackend('clang'), { fs: require('fs') });
