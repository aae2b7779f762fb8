// The engine a script runs on, as the runtime names itself (Node, Bun, Deno, or a browser's user
// agent). No Node built-ins: it runs in every runtime of the matrix and the study.
export function engine() {
  if (typeof Bun !== 'undefined') return `Bun ${Bun.version} (JavaScriptCore)`;
  if (typeof Deno !== 'undefined') return `Deno ${Deno.version.deno} (V8 ${Deno.version.v8})`;
  if (typeof process !== 'undefined' && process.versions && process.versions.node)
    return `Node ${process.versions.node} (V8 ${process.versions.v8})`;
  return typeof navigator !== 'undefined' ? navigator.userAgent : 'unknown';
}
