'use strict';
// The runtime matrix: every runtime × flavour of runtimes.js run against one temp project, a few
// runtimes at a time, each cell ✔ or ✘ with the reason, next to what expected.js says it must be.
const fs = require('fs');
const path = require('path');
const { makeProject } = require('./project.js');
const { RUNTIMES } = require('./runtimes.js');
const { EXPECTED_FAILURES } = require('./expected.js');

const FLAVOURS = ['require', 'import', 'native', 'native-clang', 'bundle', 'lazy', 'esm'];

const describeError = (error) => String((error && error.stack) || error).split('\n')[0];

/** Runs `jobs` (functions returning promises), at most `limit` at a time. */
async function pool(jobs, limit) {
  const results = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

async function timed(fn) {
  const start = Date.now();
  let result;
  try {
    result = await fn();
  } catch (error) {
    result = { ok: false, error: describeError(error) };
  }
  return { ...result, seconds: (Date.now() - start) / 1000 };
}

/** All flavours of one runtime, one after the other (a browser is launched once for all of them). */
async function runRuntime(runtime, project) {
  const missing = runtime.missing();
  if (missing) return runtime.flavours.map((flavour) => ({ flavour, ok: false, error: missing, seconds: 0 }));
  const cells = [];
  if (runtime.session) {
    let session;
    try {
      session = await runtime.session(project);
    } catch (error) {
      return runtime.flavours.map((flavour) => ({ flavour, ok: false, error: `could not start: ${describeError(error)}`, seconds: 0 }));
    }
    try {
      for (const flavour of runtime.flavours) cells.push({ flavour, ...(await timed(() => session.run(flavour))) });
    } finally {
      await session.close().catch(() => {});
    }
  } else {
    for (const flavour of runtime.flavours) cells.push({ flavour, ...(await timed(() => runtime.run(project, flavour))) });
  }
  return cells;
}

/** One row per cell, with the expectation beside what happened. */
function row(runtime, cell) {
  const expected = EXPECTED_FAILURES[`${runtime.id}/${cell.flavour}`];
  const failureSummary = cell.failures?.length
    ? `${cell.failed} of ${cell.ran} cases failed, first: ${cell.failures[0].name}: ${cell.failures[0].message}`
    : null;
  return {
    runtime: runtime.id,
    label: runtime.label,
    flavour: cell.flavour,
    engine: cell.engine ?? null,
    ok: cell.ok === true,
    reason: cell.ok ? null : (cell.error ?? failureSummary ?? 'no result'),
    stage: cell.stage ?? null,
    cases: cell.ran === undefined ? null : { ran: cell.ran, passed: cell.passed, failed: cell.failed, skipped: cell.skipped },
    failures: cell.failures?.length ? cell.failures : undefined,
    lookups: cell.lookups,
    pageErrors: cell.pageErrors?.length ? cell.pageErrors : undefined,
    seconds: cell.seconds,
    expected: expected ? { ok: false, because: expected.because } : { ok: true },
  };
}

/**
 * Builds the project, runs every cell and returns the matrix. `only` limits it to some runtime ids.
 * @returns {Promise<{ generated: string, seconds: number, rows: object[] }>}
 */
async function runMatrix({ concurrency = 2, only = null, keep = false } = {}) {
  const start = Date.now();
  const project = await makeProject();
  try {
    const runtimes = RUNTIMES.filter((r) => !only || only.includes(r.id));
    const cells = await pool(
      runtimes.map((runtime) => () => runRuntime(runtime, project)),
      concurrency,
    );
    const rows = runtimes.flatMap((runtime, i) => cells[i].map((cell) => row(runtime, cell)));
    // What a runtime cannot load at all (no Node-API in a browser): recorded with the reason.
    const cannot = runtimes.flatMap((runtime) =>
      Object.entries(runtime.cannot ?? {}).map(([flavour, reason]) => ({ runtime: runtime.id, flavour, reason })),
    );
    return { generated: new Date().toISOString(), seconds: (Date.now() - start) / 1000, project: keep ? project : undefined, rows, cannot };
  } finally {
    if (!keep) fs.rmSync(project, { recursive: true, force: true });
  }
}

/** The matrix as text: runtime × flavour with ✔ (cases run) or ✘ [note], then the notes. */
function renderMatrix(matrix) {
  const runtimes = [...new Map(matrix.rows.map((r) => [r.runtime, r])).values()];
  const notes = [];
  const cell = (r, runtime, flavour) => {
    const cannot = matrix.cannot?.find((c) => c.runtime === runtime && c.flavour === flavour);
    if (cannot) {
      notes.push(`[${notes.length + 1}] ${runtime}/${flavour}: cannot: ${cannot.reason}`);
      return `✘ [${notes.length}]`;
    }
    if (!r) return '–';
    if (r.ok) return `✔ ${r.cases.ran}`;
    notes.push(
      `[${notes.length + 1}] ${r.runtime}/${r.flavour}: ${r.reason}${r.expected.ok ? '  (UNEXPECTED)' : `  (expected: ${r.expected.because})`}`,
    );
    return `✘ [${notes.length}]`;
  };
  const engineOf = (id) => matrix.rows.find((r) => r.runtime === id && r.engine)?.engine?.split('; ')[0] ?? '?';
  const table = [['runtime', 'engine', ...FLAVOURS]];
  for (const runtime of runtimes) {
    const cells = FLAVOURS.map((f) =>
      cell(
        matrix.rows.find((r) => r.runtime === runtime.runtime && r.flavour === f),
        runtime.runtime,
        f,
      ),
    );
    table.push([runtime.label, engineOf(runtime.runtime), ...cells]);
  }
  const widths = table[0].map((_, c) => Math.max(...table.map((line) => [...line[c]].length)));
  const lines = table.map((line) =>
    line
      .map((text, c) => text + ' '.repeat(widths[c] - [...text].length))
      .join('  ')
      .trimEnd(),
  );
  return [...lines, '', '✔ n: all n cases passed; ✘: see the note; –: not a way this runtime loads a package', ...notes].join('\n');
}

/** Writes the matrix JSON (build/runtime-matrix.json by default). */
function writeMatrix(matrix, file) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(matrix, null, 2)}\n`);
}

module.exports = { runMatrix, renderMatrix, writeMatrix, FLAVOURS };
