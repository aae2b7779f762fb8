'use strict';
// The limits the JavaScript side (api/limits.js) and the C++ kernels (src/*.h) each define must be
// the same numbers: read the C++ constants from the headers and compare.
const fs = require('fs');
const path = require('path');
const limits = require('../api/limits.js');

const root = path.join(__dirname, '..');
const read = (file) => fs.readFileSync(path.join(root, file), 'utf8');

/** The value of `constexpr <type> <name> = <expr>;` in C++ source, for simple integer expressions. */
function constant(source, name) {
  const match = new RegExp(`constexpr\\s+[\\w:]+\\s+${name}\\s*=\\s*([^;]+);`).exec(source);
  if (!match) throw new Error(`${name} not found`);
  const expression = match[1].replace(/\b(?:u?int\d+_t|size_t)\{(\d+)\}/g, '$1').replace(/[uU]?[lL]{0,2}\b/g, '');
  if (!/^[\d\sxXa-fA-F<>()+\-*]+$/.test(expression)) throw new Error(`${name}: cannot read ${match[1]}`);
  return Number(Function(`"use strict"; return (${expression});`)());
}

const headers = ['src/fibonacci.h', 'src/ip_address.h', 'src/segments.h', 'src/ip_table.h', 'src/ip_table_builder.h', 'src/csv_reader.h']
  .map(read)
  .join('\n');

test.each([
  ['FIBONACCI_MAX_N', 'kFibonacciMaxN'],
  ['NOT_FOUND', 'kIndexNotFound'],
  ['LOOKUP_NONE', 'kLookupNone'],
  ['LOOKUP_INVALID_TEXT', 'kLookupInvalidText'],
  ['MAX_IP_TEXT', 'kMaxLookupText'],
  ['DEFAULT_MAX_MEMORY', 'kDefaultMaxMemory'],
  ['MAX_COUNTRIES', 'kMaxCountries'],
  ['NO_COUNTRY', 'kNoCountry'],
  ['MAX_CSV_ROW_BYTES', 'kMaxCsvRowBytes'],
])('api/limits.js %s equals the kernels’ %s', (js, cpp) => {
  expect(constant(headers, cpp)).toBe(limits[js]);
});

test("the wasm adapter's feed piece fits the binding's buffer", () => {
  const adapter = read('wasm/backend.js');
  expect(Number(Function(`return ${/const FEED_BYTES = ([^;]+);/.exec(adapter)[1]}`)())).toBe(
    constant(read('wasm/binding.cpp'), 'kFeedBytes'),
  );
});
