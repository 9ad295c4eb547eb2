/**
 * Frontend magics in the real page: `%cellscript` runs script cells in the notebook's kernel
 * with their outputs in the magic's cell and the sidebar following; `%%cellscript save` writes
 * a body back; IPython's own magics still reach the kernel; a failing magic stops "Run All";
 * the notebook runs again top to bottom after a reload; another extension adds a magic through
 * the IMagicRegistry token and removes it.
 */
import type { Locator } from '@playwright/test';
import { expect, type ILab, type ILabServer, test } from '../fixtures';
import { cellText, notebookCells, toasts } from '../support/notebookCells';
import { badge, row } from '../support/sidebarPage';
import { useTheme } from '../support/theme';

test.use({ serverRoot: 'empty' });

const SCRIPT =
  '# %% Setup\nx = 20\n\n' +
  '# %% Train\nmodel = x * 2\nprint("model", model)\n\n' +
  '# %% Evaluate\nprint("score", model + 1)\n\n' +
  '# %% Broken\nraise ValueError("bad input")\n';

/** The text of a cell's outputs. */
function outputs(cell: Locator): Locator {
  return cell.locator('.jp-OutputArea-output');
}

/** A cell's execution count as its prompt shows it, or null when it has none. */
async function countOf(cell: Locator): Promise<number | null> {
  const text = await cell.locator('.jp-InputPrompt').first().textContent();
  const match = /\[(\d+)\]/.exec(text ?? '');
  return match ? Number(match[1]) : null;
}

/** Write work.ipynb with these code cells and open it (its kernel ready): its cells. */
async function openWork(
  lab: ILab,
  server: ILabServer,
  sources: string[]
): Promise<Locator> {
  await server.writeNotebook('work.ipynb', sources);
  return notebookCells(await lab.openNotebook('work.ipynb'));
}

/** Run every cell of the current notebook; resolves once "Run All" is done. */
async function runAll(lab: ILab): Promise<void> {
  await lab.execute('notebook:run-all-cells');
}

const PIPELINE_CELLS = [
  '%cs open pipeline.py',
  '%cellscript run Setup Train Evaluate',
  '%cs export model\nprint("in the notebook", model)',
  '%cs eval model * 2',
  '%cs list'
];

/** What PIPELINE_CELLS show once run, cell by cell. */
async function expectPipelineOutputs(cells: Locator): Promise<void> {
  await expect(outputs(cells.nth(0))).toHaveText([
    'pipeline.py: 4 cells (4 code).'
  ]);
  await expect(outputs(cells.nth(1))).toHaveText(['model 40\nscore 41\n']);
  await expect(outputs(cells.nth(2))).toContainText([
    'Exporting model from pipeline.py.',
    'in the notebook 40'
  ]);
  await expect(outputs(cells.nth(3))).toHaveText(['80']);
  const table = outputs(cells.nth(4)).locator('table');
  await expect(table.locator('tbody tr')).toHaveCount(4);
  await expect(table.locator('tbody tr').nth(1)).toContainText('Train');
  await expect(table.locator('tbody tr').nth(1)).toContainText('ok');
  await expect(table.locator('tbody tr').nth(3)).toContainText('not run');
}

test('%cellscript runs script cells here, the sidebar follows, counts go up; again after a reload', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await server.writeFile('pipeline.py', SCRIPT);
  const cells = await openWork(lab, server, PIPELINE_CELLS);

  await runAll(lab);
  await expectPipelineOutputs(cells);
  // `open` showed the script in the sidebar, and the sidebar saw the same run.
  await page.getByRole('tab', { name: 'CellScript' }).click();
  for (const name of ['Setup', 'Train', 'Evaluate']) {
    await expect(badge(row(page, name))).toHaveText('ok');
  }
  await expect(badge(row(page, 'Broken'))).toHaveText('not run');
  const counts = await Promise.all(
    PIPELINE_CELLS.map((_, i) => countOf(cells.nth(i)))
  );
  expect(counts.every(count => count !== null)).toBe(true);
  expect([...counts].sort((a, b) => a! - b!)).toEqual(counts);
  expect(new Set(counts).size).toBe(counts.length);
  await lab.screenshot('magic-cellscript-run');
  await useTheme(lab, 'JupyterLab Dark');
  await lab.screenshot('magic-cellscript-run-dark');
  await useTheme(lab, 'JupyterLab Light');

  // Saved, the page reloaded: the notebook runs top to bottom again.
  await lab.execute('docmanager:save');
  await lab.reload();
  const again = await lab.openNotebook('work.ipynb');
  await runAll(lab);
  await expectPipelineOutputs(notebookCells(again));
});

