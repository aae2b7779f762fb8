'use strict';
// Adapts the embind module to the backend contract of pkg/lib/api.js. Bytes go into the wasm heap
// through typed-array views of C++ scratch buffers, in pieces, so the heap never holds a whole CSV.
const FEED_CHUNK_BYTES = 1 << 16;
const BATCH = 1 << 14;

function wasmBackend(module) {
  function copyIn(bytes) {
    module.bytesInput(bytes.length).set(bytes);
  }

  let text = module.textInput(); // a fixed C++ buffer; its view detaches when the heap grows

  function tableHandle(table) {
    const address = table.address();
    const { lookupV4At, lookupTextAt } = module;
    return {
      lookupV4: (ip) => lookupV4At(address, ip),
      lookupV6: (w0, w1, w2, w3) => table.lookupV6(w0, w1, w2, w3),
      lookupText(ip) {
        if (text.byteLength === 0) text = module.textInput();
        const length = ip.length;
        // ASCII copies byte for byte; anything else cannot be part of an address: 0xff marks it.
        for (let i = 0; i < length; i++) {
          const c = ip.charCodeAt(i);
          text[i] = c < 0x80 ? c : 0xff;
        }
        return lookupTextAt(address, length);
      },
      lookupIndexes(ips, out) {
        for (let offset = 0; offset < ips.length; offset += BATCH) {
          const count = Math.min(BATCH, ips.length - offset);
          module.batchInput(count).set(ips.subarray(offset, offset + count));
          table.lookupBatch(count);
          out.set(module.batchOutput(count), offset);
        }
      },
      countryCodes: () => table.countryCodes(),
      size: () => table.size(),
      byteSize: () => table.byteSize(),
      toBinary: () => table.toBinaryView().slice(),
      delete: () => table.delete(),
    };
  }

  return {
    fibonacci: module.fibonacci,
    createBuilder(overlapsError, maxMemory) {
      const builder = new module.Builder(overlapsError, maxMemory);
      return {
        feed(bytes) {
          for (let offset = 0; offset < bytes.length; offset += FEED_CHUNK_BYTES) {
            const piece = bytes.subarray(offset, offset + FEED_CHUNK_BYTES);
            copyIn(piece);
            if (!builder.feedInput(piece.length)) return false;
          }
          return true;
        },
        finish() {
          const table = builder.finish();
          return table ? tableHandle(table) : null;
        },
        error: () => builder.error(),
        delete: () => builder.delete(),
      };
    },
    tableFromBinary(bytes) {
      copyIn(bytes);
      const table = module.fromBinaryInput(bytes.length);
      return table ? tableHandle(table) : module.fromBinaryError();
    },
  };
}

module.exports = { wasmBackend };
