/**
 * A list of values as a user types it: `0.01, 0.1, 1` or `[64, 32], [128]` or `'a,b', c`.
 * Commas inside quotes or brackets do not split; each item stays text, converted later by the
 * parameter's type (see planSweep).
 */
import { SweepError } from './errors';

const CLOSING: { [open: string]: string } = { '[': ']', '(': ')', '{': '}' };

/**
 * The items of a comma-separated list, trimmed; an empty text gives none.
 *
 * @throws SweepError for an unclosed quote or bracket, or an empty item (`1,,2`).
 */
export function splitValueList(text: string): string[] {
  const items: string[] = [];
  const open: string[] = [];
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') {
        i++;
      } else if (c === quote) {
        quote = null;
      }
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c in CLOSING) {
      open.push(CLOSING[c]);
    } else if (c === open[open.length - 1]) {
      open.pop();
    } else if (c === ',' && open.length === 0) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (quote || open.length > 0) {
    throw new SweepError(
      `The list ${JSON.stringify(text)} has an unclosed ${quote ? `quote (${quote})` : `bracket (${open[open.length - 1]} missing)`}.`
    );
  }
  items.push(text.slice(start));
  const trimmed = items.map(item => item.trim());
  if (trimmed.length === 1 && trimmed[0] === '') {
    return [];
  }
  if (trimmed.some(item => item === '')) {
    throw new SweepError(
      `The list ${JSON.stringify(text)} has an empty item: separate values with single commas.`
    );
  }
  return trimmed;
}

/** Names typed as `loss, acc` or `loss acc` (outputs): split at commas and blanks. */
export function splitNameList(text: string): string[] {
  return text.split(/[\s,]+/).filter(name => name !== '');
}