test('%%cellscript save writes the body into the script cell and nothing else; load brings a cell in', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await server.writeFile('pipeline.py', SCRIPT);
  const cells = await openWork(lab, server, [
    '%cs open pipeline.py',
    '%%cellscript save Train\nmodel = x * 3\nprint("model", model)',
    '%cs run Setup Train'
  ]);
  await runAll(lab);
  await expect(outputs(cells.nth(1))).toHaveText([
    'Saved into pipeline.py › Train.'
  ]);
  expect(await server.readFile('pipeline.py')).toBe(
    SCRIPT.replace('model = x * 2', 'model = x * 3')
  );
  await expect(outputs(cells.nth(2))).toHaveText(['model 60\n']);

  // load: this cell becomes the script cell, and remembers where it came from.
  await cells.nth(2).click();
  await lab.execute('notebook:insert-cell-below');
  const loading = cells.nth(3);
  await loading.locator('.cm-content').click();
  await page.keyboard.type('%cs load Evaluate');
  await lab.execute('notebook:run-cell');
  await expect(loading).toHaveAttribute(
    'data-cellscript-origin',
    'pipeline.py › Evaluate'
  );
  expect(await cellText(loading)).toBe('print("score", model + 1)');
});

test('%cs assign sets a parameter the form shows, and the next run of its cell uses it', async ({
  lab,
  server
}) => {
  const { page } = lab;
  await server.writeFile('pipeline.py', SCRIPT);
  const cells = await openWork(lab, server, [
    '%cs open pipeline.py',
    "%cs assign x=5 note='two words'",
    '%cs run Setup Train',
    '%cs params'
  ]);
  await runAll(lab);
  await expect(outputs(cells.nth(1))).toContainText([
    "Assigned in pipeline.py: x = 5, note = 'two words'."
  ]);
  // x = 20 runs as written, then the value set is assigned (papermill's injection).
  await expect(outputs(cells.nth(2))).toHaveText(['model 10\n']);
  // params: name, type, value, default, line, help.
  await expect(
    outputs(cells.nth(3)).locator('tbody tr').first().locator('td')
  ).toHaveText(['x', 'int', '5', '20', '2', '']);
  await page.getByRole('tab', { name: 'CellScript' }).click();
  const x = page.locator(
    '#jupyterlab-cellscript-sidebar .jp-CellScript-parameter[data-name="x"]'
  );
  await expect(x).toHaveAttribute('data-state', 'override');
});

test('with frontend magics off, the cell goes to the kernel and a notice says why', async ({
  lab,
  server
}) => {
  const { page } = lab;
  const cells = await openWork(lab, server, ['%cs list']);
  await page.evaluate(async () => {
    const app = (window as any).jupyterapp;
    const token = [...app.pluginRegistry._services.keys()].find(
      (t: any) => t.name === '@jupyterlab/coreutils:ISettingRegistry'
    );
    const settings = await app.resolveRequiredService(token);
    await settings.set(
      'jupyterlab-cellscript:cell-executor',
      'frontendMagics',
      false
    );
  });
  await runAll(lab);
  await expect(
    toasts(page).filter({ hasText: 'Frontend magics are turned off' })
  ).toBeVisible();
  await expect(outputs(cells.first())).toContainText(['UsageError']);
});

test("IPython's own magics and shell escapes still reach the kernel", async ({
  lab,
  server
}) => {
  const cells = await openWork(lab, server, [
    '%time 1 + 1',
    '%%capture captured\nprint("hidden")',
    'captured.stdout',
    '!echo shell-ok'
  ]);
  await runAll(lab);
  await expect(outputs(cells.nth(0))).toContainText(['Wall time']);
  await expect(outputs(cells.nth(1))).toHaveCount(0);
  await expect(outputs(cells.nth(2))).toHaveText(["'hidden\\n'"]);
  await expect(outputs(cells.nth(3))).toHaveText(['shell-ok\n']);
});

