'use strict';
// require('./native') in a tree that was never built must say what to do.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { root } = require('./implementations.js');

test('require("./native") before a build tells you to run npm run build', () => {
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'nvw-unbuilt-'));
  try {
    fs.cpSync(path.join(root, 'native'), path.join(tree, 'native'), { recursive: true });
    fs.cpSync(path.join(root, 'pkg', 'lib'), path.join(tree, 'pkg', 'lib'), { recursive: true });
    for (const entry of ['native', 'native/clang.js']) {
      let stderr = '';
      try {
        execFileSync(process.execPath, ['-e', `require(${JSON.stringify(path.join(tree, entry))})`], { cwd: tree, stdio: 'pipe' });
      } catch (error) {
        stderr = error.stderr.toString();
      }
      expect(stderr).toMatch(/native addon \((gcc|clang) build\) is not built: run `npm run build` first/);
      expect(stderr).toContain(path.join(tree, 'build'));
    }
  } finally {
    fs.rmSync(tree, { recursive: true, force: true });
  }
});
