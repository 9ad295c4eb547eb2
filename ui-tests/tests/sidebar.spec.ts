/**
 * The CellScript sidebar in a real JupyterLab page: choosing a script, following its changes,
 * clear messages for paths that are no script.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { savedWorkspaceEntry, waitForApp } from '../support/labPage';
import {
  cellNames,
  outputSummary,
  row,
  scriptBesideNotebook,
  SIDEBAR,
  toolbarButton
} from '../support/sidebarPage';

const PIPELINE_CELLS = [
  '(unnamed)',
  'Setup',
  'Parameters',
  'Load data',
  'Train',
  'Evaluate',
  'Save'
];

/** The sidebar panel (opened by clicking its tab when needed). */
async function openSidebar(page: Page) {
  const panel = page.locator('#jupyterlab-cellscript-sidebar');
  if (!(await panel.isVisible())) {
    await page
      .locator('.jp-SideBar [data-id="jupyterlab-cellscript-sidebar"]')
      .click();
  }
  await expect(panel).toBeVisible();
  return panel;
}

test('opening a script from the file browser lists its cells', async ({
  lab
}) => {
  const { page } = lab;
  await page
    .locator('.jp-DirListing-item[data-file-type="python"]', {
      hasText: 'pipeline.py'
    })
    .click({ button: 'right' });
  await page
    .locator('.lm-Menu-item', { hasText: 'Open in CellScript Sidebar' })
    .click();

  const panel = await openSidebar(page);
  await expect(cellNames(page)).toHaveText(PIPELINE_CELLS);
  await expect(panel.locator('.jp-CellScript-scriptPath')).toHaveText(
    'pipeline.py'
  );
  await expect(panel.locator('.jp-CellScript-cellCount')).toHaveText('7 cells');
  // Line ranges, types and tags as the script has them.
  const params = panel.locator('.jp-CellScript-cell').nth(2);
  await expect(params.locator('.jp-CellScript-cellLines')).toHaveText(
    'lines 37–45'
  );
  await expect(params.locator('.jp-CellScript-tag')).toHaveText([
    '#parameters'
  ]);
  const intro = panel.locator('.jp-CellScript-cell').first();
  await expect(intro.locator('.jp-CellScript-cellType')).toHaveText('markdown');
  // Rendered by the app's markdown renderer (the heading as a heading).
  await expect(intro.locator('.jp-CellScript-markdown h1')).toContainText(
    'A small training pipeline'
  );

  // Clicking a cell opens the script in the editor with the cursor on its marker line,
  // scrolled into view.
  await params.click();
  const editor = page.locator('.jp-FileEditor');
  await expect(editor).toBeVisible();
  await expect(page.getByText('Ln 37, Col 1')).toBeVisible();
  await expect(
    editor.locator('.cm-line', { hasText: '# %% Parameters' })
  ).toBeInViewport();
});

test('saving an edit in the editor and a change on disk update the sidebar', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await server.writeFile('small.py', '# %% One\na = 1\n\n# %% Two\nb = 2\n');
  await lab.execute('cellscript:open-script', { path: 'small.py' });
  await openSidebar(page);
  await expect(cellNames(page)).toHaveText(['One', 'Two']);

  // Typing in the editor shows up before saving (marked as unsaved), and stays after saving.
  await lab.openFile('small.py', 'Editor');
  await page.locator('.jp-FileEditor .cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n# %% Three\nc = 3\n');
  await expect(cellNames(page)).toHaveText(['One', 'Two', 'Three']);
  await expect(
    page.locator('#jupyterlab-cellscript-sidebar .jp-CellScript-unsaved')
  ).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(
    page.locator('#jupyterlab-cellscript-sidebar .jp-CellScript-unsaved')
  ).toHaveCount(0);
  await expect(cellNames(page)).toHaveText(['One', 'Two', 'Three']);
  expect(await server.readFile('small.py')).toContain('# %% Three');

  // Another program rewrites the file: the sidebar follows (the editor is clean now).
  await server.writeFile('small.py', '# %% Rewritten\nz = 0\n');
  await expect(cellNames(page)).toHaveText(['Rewritten'], {
    timeout: 30_000
  });
});

test.describe('paths that are no script', () => {
  // The browser logs every 404 of the contents API; here they are the point of the test.
  test.use({
    allowedConsoleErrors: [/404 \(Not Found\).*nowhere\/missing\.py/]
  });

  test('a path that is no script shows what is wrong and what to do', async ({
    lab,
    server
  }) => {
    const { page } = lab;
    const panel = await openSidebar(page);
    const message = panel.locator('.jp-CellScript-message');
    await expect(message).toContainText('Choose a Python script');

    const input = panel.locator('.jp-CellScript-pathInput');
    await input.fill('nowhere/missing.py');
    await input.press('Enter');
    await expect(message).toContainText('nowhere/missing.py does not exist');
    await expect(cellNames(page)).toHaveCount(0);

    await server.writeFile('notes.txt', 'hello');
    await input.fill('notes.txt');
    await input.press('Enter');
    await expect(message).toContainText('notes.txt is not a Python script');

    await server.writeFile('empty.py', '');
    await input.fill('empty.py');
    await input.press('Enter');
    await expect(message).toContainText('This script is empty');

    await server.writeFile('plain.py', 'x = 1\nprint(x)\n');
    await input.fill('plain.py');
    await input.press('Enter');
    await expect(message).toContainText('No "# %%" markers');
    await expect(cellNames(page)).toHaveText(['(unnamed)']);
  });
});

