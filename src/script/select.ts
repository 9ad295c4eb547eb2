/**
 * Selecting cells by index, name, prefix, range or tag, with errors that list what there is.
 * Selectors come as structured objects (from code) or as text (typed by users, e.g. in magics).
 */
import {
  AmbiguousCellError,
  CellIndexError,
  CellNotFoundError,
  CellSelectorError,
  describeCell,
  ICellSummary
} from './errors';
import { splitRange } from './range';
import { checkSelector, describeRef, describeSelector } from './selector';
import { CellRef, CellSelector, IParsedScript, IScriptCell } from './types';

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
 * - `{ index: n }` or a number: an index, negative counting from the end (`-1` is the last);
 * - `{ name: 'Setup' }`: a name: exact, else a unique prefix, else the same ignoring case;
 * - `{ from?, to? }`: cells from one `{ index }`/`{ name }` to another inclusive, either end
 *   open (`{}` is every cell);
 * - `{ tag: 'io' }` or `'#io'`: every cell with that tag;
 * - `'A:B'`: cells A to B inclusive, each end a name, prefix or index, either end open
 *   (`':B'`, `'A:'`, `':'`);
 * - any other string: a name. An exact name wins, then an integer string (`'2'`, `'-1'`) is an
 *   index, then a unique name prefix, then the same ignoring case.
 *
 * Build structured selections in code: in text, `'1'` is a cell named "1" when there is one.
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
  const finder = new CellFinder(script.cells);
  const result: IScriptCell[] = [];
  for (const selector of selectors) {
    result.push(...finder.select(checkSelector(selector)));
  }
  return result;
}

/**
 * Selects exactly one cell: `{ index }`, `{ name }`, a number, or a name, prefix or index as
 * text. Tags and ranges are refused, as they may select several cells.
 */
export function selectCell(
  script: IParsedScript,
  selector: CellSelector
): IScriptCell {
  const checked = checkSelector(selector);
  const finder = new CellFinder(script.cells);
  if (typeof checked === 'object') {
    if ('index' in checked || 'name' in checked) {
      return finder.ref(checked);
    }
    throw new CellSelectorError(
      `${describeSelector(checked)} may be several cells: name one cell with { index } or ` +
        '{ name }.'
    );
  }
  if (typeof checked === 'string') {
    const trimmed = checked.trim();
    if (trimmed.startsWith('#') && !finder.exact(trimmed).length) {
      throw new CellSelectorError(
        `'${trimmed}' selects cells by tag; name one cell instead.`
      );
    }
  }
  return finder.end(checked);
}

