/**
 * The script's own editor: Ctrl+Enter and Shift+Enter run the cell at the cursor (or the
 * selection) in the notebook's kernel, cells are drawn at every marker with actions above
 * them and their run status in the gutter; an editor with a console keeps JupyterLab's
 * Shift+Enter; a file without markers gets nothing.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, type ILab, type ILabServer, test } from '../fixtures';
import { contextMenu, menuItem, toasts } from '../support/notebookCells';
import {
  outputSummary,
  row,
  scriptBesideNotebook
} from '../support/sidebarPage';
import { useTheme } from '../support/theme';

test.use({ serverRoot: 'empty' });

const SCRIPT =
  '# %% [markdown]\n# A small pipeline\n\n' +
  '# %% Setup\nx = 20\n\n' +
  '# %% Train\nmodel = x * 2\nprint(model)\nprint(model * 10)\n\n' +
  '# %% Evaluate\nprint("score", model)\n\n' +
  '# %% Broken\nvalue = 1\nvalue / 0\n';

/** The editor's line holding exactly `text`. */
function line(editor: Locator, text: string): Locator {
  return editor
    .locator('.cm-line')
    .filter({ hasText: new RegExp(`^${escape(text)}$`) });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** SCRIPT beside a notebook (its kernel ready), open in the file editor: the editor. */
async function pipelineEditor(lab: ILab, server: ILabServer): Promise<Locator> {
  await scriptBesideNotebook(lab, server, 'pipeline.py', SCRIPT);
  return (await lab.openFile('pipeline.py', 'Editor')).locator;
}

/** The text of the line the cursor is on, in the current editor. */
function cursorLineText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const editor = (window as any).jupyterapp.shell.currentWidget.content
      .editor;
    return editor.getLine(editor.getCursorPosition().line) as string;
  });
}

test('Ctrl+Enter runs the cell at the cursor, Shift+Enter runs it and moves to the next cell; cells are drawn at every marker', async ({
  lab,
  server
}) => {
  const { page } = lab;
  const editor = await pipelineEditor(lab, server);

  // Five markers: five boundaries, the four names emphasised, actions above each cell.
  await expect(editor.locator('.jp-CellScript-markerLine')).toHaveCount(5);
  await expect(editor.locator('.jp-CellScript-editorCellName')).toHaveText([
    'Setup',
    'Train',
    'Evaluate',
    'Broken'
  ]);
  await expect(editor.locator('.jp-CellScript-cellActions')).toHaveCount(5);
  await expect(
    editor.locator('.jp-CellScript-cellActions').first().locator('button')
  ).toHaveText(['Load into Notebook']);
  await expect(editor.locator('.jp-CellScript-gutterStatus')).toHaveCount(4);
  await expect(
    editor.locator('.jp-CellScript-gutterStatus[data-status="not-run"]')
  ).toHaveCount(4);

  // Ctrl+Enter on x = 20 runs Setup; the cursor stays.
  await line(editor, 'x = 20').click();
  await page.keyboard.press('Control+Enter');
  await expect(row(page, 'Setup')).toHaveAttribute('data-status', 'ok');
  await expect.poll(() => cursorLineText(page)).toBe('x = 20');
  await expect(
    editor.locator('.jp-CellScript-gutterStatus').nth(0)
  ).toHaveAttribute('data-status', 'ok');

  // Shift+Enter in Train runs Train and moves into Evaluate.
  await line(editor, 'model = x * 2').click();
  await page.keyboard.press('Shift+Enter');
  await expect(row(page, 'Train')).toHaveAttribute('data-status', 'ok');
  // The row shows the first line of the outputs, its tooltip all of them.
  await expect(outputSummary(row(page, 'Train'))).toHaveText('40');
  await expect(outputSummary(row(page, 'Train'))).toHaveAttribute(
    'title',
    /^40\s+400\s+Show all outputs$/
  );
  await expect.poll(() => cursorLineText(page)).toBe('print("score", model)');
  await expect(
    editor.locator('.jp-CellScript-gutterStatus').nth(1)
  ).toHaveAttribute('data-status', 'ok');
  // Nothing was typed into the script by the shortcuts.
  await expect
    .poll(() =>
      page.evaluate(
        () => (window as any).jupyterapp.shell.currentWidget.context.model.dirty
      )
    )
    .toBe(false);

  // A failing cell: error in the gutter, with its error in the tooltip.
  await line(editor, 'value / 0').click();
  await page.keyboard.press('Control+Enter');
  await expect(row(page, 'Broken')).toHaveAttribute('data-status', 'error');
  const broken = editor.locator('.jp-CellScript-gutterStatus').nth(3);
  await expect(broken).toHaveAttribute('data-status', 'error');
  await expect(broken).toHaveAttribute('title', /ZeroDivisionError/);

  // The action above Evaluate runs it.
  await editor
    .locator('.jp-CellScript-cellActions')
    .nth(3)
    .getByRole('button', { name: 'Run Cell' })
    .click();
  await expect(row(page, 'Evaluate')).toHaveAttribute('data-status', 'ok');
  await expect(outputSummary(row(page, 'Evaluate'))).toHaveText('score 40');

  // Editing Train marks it changed since run, in the gutter as in the sidebar.
  await line(editor, 'model = x * 2').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' + 1');
  await expect(
    editor.locator('.jp-CellScript-gutterStatus').nth(1)
  ).toHaveAttribute('data-status', 'changed');
  await expect(row(page, 'Train')).toHaveAttribute('data-status', 'changed');
  await lab.screenshot('script-editor');

  // The same editor in the dark theme.
  await useTheme(lab, 'JupyterLab Dark');
  await lab.screenshot('script-editor-dark');
});

