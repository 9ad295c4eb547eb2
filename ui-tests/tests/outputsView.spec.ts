/**
 * The script outputs view: a main-area tab beside the notebook with each cell's last outputs
 * at full width, newest run last; show-outputs with a cell scrolls to it; reset empties it;
 * it closes, reopens and comes back after a reload.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { savedWorkspaceEntry } from '../support/labPage';
import { scriptBesideNotebook, showScript } from '../support/sidebarPage';
import { contrastFailures } from '../support/contrast';
import { useTheme } from '../support/theme';

const VIEW = '.jp-CellScript-outputsView';

/** The names in the entries' headers, in order. */
function entryNames(page: Page): Locator {
  return page.locator(
    `${VIEW} .jp-CellScript-outputsEntry .jp-CellScript-outputsName`
  );
}

/** The entry of the cell named `name`. */
function entry(page: Page, name: string): Locator {
  return page.locator(`${VIEW} .jp-CellScript-outputsEntry`).filter({
    has: page.locator('.jp-CellScript-outputsName').getByText(name, {
      exact: true
    })
  });
}

/** The example pipeline with a last cell that fails, as a user's script does one day. */
const PIPELINE = fs
  .readFileSync(
    path.join(__dirname, '..', '..', 'examples', 'pipeline.py'),
    'utf8'
  )
  .concat(
    '\n# %% Report tags=["report"]\n',
    'print(f"R² on held-out rows: {metrics[\'r_squared\']}")\n',
    'print(f"accuracy: {metrics[\'accuracy\']:.1%}")\n'
  );

test('shows the pipeline run beside the notebook: headers, plot at its natural size, the error, newest last', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await server.writeFile('pipeline.py', PIPELINE);
  const notebook = await lab.openNotebook('pipeline.ipynb');
  // With the script in the sidebar, which tells how runs end (no notices on top).
  await showScript(lab, 'pipeline.py');

  await lab.execute('cellscript:run-all', { path: 'pipeline.py' });
  await lab.execute('cellscript:show-outputs', { path: 'pipeline.py' });

  // Beside the notebook, not over it: both visible, the view on the right.
  const view = page.locator(VIEW);
  await expect(view).toBeVisible();
  await expect(notebook.locator).toBeVisible();
  const left = (await notebook.locator.boundingBox())!;
  const right = (await view.boundingBox())!;
  expect(right.x).toBeGreaterThanOrEqual(left.x + left.width - 1);
  await expect(
    page.locator('.lm-TabBar-tab.lm-mod-current', {
      hasText: 'Outputs · pipeline.py'
    })
  ).toBeVisible();

  await expect(entryNames(page)).toHaveText([
    'Setup',
    'Parameters',
    'Load data',
    'Train',
    'Evaluate',
    'Save',
    'Report'
  ]);
  const load = entry(page, 'Load data');
  await expect(load.locator('.jp-CellScript-outputsLine')).toHaveText(
    'line 46'
  );
  await expect(load.locator('.jp-CellScript-outputsStatus')).toHaveText('ok');
  await expect(load.locator('.jp-CellScript-outputsDuration')).toHaveText(
    /\d+(\.\d+)? (ms|s)/
  );
  await expect(load.locator('.jp-OutputArea')).toContainText(
    '400 training rows, 100 test rows'
  );
  await expect(
    entry(page, 'Setup').locator('.jp-CellScript-outputsNote')
  ).toHaveText('No output.');

  // The table and the plot as in a notebook; the plot at its natural size (600 px wide).
  const evaluate = entry(page, 'Evaluate');
  await expect(evaluate.locator('.jp-OutputArea table')).toContainText(
    'learned'
  );
  const plot = evaluate.locator('.jp-OutputArea img');
  await expect(plot).toBeVisible();
  const width = await plot.evaluate(img => img.getBoundingClientRect().width);
  expect(width).toBeGreaterThan(400);

  // The failing cell: status, its traceback with the script's line.
  const report = entry(page, 'Report');
  await expect(report).toHaveAttribute('data-status', 'error');
  await expect(report.locator('.jp-CellScript-outputsStatus')).toHaveText(
    'error'
  );
  await expect(report.locator('.jp-OutputArea')).toContainText('KeyError');
  await expect(report.locator('.jp-OutputArea')).toContainText(
    "metrics['accuracy']"
  );
  await expect(report.locator('.jp-OutputArea')).toContainText(
    'R² on held-out rows'
  );

  // show-outputs with a cell brings its entry into view.
  await lab.execute('cellscript:show-outputs', {
    path: 'pipeline.py',
    cell: { name: 'Evaluate' }
  });
  await expect(evaluate).toBeInViewport();
  await expect(
    evaluate.locator('.jp-CellScript-outputsHeader')
  ).toBeInViewport();

  // Screenshots with room for the view: the left area folded away.
  await lab.execute('application:toggle-left-area');
  await expect(page.locator('#jp-left-stack')).toBeHidden();
  await lab.execute('cellscript:show-outputs', {
    path: 'pipeline.py',
    cell: { name: 'Evaluate' }
  });
  await expect(evaluate).toBeInViewport();
  // The error in full below the plot; Evaluate's header stays on top as its table scrolls by.
  await report.evaluate(node => node.scrollIntoView({ block: 'end' }));
  await expect(report).toBeInViewport({ ratio: 1 });
  // The view's own text is readable in both themes (the outputs are drawn by JupyterLab's
  // renderers, as in a notebook: its fixed ANSI palette is below 4.5:1 on any background).
  const ownText = { skip: '.jp-OutputArea-output' };
  expect(await contrastFailures(page.locator(VIEW), ownText)).toEqual([]);
  await lab.screenshot('outputs-view');
  await useTheme(lab, 'JupyterLab Dark');
  expect(await contrastFailures(page.locator(VIEW), ownText)).toEqual([]);
  await lab.screenshot('outputs-view-dark');
  await useTheme(lab, 'JupyterLab Light');

  // Re-running a cell moves its entry to the end, with its new outputs.
  await lab.execute('cellscript:run-cell', {
    path: 'pipeline.py',
    cell: 'Load data'
  });
  await expect(entryNames(page)).toHaveText([
    'Setup',
    'Parameters',
    'Train',
    'Evaluate',
    'Save',
    'Report',
    'Load data'
  ]);
  // Its outputs replaced, not appended to.
  const reloaded = entry(page, 'Load data').locator('.jp-OutputArea');
  await expect(reloaded).toContainText('training rows');
  const text = await reloaded.innerText();
  expect(text.split('training rows')).toHaveLength(2);
});

