#!/usr/bin/env node
// `node scripts/runtime-matrix.js [--only node22,deno] [--jobs 2] [--keep]`: the package in every
// runtime (test/runtimes/), printed as a matrix and written to build/runtime-matrix.json. Exit code
// 1 when a cell that test/runtimes/expected.js expects to work did not. test/runtimes.test.js runs
// the same inside `npm test`.
'use strict';
const path = require('path');
const { parseArgs } = require('util');
const { runMatrix, renderMatrix, writeMatrix } = require('../test/runtimes/matrix.js');

const { values } = parseArgs({
  options: { only: { type: 'string' }, jobs: { type: 'string', default: '2' }, keep: { type: 'boolean', default: false } },
});
const out = path.join(__dirname, '..', 'build', 'runtime-matrix.json');

runMatrix({ concurrency: Number(values.jobs), only: values.only ? values.only.split(',') : null, keep: values.keep }).then((matrix) => {
  writeMatrix(matrix, out);
  console.log(renderMatrix(matrix));
  console.log(
    `\n${matrix.rows.length} cells in ${matrix.seconds.toFixed(1)} s; ${path.relative(process.cwd(), out)}${matrix.project ? `; project kept in ${matrix.project}` : ''}`,
  );
  process.exit(matrix.rows.some((r) => r.expected.ok && !r.ok) ? 1 : 0);
});
