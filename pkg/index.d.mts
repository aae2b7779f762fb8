// Types of the Node ES module entry (index.mjs): the CommonJS API re-exported, plus init().
export { fibonacci, IpCountryTable, CsvError, type CsvOptions, type CsvSource, type CsvChunk, type InitInput } from './index.js';
import type { InitInput } from './index.js';

/**
 * Nothing to wait for in Node: the module is ready on import and this resolves at once (it takes,
 * and ignores, the browser entry's argument). It exists so code written for browsers
 * (`await init()`, `await init(wasmUrl)`) runs unchanged in Node.
 */
export default function init(input?: InitInput | PromiseLike<InitInput>): Promise<void>;