test('closes and reopens, follows a reset, and comes back after a reload', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await scriptBesideNotebook(
    lab,
    server,
    'broken.py',
    '# %% Fine\nx = 1\nprint("fine", x)\n\n# %% Boom\ny = 2\nz = x / 0\n\n# %% After\nw = 3\n'
  );

  // Opened before anything ran: it says what to do.
  await lab.execute('cellscript:show-outputs', { path: 'broken.py' });
  const view = page.locator(VIEW);
  await expect(view.locator('.jp-CellScript-outputsEmpty')).toHaveText(
    'Run a cell of broken.py to see its outputs here.'
  );
  await expect(view.locator('.jp-CellScript-outputsKernel')).toContainText(
    'work.ipynb'
  );

  // It follows runs live, also while open.
  await lab.execute('cellscript:run-all', { path: 'broken.py' });
  await expect(entryNames(page)).toHaveText(['Fine', 'Boom']);
  await expect(view.locator('.jp-CellScript-outputsEmpty')).toBeHidden();
  const boom = entry(page, 'Boom');
  await expect(boom).toHaveAttribute('data-status', 'error');
  await expect(boom.locator('.jp-OutputArea')).toContainText(
    'ZeroDivisionError'
  );
  await expect(boom.locator('.jp-OutputArea')).toContainText('z = x / 0');

  // A cell that did not run: a notice, no entry.
  await lab.execute('cellscript:show-outputs', {
    path: 'broken.py',
    cell: { name: 'After' }
  });
  await expect(
    page.locator('.Toastify__toast', {
      hasText: 'After has not run in this kernel yet'
    })
  ).toBeVisible();

  // "line 5" opens the script at the cell.
  await boom.locator('.jp-CellScript-outputsLine').click();
  await expect(
    page.locator('.lm-TabBar-tab.lm-mod-current', { hasText: /^broken\.py$/ })
  ).toBeVisible();

  // Closed, then opened again: the runs are still there (they belong to the kernel).
  const tab = page.locator('.lm-TabBar-tab', {
    hasText: 'Outputs · broken.py'
  });
  await tab.click();
  await expect(view).toBeVisible();
  await tab.locator('.lm-TabBar-tabCloseIcon').click();
  await expect(view).toHaveCount(0);
  await lab.execute('cellscript:show-outputs', { path: 'broken.py' });
  await expect(entryNames(page)).toHaveText(['Fine', 'Boom']);
  await expect(entry(page, 'Fine').locator('.jp-OutputArea')).toContainText(
    'fine 1'
  );

  // Another notebook's kernel has runs of its own: the view follows the active notebook.
  await server.writeNotebook('other.ipynb', ['']);
  await lab.openNotebook('other.ipynb');
  await lab.execute('cellscript:show-outputs', { path: 'broken.py' });
  await expect(view.locator('.jp-CellScript-outputsKernel')).toContainText(
    'other.ipynb'
  );
  await expect(entryNames(page)).toHaveCount(0);
  await page.locator('.lm-TabBar-tab', { hasText: 'work.ipynb' }).click();
  await lab.execute('cellscript:show-outputs', { path: 'broken.py' });
  await expect(view.locator('.jp-CellScript-outputsKernel')).toContainText(
    'work.ipynb'
  );
  await expect(entryNames(page)).toHaveText(['Fine', 'Boom']);

  // A reset forgets the runs: the view empties.
  await lab.execute('cellscript:reset-namespace', { path: 'broken.py' });
  await expect(entryNames(page)).toHaveCount(0);
  await expect(view.locator('.jp-CellScript-outputsEmpty')).toHaveText(
    'Run a cell of broken.py to see its outputs here.'
  );

  // After a reload the view is back in the layout.
  await lab.execute('cellscript:run-cell', { path: 'broken.py', cell: 'Fine' });
  await expect(entryNames(page)).toHaveText(['Fine']);
  // JupyterLab saves the workspace (the layout, the tracked views) shortly after a change.
  await expect
    .poll(() => savedWorkspaceEntry(page, 'cellscript-outputs:broken.py'))
    .toContain('broken.py');
  await expect
    .poll(() => savedWorkspaceEntry(page, 'layout-restorer:data'))
    .toContain('cellscript-outputs:broken.py');
  await lab.reload();
  // Restored as a tab of its area (another tab of that area may be the current one).
  const restored = page.locator('.lm-TabBar-tab', {
    hasText: 'Outputs · broken.py'
  });
  await expect(restored).toHaveCount(1);
  await restored.click();
  await expect(page.locator(VIEW)).toBeVisible();
  // Outputs are not kept across reloads: a run read back says so, else it is empty.
  await expect(page.locator(VIEW)).toContainText(
    /Run a cell of broken\.py to see its outputs here|Ran before reload/
  );
});

