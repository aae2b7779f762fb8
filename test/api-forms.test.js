'use strict';
// The forms of input users pass that are not in the case files: fs-style paths for fromFile,
// ArrayBuffers everywhere bytes go, detached buffers, hostile objects (Proxies, throwing getters),
// text or bytes handed to fromStream by mistake, `using` where the runtime has no Symbol.dispose,
// and util.inspect. The same in every implementation.
const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');
const { pathToFileURL } = require('url');
const { IMPLEMENTATIONS } = require('./implementations.js');

const CSV = '1.0.0.0,1.0.0.255,AU\n2001:db8::,2001:db8::ffff,NL\n3.0.0.0,3.0.0.255,US\n';
let dir;
let file;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nvw-forms-'));
  file = path.join(dir, 'ranges.csv');
  fs.writeFileSync(file, CSV);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.each(IMPLEMENTATIONS)('$name', ({ load }) => {
  let IpCountryTable;
  beforeAll(() => {
    ({ IpCountryTable } = load());
  });

  test.each([
    ['a string', () => file],
    ['a file: URL', () => pathToFileURL(file)],
    ['a Buffer', () => Buffer.from(file)],
  ])('fromFile takes %s, like every fs API', (_, path) => {
    const table = IpCountryTable.fromFile(path());
    expect([table.size, table.lookup('1.0.0.1'), table.lookup('2001:db8::1')]).toEqual([3, 'AU', 'NL']);
    table.free();
  });

  test('fromFile rejects other paths by name', () => {
    expect(() => IpCountryTable.fromFile(new URL('https://example.com/ranges.csv'))).toThrow(
      new TypeError('fromFile: a URL must be a file: URL, got "https://example.com/ranges.csv"'),
    );
    expect(() => IpCountryTable.fromFile(5)).toThrow(new TypeError('fromFile: path must be a string, a file: URL or a Buffer, got 5'));
  });

  test('fromBinary and stream chunks take an ArrayBuffer, like fromCsv', async () => {
    const table = IpCountryTable.fromCsv(new TextEncoder().encode(CSV).buffer);
    const bytes = table.toBinary();
    const copy = IpCountryTable.fromBinary(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    expect(copy.lookup('3.0.0.1')).toBe('US');
    const streamed = await IpCountryTable.fromStream([new TextEncoder().encode(CSV).buffer]);
    expect(streamed.lookup('2001:db8::2')).toBe('NL');
    for (const t of [table, copy, streamed]) t.free();
  });

  test('toBinary gives a snapshot in an ArrayBuffer of its own, as index.d.ts says: transferable whole', () => {
    const table = IpCountryTable.fromCsv(CSV);
    const bytes = table.toBinary();
    expect([Object.prototype.toString.call(bytes.buffer), bytes.byteOffset, bytes.buffer.byteLength]).toEqual([
      '[object ArrayBuffer]',
      0,
      bytes.length,
    ]);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(bytes, [bytes.buffer]); // a view over shared or larger memory would move more than the snapshot
    port1.close();
    port2.close();
    expect(bytes.buffer.byteLength).toBe(0); // transferred
    table.free();
  });

  test('fromStream(text or bytes) says to use fromCsv instead of feeding a character at a time', async () => {
    await expect(IpCountryTable.fromStream(CSV)).rejects.toThrow(
      new TypeError('fromStream: source is a string, not a stream of chunks; use fromCsv(text) for text you already have'),
    );
    await expect(IpCountryTable.fromStream(new TextEncoder().encode(CSV))).rejects.toThrow(
      new TypeError('fromStream: source is an object (Uint8Array), not a stream of chunks; use fromCsv(bytes) for bytes you already have'),
    );
  });

  // The memory of a buffer sent to a worker with postMessage(x, [x]) is gone: its views read as
  // empty. Each such input gets a TypeError saying so, not an empty-input error or the engine's own.
  test('a detached buffer is named as one, wherever bytes go', async () => {
    const detach = (view) => {
      structuredClone(view.buffer, { transfer: [view.buffer] });
      return view;
    };
    const detached = () => detach(new TextEncoder().encode(CSV)).buffer;
    const detachedView = (Type = Uint8Array) => detach(new Type(new TextEncoder().encode(CSV).buffer, 0, 4 / Type.BYTES_PER_ELEMENT));
    const why = '(its memory was transferred, to a worker for instance)';
    const view = (where) => new TypeError(`${where} is a Uint8Array of a detached ArrayBuffer ${why}`);
    const bare = (where) => new TypeError(`${where} is a detached ArrayBuffer ${why}`);
    expect(() => IpCountryTable.fromCsv(detachedView())).toThrow(view('fromCsv: data'));
    expect(() => IpCountryTable.fromCsv(detached())).toThrow(bare('fromCsv: data'));
    expect(() => IpCountryTable.fromBinary(detachedView())).toThrow(view('fromBinary: bytes'));
    expect(() => IpCountryTable.fromBinary(detached())).toThrow(bare('fromBinary: bytes'));
    await expect(IpCountryTable.fromStream([detachedView()])).rejects.toThrow(view('fromStream: a chunk'));
    await expect(IpCountryTable.fromStream([detached()])).rejects.toThrow(bare('fromStream: a chunk'));
    const table = IpCountryTable.fromCsv(CSV);
    const ips = detachedView(Uint32Array);
    const inTable = new Uint32Array([0x01000001]);
    expect(() => table.lookupIndexes(ips)).toThrow(new TypeError(`lookupIndexes: ips is a Uint32Array of a detached ArrayBuffer ${why}`));
    expect(() => table.lookupMany(ips)).toThrow(new TypeError(`lookupMany: ips is a Uint32Array of a detached ArrayBuffer ${why}`));
    const out = detachedView(Uint16Array);
    expect(() => table.lookupIndexes(inTable, out)).toThrow(
      new TypeError(`lookupIndexes: out is a Uint16Array of a detached ArrayBuffer ${why}`),
    );
    // Empty is not detached: an empty input still reads as empty.
    expect(table.lookupIndexes(new Uint32Array(0), new Uint16Array(0))).toEqual(new Uint16Array(0));
    expect(() => IpCountryTable.fromBinary(new Uint8Array(0))).toThrow(RangeError);
    table.free();
  });

  // Rejecting an argument runs none of its code that could throw instead of us: a Proxy's traps,
  // a Symbol.toStringTag getter. A forged tag does not pass for bytes.
  test('hostile objects get our TypeError, not their own error', () => {
    const trap = () => {
      throw new Error('trap ran');
    };
    const hostile = new Proxy({}, { get: trap, has: trap, ownKeys: trap, getPrototypeOf: trap, getOwnPropertyDescriptor: trap });
    const revoked = Proxy.revocable([], {});
    revoked.revoke();
    const lying = { [Symbol.toStringTag]: 'Uint8Array', length: 3 };
    const table = IpCountryTable.fromCsv(CSV);
    expect(() => table.lookup(hostile)).toThrow(new TypeError('lookup: ip must be a string, a number or a bigint, got an object'));
    expect(() => table.lookup(revoked.proxy)).toThrow(
      new TypeError('lookup: ip must be a string, a number or a bigint, got an object (Proxy)'),
    );
    expect(() => table.lookupIndexes(hostile)).toThrow(new TypeError('lookupIndexes: ips must be a Uint32Array, got an object'));
    expect(() => table.lookupMany(revoked.proxy)).toThrow(
      new TypeError('lookupMany: ips must be a Uint32Array or an array of addresses (strings, numbers, bigints), got an object (Proxy)'),
    );
    const data = 'fromCsv: data must be a Uint8Array, an ArrayBuffer or a string, got';
    expect(() => IpCountryTable.fromCsv(hostile)).toThrow(new TypeError(`${data} an object`));
    expect(() => IpCountryTable.fromCsv(lying)).toThrow(new TypeError(`${data} an object (Uint8Array)`));
    expect(() => IpCountryTable.fromBinary(revoked.proxy)).toThrow(
      new TypeError('fromBinary: bytes must be a Uint8Array or an ArrayBuffer, got an object (Proxy)'),
    );
    expect(() => IpCountryTable.fromFile(hostile)).toThrow(
      new TypeError('fromFile: path must be a string, a file: URL or a Buffer, got an object'),
    );
    // A real Uint8Array whose tag getter throws is still a Uint8Array.
    const bytes = new TextEncoder().encode(CSV);
    Object.defineProperty(bytes, Symbol.toStringTag, { get: trap });
    const loaded = IpCountryTable.fromCsv(bytes);
    expect(loaded.lookup('3.0.0.1')).toBe('US');
    for (const t of [table, loaded]) t.free();
  });

  // A reader whose cancel() is not a Promise (PromiseLike, as the types allow; nothing; a throw) or
  // rejects: the CsvError of the bad row is still what fromStream rejects with.
  test.each([
    ['a thenable', () => ({ then: (resolve) => resolve() })],
    ['nothing', () => undefined],
    [
      'a throw',
      () => {
        throw new Error('cancel failed');
      },
    ],
    ['a rejection', () => Promise.reject(new Error('cancel failed'))],
  ])("fromStream reports the bad row when the reader's cancel() gives %s", async (_, cancel) => {
    let sent = false;
    let cancelled = 0;
    const source = {
      getReader: () => ({
        read: async () =>
          sent ? { done: true } : ((sent = true), { done: false, value: new TextEncoder().encode('1.0.0.0,1.0.0.255,AU\nbad,row,ZZ\n') }),
        cancel: () => {
          cancelled++;
          return cancel();
        },
        releaseLock() {},
      }),
    };
    await expect(IpCountryTable.fromStream(source)).rejects.toThrow('line 2: start is not an IP address: "bad"');
    expect(cancelled).toBe(1);
  });

  test('fromStream(new String(text)) says to use fromCsv, as for a string', async () => {
    await expect(IpCountryTable.fromStream(new String(CSV))).rejects.toThrow(
      new TypeError('fromStream: source is a string, not a stream of chunks; use fromCsv(text) for text you already have'),
    );
  });

  test('a table freed during lookupMany (by an element getter) says so, with the API prefix', () => {
    const table = IpCountryTable.fromCsv(CSV);
    const ips = ['1.0.0.1', '3.0.0.1'];
    Object.defineProperty(ips, 1, {
      get() {
        table.free();
        return '3.0.0.1';
      },
    });
    expect(() => table.lookupMany(ips)).toThrow(new TypeError('IpCountryTable: the table has been freed'));
  });

  // What is looked up is the array's memory: a subclass or own properties cannot change it.
  test('lookupMany and lookupIndexes read the typed array itself, not its overridable methods', () => {
    const table = IpCountryTable.fromCsv(CSV);
    class Shifty extends Uint32Array {
      subarray() {
        return new Uint32Array(this.length); // zeros: not in the table
      }
    }
    const au = 0x01000001;
    const us = 0x03000001;
    const shifty = new Shifty([au, us]);
    const longer = new Uint32Array([au]);
    Object.defineProperty(longer, 'length', { value: 1e6 });
    const out = new Uint16Array(2);
    out.set = () => {}; // writes nothing
    const au16 = table.countries.indexOf('AU');
    const us16 = table.countries.indexOf('US');
    expect(table.lookupMany(shifty)).toEqual(['AU', 'US']);
    expect([...table.lookupIndexes(shifty)]).toEqual([au16, us16]);
    expect(table.lookupMany(longer)).toEqual(['AU']);
    expect(table.lookupIndexes(longer).length).toBe(1);
    expect(table.lookupIndexes(shifty, out)).toBe(out);
    expect([...out]).toEqual([au16, us16]);
    table.free();
  });

  // options.signal: a load the caller gives up on ends with the signal's reason, and its builder
  // (in WASM, heap memory) goes, even when the source never answers again.
  describe('options.signal', () => {
    const reason = new Error('gave up');
    const rows = new TextEncoder().encode('1.0.0.0,1.0.0.255,AU\n');
    const aborted = () => {
      const controller = new AbortController();
      controller.abort(reason);
      return controller.signal;
    };

    test('an aborted signal stops every load before it starts, with its reason', async () => {
      expect(() => IpCountryTable.fromCsv(CSV, { signal: aborted() })).toThrow(reason);
      expect(() => IpCountryTable.fromFile(file, { signal: aborted() })).toThrow(reason);
      await expect(IpCountryTable.fromStream([rows], { signal: aborted() })).rejects.toBe(reason);
      const table = IpCountryTable.fromCsv(CSV, { signal: new AbortController().signal });
      expect(table.lookup('1.0.0.1')).toBe('AU');
      table.free();
    });

    test('a load that starts aborted closes its source, unread, as an abort during the load would', async () => {
      let cancelledWith;
      const stream = new ReadableStream({ pull: (c) => c.enqueue(rows), cancel: (why) => (cancelledWith = why) });
      await expect(IpCountryTable.fromStream(stream, { signal: aborted() })).rejects.toBe(reason);
      expect(cancelledWith).toBe(reason);
      let returned = 0;
      const iterable = {
        [Symbol.asyncIterator]: () => ({ next: async () => ({ value: rows }), return: async () => ({ done: !!++returned }) }),
      };
      await expect(IpCountryTable.fromStream(iterable, { signal: aborted() })).rejects.toBe(reason);
      expect(returned).toBe(1);
      const file = require('fs').createReadStream(__filename);
      await expect(IpCountryTable.fromStream(file, { signal: aborted() })).rejects.toBe(reason);
      expect(file.destroyed).toBe(true); // its descriptor closes
      // A source whose close throws: the reason still stands.
      const throwing = {
        [Symbol.asyncIterator]: () => ({
          next: async () => ({ done: true }),
          return: () => {
            throw new Error('close');
          },
        }),
      };
      await expect(IpCountryTable.fromStream(throwing, { signal: aborted() })).rejects.toBe(reason);
    });

    test('a source that never answers again: the abort ends the wait and closes the source', async () => {
      const controller = new AbortController();
      let closed = false;
      async function* stalled() {
        try {
          yield rows;
          await new Promise(() => {});
        } finally {
          closed = true; // never: the generator stays stuck, as a hung source does
        }
      }
      const load = IpCountryTable.fromStream(stalled(), { signal: controller.signal });
      setTimeout(() => controller.abort(reason), 20);
      await expect(load).rejects.toBe(reason);
      expect(closed).toBe(false);
    });

    test("a ReadableStream that never answers again: its reader is cancelled with the signal's reason", async () => {
      const controller = new AbortController();
      let cancelledWith;
      const stream = new ReadableStream({
        start(c) {
          c.enqueue(rows);
        },
        pull: () => new Promise(() => {}),
        cancel(why) {
          cancelledWith = why;
        },
      });
      const load = IpCountryTable.fromStream(stream, { signal: controller.signal });
      setTimeout(() => controller.abort(reason), 20);
      await expect(load).rejects.toBe(reason);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(cancelledWith).toBe(reason);
    });

    test('a signal that does not abort changes nothing; a signal that is not one is a TypeError', async () => {
      const table = await IpCountryTable.fromStream([rows], { signal: new AbortController().signal });
      expect(table.lookup('1.0.0.1')).toBe('AU');
      table.free();
      expect(() => IpCountryTable.fromCsv(CSV, { signal: 5 })).toThrow(new TypeError('options.signal must be an AbortSignal, got 5'));
      await expect(IpCountryTable.fromStream([rows], { signal: {} })).rejects.toThrow(
        new TypeError('options.signal must be an AbortSignal, got an object (Object)'),
      );
    });
  });

  test("`using` finds the dispose method under Symbol.dispose and under Symbol.for('Symbol.dispose')", () => {
    for (const key of [Symbol.dispose, Symbol.for('Symbol.dispose')].filter(Boolean)) {
      const table = IpCountryTable.fromCsv(CSV);
      table[key]();
      expect(() => table.size).toThrow(new TypeError('IpCountryTable: the table has been freed'));
      expect(() => table[key]()).not.toThrow(); // disposing twice is fine
    }
  });

  test('util.inspect shows the size per family, or that the table was freed', () => {
    const table = IpCountryTable.fromCsv(CSV);
    expect(util.inspect(table)).toBe(`IpCountryTable { size: 3 (IPv4 2, IPv6 1), countries: 3, byteLength: ${table.byteLength} }`);
    table.free();
    expect(util.inspect(table)).toBe('IpCountryTable { freed }');
  });
});
