/**
 * JupyterLab's Settings editor as a user drives it: open it on the CellScript settings, find a
 * field by the title it shows, and check what the server saved.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { ILab, ILabServer } from '../fixtures';

/** The plugin ids of the CellScript settings. */
export const RUNNER_SETTINGS = 'jupyterlab-cellscript:runner';
export const SCRIPTS_SETTINGS = 'jupyterlab-cellscript:scripts';

/**
 * A console error JupyterLab 4.6.3 itself logs when the Settings editor has a search query: its
 * plugin list highlights matches with `<mark>` elements that have no React key
 * (@jupyterlab/settingeditor, pluginlist.tsx). Allow it with `test.use({ allowedConsoleErrors })`.
 */
export const SEARCH_HIGHLIGHT_KEY_WARNING =
  /Each child in a list should have a unique "key" prop[\s\S]*at mark/;

/**
 * Open the Settings editor searching for "CellScript" (Settings > Settings Editor, then typing
 * in its search box) and wait until both CellScript forms are shown.
 */
export async function openCellScriptSettings(lab: ILab): Promise<Locator> {
  await lab.execute('settingeditor:open', { query: 'CellScript' });
  // After a reload the restored layout may bring another tab to the front as it settles:
  // click the Settings tab, as a user would, until the editor stays in front.
  const tab = lab.page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab').filter({
    has: lab.page
      .locator('.lm-TabBar-tabLabel')
      .getByText('Settings', { exact: true })
  });
  const panel = lab.page.locator('.jp-SettingsPanel');
  await expect(async () => {
    await tab.click();
    for (const title of [
      'CellScript: running scripts',
      'CellScript: scripts'
    ]) {
      await expect(
        panel.locator('.jp-SettingsHeader-title', { hasText: title })
      ).toBeVisible({ timeout: 2_000 });
    }
  }).toPass({ timeout: 20_000 });
  return panel;
}

/**
 * The field of the Settings editor form titled `title` (the heading shown left of a text box
 * or a dropdown): its `select` or `input` is the control.
 */
export function settingField(page: Page, title: string): Locator {
  return page
    .locator('.jp-SettingsPanel h3.jp-FormGroup-fieldLabel')
    .filter({ hasText: new RegExp(`^${escapeRegExp(title)}$`) })
    .locator('..');
}

/** The user settings of a plugin as the server stored them (its settings API). */
export async function savedSettings(
  server: ILabServer,
  pluginId: string
): Promise<Record<string, unknown>> {
  const response = await fetch(
    `${server.baseURL}lab/api/settings/${pluginId}`,
    {
      headers: { Authorization: `token ${server.token}` }
    }
  );
  if (!response.ok) {
    throw new Error(
      `GET settings of ${pluginId}: ${response.status} ${response.statusText}`
    );
  }
  const body = (await response.json()) as {
    settings?: Record<string, unknown>;
  };
  return body.settings ?? {};
}

/**
 * Wait until the server has saved `expected` (a subset) for `pluginId`, failing early with its
 * text if JupyterLab shows "Error saving settings" instead (the dialog a 400 from the server
 * brings up).
 */
export async function expectSaved(
  lab: ILab,
  server: ILabServer,
  pluginId: string,
  expected: Record<string, unknown>
): Promise<void> {
  const saveError = lab.page.getByText('Error saving settings');
  await expect
    .poll(async () =>
      (await saveError.count()) > 0
        ? `JupyterLab says: ${await lab.page.locator('.jp-Dialog').innerText()}`
        : savedSettings(server, pluginId)
    )
    .toEqual(expect.objectContaining(expected));
  await expect(saveError).toHaveCount(0);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
