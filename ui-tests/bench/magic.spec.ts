/**
 * The magic bench (run by bench/magic.bench.js; not one of the browser tests): in a real
 * JupyterLab page, a notebook cell `%cellscript run Trivial` against a notebook cell holding
 * the same code (`x = 1`), both run with the notebook's Run Cell in the same kernel. Each
 * sample is timed in the page from the command to its promise resolving; the two are
 * interleaved in a fresh order each round.
 */
import { prepareBenchPage, reportBenchResult } from './benchPage';
import { expect, test } from '../fixtures';

test.use({ serverRoot: 'empty' });

const SAMPLES = Math.max(
  20,
  Number(process.env.CELLSCRIPT_BENCH_SAMPLES || 100)
);
const WARMUP = 5;

test('%cellscript run of a trivial cell against the same code in a cell', async ({
  lab,
  server
}, testInfo) => {
  const { page } = lab;
  await server.writeFile('trivial.py', '# %% Trivial\nx = 1\n');
  await server.writeNotebook('bench.ipynb', [
    '%cs open trivial.py',
    '%cs run Trivial',
    'x = 1'
  ]);
  const notebook = await lab.openNotebook('bench.ipynb');
  await prepareBenchPage(page);

  /** Run cell `index` of the notebook once: ms from the command to its end. */
  const runCell = (index: number): Promise<number> =>
    page.evaluate(async index => {
      const app = (window as any).jupyterapp;
      const panel = app.shell.currentWidget;
      panel.content.activeCellIndex = index;
      const start = performance.now();
      const ran = await app.commands.execute('notebook:run-cell');
      const ms = performance.now() - start;
      if (ran === false) {
        throw new Error(`Cell ${index} did not run.`);
      }
      return ms;
    }, index);

  await runCell(0);
  const magic: number[] = [];
  const plain: number[] = [];
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const order = Math.random() < 0.5 ? [1, 2] : [2, 1];
    for (const index of order) {
      const ms = await runCell(index);
      if (i >= WARMUP) {
        (index === 1 ? magic : plain).push(ms);
      }
    }
  }
  // The magic ran the script's cell each time: its cell shows no error, and a count.
  const magicCell = notebook.locator.locator('.jp-Notebook .jp-Cell').nth(1);
  await expect(magicCell.locator('.jp-OutputArea-output')).toHaveCount(0);
  await expect(magicCell.locator('.jp-InputPrompt')).toHaveText(/\[\d+\]/);

  const result = {
    userAgent: await page.evaluate(() => navigator.userAgent),
    magic,
    plain
  };
  await reportBenchResult(testInfo, 'magic.json', result);
});
