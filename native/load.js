'use strict';
// Loads the Node-API addon built by `npm run build` (cmake-js) with a given compiler.
const path = require('path');

const COMPILERS = ['gcc', 'clang'];
const buildRoot = path.join(__dirname, '..', 'build');

/** Candidate paths for a compiler's addon, in the order they are tried. */
function candidates(compiler) {
  const dir = path.join(buildRoot, `native-${compiler}`);
  return ['Release', 'Debug', '.'].map((sub) => path.join(dir, sub, 'nvw_native.node'));
}

/** A require() failure that means "no file there" (Node, Bun and Deno all say MODULE_NOT_FOUND). */
const isMissing = (error) => error && error.code === 'MODULE_NOT_FOUND';

/**
 * Loads the addon from the first candidate that loads. When none does, the error says why: "not
 * built" only when no candidate exists; otherwise the first real failure (a Deno run without
 * --allow-ffi, a wrong architecture, a damaged file) is the message and the `cause`, and every
 * candidate is listed with its own error, as napi-rs's loader does.
 * @param {'gcc' | 'clang'} compiler
 */
function loadAddon(compiler) {
  if (!COMPILERS.includes(compiler))
    throw new RangeError(`unknown compiler ${JSON.stringify(compiler)}; expected one of ${COMPILERS.join(', ')}`);
  const tried = [];
  for (const file of candidates(compiler)) {
    try {
      return require(file);
    } catch (error) {
      tried.push({ file, error });
    }
  }
  // dlopen's message starts with the path; the list names it once.
  const list = tried
    .map(({ file, error }) => `  ${file}: ${isMissing(error) ? 'not found' : firstLine(error).replace(`${file}: `, '')}`)
    .join('\n');
  const failed = tried.find(({ error }) => !isMissing(error));
  if (failed) {
    throw new Error(`native addon (${compiler} build) could not be loaded: ${firstLine(failed.error)}. Tried:\n${list}`, {
      cause: failed.error,
    });
  }
  throw new Error(`native addon (${compiler} build) is not built: run \`npm run build\` first. Tried:\n${list}`, {
    cause: tried[0].error,
  });
}

function firstLine(error) {
  // Without a final period: the caller goes on with ". Tried:".
  const message = String((error && error.message) || error)
    .split('\n')[0]
    .replace(/\.$/, '');
  return error && error.name && error.name !== 'Error' ? `${error.name}: ${message}` : message;
}

module.exports = { COMPILERS, loadAddon };