test('a selection runs its lines at their script lines; its error names the real line', async ({
  lab,
  server
}) => {
  const { page } = lab;
  const editor = await pipelineEditor(lab, server);
  await line(editor, 'x = 20').click();
  await page.keyboard.press('Control+Enter');
  await expect(row(page, 'Setup')).toHaveAttribute('data-status', 'ok');

  // Select "model = x * 2" and "print(model)" (not the third line of Train).
  await line(editor, 'model = x * 2').click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+Enter');
  await expect(outputSummary(row(page, 'Train'))).toHaveText(/^40\s*$/);
  // Train shows how the selection ended and that only lines 8-9 ran.
  await expect(row(page, 'Train')).toHaveAttribute('data-status', 'ok');
  await expect(row(page, 'Train')).toContainText('lines 8–9 only');

  // A selected line that fails: the error is reported at its line of the script (17).
  await line(editor, 'value / 0').click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Control+Enter');
  await expect(row(page, 'Broken')).toHaveAttribute('data-status', 'error');
  await expect(
    row(page, 'Broken').getByText(
      "NameError: name 'value' is not defined (line 17)"
    )
  ).toBeVisible();
  await expect(row(page, 'Broken')).toContainText('line 17 only');
});

test('an editor with a console attached keeps Shift+Enter for the console; a file without markers gets nothing', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await server.writeFile('plain.py', 'a = 1\nprint(a)\n');
  const editor = await pipelineEditor(lab, server);
  const fileEditor = editor.locator('.jp-FileEditor');
  await expect(editor.locator('.jp-CellScript-markerLine')).toHaveCount(5);
  await expect(fileEditor).toHaveClass(/jp-CellScript-cellEditor/);

  await lab.execute('fileeditor:create-console', {});
  await page
    .locator('.jp-Dialog')
    .getByRole('button', { name: 'Select' })
    .click();
  await expect(page.locator('.jp-CodeConsole')).toBeVisible();
  await page
    .locator(`.lm-TabBar-tab`, { hasText: 'pipeline.py' })
    .first()
    .click();
  await expect(fileEditor).not.toHaveClass(/jp-CellScript-cellEditor/);
  await line(editor, 'x = 20').click();
  await page.keyboard.press('Shift+Enter');
  // JupyterLab sent the line to the console; the script's cell did not run in the notebook.
  await expect(
    page.locator('.jp-CodeConsole .jp-InputArea-editor', { hasText: 'x = 20' })
  ).toBeVisible();
  await expect(row(page, 'Setup')).toHaveAttribute('data-status', 'not-run');

  const plain = await lab.openFile('plain.py', 'Editor');
  await expect(plain.locator.locator('.cm-line').first()).toHaveText('a = 1');
  await expect(plain.locator.locator('.jp-CellScript-markerLine')).toHaveCount(
    0
  );
  await expect(
    plain.locator.locator('.jp-CellScript-gutterStatus')
  ).toHaveCount(0);
  await expect(plain.locator.locator('.jp-FileEditor')).not.toHaveClass(
    /jp-CellScript-cellEditor/
  );
});

test('without a notebook, Ctrl+Enter says to open one and changes nothing', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await server.writeFile('pipeline.py', SCRIPT);
  const { locator: editor } = await lab.openFile('pipeline.py', 'Editor');
  await expect(editor.locator('.jp-CellScript-markerLine')).toHaveCount(5);
  await line(editor, 'x = 20').click();
  await page.keyboard.press('Control+Enter');
  await expect(
    toasts(page).filter({ hasText: /No notebook is open/ })
  ).toBeVisible();
  await expect
    .poll(() =>
      page.evaluate(
        () => (window as any).jupyterapp.shell.currentWidget.context.model.dirty
      )
    )
    .toBe(false);
});

test("the editor's context menu runs around the cursor and the selection", async ({
  lab,
  server
}) => {
  const { page } = lab;
  const editor = await pipelineEditor(lab, server);
  await line(editor, 'model = x * 2').click({ button: 'right' });
  for (const label of [
    'Run Script Cell at Cursor',
    'Run Selected Script Lines',
    'Run Script Cells Above',
    'Run Script Cell and Below',
    'Load Cell at Cursor into Notebook'
  ]) {
    await expect(menuItem(page, label)).toBeVisible();
  }
  await menuItem(page, 'Run Script Cells Above').click();
  await expect(row(page, 'Setup')).toHaveAttribute('data-status', 'ok');
  await expect(row(page, 'Train')).toHaveAttribute('data-status', 'not-run');

  await contextMenu(
    line(editor, 'print(model * 10)'),
    'Run Selected Script Lines'
  );
  await expect(row(page, 'Train')).toHaveAttribute('data-status', 'error');
  await expect(
    row(page, 'Train').getByText(
      "NameError: name 'model' is not defined (line 10)"
    )
  ).toBeVisible();
});
