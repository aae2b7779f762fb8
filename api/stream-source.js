'use strict';
// What fromStream reads (docs/ip-table.md, "Inputs" and options.signal): any source's chunks as
// one async iterator, and the signal's part in it — stopping the wait for a chunk, cancelling a
// stream's reader, closing a source a load that starts aborted will not read.
const { isArrayBuffer, describe } = require('./ip-args.js');
const { objectTag } = require('./args.js');

/** A promise that rejects with the signal's reason when it aborts (null without a signal); stop() unhooks it. */
function whenAborted(signal) {
  if (!signal) return null;
  let onAbort;
  const promise = new Promise((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  promise.catch(() => {}); // seen through the race in fromStream, never unhandled
  return { promise, stop: () => signal.removeEventListener('abort', onAbort) };
}

/**
 * Closes a source fromStream will not read (its signal was aborted before the load began), as an
 * abort during the load would: a ReadableStream is cancelled with the reason, a Node stream
 * destroyed (an iterator that never started would not run its cleanup on return()), another
 * iterator asked to return(). Not awaited (a source may never answer), and nothing it throws
 * replaces the reason.
 */
function closeUnread(source, reason) {
  try {
    let closing;
    if (source && typeof source.getReader === 'function') closing = source.cancel(reason);
    else if (source && typeof source.pipe === 'function' && typeof source.destroy === 'function') source.destroy();
    else if (source && typeof source[Symbol.asyncIterator] === 'function') closing = source[Symbol.asyncIterator]().return?.();
    else if (source && typeof source === 'object' && typeof source[Symbol.iterator] === 'function')
      closing = source[Symbol.iterator]().return?.();
    Promise.resolve(closing).catch(() => {});
  } catch {}
}

/** Any source's chunks as one async iterator (for-await takes sync iterables and their promises too). */
async function* readChunks(chunks) {
  for await (const chunk of chunks) yield chunk;
}

/**
 * Chunks of a ReadableStream (via its reader: works where streams are not async-iterable) or an
 * async iterable. A signal that aborts cancels the stream's reader with its reason.
 */
function streamChunks(source, signal) {
  if (source && typeof source.getReader === 'function') {
    return {
      async *[Symbol.asyncIterator]() {
        const reader = source.getReader();
        // cancel() may return a non-Promise or throw: it only has to be asked
        const cancel = () =>
          Promise.resolve()
            .then(() => reader.cancel(signal.reason))
            .catch(() => {});
        signal?.addEventListener('abort', cancel, { once: true });
        let done = false;
        try {
          for (;;) {
            const next = await reader.read();
            if (signal?.aborted) throw signal.reason; // a read the cancel ended: not the data's end
            if (next.done) {
              done = true;
              return;
            }
            yield next.value;
          }
        } finally {
          signal?.removeEventListener('abort', cancel);
          if (!done) {
            // The error that stopped reading is the one to report, whatever cancel() does: return
            // a thenable or nothing, reject, or throw.
            try {
              await reader.cancel();
            } catch {}
          }
          reader.releaseLock();
        }
      },
    };
  }
  // Text and bytes are iterable too, one character or byte at a time: say what to use instead.
  if (typeof source === 'string' || objectTag(source) === 'String')
    throw new TypeError('fromStream: source is a string, not a stream of chunks; use fromCsv(text) for text you already have');
  if (ArrayBuffer.isView(source) || isArrayBuffer(source)) {
    throw new TypeError(`fromStream: source is ${describe(source)}, not a stream of chunks; use fromCsv(bytes) for bytes you already have`);
  }
  if (source && (typeof source[Symbol.asyncIterator] === 'function' || typeof source[Symbol.iterator] === 'function')) return source;
  throw new TypeError(`fromStream: source must be an async iterable or a ReadableStream of Uint8Array, got ${describe(source)}`);
}

module.exports = { readChunks, streamChunks, whenAborted, closeUnread };
