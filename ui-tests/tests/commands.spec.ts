/**
 * Every way in besides the sidebar's buttons: shortcuts in the script's editor, the Run menu's
 * CellScript submenu, the sidebar's context menu, notifications when the sidebar is closed,
 * and exports seen from a notebook cell. None of our shortcuts takes one of JupyterLab's keys.
 */
import { expect, test } from '../fixtures';
import {
  contextMenu,
  menuItem,
  notebookCells,
  toasts
} from '../support/notebookCells';
import { savedWorkspaceEntry } from '../support/labPage';
import {
  outputSummary,
  row,
  scriptBesideNotebook,
  SIDEBAR
} from '../support/sidebarPage';
import { useTheme } from '../support/theme';

test.use({ serverRoot: 'empty' });

const SCRIPT =
  '# %% Setup\nx = 20\n\n' +
  '# %% Train\nmodel = x * 2\nprint(model)\n\n' +
  '# %% Evaluate\nprint("score", model)\n';

test('shortcuts run the cell at the cursor, all cells, and what changed; the Run menu lists them', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await scriptBesideNotebook(lab, server, 'pipeline.py', SCRIPT);
  const editor = await lab.openFile('pipeline.py', 'Editor');
  await editor.locator.locator('.cm-line').nth(1).click(); // x = 20, in Setup

  await page.keyboard.press('Control+Alt+Enter');
  await expect(row(page, 'Setup')).toHaveAttribute('data-status', 'ok');
  await expect(row(page, 'Train')).toHaveAttribute('data-status', 'not-run');

  await page.keyboard.press('Control+Alt+R');
  await expect(row(page, 'Evaluate')).toHaveAttribute('data-status', 'ok');
  await expect(outputSummary(row(page, 'Evaluate'))).toHaveText('score 40');

  // Edit Train (unsaved): "run changed" runs it and Evaluate, which ran on its old result.
  await editor.locator
    .locator('.cm-line', { hasText: 'model = x * 2' })
    .click();
  await page.keyboard.press('End');
  await page.keyboard.type(' + 1');
  await page.keyboard.press('Control+Alt+C');
  await expect(outputSummary(row(page, 'Evaluate'))).toHaveText('score 41');
  await expect(outputSummary(row(page, 'Train'))).toHaveText('41');

  // The Run menu's CellScript submenu, with the shortcuts shown.
  await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
  await menuItem(page, 'CellScript').hover();
  const submenu = page.locator('.lm-Menu').last();
  for (const label of [
    'Run Script Cell at Cursor',
    'Run Script Cells Above',
    'Run Script Cell and Below',
    'Run All Script Cells',
    'Run Changed Script Cells',
    'Interrupt Script Run',
    'Reset Script Namespace'
  ]) {
    await expect(menuItem(page, label)).toBeVisible();
  }
  await expect(
    menuItem(page, 'Run All Script Cells').locator('.lm-Menu-itemShortcut')
  ).toHaveText(/Ctrl\+Alt\+R/);
  await expect(submenu).toBeVisible();
  await lab.screenshot('run-menu');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
});

test('the sidebar context menu runs up to a cell and below one', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await scriptBesideNotebook(lab, server, 'pipeline.py', SCRIPT);

  await contextMenu(row(page, 'Train'), 'Run Script Cells up to Here');
  await expect(row(page, 'Train')).toHaveAttribute('data-status', 'ok');
  await expect(row(page, 'Setup')).toHaveAttribute('data-status', 'ok');
  await expect(row(page, 'Evaluate')).toHaveAttribute('data-status', 'not-run');

  await contextMenu(row(page, 'Evaluate'), 'Run Script Cell and Below');
  await expect(row(page, 'Evaluate')).toHaveAttribute('data-status', 'ok');

  await contextMenu(row(page, 'Train'), 'Reveal Cell in Editor');
  await expect(
    page.locator('.lm-TabBar-tab.lm-mod-current', { hasText: 'pipeline.py' })
  ).toBeVisible();
});

