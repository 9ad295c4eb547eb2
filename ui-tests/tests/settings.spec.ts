/**
 * Every CellScript setting changed the way a user does it, through the form of JupyterLab's
 * Settings editor, against the real server's settings API: each change is saved (no "Error
 * saving settings") and takes effect on the next run or in the sidebar's list. The cell
 * marker is typed in the form by runPath.spec.ts, which also checks where its runs' outputs go.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Locator } from '@playwright/test';
import { expect, type ILab, type IOpenedDocument, test } from '../fixtures';
import {
  expectSaved,
  openCellScriptSettings,
  RUNNER_SETTINGS,
  SCRIPTS_SETTINGS,
  SEARCH_HIGHLIGHT_KEY_WARNING,
  settingField
} from '../support/settingsEditor';
import {
  outputSummary,
  row,
  scriptBesideNotebook
} from '../support/sidebarPage';

test.use({
  serverRoot: 'empty',
  allowedConsoleErrors: [SEARCH_HIGHLIGHT_KEY_WARNING]
});

/**
 * Go back to the notebook's tab and run its first cell with Shift+Enter; returns the cell's
 * outputs.
 */
async function runFirstNotebookCell(
  lab: ILab,
  notebook: IOpenedDocument
): Promise<Locator> {
  await lab.page
    .locator('.lm-DockPanel-tabBar .lm-TabBar-tab', {
      hasText: path.basename(notebook.path)
    })
    .click();
  const cell = notebook.locator.locator('.jp-CodeCell').first();
  await cell.locator('.cm-content').click();
  await lab.page.keyboard.press('Shift+Enter');
  return cell.locator('.jp-OutputArea-output');
}

test('namespace "shared" saves and lets the notebook use script variables', async ({
  lab,
  server
}) => {
  const { page } = lab;
  const notebook = await scriptBesideNotebook(
    lab,
    server,
    'shared.py',
    '# %% Answer\nshared_value = 41 + 1\nprint(__name__)\n',
    ['print(shared_value)']
  );
  const answer = row(page, 'Answer');

  // By default the script runs in a module of its own: the notebook does not see its variables.
  await answer.locator('.jp-CellScript-run-cell').click();
  await expect(answer).toHaveAttribute('data-status', 'ok');
  await expect(outputSummary(answer)).toHaveText(/\w/);
  await expect(outputSummary(answer)).not.toHaveText('__main__');
  await expect(await runFirstNotebookCell(lab, notebook)).toContainText(
    "NameError: name 'shared_value' is not defined"
  );

  await openCellScriptSettings(lab);
  await lab.screenshot('settings-runner');
  await settingField(page, 'Namespace')
    .locator('select')
    .selectOption('shared');
  await expectSaved(lab, server, RUNNER_SETTINGS, { namespace: 'shared' });

  await answer.locator('.jp-CellScript-run-cell').click();
  await expect(outputSummary(answer)).toHaveText('__main__');
  await expect(answer).toHaveAttribute('data-status', 'ok');
  await expect(await runFirstNotebookCell(lab, notebook)).toHaveText('42');

  // Still chosen after JupyterLab loads its settings again.
  await lab.reload();
  await lab.waitForKernelReady('work.ipynb');
  await openCellScriptSettings(lab);
  await expect(
    settingField(page, 'Namespace').locator('select option:checked')
  ).toHaveText('shared');
});

test('working directory "script" runs a script in its folder, then gives the notebook its own back', async ({
  lab,
  server
}) => {
  const { page } = lab;
  const notebook = await scriptBesideNotebook(
    lab,
    server,
    'sub/where.py',
    '# %% Where\nimport os\nprint(os.getcwd())\n',
    ['import os\nprint(os.getcwd())']
  );
  const root = fs.realpathSync(server.rootDir);
  const where = row(page, 'Where');

  // By default the script runs where the kernel is: the notebook's folder.
  await where.locator('.jp-CellScript-run-cell').click();
  await expect(outputSummary(where)).toHaveText(root);

  await openCellScriptSettings(lab);
  await settingField(page, 'Working directory')
    .locator('select')
    .selectOption('script');
  await expectSaved(lab, server, RUNNER_SETTINGS, {
    workingDirectory: 'script'
  });

  await where.locator('.jp-CellScript-run-cell').click();
  await expect(outputSummary(where)).toHaveText(path.join(root, 'sub'));
  await expect(where).toHaveAttribute('data-status', 'ok');
  await expect(await runFirstNotebookCell(lab, notebook)).toHaveText(root);
});

test('verbose shows a summary before each cell; showLastValue off hides the last value', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await scriptBesideNotebook(
    lab,
    server,
    'answer.py',
    '# %% Answer\nanswer = 40 + 2\nanswer\n'
  );
  const answer = row(page, 'Answer');
  const outputs = outputSummary(answer);

  // By default: no summary, and the last expression's value as a notebook shows it.
  await answer.locator('.jp-CellScript-run-cell').click();
  await expect(answer).toHaveAttribute('data-status', 'ok');
  await expect(outputs).toHaveText('42');

  await openCellScriptSettings(lab);
  await page.getByRole('checkbox', { name: 'Verbose', exact: true }).check();
  await page
    .getByRole('checkbox', { name: 'Show last value', exact: true })
    .uncheck();
  await expectSaved(lab, server, RUNNER_SETTINGS, {
    verbose: true,
    showLastValue: false
  });

  await answer.locator('.jp-CellScript-run-cell').click();
  await expect(outputs).toContainText('> answer = 40 + 2');
  await expect(answer).toHaveAttribute('data-status', 'ok');
  // The summary, one "> " line per source line, and no value after it (the row shows the
  // first line, its tooltip all of them).
  await expect(outputs).toHaveAttribute(
    'title',
    /^> answer = 40 \+ 2\s+> answer\s+Show all outputs$/
  );
});

test('ticking the "# In[ ]:" and "# <codecell>" marker forms makes those lines start cells', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await scriptBesideNotebook(
    lab,
    server,
    'forms.py',
    '# In[1]:\na = 1\n\n# In[2]:\nb = a + 1\n\n# <codecell>\nprint(b)\n'
  );
  const lines = page.locator(
    '#jupyterlab-cellscript-sidebar .jp-CellScript-cell .jp-CellScript-cellLines'
  );
  await expect(lines).toHaveText(['lines 1–8']);

  await openCellScriptSettings(lab);
  await page.getByRole('checkbox', { name: '# In[ ]:', exact: true }).check();
  await expectSaved(lab, server, SCRIPTS_SETTINGS, {
    markerForms: { codecell: false, prompt: true }
  });
  await expect(lines).toHaveText(['lines 1–3', 'lines 4–8']);

  await page
    .getByRole('checkbox', {
      name: '# <codecell> / # <markdowncell>',
      exact: true
    })
    .check();
  await expectSaved(lab, server, SCRIPTS_SETTINGS, {
    markerForms: { codecell: true, prompt: true }
  });
  await expect(lines).toHaveText(['lines 1–3', 'lines 4–6', 'lines 7–8']);

  // The cells run as cells: up to the last one, which prints what the first two computed.
  const rows = page.locator(
    '#jupyterlab-cellscript-sidebar .jp-CellScript-cell'
  );
  await rows.last().locator('.jp-CellScript-run-to-here').click();
  for (let index = 0; index < 3; index++) {
    await expect(rows.nth(index)).toHaveAttribute('data-status', 'ok');
  }
  await expect(outputSummary(rows.last())).toHaveText('2');
});
