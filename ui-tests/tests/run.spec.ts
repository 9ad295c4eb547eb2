/**
 * Running script cells from the sidebar in the active notebook's kernel: statuses, outputs
 * rendered as in a notebook, errors with the script line, and a kernel restart.
 */
import { expect, test } from '../fixtures';
import { row, scriptBesideNotebook, showScript } from '../support/sidebarPage';

test('runs the example pipeline up to Evaluate and shows its table and plot', async ({
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
  await expect(row(page, 'Load data').locator('.jp-OutputArea')).toContainText(
    'training rows'
  );
  // The DataFrame as an HTML table and the matplotlib figure as an image, as in a notebook.
  await expect(evaluate.locator('.jp-OutputArea table')).toContainText(
    'learned'
  );
  await expect(evaluate.locator('.jp-OutputArea img')).toBeVisible();
  await evaluate.locator('.jp-OutputArea img').scrollIntoViewIfNeeded();
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

  await page
    .locator('#jupyterlab-cellscript-sidebar .jp-CellScript-toolbarButton')
    .first()
    .click();

  await expect(row(page, 'Fine')).toHaveAttribute('data-status', 'ok');
  const boom = row(page, 'Boom');
  await expect(boom).toHaveAttribute('data-status', 'error');
  await expect(boom.locator('.jp-CellScript-errorLine')).toHaveText(
    'ZeroDivisionError: division by zero (line 6)'
  );
  // The traceback names the script file and its line, not the runtime's frames.
  const traceback = boom.locator('.jp-OutputArea');
  await expect(traceback).toContainText('broken.py');
  await expect(traceback).toContainText('z = x / 0');
  await expect(traceback).not.toContainText('cellscript-runtime');
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
    await expect(row(page, 'B').locator('.jp-OutputArea')).toContainText('b 1');

    // Restart as a user does: Kernel menu command, then confirm the dialog.
    await page.locator('.jp-Notebook').first().click();
    void lab.execute('notebook:restart-kernel');
    await page
      .locator('.jp-Dialog-button.jp-mod-accept', { hasText: 'Restart' })
      .click();

    await expect(row(page, 'A')).toHaveAttribute('data-status', 'not-run');
    await expect(row(page, 'B')).toHaveAttribute('data-status', 'not-run');
    await expect(row(page, 'B').locator('.jp-OutputArea')).toHaveCount(0);

    // The namespace is gone with the kernel: running B alone now fails on `a`.
    await row(page, 'B').locator('.jp-CellScript-run-cell').click();
    await expect(row(page, 'B')).toHaveAttribute('data-status', 'error');
    await expect(
      row(page, 'B').locator('.jp-CellScript-errorLine')
    ).toContainText("NameError: name 'a' is not defined");
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

  await page
    .locator('.jp-CellScript-toolbarButton', { hasText: 'Interrupt' })
    .click();
  await expect(row(page, 'Wait')).toHaveAttribute('data-status', 'interrupted');
  await expect(
    row(page, 'Wait').locator('.jp-CellScript-errorLine')
  ).toContainText('KeyboardInterrupt');
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
