'use strict';
// The numbers the API layer, the pure-JS twin and the adapters share, defined once for JavaScript.
// The C++ kernels have their own constants (src/*.h); test/limits-agree.test.js checks that the
// two sets are equal, so a change on one side fails until the other follows.
module.exports = Object.freeze({
  /** fib(47) = 2971215073 overflows int32. */
  FIBONACCI_MAX_N: 46,
  /** What lookupIndexes writes for an address with no country (kIndexNotFound). */
  NOT_FOUND: 0xffff,
  /** Lookup answers besides a country index (kLookupNone, kLookupInvalidText). */
  LOOKUP_NONE: -1,
  LOOKUP_INVALID_TEXT: -2,
  /** Longer text is no address (valid text is at most 45 characters); the kernels get at most this. */
  MAX_IP_TEXT: 64,
  /** The default memory budget of a table being built, in bytes (kDefaultMaxMemory). */
  DEFAULT_MAX_MEMORY: 2 ** 29,
  /** Distinct country codes a table can hold; index 255 means "no country" (kMaxCountries, kNoCountry). */
  MAX_COUNTRIES: 255,
  NO_COUNTRY: 255,
  /** The longest CSV row, in bytes (kMaxCsvRowBytes). */
  MAX_CSV_ROW_BYTES: 65536,
});
