'use strict';
// How fast this machine is right now, taken at the start and the end of a run: on a shared machine
// the same code runs up to 4× apart between runs (memory-bound lookups most: the last-level cache
// is shared with other machines' work), and these figures show a reader how much of a difference
// between two reports is the machine.
//   memory: one dependent load at a random place in 4 MiB, about an IP table's working set: in the
//   last-level cache (32 MiB here) when that is not crowded, from DRAM when it is. A pointer chase:
//   each load's address is the previous load's value, so nothing overlaps;
//   overlapped memory: the same loads, eight chases at once, as a block of independent lookups
//   issues them: how many loads the machine keeps in flight, which a quiet cache alone does not
//   tell (on 2026-12-02 the single load read 16 ns at night, yet lookups ran 1.5× the morning's);
//   compute: one step of a dependent integer loop (xorshift32).
const { performance } = require('perf_hooks');
const { mulberry32 } = require('../support/random-ips.js');

const TABLE_WORDS = 2 ** 20; // 4 MiB of uint32
const CHASE_LOADS = 2 ** 19;
const COMPUTE_STEPS = 2 ** 25;
const ROUNDS = 5;

/** One random cycle through every slot (Sattolo's algorithm), seeded: the same walk each run. */
function randomCycle(words, seed) {
  const next = mulberry32(seed);
  const cycle = new Uint32Array(words);
  for (let i = 0; i < words; i++) cycle[i] = i;
  for (let i = words - 1; i > 0; i--) {
    const j = next() % i;
    const t = cycle[i];
    cycle[i] = cycle[j];
    cycle[j] = t;
  }
  return cycle;
}

function chase(cycle, loads) {
  let at = 0;
  for (let i = 0; i < loads; i++) at = cycle[at];
  return at;
}

function xorshift(steps) {
  let x = 2463534242;
  for (let i = 0; i < steps; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
  }
  return x;
}

/** The median ns per `per` of `run` over ROUNDS runs; sink keeps run's result alive (no dead loop). */
function medianNs(run, per) {
  const times = [];
  let sink = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    sink ^= run();
    times.push(((performance.now() - t) * 1e6) / per);
  }
  times.sort((a, b) => a - b);
  return { ns: times[ROUNDS >> 1], sink };
}

/** Eight chases of the cycle at once, from places spread over it: eight independent loads a step. */
function chase8(cycle, steps) {
  const d = cycle.length >>> 3;
  // prettier-ignore
  let a = 0, b = d, c = 2 * d, e = 3 * d, f = 4 * d, g = 5 * d, h = 6 * d, k = 7 * d;
  for (let i = 0; i < steps; i++) {
    a = cycle[a];
    b = cycle[b];
    c = cycle[c];
    e = cycle[e];
    f = cycle[f];
    g = cycle[g];
    h = cycle[h];
    k = cycle[k];
  }
  return a ^ b ^ c ^ e ^ f ^ g ^ h ^ k;
}

/** ns per load in 4 MiB, one at a time and eight at a time, and per integer step: medians of 5 rounds. */
function probeMachine() {
  const cycle = randomCycle(TABLE_WORDS, 20261202);
  chase(cycle, CHASE_LOADS); // warm: the pages mapped, the loops compiled
  chase8(cycle, CHASE_LOADS >>> 3);
  const tableLoadNs = medianNs(() => chase(cycle, CHASE_LOADS), CHASE_LOADS).ns;
  const overlappedLoadNs = medianNs(() => chase8(cycle, CHASE_LOADS >>> 3), CHASE_LOADS).ns;
  xorshift(COMPUTE_STEPS);
  return { tableLoadNs, overlappedLoadNs, computeStepNs: medianNs(() => xorshift(COMPUTE_STEPS), COMPUTE_STEPS).ns };
}

module.exports = { probeMachine };
