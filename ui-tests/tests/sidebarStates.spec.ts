/**
 * What the sidebar's rows show: a badge for every state, one-line output summaries, markdown
 * rendered, readable in the light, dark and high-contrast themes.
 */
import { expect, test } from '../fixtures';
import { contrastFailures } from '../support/contrast';
import {
  badge,
  outputSummary,
  row,
  scriptBesideNotebook,
  SIDEBAR
} from '../support/sidebarPage';
import { useTheme } from '../support/theme';

/** A script whose cells end up in every state (see the test's steps). */
const REPORT = `# %% [markdown]
# # Daily report
# Numbers from *yesterday*, in **bold**.

# %% Setup tags=["setup"]
base = 10
print("\\u001b[32mbase is\\u001b[0m", base)

# %% Double
doubled = base * 2
print(f"doubled: {doubled}")

# %% Table tags=["report", "slow"]
import pandas as pd
pd.DataFrame({"day": ["mon", "tue"], "sales": [doubled, doubled + 1]})

# %% Broken
ratio = 1 / 0

# %% Later
later = 3
`;

test('every state has a badge, outputs a one-line summary, markdown is rendered, readable in every theme', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await scriptBesideNotebook(lab, server, 'report.py', REPORT);
  const panel = page.locator(SIDEBAR);

  // Before any run: every code cell says so.
  for (const name of ['Setup', 'Double', 'Table', 'Broken', 'Later']) {
    await expect(badge(row(page, name))).toHaveText('not run');
  }

  // Markdown as the app renders it: a heading, emphasis.
  const intro = panel.locator('.jp-CellScript-cell').first();
  await expect(intro.locator('.jp-CellScript-cellType')).toHaveText('markdown');
  await expect(intro.locator('.jp-RenderedMarkdown h1')).toHaveText(
    /^Daily report/
  );
  await expect(intro.locator('.jp-RenderedMarkdown em')).toHaveText(
    'yesterday'
  );

  // Broken first (an error not on old results), then everything up to Table.
  await lab.execute('cellscript:run-cell', {
    path: 'report.py',
    cell: 'Broken'
  });
  await expect(row(page, 'Broken')).toHaveAttribute('data-status', 'error');
  await lab.execute('cellscript:run-to', { path: 'report.py', cell: 'Table' });
  await expect(row(page, 'Table')).toHaveAttribute('data-status', 'ok', {
    timeout: 60_000
  });

  // Summaries: the first line of text (colour codes gone), the kind of rich output, the error.
  await expect(outputSummary(row(page, 'Setup'))).toHaveText('base is 10');
  await expect(outputSummary(row(page, 'Double'))).toHaveText('doubled: 20');
  await expect(outputSummary(row(page, 'Table'))).toHaveText('table');
  await expect(outputSummary(row(page, 'Broken'))).toHaveText(
    'ZeroDivisionError: division by zero (line 18)'
  );
  await expect(outputSummary(row(page, 'Later'))).toBeHidden();
  await expect(outputSummary(row(page, 'Broken'))).toHaveAttribute(
    'title',
    /ZeroDivisionError: division by zero \(line 18\)/
  );
  // No output areas in the sidebar any more.
  await expect(panel.locator('.jp-OutputArea')).toHaveCount(0);

  // Double changes on disk: it is "changed since run", Table ran on its old results.
  await server.writeFile(
    'report.py',
    REPORT.replace('doubled = base * 2', 'doubled = base * 3')
  );
  await expect(row(page, 'Double')).toHaveAttribute('data-status', 'changed', {
    timeout: 30_000
  });
  await expect(badge(row(page, 'Double'))).toHaveText('changed since run');
  await expect(row(page, 'Table')).toHaveAttribute('data-status', 'stale');
  await expect(badge(row(page, 'Table'))).toHaveText('ran on old results');
  await expect(badge(row(page, 'Setup'))).toHaveText('ok');
  await expect(badge(row(page, 'Broken'))).toHaveText('error');
  await expect(badge(row(page, 'Later'))).toHaveText('not run');
  await expect(row(page, 'Table').locator('.jp-CellScript-tag')).toHaveText([
    '#report',
    '#slow'
  ]);

  // Readable: no text under 4.5:1 in the light theme, nor in the dark one.
  await page.mouse.move(0, 0);
  expect(await contrastFailures(panel)).toEqual([]);
  await lab.screenshot('sidebar');

  await useTheme(lab, 'JupyterLab Dark');
  expect(await contrastFailures(panel)).toEqual([]);
  await lab.screenshot('sidebar-dark');

  await useTheme(lab, 'JupyterLab Dark High Contrast');
  expect(await contrastFailures(panel)).toEqual([]);
});
