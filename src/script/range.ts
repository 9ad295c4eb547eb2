/**
 * Reading a text range `A:B`. Names may hold colons, so any colon may be the one that splits
 * the range; this finds the first split whose two ends are cells, in time linear in the text.
 */
import { CellSelectorError } from './errors';

const BLANK = /\s/; // what String.prototype.trim removes

/** Long text in a message: its start, so a pasted megabyte does not fill the screen. */
function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

type Attempt = { index: number | null } | { error: unknown };

/**
 * Splits the trimmed text `text` (holding at least one colon) into the cell indices of its
 * two ends, `null` for an open end. Each colon is tried in turn, the first split whose ends
 * both resolve (and do not run backwards) wins.
 *
 * Linear time: an end that holds a colon can only be a name holding a colon (never an index
 * or empty), so when it is longer than the longest such name (`longest`, 0 when no name holds
 * a colon) it cannot resolve and is not built.
 * Only the first colon's left end and the last colon's right end are unbounded, and each is
 * resolved once; every other split tried has both ends within `longest`.
 *
 * @param resolve - the index of the cell an end names; throws when there is none.
 * @throws the error of the only split when there is one colon; with several colons, the
 *   error of the first split where an end holding a colon is a cell (the user meant that
 *   name), else a CellSelectorError that says how a range is written.
 */
export function splitRange(
  text: string,
  longest: number,
  resolve: (end: string) => number
): [number | null, number | null] {
  const attempt = (end: string): Attempt => {
    if (end === '') {
      return { index: null };
    }
    try {
      return { index: resolve(end) };
    } catch (error) {
      return { error };
    }
  };
  const lastColon = text.lastIndexOf(':');
  let colons = 0;
  let firstError: unknown = undefined;
  let meant: unknown = undefined;
  let leftEnd = 0; // the left end of the next colon is text.slice(0, leftEnd)
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== ':') {
      leftEnd = BLANK.test(text[i]) ? leftEnd : i + 1;
      continue;
    }
    colons += 1;
    const leftHasColon = colons > 1;
    const rightHasColon = i < lastColon;
    if (leftHasColon && leftEnd > longest) {
      break; // every later left end is longer still
    }
    let rightStart = i + 1;
    while (rightStart < text.length && BLANK.test(text[rightStart])) {
      rightStart += 1;
    }
    if (!rightHasColon || text.length - rightStart <= longest) {
      const left = text.slice(0, leftEnd);
      const right = text.slice(rightStart);
      const start = attempt(left);
      const stop = attempt(right);
      let error: unknown = undefined;
      if ('error' in start || 'error' in stop) {
        error =
          'error' in start ? start.error : (stop as { error: unknown }).error;
      } else if (
        start.index !== null &&
        stop.index !== null &&
        start.index > stop.index
      ) {
        error = new CellSelectorError(
          `The range '${clip(text)}' runs backwards: ${left} is cell ${start.index} and ` +
            `${right} is cell ${stop.index}. Write it as '${right}:${left}'.`
        );
      } else {
        return [start.index, stop.index];
      }
      firstError = colons === 1 ? error : firstError;
      if (
        meant === undefined &&
        ((leftHasColon && 'index' in start) ||
          (rightHasColon && 'index' in stop))
      ) {
        meant = error;
      }
    }
    leftEnd = i + 1;
  }
  if (lastColon === text.indexOf(':')) {
    throw firstError;
  }
  if (meant !== undefined) {
    throw meant;
  }
  throw new CellSelectorError(
    `'${clip(text)}' is not a range of cells: a range is two ends joined by one colon, ` +
      'START:END, each a cell name, name prefix or index, or left out for the first or last ' +
      "cell ('Setup:Train', '1:3', ':Train', 'Setup:'). A name may hold a colon only when a " +
      'cell is named so.'
  );
}
