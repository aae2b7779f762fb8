'use strict';
// Combines the rounds of one flavour: each figure from the round where it was fastest (medians
// already; the best of those is the least disturbed by the rest of the machine). A flavour that
// failed in any round is that failure.
const TIMED = ['fibMs', 'csvLoadMs'];
const PLAIN = ['boundaryNs'];
const LOOKUPS = ['string', 'uint32', 'batch'];

function bestOf(rounds) {
  const failed = rounds.find((c) => !c?.ok);
  if (failed) return failed;
  const [first] = rounds;
  const best = { ...first, rounds: rounds.length };
  for (const key of TIMED) best[key] = rounds.map((c) => c[key]).reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
  for (const key of PLAIN) best[key] = Math.min(...rounds.map((c) => c[key]));
  best.lookupNs = Object.fromEntries(LOOKUPS.map((key) => [key, Math.min(...rounds.map((c) => c.lookupNs[key]))]));
  const loads = rounds.map((c) => c.loadMs).filter((ms) => typeof ms === 'number');
  best.loadMs = loads.length ? Math.min(...loads) : null;
  return best;
}

module.exports = { bestOf };
