'use strict';
// Whole-process timings with hyperfine, exactly as the original study: 3 warm-ups, JSON export.
const fs = require('fs');
const path = require('path');
const { execFile } = require('child_process');

/**
 * @param {string[]} command argv of the program to time (run without a shell: hyperfine -N)
 * @param {{ exportJson: string, runs?: number }} options
 * @returns {Promise<{ mean: number, stddev: number, median: number, min: number, max: number, runs: number }>} seconds
 */
function hyperfine(command, { exportJson, runs }) {
  const quoted = command.map((a) => (/^[\w./=:-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
  const args = ['--warmup', '3', '-N', '--style', 'none', '--export-json', exportJson];
  if (runs) args.push('--runs', String(runs));
  args.push(quoted);
  fs.mkdirSync(path.dirname(exportJson), { recursive: true });
  return new Promise((resolve, reject) => {
    execFile('hyperfine', args, { maxBuffer: 16 << 20 }, (error, _stdout, stderr) => {
      if (error) {
        reject(new Error(`hyperfine ${quoted} failed: ${stderr.trim() || error.message}`));
        return;
      }
      const [result] = JSON.parse(fs.readFileSync(exportJson, 'utf8')).results;
      if (result.exit_codes?.some((code) => code !== 0)) {
        reject(new Error(`${quoted} exited with ${result.exit_codes.join(',')}`));
        return;
      }
      const { mean, stddev, median, min, max, times } = result;
      resolve({ mean, stddev, median, min, max, runs: times.length });
    });
  });
}

module.exports = { hyperfine };
