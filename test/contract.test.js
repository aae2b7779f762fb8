'use strict';
// The backend contract (api/backend.d.ts) checked against the three adapters by the TypeScript
// compiler: a method added to the contract is a compile error in each adapter until it has it.
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.join(__dirname, '..');
const ADAPTERS = ['js/ip-backend.js', 'native/backend.js', 'wasm/backend.js'];

test(`${ADAPTERS.join(', ')} implement api/backend.d.ts (tsc --checkJs)`, () => {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const args = [
    tsc,
    '--noEmit',
    '--allowJs',
    '--checkJs',
    '--module',
    'commonjs',
    '--target',
    'es2022',
    '--moduleResolution',
    'node',
    '--resolveJsonModule', // api/messages.js reads api/messages.json
    ...ADAPTERS,
  ];
  const { status, stdout, stderr } = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  expect({ status, output: stdout + stderr }).toEqual({ status: 0, output: '' });
});
