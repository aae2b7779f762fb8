'use strict';
// ip-snapshot.json for runConformance (run.js): toBinary's exact bytes, fromBinary's checks in
// their order, and a round trip of every CSV case that loads.
const { decodeValue, caseCsv, buildSnapshot, mutate, fromHex, toHex, crc32, xxh32 } = require('./decode-ip.js');
const { eq, ok, checkResult, throwsLike } = require('./checks.js');
const { encoder, show, capture, release, withOptions } = require('./ip-check.js');

const csvCases = require('./ip-csv.json').cases;
const snapshotCases = require('./ip-snapshot.json');

/** @param {(name: string, fn: () => unknown) => Promise<void>} test */
async function snapshotSuite(api, test) {
  // --- ip-snapshot.json
  const fixtureBytes = fromHex(snapshotCases.fixture.hex);
  const version1Bytes = fromHex(snapshotCases.version1.hex);
  await test('the checksums of decode-ip.js are the IEEE CRC-32 and XXH32', () => {
    eq(crc32(encoder.encode('123456789')), 0xcbf43926);
    eq(
      [xxh32(encoder.encode('')), xxh32(encoder.encode('abc')), xxh32(encoder.encode('Nobody inspects the spammish repetition'))],
      [0x02cc5d05, 0x32d153ff, 0xe2293b2f],
    );
  });
  await test('toBinary of the fixture table is exactly the expected bytes', () => {
    const t = api.IpCountryTable.fromCsv(snapshotCases.fixture.csv);
    try {
      const bytes = t.toBinary();
      ok(bytes instanceof Uint8Array, 'a Uint8Array');
      eq(toHex(bytes), snapshotCases.fixture.hex);
    } finally {
      t.free();
    }
  });
  await test('an empty table: only from an empty snapshot (a CSV with no data rows is an error), and back', () => {
    const loaded = api.IpCountryTable.fromBinary(fromHex(snapshotCases.empty.hex));
    eq(toHex(loaded.toBinary()), snapshotCases.empty.hex);
    eq([loaded.size, [...loaded.countries], loaded.lookup('1.2.3.4'), loaded.lookup('::1')], [0, [], null, null]);
    loaded.free();
  });
  await test('fromBinary loads the fixture: same answers, same bytes back', () => {
    const big = new Uint8Array(fixtureBytes.length + 10).fill(0xee);
    big.set(fixtureBytes, 3);
    for (const [how, bytes] of [
      ['Uint8Array', fixtureBytes],
      ['a view at an offset', big.subarray(3, 3 + fixtureBytes.length)],
    ]) {
      const result = capture(() => api.IpCountryTable.fromBinary(bytes));
      try {
        checkResult(
          api,
          result,
          { size: snapshotCases.fixture.size, countries: snapshotCases.fixture.countries, lookups: snapshotCases.fixture.lookups },
          how,
        );
        eq(toHex(result.value.toBinary()), snapshotCases.fixture.hex, how);
      } finally {
        release(result);
      }
    }
  });
  await test('fromBinary reads version 1: the same answers, and toBinary gives version 2', () => {
    const result = capture(() => api.IpCountryTable.fromBinary(version1Bytes));
    try {
      checkResult(api, result, {
        size: snapshotCases.fixture.size,
        countries: snapshotCases.fixture.countries,
        lookups: snapshotCases.fixture.lookups,
      });
      eq(toHex(result.value.toBinary()), snapshotCases.fixture.hex);
    } finally {
      release(result);
    }
  });
  for (const { name, base, steps, error, message } of snapshotCases.mutations) {
    await test(`fromBinary rejects: ${name}`, () => {
      const result = capture(() => api.IpCountryTable.fromBinary(mutate(base === 'version1' ? version1Bytes : fixtureBytes, steps)));
      release(result);
      checkResult(api, result, { error, message });
    });
  }
  for (const c of snapshotCases.structural) {
    await test(`fromBinary structure: ${c.name}`, () => {
      let bytes = buildSnapshot(c.snapshot);
      if (c.steps) bytes = mutate(bytes, c.steps);
      const result = capture(() => api.IpCountryTable.fromBinary(bytes));
      try {
        checkResult(api, result, c.error ? { error: c.error, message: c.message } : c.expect);
        if (!result.threw) eq(toHex(result.value.toBinary()), toHex(bytes), 'toBinary');
      } finally {
        release(result);
      }
    });
  }
  for (const c of snapshotCases.types) {
    await test(`fromBinary(${show(decodeValue(c.bytes))}) throws ${c.error}`, () =>
      throwsLike(() => api.IpCountryTable.fromBinary(decodeValue(c.bytes)), c.error, c.message));
  }
  await test('fromBinary() with no argument', () =>
    throwsLike(
      () => api.IpCountryTable.fromBinary(),
      'TypeError',
      'fromBinary: bytes must be a Uint8Array or an ArrayBuffer, got undefined',
    ));
  for (const testCase of csvCases.filter((c) => !c.expect.error)) {
    await test(`round trip: ${testCase.name}`, () => {
      const made = api.IpCountryTable.fromCsv(...withOptions(testCase, caseCsv(testCase)));
      const bytes = made.toBinary();
      made.free();
      const result = capture(() => api.IpCountryTable.fromBinary(bytes));
      try {
        checkResult(api, result, testCase.expect);
        eq(toHex(result.value.toBinary()), toHex(bytes), 'toBinary');
      } finally {
        release(result);
      }
    });
  }
}

module.exports = { snapshotSuite };
