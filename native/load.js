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

/** @param {'gcc' | 'clang'} compiler */
function loadAddon(compiler) {
  if (!COMPILERS.includes(compiler)) throw new RangeError(`unknown compiler ${JSON.stringify(compiler)}; expected one of ${COMPILERS.join(', ')}`);
  const tried = [];
  for (const file of candidates(compiler)) {
    try {
      return require(file);
    } catch (error) {
      tried.push({ file, error });
    }
  }
  const list = tried.map(({ file, error }) => `  ${file}: ${error.code || error.message.split('\n')[0]}`).join('\n');
  throw new Error(`native addon (${compiler} build) is not built: run \`npm run build\` first. Tried:\n${list}`, {
    cause: tried[0].error,
  });
}

module.exports = { COMPILERS, loadAddon };
