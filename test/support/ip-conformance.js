'use strict';
// What the IpCountryTable conformance suites (test/ip-conformance*.test.js) share: checking a result
// against a case's `expect`, the error classes, and the input forms.
const path = require('path');
const { expect } = require('@jest/globals');
const { capture, outcome, expected, ...shared } = require('../cases/ip-check.js');

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const FREED = 'IpCountryTable: the table has been freed';
const FREED_TWICE = 'IpCountryTable: free() called twice';

/** Checks a result against `expect` (a table or an error), including the error's class. */
function check(api, result, want, label) {
  const tag = label ? { label } : {};
  expect({ ...tag, ...outcome(result, want) }).toEqual({ ...tag, ...expected(want) });
  if (want.error) checkErrorClass(api, result.error, want.error);
  else {
    const countries = [...result.value.countries];
    expect(countries).toEqual([...countries].sort());
    expect(new Set(countries).size).toBe(countries.length);
  }
}

function checkErrorClass(api, error, type) {
  if (type === 'CsvError') {
    expect(error).toBeInstanceOf(api.CsvError);
    expect(error).toBeInstanceOf(Error);
    expect(typeof error.line).toBe('number');
  } else {
    expect(error).toBeInstanceOf(globalThis[type]);
  }
  expect(error.constructor.name).toBe(type);
}

function expectThrows(fn, type, message) {
  const result = capture(fn);
  expect({ threw: !!result.threw, type: result.error?.constructor?.name, message: result.error?.message }).toEqual({
    threw: true,
    type,
    message,
  });
  expect(result.error).toBeInstanceOf(globalThis[type]);
}

/** The input forms fromCsv takes; a Node Buffer too. */
const INPUT_FORMS = { ...shared.INPUT_FORMS, Buffer: (text) => Buffer.from(text, 'utf8') };

module.exports = { check, checkErrorClass, expectThrows, INPUT_FORMS, FIXTURES, FREED, FREED_TWICE };
