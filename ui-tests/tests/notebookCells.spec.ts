/**
 * Script and notebook, both ways: load a script cell into the notebook from the sidebar's
 * context menu, edit it there, save it back (the script gets exactly the new body), and the
 * conflict dialog when the script cell changed in between. Bad input says what happened and
 * writes nothing.
 */
import type { Locator } from '@playwright/test';
import { expect, type ILab, type ILabServer, test } from '../fixtures';
import {
  cellText,
  contextMenu,
  notebookCells,
  toasts,
  typeIntoCell
} from '../support/notebookCells';
import { row, scriptBesideNotebook, showScript } from '../support/sidebarPage';

test.use({ serverRoot: 'empty' });

const SCRIPT =
  '# %% Setup\nx = 20\n\n' +
  '# %% Notes [markdown]\n# Training *notes*\n\n' +
  '# %% Train\nmodel = x * 2\nprint(model)\n\n' +
  '# %% Evaluate\nprint("score", model)\n';

/** SCRIPT beside an empty notebook, its Train cell loaded there: the loaded cell. */
async function trainLoaded(lab: ILab, server: ILabServer): Promise<Locator> {
  const notebook = await scriptBesideNotebook(
    lab,
    server,
    'pipeline.py',
    SCRIPT
  );
  await lab.execute('cellscript:load-cell', {
    path: 'pipeline.py',
    cell: 'Train'
  });
  const loaded = notebookCells(notebook).first();
  await expect(loaded).toHaveAttribute(
    'data-cellscript-origin',
    'pipeline.py › Train'
  );
  return loaded;
}

test('load Train into the notebook, edit it, save it back: the script has exactly the new body', async ({
  lab,
  server
}) => {
  const { page } = lab;
  const notebook = await scriptBesideNotebook(
    lab,
    server,
    'pipeline.py',
    SCRIPT
  );

  await contextMenu(row(page, 'Train'), 'Load Cell into Notebook');
  const cells = notebookCells(notebook);
  // The empty cell was replaced, not pushed down.
  await expect(cells).toHaveCount(1);
  const loaded = cells.first();
  await expect(loaded).toHaveClass(/jp-CellScript-loadedCell/);
  await expect(loaded).toHaveAttribute(
    'data-cellscript-origin',
    'pipeline.py › Train'
  );
  expect(await cellText(loaded)).toBe('model = x * 2\nprint(model)');

  // The markdown cell comes in as markdown, below the active cell.
  await contextMenu(row(page, 'Notes'), 'Load Cell into Notebook');
  await expect(cells).toHaveCount(2);
  await expect(cells.nth(1)).toHaveClass(/jp-MarkdownCell/);
  await expect(cells.nth(1)).toHaveAttribute(
    'data-cellscript-origin',
    'pipeline.py › Notes'
  );

  await typeIntoCell(loaded, 'model = x * 3\nprint("model", model)');
  await lab.screenshot('load-cell-into-notebook');
  // The sidebar shows another script now: the cell still goes back where it came from.
  await server.writeFile('other.py', '# %% Train\nother = 1\n');
  await showScript(lab, 'other.py');
  await contextMenu(loaded, 'Save Cell Back to Script');
  await expect(
    toasts(page).filter({ hasText: 'Saved into pipeline.py › Train' })
  ).toBeVisible();
  expect(await server.readFile('pipeline.py')).toBe(
    SCRIPT.replace(
      'model = x * 2\nprint(model)',
      'model = x * 3\nprint("model", model)'
    )
  );
  expect(await server.readFile('other.py')).toBe('# %% Train\nother = 1\n');

  // Saved again unchanged: nothing to write, no conflict with its own save.
  await lab.execute('cellscript:save-cell');
  await expect(
    toasts(page).filter({ hasText: 'already holds this text' })
  ).toBeVisible();
});

test('a script cell edited since the load: the dialog shows both, Cancel keeps both, Overwrite writes', async ({
  lab,
  server
}) => {
  const { page } = lab;
  const loaded = await trainLoaded(lab, server);
  await typeIntoCell(loaded, 'model = 0');

  // Someone edits Train in the script meanwhile (another editor, git pull...).
  const theirs = SCRIPT.replace('model = x * 2', 'model = x * 5');
  await server.writeFile('pipeline.py', theirs);

  const dialog = page.locator('.jp-Dialog');
  void lab.execute('cellscript:save-cell');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('[data-version="script"] pre')).toHaveText(
    'model = x * 5\nprint(model)'
  );
  await expect(dialog.locator('[data-version="notebook"] pre')).toHaveText(
    'model = 0'
  );
  await lab.screenshot('save-cell-conflict');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await server.readFile('pipeline.py')).toBe(theirs);
  expect(await cellText(loaded)).toBe('model = 0');

  void lab.execute('cellscript:save-cell');
  await dialog.getByRole('button', { name: 'Overwrite Script Cell' }).click();
  await expect(
    toasts(page).filter({ hasText: 'Saved into pipeline.py › Train' })
  ).toBeVisible();
  expect(await server.readFile('pipeline.py')).toBe(
    SCRIPT.replace('model = x * 2\nprint(model)', 'model = 0')
  );
});

