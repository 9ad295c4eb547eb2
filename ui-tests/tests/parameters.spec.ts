/**
 * The parameters form in the CellScript sidebar: values edited in place, converted by type
 * (an error stays in the field), shown as overrides, used by runs right after the defining
 * cell, reset, kept across a reload; and the warning when the script assigns one again.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { savedWorkspaceEntry, waitForApp } from '../support/labPage';
import {
  outputSummary,
  row,
  scriptBesideNotebook,
  SIDEBAR
} from '../support/sidebarPage';
import { useTheme } from '../support/theme';

const FORM = `${SIDEBAR} .jp-CellScript-parameters`;

const SCRIPT = [
  '# %% Parameters',
  'epochs = 3  # type: int  passes over the data',
  'lr = 0.1  # step size',
  'run_name = "baseline"',
  '',
  '# %% Train',
  'print("trained", run_name, "for", epochs, "epochs at", lr)',
  ''
].join('\n');

/** The form's entry of a parameter. */
function parameter(page: Page, name: string) {
  return page.locator(`${FORM} .jp-CellScript-parameter[data-name="${name}"]`);
}

test('a value edited in the form is converted, shown as an override, used by runs and kept', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await scriptBesideNotebook(lab, server, 'train.py', SCRIPT);
  const form = page.locator(FORM);
  await expect(form.locator('.jp-CellScript-parametersTitle')).toHaveText(
    'Parameters (3)'
  );
  const epochs = parameter(page, 'epochs');
  await expect(epochs.locator('.jp-CellScript-parameterType')).toHaveText(
    'int'
  );
  await expect(epochs.locator('.jp-CellScript-parameterHelp')).toHaveText(
    'passes over the data'
  );
  await expect(epochs.locator('.jp-CellScript-parameterLine')).toHaveText(
    'line 2'
  );
  const field = page.getByLabel('epochs', { exact: true });
  await expect(field).toHaveAttribute('placeholder', '3');

  // 3.5 for an int is an error in the field, never 3; nothing is stored.
  await field.fill('3.5');
  await field.press('Enter');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(epochs.locator('.jp-CellScript-parameterError')).toHaveText(
    'epochs (line 2) expects an int; 3.5 would be truncated. Give a whole number.'
  );
  await expect(field).toHaveValue('3.5');
  await expect(epochs).toHaveAttribute('data-state', 'default');

  await field.fill('7');
  await field.press('Enter');
  await expect(epochs).toHaveAttribute('data-state', 'override');
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await expect(epochs.locator('.jp-CellScript-parameterBadge')).toHaveText(
    'override'
  );
  await expect(epochs.locator('.jp-CellScript-parameterDefault')).toHaveText(
    'default: 3'
  );
  // A str parameter takes the text as typed; leaving the field stores it too.
  const runName = page.getByLabel('run_name', { exact: true });
  await runName.fill('tuned');
  await runName.blur();
  await expect(parameter(page, 'run_name')).toHaveAttribute(
    'data-state',
    'override'
  );
  await expect(form.locator('.jp-CellScript-parametersTitle')).toHaveText(
    'Parameters (3, 2 set)'
  );
  await lab.screenshot('parameters-form');

  // The run assigns the values right after the Parameters cell: Train computes with them.
  await lab.execute('cellscript:run-all', { path: 'train.py' });
  await expect(row(page, 'Train')).toHaveAttribute('data-status', 'ok');
  await expect(outputSummary(row(page, 'Train'))).toHaveText(
    'trained tuned for 7 epochs at 0.1'
  );

  // Assign now: the value lands in the script's namespace at once, with a notice.
  await lab.execute('cellscript:reset-namespace', { path: 'train.py' });
  await epochs.locator('.jp-CellScript-parameterAssign').click();
  await expect(page.locator('.jp-Notification-Toast-success')).toContainText(
    'Set epochs = 7 in the namespace of train.py (kernel of work.ipynb).'
  );

  // Reset one: back to the default, shown as the placeholder.
  await parameter(page, 'run_name')
    .locator('.jp-CellScript-parameterReset')
    .click();
  await expect(parameter(page, 'run_name')).toHaveAttribute(
    'data-state',
    'default'
  );
  await expect(runName).toHaveValue('');
  await expect(runName).toHaveAttribute('placeholder', 'baseline');

  // Kept across a reload (the state database lives in the workspace).
  await expect
    .poll(() => savedWorkspaceEntry(page, 'jupyterlab-cellscript:parameters'))
    .toBe(
      JSON.stringify({ version: 1, scripts: { 'train.py': { epochs: 7 } } })
    );
  await page.reload();
  await waitForApp(page);
  await expect(parameter(page, 'epochs')).toHaveAttribute(
    'data-state',
    'override'
  );
  await expect(page.getByLabel('epochs', { exact: true })).toHaveValue('7');

  // Reset all.
  await page.locator(`${FORM} .jp-CellScript-parametersResetAll`).click();
  await expect(parameter(page, 'epochs')).toHaveAttribute(
    'data-state',
    'default'
  );
});

