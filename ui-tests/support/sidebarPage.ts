/**
 * The CellScript sidebar as the browser tests use it: its rows, its list of names, and a
 * script opened beside a notebook whose kernel runs it.
 */
import type { Locator, Page } from '@playwright/test';
import {
  expect,
  type ILab,
  type ILabServer,
  type IOpenedDocument
} from '../fixtures';

/** The sidebar panel's selector. */
export const SIDEBAR = '#jupyterlab-cellscript-sidebar';

/** The sidebar row of the cell named exactly `name` ('(unnamed)' for a cell without one). */
export function row(page: Page, name: string): Locator {
  return page.locator(`${SIDEBAR} .jp-CellScript-cell`).filter({
    has: page.locator('.jp-CellScript-cellName').getByText(name, {
      exact: true
    })
  });
}

/** The names of the cells the sidebar lists, in order. */
export function cellNames(page: Page): Locator {
  return page.locator(`${SIDEBAR} .jp-CellScript-cell .jp-CellScript-cellName`);
}

/** Show `path` in the sidebar. */
export async function showScript(lab: ILab, path: string): Promise<void> {
  await lab.execute('cellscript:open-script', { path });
  await expect(lab.page.locator(SIDEBAR)).toBeVisible();
}

/**
 * Write a script and a notebook (one empty cell unless given), open the notebook (its kernel
 * ready: script cells run there) and show the script in the sidebar.
 */
export async function scriptBesideNotebook(
  lab: ILab,
  server: ILabServer,
  scriptPath: string,
  text: string,
  notebookCells: string[] = ['']
): Promise<IOpenedDocument> {
  await server.writeNotebook('work.ipynb', notebookCells);
  await server.writeFile(scriptPath, text);
  const notebook = await lab.openNotebook('work.ipynb');
  await showScript(lab, scriptPath);
  return notebook;
}

/** The one-line summary of a row's outputs. */
export function outputSummary(cellRow: Locator): Locator {
  return cellRow.locator('.jp-CellScript-outputSummary');
}

/** The state badge of a row ("ok", "not run", "changed since run", …). */
export function badge(cellRow: Locator): Locator {
  return cellRow.locator('.jp-CellScript-status');
}

/** The sidebar's toolbar button that runs `command`. */
export function toolbarButton(page: Page, command: string): Locator {
  return page.locator(
    `${SIDEBAR} .jp-SidePanel-toolbar [data-command="${command}"]`
  );
}
