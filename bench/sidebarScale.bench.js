/**
 * A 1,000-cell script in the sidebar, in a real JupyterLab page in headless Chromium: opening
 * it until the rows in view are painted (goal <= 100 ms; the list draws rows a block at a
 * time as they come into view), and an edit in its editor (a cell renamed) until the sidebar,
 * scrolled to that cell, has painted the new name (goal <= 50 ms); medians of 7+ samples, each
 * sample's figures kept, with where the time went (read and parse, the sidebar's rows, the
 * paint).
 *
 * The measuring is ui-tests/bench/sidebarScale.spec.ts, run with Playwright's test runner
 * like the typing bench (see bench/browserBench.js for what it needs and builds).
 * CELLSCRIPT_BENCH_SAMPLES=n measures n samples of each (at least 7; default 9).
 */
const { runBrowserBench } = require('./browserBench');
const { row, stats } = require('./measure');

const SPEC = 'sidebarScale.spec.ts';
const OPEN_GOAL_MS = 100;
const EDIT_GOAL_MS = 50;

/** The samples' figures, rounded, for the results file. */
const rounded = samples =>
  samples.map(sample =>
    Object.fromEntries(
      Object.entries(sample).map(([key, value]) => [key, +value.toFixed(1)])
    )
  );

async function run() {
  const result = await runBrowserBench(SPEC);
  const { opens, edits } = result;
  const of = (samples, key) => samples.map(sample => sample[key]);
  const openMedian = stats(of(opens, 'totalMs')).median;
  const editMedian = stats(of(edits, 'totalMs')).median;
  return {
    name: `A ${result.cells}-cell script (${result.lines} lines) in the sidebar, headless Chromium`,
    rows: [
      row(
        `open: command to the rows in view painted (${opens.length})`,
        of(opens, 'totalMs')
      ),
      row(
        'open: command to the text read (contents API)',
        of(opens, 'fetchMs')
      ),
      row('open: parse', of(opens, 'parseMs')),
      row(
        "open: the document's changed listeners (the sidebar's update)",
        of(opens, 'listenersMs')
      ),
      row('open: parsed to the rows in view in the DOM', of(opens, 'rowsMs')),
      row('open: rows in the DOM to painted', of(opens, 'paintMs')),
      row(
        `edit: rename in the editor to the new name painted in the sidebar (${edits.length})`,
        of(edits, 'totalMs')
      ),
      row("edit: the document's wait (edit to re-read)", of(edits, 'waitMs')),
      row("edit: the editor's text (model toString)", of(edits, 'textMs')),
      row('edit: parse', of(edits, 'parseOnlyMs')),
      row(
        "edit: the document's changed listeners (the sidebar's update)",
        of(edits, 'listenersMs')
      ),
      row(
        'edit: edit to changed seen by the bench (all of the above)',
        of(edits, 'parseMs')
      ),
      row('edit: then to the name in the DOM', of(edits, 'rowsMs')),
      row('edit: then to painted', of(edits, 'paintMs'))
    ],
    summary:
      `open until the rows in view show: ${openMedian.toFixed(1)} ms at the median ` +
      `(goal <= ${OPEN_GOAL_MS} ms: ${openMedian <= OPEN_GOAL_MS ? 'met' : 'NOT met'}); ` +
      `an edit to the sidebar: ${editMedian.toFixed(1)} ms ` +
      `(goal <= ${EDIT_GOAL_MS} ms: ${editMedian <= EDIT_GOAL_MS ? 'met' : 'NOT met'}). ` +
      `${opens.length} opens (a fresh copy each), ${edits.length} edits (renamed and back).`,
    openMedianMs: +openMedian.toFixed(1),
    editMedianMs: +editMedian.toFixed(1),
    openGoalMet: openMedian <= OPEN_GOAL_MS,
    editGoalMet: editMedian <= EDIT_GOAL_MS,
    samples: { opens: rounded(opens), edits: rounded(edits) },
    userAgent: result.userAgent
  };
}

module.exports = { run };