test('the chosen script is still there after a reload', async ({ lab }) => {
  const { page } = lab;
  await lab.execute('cellscript:open-script', { path: 'pipeline.py' });
  await openSidebar(page);
  await expect(cellNames(page)).toHaveCount(7);
  // JupyterLab saves the workspace (where the state database lives) shortly after a change.
  await expect
    .poll(() => savedWorkspaceEntry(page, 'jupyterlab-cellscript:sidebar'))
    .toContain('pipeline.py');
  await page.reload();
  await waitForApp(page);
  await openSidebar(page);
  await expect(cellNames(page)).toHaveText(PIPELINE_CELLS);
});

test('a script of 1,000 cells: the rows in view at once, the others as they come into view', async ({
  lab,
  server
}, testInfo) => {
  const { page } = lab;
  const text = Array.from(
    { length: 1000 },
    (_, i) => `# %% Cell ${i} tags=["t${i % 7}"]\nvalue_${i} = ${i}\n`
  ).join('\n');
  await server.writeFile('long.py', text);
  const panel = await openSidebar(page);
  // From the command to the frame that shows the rows in view (the file read included).
  const ms = await page.evaluate(async () => {
    const app = (window as any).jupyterapp;
    const start = performance.now();
    await app.commands.execute('cellscript:open-script', { path: 'long.py' });
    await new Promise(resolve =>
      requestAnimationFrame(() => setTimeout(resolve))
    );
    return performance.now() - start;
  });
  testInfo.annotations.push({
    type: 'timing',
    description: `1,000-cell script shown in ${Math.round(ms)} ms`
  });
  console.log(`1,000-cell script shown in ${Math.round(ms)} ms`);
  await expect(panel.locator('.jp-CellScript-cellCount')).toHaveText(
    '1000 cells'
  );
  const list = panel.locator('.jp-CellScript-cells');
  const rows = list.locator('.jp-CellScript-cell');
  // The first rows, in order, and the list says how many there are in all.
  await expect(cellNames(page).first()).toHaveText('Cell 0');
  await expect(rows.first()).toHaveAttribute('aria-setsize', '1000');
  await expect(rows.nth(9)).toHaveAttribute('aria-posinset', '10');
  const drawn = await rows.count();
  expect(drawn).toBeGreaterThanOrEqual(10);
  expect(drawn).toBeLessThan(1000);
  // The list scrolls over all of them: the spacers take the height the rows will.
  const heights = await list.evaluate(node => ({
    scroll: node.scrollHeight,
    row: (node.querySelector('.jp-CellScript-cell') as HTMLElement).offsetHeight
  }));
  expect(heights.scroll).toBeGreaterThan(heights.row * 900);

  // Scrolled to the middle, what shows there are rows (drawn as they came into view), in order.
  await list.evaluate(node => {
    node.scrollTop = node.scrollHeight / 2;
  });
  const middle = list.locator('.jp-CellScript-cell[data-index="500"]');
  await expect(middle.locator('.jp-CellScript-cellName')).toHaveText(
    'Cell 500'
  );
  const shown = () =>
    list.evaluate(node => {
      const box = node.getBoundingClientRect();
      return [0.1, 0.5, 0.9].map(at => {
        const hit = document.elementFromPoint(
          box.left + box.width / 2,
          box.top + box.height * at
        );
        const row = hit?.closest('.jp-CellScript-cell') as HTMLElement | null;
        return row ? Number(row.dataset.index) : null;
      });
    });
  await expect
    .poll(shown)
    .toEqual([expect.any(Number), expect.any(Number), expect.any(Number)]);
  const [top, center, bottom] = (await shown()) as number[];
  expect(top).toBeLessThan(center);
  expect(center).toBeLessThan(bottom);
  expect(Math.abs(center - 500)).toBeLessThan(60);
  // From the keyboard: End goes to the last cell, Home back to the first.
  await rows.first().focus();
  await page.keyboard.press('End');
  const last = list.locator('.jp-CellScript-cell[data-index="999"]');
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  await expect(last.locator('.jp-CellScript-cellName')).toHaveText('Cell 999');
  await page.keyboard.press('ArrowUp');
  await expect(
    list.locator('.jp-CellScript-cell[data-index="998"]')
  ).toBeFocused();
  await page.keyboard.press('Home');
  await expect(rows.first()).toBeFocused();
  await expect(rows.first()).toBeInViewport();
  // A loose bound that still catches a slow path (the goal, 100 ms, is measured by
  // `npm run bench`, not asserted: the test machine is shared).
  expect(ms).toBeLessThan(1500);
});

