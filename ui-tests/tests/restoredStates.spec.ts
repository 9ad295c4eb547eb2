/**
 * Run states after a page reload, in a real JupyterLab page: the kernel remembers how each
 * cell last ran, so the script's editor shows it again (marked "ran before reload", without
 * outputs); an edit then marks the edited cell changed and the cells that ran after it stale.
 */
import type { Locator } from '@playwright/test';
import { expect, test } from '../fixtures';
import { scriptBesideNotebook } from '../support/sidebarPage';
import { useTheme } from '../support/theme';

test.use({ serverRoot: 'empty' });

const SCRIPT =
  '# %% Setup\nx = 20\n\n' +
  '# %% Train\nmodel = x * 2\n\n' +
  '# %% Evaluate\nprint("score", model)\n\n' +
  '# %% Broken\nvalue = 1\nvalue / 0\n';

/** The gutter statuses of the editor's code cells, in order. */
function statuses(editor: Locator): Locator {
  return editor.locator('.jp-CellScript-gutterStatus');
}

test('run states come back after a reload; an edited cell makes the cells after it stale', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await scriptBesideNotebook(lab, server, 'pipeline.py', SCRIPT);
  let editor = (await lab.openFile('pipeline.py', 'Editor')).locator;
  await lab.execute('cellscript:run-all', { path: 'pipeline.py' });
  await expect(statuses(editor).nth(3)).toHaveAttribute('data-status', 'error');

  // The page is loaded again: the kernel and its script namespace are still there.
  await lab.reload();
  await lab.openNotebook('work.ipynb');
  editor = (await lab.openFile('pipeline.py', 'Editor')).locator;
  const shown = statuses(editor);
  await expect(shown.nth(3)).toHaveAttribute('data-status', 'error');
  await expect(shown.nth(0)).toHaveAttribute('data-status', 'ok');
  await expect(shown.nth(0)).toHaveAttribute(
    'title',
    /^Setup: ok in .+, ran before reload$/
  );
  await expect(shown.nth(3)).toHaveAttribute(
    'title',
    /^Broken: error in .+, ran before reload: ZeroDivisionError: division by zero$/
  );

  // Setup is edited: it changed since it ran, the three cells after it ran on its old results.
  await editor.locator('.cm-line', { hasText: /^x = 20$/ }).click();
  await page.keyboard.press('End');
  await page.keyboard.type('1');
  await expect
    .poll(() =>
      shown.evaluateAll(nodes =>
        nodes.map(node => node.getAttribute('data-status'))
      )
    )
    .toEqual(['changed', 'stale', 'stale', 'stale']);
  await expect(shown.nth(1)).toHaveAttribute(
    'title',
    /^Train: ran on old results in .+, ran before reload$/
  );
  await lab.screenshot('script-editor-stale');
  await useTheme(lab, 'JupyterLab Dark');
  await lab.screenshot('script-editor-stale-dark');

  // Run Changed runs Setup and the stale cells; they are this page's runs now.
  await lab.execute('cellscript:run-changed', { path: 'pipeline.py' });
  await expect(shown.nth(2)).toHaveAttribute('data-status', 'ok');
  await expect(shown.nth(2)).toHaveAttribute(
    'title',
    /^Evaluate: ok in [^,]+$/
  );
});
