/**
 * Notebook cells as the load/save tests use them: a cell's text, setting it by typing, the
 * origin label, context menu items and notifications.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, type IOpenedDocument } from '../fixtures';

/** The notebook's cells. */
export function notebookCells(notebook: IOpenedDocument): Locator {
  return notebook.locator.locator('.jp-Notebook .jp-Cell');
}

/** A cell's text as its editor shows it (one line per `.cm-line`). */
export async function cellText(cell: Locator): Promise<string> {
  const lines = await cell.locator('.cm-line').allTextContents();
  return lines.join('\n');
}

/** Replace a cell's text by typing, as a user does (select all, type). */
export async function typeIntoCell(cell: Locator, text: string): Promise<void> {
  await cell.locator('.cm-content').click();
  await cell.page().keyboard.press('Control+A');
  await cell.page().keyboard.type(text);
}

/** The context menu item with this label, once the menu is open. */
export function menuItem(page: Page, label: string): Locator {
  return page.locator('.lm-Menu-item', {
    has: page.locator('.lm-Menu-itemLabel').getByText(label, { exact: true })
  });
}

/** Right-click `target` and choose `label` from the context menu. */
export async function contextMenu(
  target: Locator,
  label: string
): Promise<void> {
  await target.click({ button: 'right' });
  const item = menuItem(target.page(), label);
  await expect(item).toBeVisible();
  await item.click();
}

/** Notification toasts. */
export function toasts(page: Page): Locator {
  return page.locator('.Toastify__toast');
}
