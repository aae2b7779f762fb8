'use strict';
// Runs a program (a Node, Bun or Deno process) whose answer is one line `<MARKER> {json}` on
// stdout. Resolves to that JSON, or to { ok: false, error } with the runtime's own words: the line
// of its error output that names the error, else how it exited. Never rejects.
const { spawn } = require('child_process');

/** The line of a crash report that says what went wrong (an "Error: …" line, else the last line). */
function errorLine(text) {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.find((l) => /^(error: )?(Uncaught )?\w*(Error|Exception|NotCapable)\b.*:/.test(l)) || lines.at(-1) || '';
}

function runMarked(file, args, { marker, cwd, env = {}, timeout = 90_000 }) {
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', (error) => resolve({ ok: false, error: `could not start ${file}: ${error.message}` }));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith(`${marker} `));
      if (line) resolve(JSON.parse(line.slice(marker.length + 1)));
      else resolve({ ok: false, error: errorLine(stderr) || `exited with ${signal || code} and printed no result` });
    });
  });
}

module.exports = { runMarked, errorLine };
