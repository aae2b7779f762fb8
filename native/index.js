'use strict';
// The native Node addon built with the platform's default compiler (g++). See ./clang.js for clang.
const { createApi } = require('../pkg/lib/api.js');
const { loadAddon } = require('./load.js');

module.exports = createApi(loadAddon('gcc'));
