/**
 * The sidebar's cell list from the keyboard: moving between rows, running, loading, opening
 * and showing outputs, without ever typing into the script.
 */
import { expect, test } from '../fixtures';
import {
  outputSummary,
  row,
  scriptBesideNotebook,
  SIDEBAR
} from '../support/sidebarPage';

const SCRIPT =
  '# %% One\nx = 1\nprint("one")\n\n# %% Two\ny = x + 1\nprint("two", y)\n\n# %% Three\nprint("three")\n';

test('rows are used with the keyboard and never edit the script', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await scriptBesideNotebook(lab, server, 'keys.py', SCRIPT);
  // Outputs: a stand-in for the outputs view when it is not installed; either way, record.
  await page.evaluate(() => {
    const app = (window as any).jupyterapp;
    const seen: unknown[] = ((window as any).__shownOutputs = []);
    if (!app.commands.hasCommand('cellscript:show-outputs')) {
      // A test stand-in in the page, not a command of the extension.
      // eslint-disable-next-line jupyter/command-described-by
      app.commands.addCommand('cellscript:show-outputs', {
        // eslint-disable-next-line jupyter/no-untranslated-string
        label: 'Show Script Outputs (test stand-in)',
        execute: () => undefined
      });
    }
    app.commands.commandExecuted.connect((_: unknown, e: any) => {
      if (e.id === 'cellscript:show-outputs') {
        seen.push(e.args);
      }
    });
  });
  const [one, two, three] = [
    row(page, 'One'),
    row(page, 'Two'),
    row(page, 'Three')
  ];

  // One row in the tab order; arrows, Home and End move the focus.
  await expect(
    page.locator(`${SIDEBAR} .jp-CellScript-cell[tabindex="0"]`)
  ).toHaveCount(1);
  await one.focus();
  await page.keyboard.press('ArrowDown');
  await expect(two).toBeFocused();
  await expect(two).toHaveAttribute('tabindex', '0');
  await expect(one).toHaveAttribute('tabindex', '-1');
  await page.keyboard.press('End');
  await expect(three).toBeFocused();
  await page.keyboard.press('Home');
  await expect(one).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(one).toBeFocused();

  // Enter runs the focused cell, and only it.
  await page.keyboard.press('Enter');
  await expect(one).toHaveAttribute('data-status', 'ok');
  await expect(two).toHaveAttribute('data-status', 'not-run');
  await expect(outputSummary(one)).toHaveText('one');

  // Shift+Enter runs every code cell up to the focused one.
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Enter');
  await expect(three).toHaveAttribute('data-status', 'ok');
  await expect(outputSummary(two)).toHaveText('two 2');

  // Alt+Enter opens the script at the cell; the key does not reach the editor.
  await two.focus();
  await page.keyboard.press('Alt+Enter');
  await expect(page.getByText('Ln 5, Col 1')).toBeVisible();
  // Enter on a row while the editor is open runs the cell, and types nothing into the script.
  await two.focus();
  await page.keyboard.press('Enter');
  await expect(two).toHaveAttribute('data-status', 'ok');

  // O shows the cell's outputs, and so does a click on the summary.
  await page.keyboard.press('o');
  await outputSummary(one).click();
  await expect
    .poll(() => page.evaluate(() => (window as any).__shownOutputs))
    .toEqual([
      { path: 'keys.py', cell: { index: 1 } },
      { path: 'keys.py', cell: { index: 0 } }
    ]);

  // L loads the cell into the notebook.
  await page.locator('.lm-TabBar-tab', { hasText: 'work.ipynb' }).click();
  await three.focus();
  await page.keyboard.press('l');
  await expect(
    page.locator('.jp-Notebook .jp-Cell .cm-content', {
      hasText: 'print("three")'
    })
  ).toHaveCount(1);

  // The script was never edited: no unsaved edits, the file as written.
  await expect(page.locator(`${SIDEBAR} .jp-CellScript-unsaved`)).toHaveCount(
    0
  );
  await expect(
    page.locator('.lm-TabBar-tab.jp-mod-dirty', { hasText: 'keys.py' })
  ).toHaveCount(0);
  expect(await server.readFile('keys.py')).toBe(SCRIPT);
});
