'use strict';
// native/load.js says why the addon did not load: "not built" only when there is nothing to load;
// a file that exists but fails (damaged, or a Deno run without --allow-ffi) is named with its error.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync, spawnSync } = require('child_process');
const { root } = require('./implementations.js');
const { binary } = require('../support/binaries.js');

/** A copy of native/, api/ and js/ (the adapter runs the twin's search) outside the source tree, so build/ is whatever the test puts there. */
function tree() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nvw-unbuilt-'));
  fs.cpSync(path.join(root, 'native'), path.join(dir, 'native'), { recursive: true });
  fs.cpSync(path.join(root, 'api'), path.join(dir, 'api'), { recursive: true });
  fs.cpSync(path.join(root, 'js'), path.join(dir, 'js'), { recursive: true });
  return dir;
}

function stderrOf(cwd, entry) {
  try {
    execFileSync(process.execPath, ['-e', `require(${JSON.stringify(entry)})`], { cwd, stdio: 'pipe' });
  } catch (error) {
    return error.stderr.toString();
  }
  return '';
}

test('require("./native") before a build tells you to run npm run build', () => {
  const dir = tree();
  try {
    for (const entry of ['native', 'native/clang.js']) {
      const stderr = stderrOf(dir, path.join(dir, entry));
      expect(stderr).toMatch(/native addon \((gcc|clang) build\) is not built: run `npm run build` first/);
      expect(stderr).toContain(`${path.join(dir, 'build')}`);
      expect(stderr).toMatch(/Release\/nvw_native\.node: not found/);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an addon file that cannot be loaded is named with its error, not called "not built"', () => {
  const dir = tree();
  try {
    const damaged = path.join(dir, 'build', 'native-gcc', 'Release', 'nvw_native.node');
    fs.mkdirSync(path.dirname(damaged), { recursive: true });
    fs.writeFileSync(damaged, 'not a shared object\n'.repeat(200));
    const stderr = stderrOf(dir, path.join(dir, 'native'));
    expect(stderr).toMatch(/native addon \(gcc build\) could not be loaded: .*invalid ELF header/);
    expect(stderr).not.toMatch(/is not built/);
    expect(stderr).toMatch(/Debug\/nvw_native\.node: not found/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('Deno (a Node-API host behind a permission)', () => {
  const deno = binary('deno');
  const run = (flags) =>
    spawnSync(deno.file, ['run', ...flags, '-'], {
      input: `const api = require(${JSON.stringify(path.join(root, 'native', 'index.js'))}); console.log(api.fibonacci(20));`.replace(
        /^/,
        "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);\n",
      ),
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
      timeout: 60_000,
    });

  test('the Deno binary is installed', () => {
    expect(deno.missing).toBeUndefined();
  });

  test('without --allow-ffi the error names the missing permission', () => {
    const { status, stderr } = run(['--allow-read', '--allow-env']);
    expect(status).not.toBe(0);
    expect(stderr).toMatch(
      /native addon \(gcc build\) could not be loaded: NotCapable: Requires ffi access to ".*nvw_native\.node", run again with the --allow-ffi flag/,
    );
    expect(stderr).not.toMatch(/is not built/);
  });

  test('with --allow-ffi it loads', () => {
    const { status, stdout, stderr } = run(['--allow-read', '--allow-env', '--allow-ffi']);
    expect({ status, stdout, stderr }).toEqual({ status: 0, stdout: '6765\n', stderr: '' });
  });
});
