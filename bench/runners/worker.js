'use strict';
// Runs a bench worker (bench/workers/*.js) in its own Node process and returns its JSON result.
const path = require('path');
const { execFile } = require('child_process');

function runWorker(name, params, { nodeArgs = [] } = {}) {
  const script = path.join(__dirname, '..', 'workers', `${name}.js`);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...nodeArgs, script, JSON.stringify(params)], { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`worker ${name} (${JSON.stringify(params)}) failed: ${stderr.trim() || error.message}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout));
      } catch {
        reject(new Error(`worker ${name} printed something that is not JSON: ${stdout.slice(0, 200)}`));
      }
    });
  });
}

module.exports = { runWorker };