test('with the sidebar closed, a run says how it went; an error offers to show its line', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await scriptBesideNotebook(lab, server, 'pipeline.py', SCRIPT);
  await page.evaluate(() => (window as any).jupyterapp.shell.collapseLeft());
  await expect(page.locator(SIDEBAR)).toBeHidden();

  await lab.execute('cellscript:run-all', { path: 'pipeline.py' });
  await expect(
    toasts(page).filter({ hasText: /Ran 3 cells of pipeline\.py in/ })
  ).toBeVisible();

  // A run that takes a while shows that it is running, and that turns into the result.
  await server.writeFile('slow.py', '# %% Slow\nimport time\ntime.sleep(2)\n');
  void lab.execute('cellscript:run-all', { path: 'slow.py' });
  await expect(
    toasts(page).filter({ hasText: 'Running slow.py…' })
  ).toBeVisible();
  await expect(
    toasts(page).filter({ hasText: /Ran 1 cell of slow\.py in 2\.\d\d s/ })
  ).toBeVisible();
  await expect(
    toasts(page).filter({ hasText: 'Running slow.py…' })
  ).toHaveCount(0);

  await server.writeFile(
    'broken.py',
    '# %% Fine\nx = 1\n\n# %% Boom\ny = 2\nz = x / 0\n'
  );
  await lab.execute('cellscript:run-all', { path: 'broken.py' });
  const failed = toasts(page).filter({ hasText: 'ZeroDivisionError' });
  await expect(failed).toContainText('line 6');
  await lab.screenshot('run-error-notification');
  await failed.getByRole('button', { name: 'Show' }).click();
  await expect(
    page.locator('.lm-TabBar-tab.lm-mod-current', { hasText: 'broken.py' })
  ).toBeVisible();
});

test('exports declared in the sidebar reach the notebook after a run, and outlive a reload', async ({
  lab,
  server
}) => {
  const { page } = lab;
  const notebook = await scriptBesideNotebook(
    lab,
    server,
    'pipeline.py',
    SCRIPT,
    ['print(x_from_script, model_v2)']
  );
  const exports = page.locator(`${SIDEBAR} .jp-CellScript-exports`);
  const input = exports.getByRole('textbox', { name: 'Variables to export' });
  const item = (target: string) =>
    exports.locator(`.jp-CellScript-export[data-target="${target}"]`);

  // A keyword is refused, saying why; the text stays to be corrected.
  await input.fill('class');
  await input.press('Enter');
  await expect(exports.locator('.jp-CellScript-exportMessage')).toContainText(
    'Python keyword'
  );
  await expect(input).toHaveValue('class');

  await input.fill('x_from_script=x, model_v2 = model, ghost');
  await input.press('Enter');
  await expect(input).toHaveValue('');
  // Applied at once: the script has not run, so its namespace lacks them all.
  await expect(item('model_v2')).toHaveAttribute('data-state', 'missing');

  await lab.execute('cellscript:run-all', { path: 'pipeline.py' });
  await expect(item('x_from_script')).toHaveAttribute('data-state', 'exported');
  await expect(item('model_v2')).toHaveAttribute('data-state', 'exported');
  await expect(item('ghost')).toHaveAttribute('data-state', 'missing');
  await expect(
    item('model_v2').locator('.jp-CellScript-exportName')
  ).toHaveText('model_v2=model');

  // The notebook's own cell sees them.
  await notebookCells(notebook).first().locator('.cm-content').click();
  await lab.execute('notebook:run-cell');
  await expect(
    notebookCells(notebook).first().locator('.jp-OutputArea-output')
  ).toHaveText('20 40');
  await lab.screenshot('exports');

  await item('ghost')
    .getByRole('button', { name: 'Stop exporting ghost' })
    .click();
  await expect(item('ghost')).toHaveCount(0);

  // JupyterLab saves the workspace (where the state database lives) shortly after a change.
  await expect
    .poll(() => savedWorkspaceEntry(page, 'jupyterlab-cellscript:exports'))
    .toBe(
      JSON.stringify({
        version: 1,
        scripts: {
          'pipeline.py': [
            { target: 'x_from_script', source: 'x' },
            { target: 'model_v2', source: 'model' }
          ]
        }
      })
    );
  await lab.reload();
  await lab.waitForKernelReady('work.ipynb');
  await expect(item('x_from_script')).toBeVisible();
  await expect(item('model_v2')).toBeVisible();
  await expect(item('ghost')).toHaveCount(0);
});

