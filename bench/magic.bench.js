/**
 * A notebook cell `%cellscript run Trivial` against a notebook cell with the same code, in a
 * real JupyterLab page (headless Chromium) and the same kernel: what the frontend magic path
 * (the cell executor, the history entry, the runner) costs a trivial cell (goal: at most
 * 1.2x). Medians of 100 interleaved samples each.
 *
 * The measuring is ui-tests/bench/magic.spec.ts (see bench/browserBench.js).
 * CELLSCRIPT_BENCH_SAMPLES=n measures n samples of each (at least 20; default 100).
 */
const { runBrowserBench } = require('./browserBench');
const { row, stats } = require('./measure');

const SPEC = 'magic.spec.ts';
const RATIO_GOAL = 1.2;

async function run() {
  const { magic, plain, userAgent } = await runBrowserBench(SPEC);
  const ratio = stats(magic).median / stats(plain).median;
  return {
    name: 'A trivial cell run by %cellscript run against the same code in a notebook cell, headless Chromium',
    rows: [
      row(`%cellscript run Trivial (${magic.length})`, magic),
      row(`x = 1 in a cell (${plain.length})`, plain)
    ],
    summary:
      `%cellscript run / plain cell: ${ratio.toFixed(2)}x at the median ` +
      `(goal <= ${RATIO_GOAL}x: ${ratio <= RATIO_GOAL ? 'met' : 'NOT met'}).`,
    ratio: +ratio.toFixed(2),
    goalMet: ratio <= RATIO_GOAL,
    samples: {
      magic: magic.map(ms => +ms.toFixed(2)),
      plain: plain.map(ms => +ms.toFixed(2))
    },
    userAgent
  };
}

module.exports = { run };
