'use strict';
// The native Node addon built with clang (the compiler behind Emscripten), to tell compiler
// effects from VM overhead in the study.
const { createApi } = require('../pkg/lib/api.js');
const { loadAddon } = require('./load.js');

module.exports = createApi(loadAddon('clang'));