test('streams a running cell live and ends it interrupted; a second script gets a tab beside the first', async ({
  lab,
  server
}) => {
  const { page } = lab;
  // Outputs are untrusted: HTML shows, sanitised; its scripts and handlers do not run.
  await scriptBesideNotebook(
    lab,
    server,
    'quick.py',
    [
      '# %% Quick',
      'from IPython.display import HTML, display',
      'display(HTML(\'<b class="shown">bold</b><script>window.ranScript = 1</script>\'',
      '             \'<a class="link" href="#" onclick="window.ranHandler = 1">x</a>\'))',
      ''
    ].join('\n')
  );
  await server.writeFile(
    'slow.py',
    '# %% Slow\nimport time\nprint("first", flush=True)\ntime.sleep(120)\nprint("never")\n'
  );
  await lab.execute('cellscript:run-all', { path: 'quick.py' });
  await lab.execute('cellscript:show-outputs', { path: 'quick.py' });
  const quick = entry(page, 'Quick');
  await expect(quick.locator('b.shown')).toHaveText('bold');
  await expect(quick.locator('script')).toHaveCount(0);
  await quick.locator('a').click();
  expect(
    await page.evaluate(() => [
      (window as any).ranScript,
      (window as any).ranHandler
    ])
  ).toEqual([undefined, undefined]);

  await lab.execute('cellscript:show-outputs', { path: 'slow.py' });
  // The second view opens as a tab next to the first, not in a third split.
  const tabs = page.locator('.lm-TabBar-tab', { hasText: /^Outputs · / });
  await expect(tabs).toHaveCount(2);
  const bars = tabs.locator('xpath=..');
  await expect(bars.first()).toContainText('Outputs · quick.py');
  await expect(bars.first()).toContainText('Outputs · slow.py');

  // Not awaited: the run ends only when interrupted.
  await page.evaluate(() => {
    void (window as any).jupyterapp.commands.execute('cellscript:run-cell', {
      path: 'slow.py',
      cell: 'Slow'
    });
  });
  const slow = entry(page, 'Slow');
  await expect(slow).toHaveAttribute('data-status', 'running');
  await expect(slow.locator('.jp-OutputArea')).toContainText('first');
  await expect(slow.locator('.jp-CellScript-outputsDuration')).toBeHidden();

  await lab.execute('cellscript:interrupt');
  await expect(slow).toHaveAttribute('data-status', 'interrupted');
  await expect(slow.locator('.jp-CellScript-outputsStatus')).toHaveText(
    'interrupted'
  );
  await expect(slow.locator('.jp-OutputArea')).toContainText('first');
  await expect(slow.locator('.jp-OutputArea')).toContainText(
    'KeyboardInterrupt'
  );
});
