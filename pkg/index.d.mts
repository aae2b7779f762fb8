// Types of the Node ES module entry (index.mjs): the CommonJS API re-exported, plus init().
export { fibonacci, IpCountryTable, CsvError, type CsvOptions, type CsvSource } from './index.js';

/**
 * Nothing to wait for in Node: the module is ready on import and this resolves at once. It exists
 * so code written for browsers (`await init()`) runs unchanged in Node.
 */
export default function init(): Promise<void>;
