/**
 * Traceback frames of scripts under the server root are links to the line, in every output
 * rendered with the app's rendermime (here a notebook cell's error output). Frames of files outside the root (here the
 * standard library's json) stay plain text.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { notebookCells } from '../support/notebookCells';
import {
  outputSummary,
  row,
  scriptBesideNotebook,
  SIDEBAR
} from '../support/sidebarPage';
import { useTheme } from '../support/theme';

test.use({
  serverRoot: 'empty',
  // JupyterLab's own path links in notebook errors ask the server where each file is:
  // /api/resolvePath (jupyter_server 2.x only), then the contents API at the absolute path.
  // Both answer 404 here, for every traceback with absolute paths, with or without this feature.
  allowedConsoleErrors: [
    /404 \(Not Found\).*\/api\/(resolvePath\?|contents\/(tmp|usr)\/)/
  ]
});

// parse() fails inside json (outside the root) at line 5, called from line 8.
const SCRIPT =
  '# %% Setup\nimport json\n\ndef parse(text):\n    return json.loads(text)\n\n' +
  '# %% Fail\nconfig = parse("{not json")\n';

const LINK = '.jp-CellScript-tracebackLink';

/** The frame link in `output` whose text ends with `:<line>` (IPython 8's header). */
function frameLink(output: Locator, line: number): Locator {
  return output
    .locator(LINK)
    .filter({ hasText: new RegExp(`pipeline\\.py:${line}$`) });
}

/** The file open in the current main-area tab and its cursor's 1-based line. */
async function editorCursor(
  page: Page
): Promise<{ path: string; line: number }> {
  return page.evaluate(() => {
    const widget = (window as any).jupyterapp.shell.currentWidget;
    const editor = widget?.content?.editor;
    if (!editor) {
      return { path: String(widget?.context?.path), line: -1 };
    }
    return {
      path: widget.context.path as string,
      line: (editor.getCursorPosition().line as number) + 1
    };
  });
}

/** Every frame of the traceback in `output` is a link exactly when it names the script. */
async function expectScriptFramesLinked(output: Locator): Promise<void> {
  await expect(output).toContainText('json/decoder.py');
  await expect(frameLink(output, 8)).toHaveAttribute(
    'title',
    'Open pipeline.py at line 8'
  );
  await expect(frameLink(output, 5)).toHaveAttribute(
    'title',
    'Open pipeline.py at line 5'
  );
  await expect(output.locator(LINK)).toHaveCount(2);
  // The json frames are no links: neither ours nor JupyterLab's own path links, which it
  // leaves as <a> without href when the server cannot open the file.
  await expect(
    output.locator('a[href], [role="link"]', { hasText: 'json' })
  ).toHaveCount(0);
}

test('a traceback in a notebook cell links the script frames to their lines', async ({
  lab,
  server
}) => {
  const { page } = lab;
  const notebook = await scriptBesideNotebook(
    lab,
    server,
    'pipeline.py',
    SCRIPT,
    ['%run pipeline.py']
  );
  await notebookCells(notebook).first().locator('.cm-content').click();
  await lab.execute('notebook:run-cell');
  const output = notebookCells(notebook)
    .first()
    .locator('.jp-OutputArea-output');
  await expectScriptFramesLinked(output);
  // The colours of IPython's traceback are still there, inside the link too.
  await expect
    .poll(async () =>
      (
        await frameLink(output, 8)
          .locator('span.ansi-green-fg')
          .allTextContents()
      ).join('')
    )
    .toBe(`${server.rootDir}/pipeline.py:8`);

  await frameLink(output, 8).click();
  await expect(
    page.locator('.lm-TabBar-tab.lm-mod-current', { hasText: 'pipeline.py' })
  ).toBeVisible();
  await expect
    .poll(() => editorCursor(page))
    .toEqual({
      path: 'pipeline.py',
      line: 8
    });

  await page.locator('.lm-TabBar-tab', { hasText: 'work.ipynb' }).click();
  await frameLink(output, 5).click();
  await expect
    .poll(() => editorCursor(page))
    .toEqual({
      path: 'pipeline.py',
      line: 5
    });
});

for (const theme of ['JupyterLab Light', 'JupyterLab Dark']) {
  test(`linked traceback in ${theme}`, async ({ lab, server }) => {
    const { page } = lab;
    await scriptBesideNotebook(lab, server, 'pipeline.py', SCRIPT, [
      '%run pipeline.py'
    ]);
    await useTheme(lab, theme);
    await lab.execute('cellscript:run-to', {
      path: 'pipeline.py',
      cell: 'Fail'
    });
    // The sidebar sums the error up in a line (its tracebacks are in the outputs view).
    await expect(outputSummary(row(page, 'Fail'))).toContainText(
      'JSONDecodeError'
    );
    await lab.execute('notebook:run-cell');
    const output = page.locator('.jp-Notebook .jp-OutputArea-output').first();
    await expectScriptFramesLinked(output);
    // Underlined in the theme's link colour (JupyterLab's own CSS strips links' underlines).
    await expect(frameLink(output, 8)).toHaveCSS(
      'text-decoration-line',
      'underline'
    );
    await frameLink(output, 5).hover();
    await expect(page.locator(SIDEBAR)).toBeVisible();
    await lab.screenshot(
      `traceback-links-${theme.endsWith('Dark') ? 'dark' : 'light'}`
    );
  });
}
