/**
 * Selecting cells by index, name, prefix, range or tag, with errors that list what there is.
 */
import {
  AmbiguousCellError,
  CellIndexError,
  CellNotFoundError,
  CellSelectorError,
  describeCell,
  ICellSummary
} from './errors';
import { CellSelector, IParsedScript, IScriptCell } from './types';

const INTEGER = /^[+-]?\d+$/;

/** The line a cell starts at: its marker, or its first line when unmarked. */
export function cellStartLine(cell: IScriptCell): number {
  return cell.markerLine ?? cell.firstLine;
}

function summary(cell: IScriptCell): ICellSummary {
  return { index: cell.index, name: cell.name, line: cellStartLine(cell) };
}

/**
 * Selects cells. With no selector, every cell. Each selector adds cells in the order given;
 * a range or a tag adds its cells in script order. A cell selected twice appears twice.
 *
 * Selectors:
 * - a number: an index, negative counting from the end (`-1` is the last cell);
 * - `'#tag'`: every cell with that tag;
 * - `'A:B'`: cells A to B inclusive, each end a name, prefix or index, either end open
 *   (`':B'`, `'A:'`, `':'`);
 * - any other string: a name. An exact name wins, then an integer string (`'2'`, `'-1'`) is an
 *   index, then a unique name prefix, then the same ignoring case.
 *
 * @throws CellNotFoundError, AmbiguousCellError, CellIndexError or CellSelectorError with a
 *   message that says what there is.
 */
export function selectCells(
  script: IParsedScript,
  ...selectors: CellSelector[]
): IScriptCell[] {
  if (selectors.length === 0) {
    return script.cells.slice();
  }
  const result: IScriptCell[] = [];
  for (const selector of selectors) {
    result.push(...selectOne(script.cells, selector));
  }
  return result;
}

/** Selects exactly one cell (a name, prefix or index). */
export function selectCell(
  script: IParsedScript,
  selector: CellSelector
): IScriptCell {
  if (typeof selector === 'string') {
    const trimmed = selector.trim();
    if (
      trimmed.startsWith('#') &&
      !exactMatches(script.cells, trimmed).length
    ) {
      throw new CellSelectorError(
        `'${trimmed}' selects cells by tag; name one cell instead.`
      );
    }
  }
  return resolveEnd(script.cells, selector);
}

function selectOne(
  cells: IScriptCell[],
  selector: CellSelector
): IScriptCell[] {
  if (typeof selector === 'number') {
    return [byIndex(cells, selector, String(selector))];
  }
  if (typeof selector !== 'string') {
    throw new CellSelectorError(
      `A cell selector must be a number or a string, not ${JSON.stringify(selector)}.`
    );
  }
  const text = selector.trim();
  if (text === '') {
    throw new CellSelectorError(
      'An empty cell selector selects nothing: give a cell name, an index, a range A:B or a #tag.'
    );
  }
  const exact = exactMatches(cells, text);
  if (exact.length === 1) {
    return exact;
  }
  if (exact.length > 1) {
    throw duplicateError(text, exact);
  }
  if (INTEGER.test(text)) {
    return [byIndex(cells, Number(text), text)];
  }
  if (text.startsWith('#') && text.length > 1) {
    return byTag(cells, text.slice(1));
  }
  if (text.includes(':')) {
    return byRange(cells, text);
  }
  return [byName(cells, text)];
}

function exactMatches(cells: IScriptCell[], name: string): IScriptCell[] {
  return cells.filter(cell => cell.name === name);
}

function describeCount(count: number): string {
  if (count === 0) {
    return 'the script has no cells';
  }
  return count === 1
    ? 'the script has 1 cell (index 0 or -1)'
    : `the script has ${count} cells (0 to ${count - 1}, or -${count} to -1)`;
}

function byIndex(
  cells: IScriptCell[],
  index: number,
  written: string
): IScriptCell {
  if (!Number.isInteger(index)) {
    throw new CellSelectorError(`Cell index ${written} is not a whole number.`);
  }
  const resolved = index < 0 ? cells.length + index : index;
  if (resolved < 0 || resolved >= cells.length) {
    throw new CellIndexError(
      `Cell index ${written} is out of range: ${describeCount(cells.length)}.`,
      cells.length
    );
  }
  return cells[resolved];
}