function describeCount(count: number): string {
  if (count === 0) {
    return 'the script has no cells';
  }
  return count === 1
    ? 'the script has 1 cell (index 0 or -1)'
    : `the script has ${count} cells (0 to ${count - 1}, or -${count} to -1)`;
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

/** Finds cells of one script; names are lowered once, not once per lookup. */
class CellFinder {
  private lowerNames: Array<string | null> | null = null;
  private longest = -1;

  constructor(private readonly cells: IScriptCell[]) {}

  select(selector: CellSelector): IScriptCell[] {
    if (typeof selector === 'number') {
      return [this.index(selector, String(selector))];
    }
    if (typeof selector === 'string') {
      return this.text(selector);
    }
    if ('tag' in selector) {
      return this.tag(selector.tag);
    }
    if ('index' in selector || 'name' in selector) {
      return [this.ref(selector)];
    }
    const { from, to } = selector;
    const start = from === undefined ? 0 : this.ref(from).index;
    const stop = to === undefined ? this.cells.length - 1 : this.ref(to).index;
    // Only two given ends can run backwards: open ends are the first and last cells, and
    // both open in an empty script is stop -1 < start 0, which selects nothing, as ':' does.
    if (from !== undefined && to !== undefined && start > stop) {
      const first = describeRef(from);
      const last = describeRef(to);
      throw new CellSelectorError(
        `The range from ${first} to ${last} runs backwards: ${first} is cell ${start} and ` +
          `${last} is cell ${stop}. Swap from and to.`
      );
    }
    return this.cells.slice(start, stop + 1);
  }

  /** One `{ index }` or `{ name }`: never read the other way. */
  ref(ref: CellRef): IScriptCell {
    return 'index' in ref
      ? this.index(ref.index, String(ref.index))
      : this.name(ref.name);
  }

  exact(name: string): IScriptCell[] {
    return this.cells.filter(cell => cell.name === name);
  }

  /** A selector typed as text. */
  private text(selector: string): IScriptCell[] {
    const text = selector.trim();
    if (text === '') {
      throw new CellSelectorError(
        'An empty cell selector selects nothing: give a cell name, an index, a range A:B or a #tag.'
      );
    }
    const exact = this.exact(text);
    if (exact.length === 1) {
      return exact;
    }
    if (exact.length > 1) {
      throw duplicateError(text, exact);
    }
    if (INTEGER.test(text)) {
      return [this.index(Number(text), text)];
    }
    if (text.startsWith('#') && text.length > 1) {
      return this.tag(text.slice(1));
    }
    if (text.includes(':')) {
      return this.range(text);
    }
    return [this.name(text)];
  }

  /** One end of a text range, or one cell as text: an exact name, an index, or a name. */
  end(end: string | number): IScriptCell {
    if (typeof end === 'number') {
      return this.index(end, String(end));
    }
    const text = end.trim();
    const exact = this.exact(text);
    if (exact.length > 1) {
      throw duplicateError(text, exact);
    }
    if (exact.length === 1) {
      return exact[0];
    }
    if (INTEGER.test(text)) {
      return this.index(Number(text), text);
    }
    if (text === '') {
      throw new CellSelectorError('An empty cell selector selects nothing.');
    }
    return this.name(text);
  }

  private index(index: number, written: string): IScriptCell {
    const cells = this.cells;
    // Infinity (a number too long to read exactly) is out of range below, not fractional.
    if (
      Number.isNaN(index) ||
      (Number.isFinite(index) && !Number.isInteger(index))
    ) {
      throw new CellSelectorError(
        `Cell index ${written} is not a whole number.`
      );
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

  private lowered(): Array<string | null> {
    if (this.lowerNames === null) {
      this.lowerNames = this.cells.map(
        cell => cell.name?.toLowerCase() ?? null
      );
    }
    return this.lowerNames;
  }

  /**
   * The length of the longest name holding a colon, lowered or not. Only such a name can match
   * a range end that holds a colon, and no longer end can match it in any case (lowering never
   * shortens a string), so range splits beyond it are not tried.
   */
  longestColonName(): number {
    if (this.longest < 0) {
      const lowered = this.lowered();
      this.longest = 0;
      this.cells.forEach((cell, i) => {
        if (cell.name !== null && cell.name.includes(':')) {
          const lower = lowered[i] as string;
          this.longest = Math.max(this.longest, cell.name.length, lower.length);
        }
      });
    }
    return this.longest;
  }

  /** A name: exact, else unique prefix, else the same ignoring case. */
  private name(name: string): IScriptCell {
    const cells = this.cells;
    const lowerNames = this.lowered();
    const lower = name.toLowerCase();
    const rules: Array<(cell: IScriptCell, lowerName: string) => boolean> = [
      cell => cell.name === name,
      cell => (cell.name as string).startsWith(name),
      (_, lowerName) => lowerName === lower,
      (_, lowerName) => lowerName.startsWith(lower)
    ];
    for (const rule of rules) {
      const matches = cells.filter(
        (cell, i) => cell.name !== null && rule(cell, lowerNames[i] as string)
      );
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

  private tag(tag: string): IScriptCell[] {
    const cells = this.cells;
    const matches = cells.filter(cell => cell.tags.includes(tag));
    if (matches.length === 0) {
      const tags = [...new Set(cells.flatMap(cell => cell.tags))];
      const there =
        tags.length === 0
          ? 'no cell has tags (add tags=["name"] after a marker)'
          : `the tags are ${tags.map(t => `#${t}`).join(', ')}`;
      throw new CellNotFoundError(
        `No cell has the tag #${tag}: ${there}.`,
        tags
      );
    }
    return matches;
  }

  /** `A:B` as text: see {@link splitRange} for which colon splits it. */
  private range(text: string): IScriptCell[] {
    if (text === ':') {
      return this.cells.slice(); // every cell, also in an empty script
    }
    const [start, stop] = splitRange(
      text,
      this.longestColonName(),
      end => this.end(end).index
    );
    return this.cells.slice(start ?? 0, (stop ?? this.cells.length - 1) + 1);
  }
}
