'use strict';
// Memory that JavaScript's GC does not see must not leak: 100,000 create/lookup/free cycles of a
// small table, and 1,000 loads of a mid-size table never freed (the FinalizationRegistry's job).
// Each run is a child process with --expose-gc; growth is measured over the second half of the run
// (allocators, JITs and deferred native finalizers reach a steady state in the first), against
// generous bounds: a leak of the tables themselves would be far above them.
const path = require('path');
const { spawnSync } = require('child_process');
const { IMPLEMENTATIONS, root } = require('./implementations.js');

const MiB = 2 ** 20;

// stderr is kept (what Node printed: the warning as a user sees it), not passed to the test's own.
function churn(entry, mode, count) {
  const run = spawnSync(process.execPath, ['--expose-gc', path.join(root, 'bench', 'workers', 'churn.js'), entry, mode, String(count)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (run.status !== 0) throw new Error(`churn ${mode} exited with ${run.status}: ${run.stderr}`);
  const { samples, warnings } = JSON.parse(run.stdout);
  const [, warm, end] = samples;
  return { rssGrowth: end.rss - warm.rss, wasmGrowth: end.wasm - warm.wasm, end, warnings, stderr: run.stderr };
}

describe.each(IMPLEMENTATIONS)('$name', ({ id, entry }) => {
  test('100,000 create/lookup/free cycles keep memory flat', () => {
    const { rssGrowth, wasmGrowth, warnings, stderr } = churn(entry, 'cycles', 100_000);
    expect(stderr).toBe('');
    expect(rssGrowth).toBeLessThan(32 * MiB);
    expect(wasmGrowth).toBe(0);
    expect(warnings).toEqual([]); // every table was freed
  });

  test('1,000 mid-size tables never freed are released by the FinalizationRegistry', () => {
    // Leaked, they would hold 1,000 x ~280 KiB: over 250 MiB.
    const { rssGrowth, wasmGrowth, end, warnings, stderr } = churn(entry, 'finalize', 1000);
    // What Node printed: that one warning, with its code.
    expect(stderr.match(/\[NVW_TABLE_NOT_FREED\] NativeVsWasmWarning: an IpCountryTable was garbage-collected/g)).toHaveLength(1);
    // Said once, like Node's MaxListenersExceededWarning, with what the first one held.
    expect(warnings).toEqual([
      expect.stringMatching(
        /^an IpCountryTable was garbage-collected without free\(\); its \d+ bytes were held until then\. Call table\.free\(\)/,
      ),
    ]);
    expect(rssGrowth).toBeLessThan(64 * MiB);
    expect(wasmGrowth).toBeLessThan(16 * MiB);
    if (id === 'wasm') expect(end.wasm).toBeLessThan(48 * MiB);
  });
});

test('a table cannot be freed or used through another implementation', () => {
  const apis = IMPLEMENTATIONS.map(({ name, load }) => [name, load()]);
  for (const [, a] of apis) {
    for (const [, b] of apis) {
      if (a === b) continue;
      const table = b.IpCountryTable.fromCsv('1.0.0.0,1.0.0.255,AU\n');
      for (const call of [
        () => a.IpCountryTable.prototype.free.call(table),
        () => a.IpCountryTable.prototype.lookup.call(table, '1.0.0.1'),
      ]) {
        expect(call).toThrow(
          new TypeError(
            'IpCountryTable: an object (Object) is not a table of this implementation (tables do not move between js, native and pkg)',
          ),
        );
      }
      expect(table.lookup('1.0.0.1')).toBe('AU'); // untouched
      table.free();
    }
  }
});