function duplicateError(
  name: string,
  matches: IScriptCell[]
): AmbiguousCellError {
  const lines = matches.map(cell => cellStartLine(cell)).join(', ');
  const indices = matches.map(cell => cell.index).join(', ');
  return new AmbiguousCellError(
    `${matches.length} cells are named '${name}' (lines ${lines}): rename one in the script, ` +
      `or select by index (${indices}).`,
    matches.map(summary)
  );
}

/** A name: exact, else unique prefix, else the same ignoring case. */
function byName(cells: IScriptCell[], name: string): IScriptCell {
  const lower = name.toLowerCase();
  const rules: Array<(cell: string) => boolean> = [
    cell => cell === name,
    cell => cell.startsWith(name),
    cell => cell.toLowerCase() === lower,
    cell => cell.toLowerCase().startsWith(lower)
  ];
  for (const rule of rules) {
    const matches = cells.filter(cell => cell.name !== null && rule(cell.name));
    if (matches.length === 1) {
      return matches[0];
    }
    if (matches.length > 1) {
      if (matches.every(cell => cell.name === matches[0].name)) {
        throw duplicateError(matches[0].name as string, matches);
      }
      throw new AmbiguousCellError(
        `'${name}' matches ${matches.length} cells: ${matches
          .map(cell => describeCell(summary(cell)))
          .join(', ')}. Give more of the name.`,
        matches.map(summary)
      );
    }
  }
  const names = cells
    .filter(cell => cell.name !== null)
    .map(cell => cell.name as string);
  const there =
    names.length === 0
      ? `the script has no named cells (${describeCount(cells.length)}; select by index)`
      : `the cells are named ${names.map(n => `'${n}'`).join(', ')}`;
  throw new CellNotFoundError(`No cell is named '${name}': ${there}.`, names);
}

function byTag(cells: IScriptCell[], tag: string): IScriptCell[] {
  const matches = cells.filter(cell => cell.tags.includes(tag));
  if (matches.length === 0) {
    const tags = [...new Set(cells.flatMap(cell => cell.tags))];
    const there =
      tags.length === 0
        ? 'no cell has tags (add tags=["name"] after a marker)'
        : `the tags are ${tags.map(t => `#${t}`).join(', ')}`;
    throw new CellNotFoundError(`No cell has the tag #${tag}: ${there}.`, tags);
  }
  return matches;
}

/** One end of a range, or a single cell: an index or a name. */
function resolveEnd(cells: IScriptCell[], end: CellSelector): IScriptCell {
  if (typeof end === 'number') {
    return byIndex(cells, end, String(end));
  }
  const text = String(end).trim();
  const exact = exactMatches(cells, text);
  if (exact.length > 1) {
    throw duplicateError(text, exact);
  }
  if (exact.length === 1) {
    return exact[0];
  }
  if (INTEGER.test(text)) {
    return byIndex(cells, Number(text), text);
  }
  if (text === '') {
    throw new CellSelectorError('An empty cell selector selects nothing.');
  }
  return byName(cells, text);
}

/**
 * `A:B`. Names may hold colons, so each colon is tried in turn; the first split whose ends both
 * resolve wins, else the first split's error is reported.
 */
function byRange(cells: IScriptCell[], text: string): IScriptCell[] {
  if (/^\s*:\s*$/.test(text)) {
    return cells.slice(); // ':' is every cell, also in an empty script
  }
  let firstError: unknown = null;
  for (
    let colon = text.indexOf(':');
    colon >= 0;
    colon = text.indexOf(':', colon + 1)
  ) {
    const left = text.slice(0, colon).trim();
    const right = text.slice(colon + 1).trim();
    try {
      const start = left === '' ? 0 : resolveEnd(cells, left).index;
      const stop =
        right === '' ? cells.length - 1 : resolveEnd(cells, right).index;
      if (start > stop) {
        throw new CellSelectorError(
          `The range '${text}' runs backwards: ${left || 'its start'} is cell ${start} and ` +
            `${right || 'its end'} is cell ${stop}. Write it as '${right}:${left}'.`
        );
      }
      return cells.slice(start, stop + 1);
    } catch (error) {
      firstError = firstError ?? error;
    }
  }
  throw firstError;
}
