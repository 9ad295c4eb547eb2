/**
 * WCAG text contrast, measured in the page: every visible element under a root that has text
 * of its own, its text colour against the background it is drawn on.
 */
import type { Locator } from '@playwright/test';

/** An element whose text is below the contrast asked for. */
export interface IContrastFailure {
  /** The element, e.g. `span.jp-CellScript-status "ok"`. */
  element: string;
  /** Its text colour and the background found behind it, as the browser computes them. */
  color: string;
  background: string;
  /** The contrast ratio, rounded to two decimals. */
  ratio: number;
}

/**
 * The visible text under `root` whose contrast is below `minimum` (4.5:1 by default, WCAG AA
 * for normal text). The background is the nearest ancestor-or-self background colour that is
 * not transparent, blended over what lies below it when translucent; text colours with alpha
 * are blended over that background. Disabled controls are skipped (WCAG exempts them), and so
 * are elements hidden or empty, and elements inside `skip` (a selector).
 */
export async function contrastFailures(
  root: Locator,
  options: { minimum?: number; skip?: string } = {}
): Promise<IContrastFailure[]> {
  const minimum = options.minimum ?? 4.5;
  const skip = options.skip ?? null;
  return root.evaluate(
    (rootNode, [min, skipped]) => {
      type RGBA = [number, number, number, number];
      const parse = (value: string): RGBA | null => {
        const match = value.match(/rgba?\(([^)]+)\)/);
        if (!match) {
          return null;
        }
        const parts = match[1]
          .split(/[ ,/]+/)
          .filter(Boolean)
          .map(Number);
        return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
      };
      const over = (top: RGBA, bottom: RGBA): RGBA => {
        const a = top[3];
        return [
          top[0] * a + bottom[0] * (1 - a),
          top[1] * a + bottom[1] * (1 - a),
          top[2] * a + bottom[2] * (1 - a),
          1
        ];
      };
      const background = (element: Element): RGBA => {
        const layers: RGBA[] = [];
        for (
          let node: Element | null = element;
          node;
          node = node.parentElement
        ) {
          const color = parse(getComputedStyle(node).backgroundColor);
          if (color && color[3] > 0) {
            layers.push(color);
            if (color[3] >= 1) {
              break;
            }
          }
        }
        // The page behind everything is white when nothing is opaque.
        return layers.reduceRight<RGBA>(
          (below, layer) => over(layer, below),
          [255, 255, 255, 1]
        );
      };
      const luminance = ([r, g, b]: RGBA) => {
        const channel = (c: number) => {
          const s = c / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
      };
      const ratio = (a: RGBA, b: RGBA) => {
        const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (hi + 0.05) / (lo + 0.05);
      };
      const describe = (element: Element) => {
        const classes = [...element.classList].slice(0, 2).join('.');
        const text = (element.textContent ?? '').trim().slice(0, 40);
        return `${element.tagName.toLowerCase()}${classes ? `.${classes}` : ''} "${text}"`;
      };

      const failures: Array<{
        element: string;
        color: string;
        background: string;
        ratio: number;
      }> = [];
      const elements = [rootNode, ...rootNode.querySelectorAll('*')];
      for (const element of elements) {
        const ownText = [...element.childNodes].some(
          node =>
            node.nodeType === Node.TEXT_NODE &&
            (node.textContent ?? '').trim() !== ''
        );
        if (!ownText || !(element as HTMLElement).checkVisibility?.()) {
          continue;
        }
        if (element.closest(':disabled, [aria-disabled="true"]')) {
          continue;
        }
        if (skipped !== null && element.closest(skipped)) {
          continue;
        }
        const style = getComputedStyle(element);
        const text = parse(style.color);
        if (!text || style.visibility !== 'visible') {
          continue;
        }
        const behind = background(element);
        const value = ratio(over(text, behind), behind);
        if (value < min) {
          failures.push({
            element: describe(element),
            color: style.color,
            background: `rgb(${behind
              .slice(0, 3)
              .map(c => Math.round(c))
              .join(', ')})`,
            ratio: Math.round(value * 100) / 100
          });
        }
      }
      return failures;
    },
    [minimum, skip] as const
  );
}
