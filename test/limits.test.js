'use strict';
// Inputs at the limits: each gets a clear error (or works), never an abort that kills the process,
// and the implementation can go on to load a good table afterwards.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { IMPLEMENTATIONS } = require('./implementations.js');

const encoder = new TextEncoder();

async function* chunks(count, make) {
  for (let i = 0; i < count; i++) yield make(i);
}

function snapshotClaiming(n4) {
  const bytes = new Uint8Array(28);
  bytes.set(encoder.encode('NVWIPTBL'));
  const view = new DataView(bytes.buffer);
  view.setUint32(8, 1, true);
  view.setUint32(16, n4, true);
  return bytes;
}

describe.each(IMPLEMENTATIONS)('$name', ({ load }) => {
  let api;
  beforeAll(() => {
    api = load();
  });

  const expectGoodTableStillLoads = () => {
    const table = api.IpCountryTable.fromCsv('1.0.0.0,1.0.0.255,AU\n');
    expect(table.lookup('1.0.0.1')).toBe('AU');
    table.free();
  };

  test('a 10 MB single line is a CsvError at line 1', async () => {
    const piece = new Uint8Array(1 << 16).fill(0x61); // 'a'
    await expect(api.IpCountryTable.fromStream(chunks(160, () => piece))).rejects.toMatchObject({
      name: 'CsvError',
      line: 1,
      message: 'line 1: row is longer than 65536 bytes',
    });
    expectGoodTableStillLoads();
  });

  test('10 million tiny rows load', async () => {
    const perChunk = 50_000;
    const rows = 10_000_000;
    const make = (c) => {
      let text = '';
      for (let i = c * perChunk; i < (c + 1) * perChunk; i++) text += `${2 * i},${2 * i},${i & 1 ? 'AU' : 'NZ'}\n`;
      return encoder.encode(text);
    };
    const table = await api.IpCountryTable.fromStream(chunks(rows / perChunk, make));
    expect(table.size).toBe(rows);
    expect(table.lookup(2 * 7_654_321)).toBe('AU');
    expect(table.lookup(2 * 7_654_321 + 1)).toBeNull();
    table.free();
    expectGoodTableStillLoads();
  });

  test('a CSV over the memory budget is a CsvError, and the process goes on', async () => {
    // 60,000 IPv4 rows budget 1.2 MB; the 52,429th crosses 1 MiB. The default budget (512 MiB)
    // works the same way and keeps the wasm heap under its 2 GiB (docs/ip-table.md).
    const make = (c) => {
      let text = '';
      for (let i = c * 10_000; i < (c + 1) * 10_000; i++) text += `${2 * i},${2 * i},AU\n`;
      return encoder.encode(text);
    };
    await expect(api.IpCountryTable.fromStream(chunks(6, make), { maxMemory: 2 ** 20 })).rejects.toMatchObject({
      name: 'CsvError',
      line: 52_429,
      message: 'line 52429: the table would need more than 1048576 bytes of memory (options.maxMemory)',
    });
    expectGoodTableStillLoads();
  });

  test("rows shorter or longer than the size hint's guess (fromCsv and fromFile size storage by the input's bytes) give the stream's table and errors", async () => {
    // 60,000 IPv4 and 3,000 IPv6 rows, as decimal numbers (shorter than the hint's bytes per row:
    // the columns outgrow it) and padded with an ignored field (longer: they never fill it).
    const csv = (pad) => {
      let text = '';
      for (let i = 0; i < 60_000; i++) text += `${2 * i},${2 * i},${i & 1 ? 'AU' : 'NZ'}${pad}\n`;
      for (let i = 0; i < 3_000; i++)
        text += `${2n ** 64n * BigInt(2 * i + 2)},${2n ** 64n * BigInt(2 * i + 2)},${i & 1 ? 'AU' : 'NZ'}${pad}\n`;
      return encoder.encode(text);
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nvw-hint-'));
    try {
      for (const bytes of [csv(''), csv(`,${'x'.repeat(200)}`)]) {
        const file = path.join(dir, 'ranges.csv');
        fs.writeFileSync(file, bytes);
        const streamed = await api.IpCountryTable.fromStream(chunks(1, () => bytes));
        const want = Buffer.from(streamed.toBinary());
        expect(streamed.size).toBe(63_000);
        streamed.free();
        for (const table of [api.IpCountryTable.fromCsv(bytes), api.IpCountryTable.fromFile(file)]) {
          expect(Buffer.compare(Buffer.from(table.toBinary()), want)).toBe(0);
          table.free();
        }
        // A budget below the hint's guess: the same error at the same line as without a hint.
        const streamError = await api.IpCountryTable.fromStream(
          chunks(1, () => bytes),
          { maxMemory: 2 ** 20 },
        ).catch((e) => e);
        expect(streamError).toMatchObject({ name: 'CsvError', line: 52_429 });
        for (const load of [
          () => api.IpCountryTable.fromCsv(bytes, { maxMemory: 2 ** 20 }),
          () => api.IpCountryTable.fromFile(file, { maxMemory: 2 ** 20 }),
        ])
          expect(load).toThrow(streamError.message);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a file whose size claims billions of rows (sparse, 1 TB: 2,000 rows, then NUL bytes) under a 1 TiB budget: the CsvError of its bad row', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nvw-sparse-'));
    try {
      const file = path.join(dir, 'ranges.csv');
      let text = '';
      for (let i = 0; i < 2_000; i++) text += `${2 * i},${2 * i},AU\n`;
      fs.writeFileSync(file, text);
      fs.truncateSync(file, 1e12);
      expect(() => api.IpCountryTable.fromFile(file, { maxMemory: 2 ** 40 })).toThrow(
        expect.objectContaining({ name: 'CsvError', line: 2_001, message: 'line 2001: row is longer than 65536 bytes' }),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expectGoodTableStillLoads();
  });

  test('a snapshot claiming 2^32 - 1 ranges is a RangeError', () => {
    const bytes = snapshotClaiming(0xffffffff);
    expect(() => api.IpCountryTable.fromBinary(bytes)).toThrow(
      new RangeError(`fromBinary: truncated snapshot: expected ${24 + 5 * 0xffffffff + 4} bytes, got 28`),
    );
    expectGoodTableStillLoads();
  });
});