test('the form warns when the script assigns a parameter again, and hints without parameters', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await scriptBesideNotebook(
    lab,
    server,
    'again.py',
    [
      '# %% Parameters',
      'lr = 0.1',
      'data_path = Param(help="the CSV to read")',
      '# %% Train',
      'lr = 0.5',
      'print(lr)',
      ''
    ].join('\n')
  );
  await expect(
    parameter(page, 'lr').locator('.jp-CellScript-parameterWarning')
  ).toHaveText('lr is assigned again at line 5; that value wins from there.');
  await expect(
    parameter(page, 'data_path').locator('.jp-CellScript-parameterRequired')
  ).toHaveText('required');
  await expect(page.getByLabel('data_path', { exact: true })).toHaveAttribute(
    'aria-required',
    'true'
  );
  await useTheme(lab, 'JupyterLab Dark');
  await page.getByLabel('lr', { exact: true }).fill('2');
  await page.getByLabel('lr', { exact: true }).press('Enter');
  await page.getByLabel('data_path', { exact: true }).fill('x');
  await page.getByLabel('data_path', { exact: true }).press('Tab');
  await page.getByLabel('lr', { exact: true }).fill('fast');
  await page.getByLabel('lr', { exact: true }).press('Enter');
  await expect(
    parameter(page, 'lr').locator('.jp-CellScript-parameterError')
  ).toBeVisible();
  await lab.screenshot('parameters-form-dark');

  // A script without parameters says how to declare them.
  await useTheme(lab, 'JupyterLab Light');
  await server.writeFile('none.py', '# %% Only\nprint(f())\n');
  await lab.execute('cellscript:open-script', { path: 'none.py' });
  await expect(
    page.locator(`${FORM} .jp-CellScript-parametersHint`)
  ).toContainText('This script declares no parameters');
});

test('a run that reaches a required parameter without a value refuses to start', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await scriptBesideNotebook(
    lab,
    server,
    'needs.py',
    '# %% Setup\nParam = lambda default=None, **_: default\ndata_path = Param()\n# %% Use\nprint("reading", data_path)\n'
  );
  await lab.execute('cellscript:run-all', { path: 'needs.py' });
  await expect(page.locator('.jp-Notification-Toast-error')).toContainText(
    'data_path (line 3) is required and has no value'
  );
  await expect(row(page, 'Setup')).toHaveAttribute('data-status', 'not-run');

  // Set by command (as a script or another extension would), the run goes through.
  await lab.execute('cellscript:set-parameter', {
    path: 'needs.py',
    name: 'data_path',
    value: 'in.csv'
  });
  await expect(page.getByLabel('data_path', { exact: true })).toHaveValue(
    '"in.csv"'
  );
  await lab.execute('cellscript:run-all', { path: 'needs.py' });
  await expect(outputSummary(row(page, 'Use'))).toContainText('reading in.csv');
  await lab.execute('cellscript:reset-parameters', { path: 'needs.py' });
  await expect(page.getByLabel('data_path', { exact: true })).toHaveValue('');
});
