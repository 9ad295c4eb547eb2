/**
 * The host works end to end: JupyterLab loads with our extension, notebooks run on the kernel,
 * and the example notebook runs top to bottom.
 */
import { expect, test } from '../fixtures';

const OUR_PLUGIN_PREFIX = 'jupyterlab-cellscript:';

test.describe('an empty server', () => {
  test.use({ serverRoot: 'empty' });

  test('loads JupyterLab with the jupyterlab-cellscript extension active', async ({
    lab
  }) => {
    const { page } = lab;
    await expect(page.locator('#jp-main-dock-panel')).toBeVisible();
    await expect(page.locator('#jp-MainMenu')).toContainText('Kernel');

    // Found by prefix: the plugin ids are the extension's to choose.
    const plugins = await lab.plugins(OUR_PLUGIN_PREFIX);
    expect(
      plugins.length,
      'no jupyterlab-cellscript plugin registered: was the extension built (npm run build)?'
    ).toBeGreaterThan(0);
    expect(plugins.filter(plugin => plugin.activated)).not.toEqual([]);

    // The theme's CSS is applied (a broken theme build leaves the variables undefined).
    const layoutColor = await page.evaluate(() =>
      getComputedStyle(document.body)
        .getPropertyValue('--jp-layout-color0')
        .trim()
    );
    expect(layoutColor).not.toBe('');
  });

  test('runs 1+1 in a notebook typed by the user', async ({ lab, server }) => {
    const { page } = lab;
    await server.writeNotebook('smoke.ipynb', ['']);
    const notebook = await lab.openNotebook('smoke.ipynb');

    await notebook.locator.locator('.jp-Cell .cm-content').first().click();
    await page.keyboard.type('1+1');
    await page.keyboard.press('Shift+Enter');

    const firstCell = notebook.locator.locator('.jp-CodeCell').first();
    await expect(firstCell.locator('.jp-OutputArea-output')).toHaveText('2');
    await expect(firstCell.locator('.jp-InputPrompt')).toHaveText('[1]:');
    // The kernel in the status bar is the Debian ipykernel, idle again.
    await expect(
      notebook.locator.locator(
        '.jp-Notebook-ExecutionIndicator[data-status="idle"]'
      )
    ).toBeVisible();
  });
});

test('runs the example notebook top to bottom next to its script', async ({
  lab
}) => {
  const notebook = await lab.openNotebook('pipeline.ipynb');
  // The script in an editor to the left of the notebook, as a user would arrange them.
  await lab.execute('docmanager:open', {
    path: 'pipeline.py',
    factory: 'Editor',
    options: { mode: 'split-left', ref: notebook.id }
  });
  await lab.execute('application:toggle-left-area');
  await lab.execute('notebook:run-all-cells');

  const codeCells = notebook.locator.locator('.jp-CodeCell');
  const count = await codeCells.count();
  expect(count).toBeGreaterThan(2);
  for (let index = 0; index < count; index++) {
    await expect(codeCells.nth(index).locator('.jp-InputPrompt')).toHaveText(
      /^\[\d+\]:$/
    );
  }
  const plot = notebook.locator.locator('.jp-RenderedImage img');
  await expect(plot).toBeVisible();
  await expect(notebook.locator).toContainText('R²');
  // Errors and warnings both render as stderr.
  await expect(
    notebook.locator.locator(
      '[data-mime-type="application/vnd.jupyter.stderr"]'
    )
  ).toHaveCount(0);

  // The kernel is idle again (the toolbar's indicator may sit in its overflow menu when the
  // notebook is narrow, so ask the kernel rather than look for the indicator).
  await lab.waitForKernelReady('pipeline.ipynb');
  await plot.scrollIntoViewIfNeeded();
  await lab.screenshot('jupyterlab-host');
});
