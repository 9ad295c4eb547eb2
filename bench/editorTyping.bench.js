/**
 * Typing in a 1,000-cell script's editor, with the cells drawn (the default) against the same
 * editor with `drawCells: false`, in a real JupyterLab page in headless Chromium: keystroke to
 * paint, measured inside the page (200 keystrokes each, after a warm-up block; blocks of 20
 * keys, the setting toggled between blocks in a random order each round). Goal: at most 1.1x.
 * Also the parse after a pause (from the last key) and the redraw that follows it.
 *
 * The measuring is ui-tests/bench/editorTyping.spec.ts, run with Playwright's test runner
 * (ui-tests/bench/playwright.config.ts), whose fixtures start the JupyterLab host server and
 * the browser and always stop them. Needs lib/ (npm run build:lib, as `npm run bench` does),
 * the prebuilt extension (rebuilt here with `npm run build:labextension` when lib/ is newer)
 * and the host (`node ui-tests/host/build.mjs --if-needed`, a no-op when it is current).
 * CELLSCRIPT_BENCH_BLOCKS=n measures n blocks per condition instead of 10.
 */
const { runBrowserBench } = require('./browserBench');
const { row, stats } = require('./measure');

const GOAL = 1.1;
const SPEC = 'editorTyping.spec.ts';

async function run() {
  const result = await runBrowserBench(SPEC);

  const paint = condition => result.keys[condition].map(k => k.paintMs);
  const update = condition => result.keys[condition].map(k => k.updateMs);
  const pauses = condition => result.pauses[condition];
  const drawnStats = stats(paint('drawn'));
  const plainStats = stats(paint('plain'));
  const ratio = drawnStats.median / plainStats.median;
  const ratioP90 = drawnStats.p90 / plainStats.p90;
  const n = result.keys.drawn.length;
  const pausesN = pauses('drawn').length;
  return {
    name: `Typing in a ${result.cells}-cell script's editor (${result.lines} lines), cells drawn vs drawCells off, headless Chromium`,
    rows: [
      row(`keystroke to paint, cells drawn (${n} keys)`, paint('drawn')),
      row(`keystroke to paint, drawCells off (${n} keys)`, paint('plain')),
      row(
        'editor update (view.dispatch) per key, cells drawn',
        update('drawn')
      ),
      row(
        'editor update (view.dispatch) per key, drawCells off',
        update('plain')
      ),
      row(
        `pause: last key to parsed (the document's paced wait included), cells drawn (${pausesN})`,
        pauses('drawn').map(p => p.parseMs)
      ),
      row(
        `pause: parse, drawCells off (${pausesN})`,
        pauses('plain').map(p => p.parseMs)
      ),
      row(
        'pause: parsed to the next frame painted (redrawn when the cells changed)',
        pauses('drawn').map(p => p.redrawMs)
      ),
      row(
        'pause: of which the setEditorCells dispatch (0: no redraw needed)',
        pauses('drawn').map(p => p.dispatchMs)
      )
    ],
    summary:
      `keystroke to paint: cells drawn / drawCells off ${ratio.toFixed(2)}x at the median ` +
      `(${drawnStats.median.toFixed(1)} vs ${plainStats.median.toFixed(1)} ms), ` +
      `${ratioP90.toFixed(2)}x at p90; goal <= ${GOAL}x: ` +
      `${ratio <= GOAL ? 'met' : 'NOT met'}. ${n} keys each (letters, Enter, Backspace in a ` +
      `comment of the middle cell), blocks of ${result.blockKeys} in a random order each round.`,
    ratio: +ratio.toFixed(3),
    ratioP90: +ratioP90.toFixed(3),
    goalMet: ratio <= GOAL,
    userAgent: result.userAgent
  };
}

module.exports = { run };
