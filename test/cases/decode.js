'use strict';
// Case files are JSON; values JSON cannot hold are tagged objects. This turns them back into values.
const NUMBERS = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
  '-0': -0,
  'Number.MAX_SAFE_INTEGER': Number.MAX_SAFE_INTEGER,
};

function decode(value) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    if ('$number' in value) {
      if (!(value.$number in NUMBERS)) throw new Error(`unknown $number tag ${value.$number}`);
      return NUMBERS[value.$number];
    }
    if ('$bigint' in value) return BigInt(value.$bigint);
    if ('$undefined' in value) return undefined;
  }
  return value;
}

module.exports = { decode };