test("no CellScript shortcut takes keys JupyterLab binds to something else, but Ctrl/Shift+Enter in a script's cell editor", async ({
  lab
}) => {
  const clashes = await lab.page.evaluate(() => {
    const bindings = (window as any).jupyterapp.commands.keyBindings as Array<{
      command: string;
      keys: string[];
      selector: string;
    }>;
    // Ctrl+Enter and Shift+Enter run a script's cells as in a notebook, on purpose, only in
    // editors of scripts with cells (and no console attached, see scriptEditor.spec.ts).
    const ours = bindings.filter(
      b =>
        b.command.startsWith('cellscript:') &&
        !b.selector.startsWith('.jp-CellScript-cellEditor ')
    );
    const theirs = bindings.filter(b => !b.command.startsWith('cellscript:'));
    return ours.flatMap(own =>
      theirs
        .filter(other => other.keys.join(' ') === own.keys.join(' '))
        .map(
          other => `${own.keys.join(' ')}: ${own.command} and ${other.command}`
        )
    );
  });
  const ours = await lab.page.evaluate(() =>
    (
      (window as any).jupyterapp.commands.keyBindings as Array<{
        command: string;
      }>
    )
      .filter(b => b.command.startsWith('cellscript:'))
      .map(b => b.command)
  );
  expect(ours).toEqual(
    expect.arrayContaining([
      'cellscript:run-all',
      'cellscript:run-changed',
      'cellscript:run-cell',
      'cellscript:load-cell',
      'cellscript:save-cell',
      'cellscript:run-in-editor'
    ])
  );
  expect(clashes).toEqual([]);
});

test("in the dark theme: a loaded cell's label, the run error, the exports and the save dialog", async ({
  lab,
  server
}) => {
  const { page } = lab;
  const notebook = await scriptBesideNotebook(
    lab,
    server,
    'pipeline.py',
    SCRIPT.replace('print("score", model)', 'print("score", model / 0)')
  );
  await useTheme(lab, 'JupyterLab Dark');
  await lab.execute('cellscript:load-cell', {
    path: 'pipeline.py',
    cell: 'Train'
  });
  await lab.execute('cellscript:export', {
    path: 'pipeline.py',
    names: 'model, ghost'
  });
  await lab.execute('cellscript:run-all', { path: 'pipeline.py' });
  const error = page.locator(`${SIDEBAR} .jp-CellScript-runError`);
  await expect(error).toHaveText(
    'Evaluate failed: ZeroDivisionError: division by zero (line 9)'
  );
  const loaded = notebookCells(notebook).first();
  await expect(loaded).toHaveAttribute(
    'data-cellscript-origin',
    'pipeline.py › Train'
  );
  // The label is drawn in the theme's colours, readable on the dark background.
  const [label, background] = await loaded.evaluate(cell => [
    getComputedStyle(cell, '::before').color,
    getComputedStyle(document.body).backgroundColor
  ]);
  expect(label).not.toBe(background);
  await lab.screenshot('dark-theme');

  await server.writeFile('pipeline.py', SCRIPT.replace('x * 2', 'x * 7'));
  await loaded.locator('.cm-content').click();
  await page.keyboard.press('End');
  await page.keyboard.type('  # mine');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Alt+S');
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog.locator('[data-version="script"] pre')).toContainText(
    'x * 7'
  );
  await lab.screenshot('save-cell-conflict-dark');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});