test('"Load Script\'s Version" puts the script\'s text into the notebook cell and writes nothing', async ({
  lab,
  server
}) => {
  const { page } = lab;
  const loaded = await trainLoaded(lab, server);
  await typeIntoCell(loaded, 'model = 0');
  const theirs = SCRIPT.replace('model = x * 2', 'model = x * 5');
  await server.writeFile('pipeline.py', theirs);

  void lab.execute('cellscript:save-cell');
  await page
    .locator('.jp-Dialog')
    .getByRole('button', { name: "Load Script's Version" })
    .click();
  await expect.poll(() => cellText(loaded)).toBe('model = x * 5\nprint(model)');
  expect(await server.readFile('pipeline.py')).toBe(theirs);
  // From now on the cell is in step with the script: an edit saves without a question.
  await typeIntoCell(loaded, 'model = 1');
  await lab.execute('cellscript:save-cell');
  expect(await server.readFile('pipeline.py')).toBe(
    SCRIPT.replace('model = x * 2\nprint(model)', 'model = 1')
  );
});

test('a script open in the editor gets the saved cell in its unsaved text, its own edits kept', async ({
  lab,
  server
}) => {
  const loaded = await trainLoaded(lab, server);
  const editor = await lab.openFile('pipeline.py', 'Editor');
  // An unsaved edit of another cell in the editor.
  await editor.locator.locator('.cm-line').first().click();
  await lab.page.keyboard.press('End');
  await lab.page.keyboard.type('  # setup edit');

  await lab.page.locator('.lm-TabBar-tab', { hasText: 'work.ipynb' }).click();
  await typeIntoCell(loaded, 'model = 4');
  await lab.execute('cellscript:save-cell');
  await expect(
    toasts(lab.page).filter({
      hasText: 'in its editor. Save the file to keep it.'
    })
  ).toBeVisible();

  // The file is untouched until the user saves the editor; then it has both edits.
  expect(await server.readFile('pipeline.py')).toBe(SCRIPT);
  await lab.page.locator('.lm-TabBar-tab', { hasText: 'pipeline.py' }).click();
  await lab.execute('docmanager:save');
  await expect
    .poll(() => server.readFile('pipeline.py'))
    .toBe(
      SCRIPT.replace('# %% Setup\n', '# %% Setup  # setup edit\n').replace(
        'model = x * 2\nprint(model)',
        'model = 4'
      )
    );
});

test.describe('bad input', () => {
  // The page logs the server's answers to the deliberate reads of a broken or deleted script.
  test.use({
    allowedConsoleErrors: [
      /Failed to load resource: the server responded with a status of (400|404)/
    ]
  });

  test('says what happened and writes nothing', async ({ lab, server }) => {
    const { page } = lab;
    const notebook = await scriptBesideNotebook(
      lab,
      server,
      'pipeline.py',
      SCRIPT,
      ['print("not from a script")']
    );
    // A cell that was never loaded has nowhere to go: the command is off, and says why if run.
    await lab.execute('cellscript:save-cell');
    await expect(
      toasts(page).filter({ hasText: 'This cell was not loaded from a script' })
    ).toBeVisible();

    await lab.execute('cellscript:load-cell', {
      path: 'pipeline.py',
      cell: 'Train'
    });
    const loaded = notebookCells(notebook).nth(1);
    await expect(loaded).toHaveAttribute(
      'data-cellscript-origin',
      'pipeline.py › Train'
    );

    // The cell deleted from the script.
    const withoutTrain = SCRIPT.replace(
      '# %% Train\nmodel = x * 2\nprint(model)\n\n',
      ''
    );
    await server.writeFile('pipeline.py', withoutTrain);
    await lab.execute('cellscript:save-cell');
    await expect(
      toasts(page).filter({
        hasText: "The cell 'Train' is no longer in the script"
      })
    ).toBeVisible();
    expect(await server.readFile('pipeline.py')).toBe(withoutTrain);

    // The script no longer UTF-8.
    await server.writeFile(
      'pipeline.py',
      Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a])
    );
    await lab.execute('cellscript:save-cell');
    await expect(
      toasts(page).filter({ hasText: 'is not UTF-8' })
    ).toBeVisible();

    // The script deleted.
    await page.evaluate(() =>
      (window as any).jupyterapp.serviceManager.contents.delete('pipeline.py')
    );
    await lab.execute('cellscript:save-cell');
    await expect(
      toasts(page).filter({ hasText: 'does not exist' })
    ).toBeVisible();
  });
});
