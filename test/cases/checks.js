'use strict';
// The conformance runner's assertions (test/cases/run.js and its suites): plain functions that throw
// a Mismatch, with no Jest and no Node built-ins, so they run in every runtime.
const { show, capture, outcome, expected } = require('./ip-check.js');

class Mismatch extends Error {}

/** Deep equality with Object.is for primitives (so -0 is not 0), for plain data. */
function same(a, b) {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && same(a[k], b[k]));
  }
  return false;
}

const render = (value) => JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v === undefined ? '(undefined)' : v));

function eq(got, want, label = '') {
  if (!same(got, want)) throw new Mismatch(`${label ? `${label}: ` : ''}got ${render(got)}, want ${render(want)}`);
}

function ok(condition, message) {
  if (!condition) throw new Mismatch(message);
}

/** Checks the class of an error the way the Jest suites do. */
function errorClass(api, error, type) {
  if (type === 'CsvError') {
    ok(
      error instanceof api.CsvError && error instanceof Error && typeof error.line === 'number',
      `expected a CsvError with a line, got ${show(error)}`,
    );
  } else {
    ok(error instanceof globalThis[type], `expected an instance of ${type}, got ${error?.constructor?.name}`);
  }
  eq(error.constructor.name, type, 'error class');
}

/** A result against `expect` (a table or an error), as check() in test/support/ip-conformance.js. */
function checkResult(api, result, want, label) {
  eq(outcome(result, want), expected(want), label);
  if (want.error) errorClass(api, result.error, want.error);
  else {
    const countries = [...result.value.countries];
    eq(countries, [...countries].sort(), 'countries sorted');
    eq(new Set(countries).size, countries.length, 'countries distinct');
  }
}

function throwsLike(fn, type, message) {
  const result = capture(fn);
  eq({ threw: !!result.threw, type: result.error?.constructor?.name, message: result.error?.message }, { threw: true, type, message });
  ok(result.error instanceof globalThis[type], `not an instance of ${type}`);
}

module.exports = { Mismatch, same, render, eq, ok, errorClass, checkResult, throwsLike };
