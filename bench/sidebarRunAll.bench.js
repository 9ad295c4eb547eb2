/**
 * Run all of a 1,000-cell script of trivial cells in a real JupyterLab page (headless
 * Chromium, the notebook's kernel), with the sidebar showing the script against collapsed:
 * what the sidebar's rows cost a run (goal: at most 1.5x). Medians of 7+ interleaved samples.
 *
 * The measuring is ui-tests/bench/sidebarRunAll.spec.ts, run with Playwright's test runner
 * like the other browser benches (see bench/browserBench.js for what it needs and builds).
 * CELLSCRIPT_BENCH_SAMPLES=n measures n samples of each (at least 7; default 9).
 */
const { runBrowserBench } = require('./browserBench');
const { row, stats } = require('./measure');

const SPEC = 'sidebarRunAll.spec.ts';
const RATIO_GOAL = 1.5;

async function run() {
  const result = await runBrowserBench(SPEC);
  const { shown, hidden } = result;
  const ratio = stats(shown).median / stats(hidden).median;
  return {
    name: `Run all of ${result.cells} trivial cells in the page, the sidebar showing them or not, headless Chromium`,
    rows: [
      row(`run all, sidebar showing the script (${shown.length})`, shown),
      row(`run all, sidebar collapsed (${hidden.length})`, hidden)
    ],
    summary:
      `run all with the sidebar / without: ${ratio.toFixed(2)}x at the median ` +
      `(goal <= ${RATIO_GOAL}x: ${ratio <= RATIO_GOAL ? 'met' : 'NOT met'}).`,
    ratio: +ratio.toFixed(2),
    goalMet: ratio <= RATIO_GOAL,
    samples: {
      shown: shown.map(ms => +ms.toFixed(1)),
      hidden: hidden.map(ms => +ms.toFixed(1))
    },
    userAgent: result.userAgent
  };
}

module.exports = { run };