test('the toolbar comes from the settings and acts only on a script that can run', async ({
  lab,
  server
}) => {
  const { page } = lab;
  const panel = await openSidebar(page);
  // The items the schema declares, in its order, as labelled command buttons.
  const buttons = panel.locator('.jp-SidePanel-toolbar [data-command]');
  await expect(buttons.first()).toBeVisible();
  const commands = await buttons.evaluateAll(nodes =>
    nodes.map(node => node.getAttribute('data-command'))
  );
  expect(commands.slice(0, 4)).toEqual([
    'cellscript:run-all',
    'cellscript:run-changed',
    'cellscript:interrupt',
    'cellscript:reset-namespace'
  ]);
  // JupyterLab's toolbar buttons are <jp-button> elements: `disabled` is their property.
  const runAll = toolbarButton(page, 'cellscript:run-all');
  await expect(runAll).toHaveText('Run all');
  await expect(runAll).toHaveAttribute('title', /Run every code cell/);

  // No script chosen, or no notebook: nothing to run.
  await expect(runAll).toHaveJSProperty('disabled', true);
  await server.writeNotebook('work.ipynb', ['']);
  await lab.openNotebook('work.ipynb');
  await expect(runAll).toHaveJSProperty('disabled', true);

  // A path that is no script: still nothing to run.
  await server.writeFile('notes.txt', 'hello');
  await lab.execute('cellscript:open-script', { path: 'notes.txt' });
  await expect(panel.locator('.jp-CellScript-message')).toContainText(
    'notes.txt is not a Python script'
  );
  await expect(runAll).toHaveJSProperty('disabled', true);
  await expect(
    toolbarButton(page, 'cellscript:reset-namespace')
  ).toHaveJSProperty('disabled', true);
  expect(
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.isEnabled('cellscript:run-all', {})
    )
  ).toBe(false);

  // A script: Run All runs it.
  await lab.execute('cellscript:open-script', { path: 'pipeline.py' });
  await expect(runAll).toHaveJSProperty('disabled', false);
  await expect(toolbarButton(page, 'cellscript:run-changed')).toHaveJSProperty(
    'disabled',
    false
  );
});

test('markdown cells are rendered sanitised: no script of theirs runs', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await server.writeFile(
    'notes.py',
    [
      '# %% [markdown]',
      '# ## Notes with **HTML**',
      '# <img src="data:," onerror="window.__cellscriptXss = 1">',
      '# <script>window.__cellscriptXss = 2</script>',
      '# <a href="javascript:window.__cellscriptXss = 3">link</a>',
      '',
      '# %% Code',
      'x = 1',
      ''
    ].join('\n')
  );
  await lab.execute('cellscript:open-script', { path: 'notes.py' });
  const panel = await openSidebar(page);
  const markdown = panel.locator('.jp-CellScript-markdown').first();
  await expect(markdown.locator('h2')).toHaveText(/^Notes with HTML/);
  await expect(markdown.locator('strong')).toHaveText('HTML');
  await expect(markdown.locator('script')).toHaveCount(0);
  await expect(markdown.locator('[onerror]')).toHaveCount(0);
  await expect(markdown.locator('a[href^="javascript"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).__cellscriptXss)).toBe(
    undefined
  );
});

test('switching scripts while cells show outputs leaves nothing behind and logs no error', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await scriptBesideNotebook(
    lab,
    server,
    'shown.py',
    [
      '# %% Text',
      'print("hello from shown")',
      '',
      '# %% Table',
      'from IPython.display import HTML, display',
      'display(HTML("<table><tr><td>1</td></tr></table>"))',
      ''
    ].join('\n')
  );
  await server.writeFile('other.py', '# %% Other\nz = 0\n');
  await lab.execute('cellscript:run-all', { path: 'shown.py' });
  await expect(outputSummary(row(page, 'Table'))).toHaveText('table');
  await expect(outputSummary(row(page, 'Text'))).toHaveText('hello from shown');

  const input = page.locator(`${SIDEBAR} .jp-CellScript-pathInput`);
  await input.fill('other.py');
  await input.press('Enter');
  await expect(cellNames(page)).toHaveText(['Other']);
  await expect(
    page.locator(`${SIDEBAR} .jp-CellScript-outputSummary:visible`)
  ).toHaveCount(0);

  // Back again: the runs of shown.py are still known, nothing was rendered twice.
  await input.fill('shown.py');
  await input.press('Enter');
  await expect(outputSummary(row(page, 'Table'))).toHaveText('table');
  await expect(page.locator(`${SIDEBAR} .jp-OutputArea`)).toHaveCount(0);
  expect(lab.consoleErrors).toEqual([]);
});
