'use strict';
// V8's own account of the wasm inlining decision for fib (--trace-wasm-inlining), per V8 runtime
// and wasm build. V8 >= 13.6 inlines wasm by default; a self-call is inlined when the callee's
// body fits the caller's budget. The trace names both: "size=66 ... budget=min(132, 700), size
// 66->132 not enough inlining budget". No trace line at all means inlining did not run; lines without a
// self-call decision the parser knows are reported as such, not as "off".
const path = require('path');
const { execFile } = require('child_process');

// "[function 98: in function 98, considering call #0, case #0, to function 98 (count=… or relative_call_count=…, size=66, …)…
//  budget=min(132, 700), size 66->132 not enough inlining budget]"
const SELF_CALL =
  /\[function (\d+): in function \1, considering call #\d+, case #\d+, to function \1 \([a-z_]*count=[\d.]+, size=(\d+)[^)]*\)\.\.\. budget=min\((\d+), (\d+)\), size (\d+)->(\d+) ([^\]]+)\]/;

/** Parses the first self-call decision of a trace: { functionIndex, size, budget, grown (size with the callee), decision, inlined } or null. */
function parseTrace(text) {
  const m = SELF_CALL.exec(text);
  if (!m) return null;
  const decision = m[7].trim();
  return {
    line: m[0],
    functionIndex: Number(m[1]),
    size: Number(m[2]),
    budget: Math.min(Number(m[3]), Number(m[4])),
    grown: Number(m[6]),
    decision,
    inlined: /decided to inline/.test(decision),
  };
}

/** Runs probe-inlining.mjs under the trace (V8 prints it on stdout, next to the marker line). */
function probeInlining({ file, flagArgs, dir, root, wasmFile, env = {} }) {
  const args = [...flagArgs, path.join(dir, 'probe-inlining.mjs'), JSON.stringify({ root, wasmFile })];
  return new Promise((resolve) => {
    execFile(file, args, { cwd: dir, env: { ...process.env, ...env }, timeout: 60_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (!/NVW-PROBE /.test(stdout)) resolve({ ok: false, error: (stderr || error?.message || 'no answer').trim().split('\n')[0] });
      else resolve({ ok: true, trace: parseTrace(`${stdout}\n${stderr}`), tracedAnything: /\[function \d+:/.test(stdout + stderr) });
    });
  });
}

module.exports = { parseTrace, probeInlining };
