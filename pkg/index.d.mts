// Types of the Node ES module entry (index.mjs): the CommonJS API re-exported, plus init().
export * from './index.js'; // the API and every type of it (init, the default export, is this entry's own)
import type { InitInput } from './index.js';

/**
 * Nothing to wait for in Node: the module is ready on import. This resolves once its input has
 * (rejecting with the browser entry's `TypeError` for what it would reject without fetching: a kind
 * of input it does not take, bytes that are not WebAssembly), so code written for browsers (`await init()`,
 * `await init(wasmUrl)`) runs unchanged in Node.
 */
export default function init(input?: InitInput | PromiseLike<InitInput>): Promise<void>;
