/**
 * Measuring helpers shared by the kernel benches: interleaved timing (a fresh order each round,
 * so drift and what ran just before hit every measure alike) and table rows of medians.
 */

/** Median, 10th and 90th percentile and mean of samples (ms). */
function stats(samples) {
  const sorted = samples.slice().sort((a, b) => a - b);
  const at = q =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { median: at(0.5), p10: at(0.1), p90: at(0.9), mean };
}

/** One row of a bench table. */
function row(name, samples) {
  const s = stats(samples);
  return {
    measure: name,
    'median ms': +s.median.toFixed(3),
    'p10 ms': +s.p10.toFixed(3),
    'p90 ms': +s.p90.toFixed(3),
    'mean ms': +s.mean.toFixed(3)
  };
}

function shuffle(items) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}

/** Wall time of one call of an async function, in ms. */
async function time(fn) {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Run each `[name, fn]` measure `runs` times after `warmup` rounds, in a fresh random order
 * each round. Returns the samples of each measure, in the order given.
 */
async function interleave(measures, runs, warmup) {
  const samples = measures.map(() => []);
  const order = measures.map((_, m) => m);
  for (let i = 0; i < warmup + runs; i++) {
    shuffle(order);
    for (const m of order) {
      const ms = await time(measures[m][1]);
      if (i >= warmup) {
        samples[m].push(ms);
      }
    }
  }
  return samples;
}

module.exports = { stats, row, interleave };
