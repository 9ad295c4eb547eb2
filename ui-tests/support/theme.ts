/**
 * Switching JupyterLab's theme in a test and waiting until the page is drawn in it. The body's
 * theme attribute changes before the new stylesheet has replaced the old one everywhere: a
 * screenshot or a contrast check taken on the attribute alone can see a light sidebar under a
 * dark notebook.
 */
import { expect, type ILab } from '../fixtures';

/** Parts of the page with a background of their own, drawn in the theme's layout colours. */
const SURFACES = [
  '#jp-top-panel',
  '#jp-main-statusbar',
  '.jp-SideBar.lm-TabBar'
];

/** Use `theme` (e.g. 'JupyterLab Dark') and wait until the page is drawn in it. */
export async function useTheme(lab: ILab, theme: string): Promise<void> {
  const { page } = lab;
  await lab.execute('apputils:change-theme', { theme });
  await expect(page.locator('body')).toHaveAttribute(
    'data-jp-theme-name',
    theme
  );
  // A theme change shows JupyterLab's splash for a moment.
  await expect(page.locator('#jupyterlab-splash')).toHaveCount(0);
  const dark = /dark/i.test(theme);
  await expect
    .poll(
      () =>
        page.evaluate(
          ({ selectors, dark }) => {
            /** Relative luminance (WCAG) of a computed `rgb()`/`rgba()`, null if clear. */
            const luminance = (color: string): number | null => {
              const parts = color.match(/[\d.]+/g)?.map(Number) ?? [];
              if (parts.length < 3 || parts[3] === 0) {
                return null;
              }
              const [r, g, b] = parts.slice(0, 3).map(value => {
                const c = value / 255;
                return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
              });
              return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            const drawn = selectors
              .map(selector => document.querySelector(selector))
              .map(node =>
                node ? luminance(getComputedStyle(node).backgroundColor) : null
              )
              .filter((value): value is number => value !== null);
            return (
              drawn.length > 0 &&
              drawn.every(value => (dark ? value < 0.2 : value > 0.5))
            );
          },
          { selectors: SURFACES, dark }
        ),
      { message: `the page drawn in ${theme}`, timeout: 10_000 }
    )
    .toBe(true);
}
