/**
 * Running the lines a user selected in the script's editor: the whole lines the selection
 * touches, dedented, compiled at their real script lines, run as part of the cell they start
 * in. Pure: no DOM, no CodeMirror.
 */
import type { CellPicker } from '../run/cellPickers';
import { cellAt } from '../run/cellPickers';
import type { ISelectedLines, RunCell } from '../run/runStates';
import { hashText } from '../script';

export type { ISelectedLines } from '../run/runStates';

/** A selection as 1-based line and 0-based column of each end, in any order. */
export interface ILineSelection {
  readonly anchor: { readonly line: number; readonly column: number };
  readonly head: { readonly line: number; readonly column: number };
}

/**
 * The lines a selection covers. An empty selection is the cursor's line; a selection that
 * ends at the very start of a line (lines selected by dragging down) does not take that line.
 */
export function selectedLines(selection: ILineSelection): ISelectedLines {
  const [from, to] =
    selection.anchor.line < selection.head.line ||
    (selection.anchor.line === selection.head.line &&
      selection.anchor.column <= selection.head.column)
      ? [selection.anchor, selection.head]
      : [selection.head, selection.anchor];
  const lastLine =
    to.line > from.line && to.column === 0 ? to.line - 1 : to.line;
  return { firstLine: from.line, lastLine };
}

/**
 * Remove the indentation all non-blank lines share, so lines selected inside a block run on
 * their own (a traceback's line numbers are unchanged; columns are not reported).
 */
export function dedentLines(lines: readonly string[]): string[] {
  let common: string | null = null;
  for (const line of lines) {
    if (line.trim() === '') {
      continue;
    }
    const indent = /^[ \t]*/.exec(line)![0];
    if (common === null || !indent.startsWith(common)) {
      let k = 0;
      const prefix: string = common ?? indent;
      while (
        k < prefix.length &&
        k < indent.length &&
        prefix[k] === indent[k]
      ) {
        k++;
      }
      common = prefix.slice(0, k);
    }
  }
  const cut = common?.length ?? 0;
  return lines.map(line => (line.trim() === '' ? '' : line.slice(cut)));
}

/**
 * A picker that runs `lines` of `text` (the editor's text, where the user selected them) as
 * part of the cell they start in: the cell's outputs and status show what the selection did
 * (its run state says which lines ran), and as only part of the cell ran, "run changed" runs
 * the whole cell.
 *
 * @throws Error when the lines are blank: there is nothing to run.
 */
export function linesPicker(text: string, lines: ISelectedLines): CellPicker {
  const all = text.split(/\r\n|\r|\n/);
  const first = Math.max(1, Math.min(lines.firstLine, all.length));
  const last = Math.max(first, Math.min(lines.lastLine, all.length));
  const selected = dedentLines(all.slice(first - 1, last));
  while (selected.length > 1 && selected[selected.length - 1] === '') {
    selected.pop();
  }
  const source = selected.join('\n');
  if (source.trim() === '') {
    throw new Error(
      `Lines ${first}-${last} are blank: select the lines to run, or put the cursor on one.`
    );
  }
  return script => {
    const cell = cellAt(script, { line: first });
    const lastLine = first + selected.length - 1;
    const fragment: RunCell = {
      ...cell,
      type: 'code',
      source,
      firstLine: first,
      lastLine,
      markerLine: null,
      hash: hashText(source),
      selection: { firstLine: first, lastLine }
    };
    return [fragment];
  };
}
