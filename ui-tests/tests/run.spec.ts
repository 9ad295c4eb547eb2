/**
 * Running script cells from the sidebar in the active notebook's kernel: statuses, outputs
 * summed up in a line, errors with the script line, and a kernel restart.
 */
import { expect, test } from '../fixtures';
import {
  outputSummary,
  row,
  scriptBesideNotebook,
  showScript,
  toolbarButton
} from '../support/sidebarPage';

test('runs the example pipeline up to Evaluate and sums up its text, table and plot', async ({
  lab
}) => {
  const { page } = lab;
  await lab.openNotebook('pipeline.ipynb');
  await showScript(lab, 'pipeline.py');
  await expect(page.locator('.jp-CellScript-kernel')).toContainText(
    'Runs in pipeline.ipynb'
  );

  await row(page, 'Evaluate').locator('.jp-CellScript-run-to-here').click();

  for (const name of ['Setup', 'Parameters', 'Load data', 'Train']) {
    await expect(row(page, name)).toHaveAttribute('data-status', 'ok');
  }
  const evaluate = row(page, 'Evaluate');
  await expect(evaluate).toHaveAttribute('data-status', 'ok', {
    timeout: 60_000
  });
  await expect(row(page, 'Save')).toHaveAttribute('data-status', 'not-run');
  await expect(
    row(page, 'Train').locator('.jp-CellScript-duration')
  ).toHaveText(/\d+(\.\d+)? (ms|s)/);
  await expect(outputSummary(row(page, 'Load data'))).toContainText(
    'training rows'
  );
  // The DataFrame (an HTML table) and the matplotlib figure: the plot is named, all of it is
  // one click away (the outputs view).
  await expect(outputSummary(evaluate)).toHaveText(/^image\/png plot/);
  await expect(
    page.locator('#jupyterlab-cellscript-sidebar .jp-OutputArea')
  ).toHaveCount(0);
  await evaluate.scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  await lab.screenshot('sidebar-run');

  // Variables stay in the script's own namespace, not the notebook's.
  await lab.execute('cellscript:run-cell', {
    path: 'pipeline.py',
    cell: 'Parameters'
  });
  await expect(row(page, 'Parameters')).toHaveAttribute('data-status', 'ok');
});

test('an error shows its type, message and script line, and stops the run', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await scriptBesideNotebook(
    lab,
    server,
    'broken.py',
    '# %% Fine\nx = 1\n\n# %% Boom\ny = 2\nz = x / 0\n\n# %% After\nw = 3\n'
  );

  await toolbarButton(page, 'cellscript:run-all').click();

  await expect(row(page, 'Fine')).toHaveAttribute('data-status', 'ok');
  const boom = row(page, 'Boom');
  await expect(boom).toHaveAttribute('data-status', 'error');
  await expect(outputSummary(boom)).toHaveText(
    'ZeroDivisionError: division by zero (line 6)'
  );
  // The run's error at the top of the sidebar, with its line.
  await expect(
    page.locator('#jupyterlab-cellscript-sidebar .jp-CellScript-runError')
  ).toHaveText('Boom failed: ZeroDivisionError: division by zero (line 6)');
  await expect(row(page, 'After')).toHaveAttribute('data-status', 'not-run');
});

test.describe('restarts', () => {
  // JupyterLab's debugger logs this when a restart cancels its pending kernel request.
  test.use({ allowedConsoleErrors: [/Canceled future for debug_request/] });

  test('a kernel restart marks every cell as not run', async ({
    lab,
    server
  }) => {
    const { page } = lab;
    await scriptBesideNotebook(
      lab,
      server,
      'two.py',
      '# %% A\na = 1\n\n# %% B\nprint("b", a)\n'
    );

    await row(page, 'B').locator('.jp-CellScript-run-to-here').click();
    await expect(row(page, 'B')).toHaveAttribute('data-status', 'ok');
    await expect(outputSummary(row(page, 'B'))).toHaveText('b 1');

    // Restart as a user does: Kernel menu command, then confirm the dialog.
    await page.locator('.jp-Notebook').first().click();
    void lab.execute('notebook:restart-kernel');
    await page
      .locator('.jp-Dialog-button.jp-mod-accept', { hasText: 'Restart' })
      .click();

    await expect(row(page, 'A')).toHaveAttribute('data-status', 'not-run');
    await expect(row(page, 'B')).toHaveAttribute('data-status', 'not-run');
    await expect(outputSummary(row(page, 'B'))).toBeHidden();

    // The namespace is gone with the kernel: running B alone now fails on `a`.
    await row(page, 'B').locator('.jp-CellScript-run-cell').click();
    await expect(row(page, 'B')).toHaveAttribute('data-status', 'error');
    await expect(outputSummary(row(page, 'B'))).toContainText(
      "NameError: name 'a' is not defined"
    );
  });
});

test('Interrupt stops a long cell and the run reports it', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await scriptBesideNotebook(
    lab,
    server,
    'slow.py',
    '# %% Wait\nimport time\ntime.sleep(60)\n\n# %% Never\nprint("not reached")\n'
  );

  await row(page, 'Never').locator('.jp-CellScript-run-to-here').click();
  await expect(row(page, 'Wait')).toHaveAttribute('data-status', 'running');
  await expect(row(page, 'Never')).toHaveAttribute('data-status', 'queued');

  await toolbarButton(page, 'cellscript:interrupt').click();
  await expect(row(page, 'Wait')).toHaveAttribute('data-status', 'interrupted');
  await expect(outputSummary(row(page, 'Wait'))).toContainText(
    'KeyboardInterrupt'
  );
  await expect(row(page, 'Never')).toHaveAttribute('data-status', 'not-run');
});

test('editing a cell after it ran marks it as changed since run', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await scriptBesideNotebook(
    lab,
    server,
    'edit.py',
    '# %% First\nx = 1\n\n# %% Second\ny = 2\n'
  );
  await row(page, 'Second').locator('.jp-CellScript-run-to-here').click();
  await expect(row(page, 'Second')).toHaveAttribute('data-status', 'ok');

  await server.writeFile(
    'edit.py',
    '# %% First\nx = 1\n\n# %% Second\ny = 3\n'
  );
  await expect(row(page, 'Second')).toHaveAttribute('data-status', 'changed', {
    timeout: 30_000
  });
  await expect(row(page, 'First')).toHaveAttribute('data-status', 'ok');
});