test.describe('errors', () => {
  test.use({
    // The kernel's tracebacks name the script by its absolute path: JupyterLab's own path
    // links ask the server for it (404 here, as in tracebackLinks.spec), and -s missing.py
    // is read and not found, as it should be.
    // (One pattern: Playwright reads a two-item array option as [value, options].)
    allowedConsoleErrors: [
      /404 \(Not Found\).*\/api\/(resolvePath\?|contents\/(tmp\/|usr\/|missing\.py))/
    ]
  });

  test('a failing magic shows its error and stops Run All; bad input says what to do', async ({
    lab,
    server
  }) => {
    await server.writeFile('pipeline.py', SCRIPT);
    const cells = await openWork(lab, server, [
      '%cs open pipeline.py',
      '%cs run Broken',
      'print("after")',
      '%cs run Nope',
      '%cs frobnicate',
      '%cs assign x=[1,',
      '%cs -s missing.py list'
    ]);
    await runAll(lab);
    // The script's traceback, from the kernel, names the script's line.
    await expect(outputs(cells.nth(1))).toContainText([
      'ValueError: bad input'
    ]);
    await expect(outputs(cells.nth(1))).toContainText(['pipeline.py']);
    // Run All stopped there: the next cells did not run.
    await expect(outputs(cells.nth(2))).toHaveCount(0);
    expect(await countOf(cells.nth(2))).toBeNull();

    // Each bad cell alone: a clear error naming the problem.
    const expectations: Array<[number, RegExp]> = [
      [3, /No cell .*Nope.*Setup/s],
      [
        4,
        /Unknown subcommand "frobnicate" for %cs\. Use one of: open, list, run/
      ],
      [5, /Unbalanced bracket: the \[ that starts \[1, is never closed/],
      [6, /missing\.py/]
    ];
    for (const [index, message] of expectations) {
      await cells.nth(index).click();
      await lab.execute('notebook:run-cell');
      await expect(outputs(cells.nth(index)).locator('pre')).toHaveText(
        message
      );
    }
    expect(await server.readFile('pipeline.py')).toBe(SCRIPT);
    await useTheme(lab, 'JupyterLab Dark');
    await cells.nth(3).scrollIntoViewIfNeeded();
    await lab.screenshot('magic-errors-dark');
  });

  test('interrupting the kernel stops a running magic and Run All', async ({
    lab,
    server
  }) => {
    await server.writeFile(
      'slow.py',
      '# %% Wait\nimport time\nprint("waiting", flush=True)\ntime.sleep(60)\n'
    );
    const cells = await openWork(lab, server, [
      '%cs open slow.py',
      '%cs run Wait',
      'print("after")'
    ]);
    const running = runAll(lab);
    await expect(outputs(cells.nth(1))).toHaveText(['waiting\n']);
    await lab.execute('notebook:interrupt-kernel');
    await running;
    await expect(outputs(cells.nth(1))).toContainText(['KeyboardInterrupt']);
    await expect(outputs(cells.nth(2))).toHaveCount(0);
    expect(await countOf(cells.nth(2))).toBeNull();
  });
});

test('another extension adds a magic through IMagicRegistry and removes it', async ({
  lab,
  server
}) => {
  const { page } = lab;
  const cells = await openWork(lab, server, [
    '%shout hello there',
    '%%shout\nbody'
  ]);
  // A plugin as another extension writes it: it requires the token and adds a group.
  await page.evaluate(async () => {
    const app = (window as any).jupyterapp;
    const token = [...app.pluginRegistry._services.keys()].find(
      (t: any) => t.name === 'jupyterlab-cellscript:IMagicRegistry'
    );
    app.registerPlugin({
      id: 'test-extension:shout',
      requires: [token],
      activate: (_: unknown, registry: any) => {
        (window as any).shoutMagic = registry.addMagics({
          line: {
            shout: {
              summary: 'Shout the line.',
              handler: (context: any) => context.line.toUpperCase()
            }
          },
          cell: {
            shout: {
              summary: 'Shout the body as HTML.',
              handler: (context: any) => ({
                data: { 'text/html': `<b>${context.body.toUpperCase()}</b>` }
              })
            }
          }
        });
      }
    });
    await app.activatePlugin('test-extension:shout');
  });
  await runAll(lab);
  await expect(outputs(cells.nth(0))).toHaveText(['HELLO THERE']);
  await expect(outputs(cells.nth(1)).locator('b')).toHaveText('BODY');

  // Disposed: the kernel gets the line and does not know the magic.
  await page.evaluate(() => (window as any).shoutMagic.dispose());
  await cells.nth(0).click();
  await lab.execute('notebook:run-cell');
  await expect(outputs(cells.nth(0))).toContainText(['UsageError']);
});
