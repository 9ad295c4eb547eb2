/**
 * Which cells a run takes, from the sidebar's buttons and from the run commands: a custom cell
 * marker end to end, "run to here" across names that look like indices, and a command's
 * `{ name }` against its `{ index }`.
 */
import type { Locator } from '@playwright/test';
import { expect, test } from '../fixtures';
import {
  cellNames,
  outputSummary,
  row,
  scriptBesideNotebook
} from '../support/sidebarPage';
import {
  expectSaved,
  openCellScriptSettings,
  SCRIPTS_SETTINGS,
  SEARCH_HIGHLIGHT_KEY_WARNING,
  settingField
} from '../support/settingsEditor';

test.use({
  serverRoot: 'empty',
  allowedConsoleErrors: [SEARCH_HIGHLIGHT_KEY_WARNING]
});

/** The one-line summary of a row's outputs. */
function outputs(cellRow: Locator): Locator {
  return outputSummary(cellRow);
}

test('with the marker "--", ▶ on Train runs Train and shows its output under it', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await scriptBesideNotebook(
    lab,
    server,
    'custom.py',
    '# -- Setup\nprint("setting up")\n\n# -- Train\nprint("training")\n'
  );
  // With the default marker "%%" the script is one cell.
  await expect(cellNames(page)).toHaveText(['(unnamed)']);

  await openCellScriptSettings(lab);
  await settingField(page, 'Cell marker').locator('input').fill('--');
  await expectSaved(lab, server, SCRIPTS_SETTINGS, { marker: '--' });
  await expect(cellNames(page)).toHaveText(['Setup', 'Train']);

  const setup = row(page, 'Setup');
  const train = row(page, 'Train');
  await train.locator('.jp-CellScript-run-cell').click();
  await expect(train).toHaveAttribute('data-status', 'ok');
  await expect(outputs(train)).toHaveText(['training']);
  await expect(setup).toHaveAttribute('data-status', 'not-run');
  await expect(outputs(setup)).toBeHidden();

  // ⏩ on Train finds Setup by the same marker and runs both, each output under its own cell.
  await train.locator('.jp-CellScript-run-to-here').click();
  await expect(setup).toHaveAttribute('data-status', 'ok');
  await expect(outputs(setup)).toHaveText(['setting up']);
  await expect(train).toHaveAttribute('data-status', 'ok');
  await expect(outputs(train)).toHaveText(['training']);
});

test('⏩ on "A" runs the cells up to it, not "B"; ▶ on "1" runs only the cell named "1"', async ({
  lab,
  server
}) => {
  const { page } = lab;
  // Each cell records itself in `runs`, so the outputs tell which cells ran, in which order.
  await scriptBesideNotebook(
    lab,
    server,
    'names.py',
    'runs = []\n\n' +
      '# %% 1\nruns.append("1")\nprint(runs)\n\n' +
      '# %% A\nruns.append("A")\nprint(runs)\n\n' +
      '# %% B\nruns.append("B")\nprint(runs)\n'
  );
  await expect(cellNames(page)).toHaveText(['(unnamed)', '1', 'A', 'B']);
  const [unnamed, one, a, b] = ['(unnamed)', '1', 'A', 'B'].map(name =>
    row(page, name)
  );

  await a.locator('.jp-CellScript-run-to-here').click();
  await expect(a).toHaveAttribute('data-status', 'ok');
  await expect(unnamed).toHaveAttribute('data-status', 'ok');
  await expect(one).toHaveAttribute('data-status', 'ok');
  await expect(outputs(one)).toHaveText(["['1']"]);
  await expect(outputs(a)).toHaveText(["['1', 'A']"]);
  await expect(b).toHaveAttribute('data-status', 'not-run');
  await expect(outputs(b)).toBeHidden();

  await one.locator('.jp-CellScript-run-cell').click();
  // Only "1" ran again: `runs` was not reset by the unnamed cell, and "A" and "B" stayed.
  await expect(outputs(one)).toHaveText(["['1', 'A', '1']"]);
  await expect(one).toHaveAttribute('data-status', 'ok');
  await expect(outputs(a)).toHaveText(["['1', 'A']"]);
  await expect(b).toHaveAttribute('data-status', 'not-run');
});

test('cellscript:run-cell with { name: "1" } runs the cell named "1", with { index: 1 } the cell at index 1', async ({
  lab,
  server
}) => {
  const { page } = lab;
  // The cell named "1" is at index 2; index 1 is "Alpha".
  await scriptBesideNotebook(
    lab,
    server,
    'ref.py',
    'print("prelude")\n\n' +
      '# %% Alpha\nprint("Alpha ran")\n\n' +
      '# %% 1\nprint("the cell named 1 ran")\n'
  );
  await expect(cellNames(page)).toHaveText(['(unnamed)', 'Alpha', '1']);
  const [unnamed, alpha, one] = ['(unnamed)', 'Alpha', '1'].map(name =>
    row(page, name)
  );

  await lab.execute('cellscript:run-cell', {
    path: 'ref.py',
    cell: { name: '1' }
  });
  await expect(one).toHaveAttribute('data-status', 'ok');
  await expect(outputs(one)).toHaveText(['the cell named 1 ran']);
  await expect(alpha).toHaveAttribute('data-status', 'not-run');
  await expect(unnamed).toHaveAttribute('data-status', 'not-run');

  await lab.execute('cellscript:run-cell', {
    path: 'ref.py',
    cell: { index: 1 }
  });
  await expect(alpha).toHaveAttribute('data-status', 'ok');
  await expect(outputs(alpha)).toHaveText(['Alpha ran']);
  await expect(unnamed).toHaveAttribute('data-status', 'not-run');
  await expect(outputs(one)).toHaveText(['the cell named 1 ran']);
});
