/**
 * Writing a cell back into its script: replace one cell's body and keep every other byte (the
 * markers, the other cells, the line ending style, the BOM, the final newline or its absence),
 * refusing to overwrite a cell that changed in the script since it was loaded.
 */
import {
  AmbiguousCellError,
  CellNotFoundError,
  describeCell,
  WriteBackConflictError
} from './errors';
import { ILocatedCell, locateCells } from './parse';
import { cellStartLine } from './select';
import { ICellOrigin, IReplaceOptions } from './types';

/**
 * Replaces the body of the cell `origin` came from with `newSource`.
 *
 * The cell is found by name when it is named and the name is still unique, else by index (a
 * renamed cell is found at its index while its body is unchanged). The cell's trailing blank
 * lines (the separator before the next marker) are kept; trailing blank lines of `newSource`
 * are dropped, as parsing drops them from `source`, so a cell loaded and saved unchanged leaves
 * the file as it was.
 *
 * @param text - the script text as it is now (BOM and CRLF kept as they are).
 * @param origin - the cell's index, name and hash when it was loaded.
 * @param newSource - the new body, with `'\n'` or `'\r\n'` line ends.
 * @param options - parse options, and `force` to overwrite a changed cell.
 * @returns the new script text.
 * @throws WriteBackConflictError when the cell changed since it was loaded (unless `force`),
 *   CellNotFoundError when it is gone, AmbiguousCellError when its name is now duplicated.
 */
export function replaceCellSource(
  text: string,
  origin: ICellOrigin,
  newSource: string,
  options: IReplaceOptions = {}
): string {
  const { script, located, text: body } = locateCells(text, options);
  const target = findOrigin(located, origin);
  const cell = target.cell;
  if (!options.force && cell.hash !== origin.hash) {
    const line = cellStartLine(cell);
    throw new WriteBackConflictError(
      `The cell ${describeCell({ index: cell.index, name: cell.name, line })} changed in the ` +
        'script since it was loaded into the notebook. Reload it from the script to see the ' +
        'change, or save with force to overwrite it.',
      line,
      origin.hash,
      cell.hash
    );
  }
  const eol = script.lineEnding;
  const content = normaliseBody(newSource).split('\n').join(eol);
  const hadContent = target.contentEnd > target.bodyStart;
  let start = target.bodyStart;
  let end = target.contentEnd;
  let replacement = content;
  if (content === '' && hadContent) {
    // Drop the emptied lines with their line end; at the end of a file without a final
    // newline, drop the line end before them instead so the file still has none.
    const after = lineEndAt(body, end);
    if (after > 0) {
      end += after;
    } else {
      start -= lineEndBefore(body, start);
    }
  } else if (content !== '' && !hadContent) {
    const atEndWithoutNewline =
      start === body.length && !body.endsWith('\n') && start > 0;
    // A marker line ending in a lone CR (a cut CRLF) only needs its LF.
    const lineBreak = body.endsWith('\r') ? '\n' : eol;
    replacement = atEndWithoutNewline ? lineBreak + content : content + eol;
  }
  const result = body.slice(0, start) + replacement + body.slice(end);
  return (script.hasBom ? '\ufeff' : '') + result;
}

/** The body the way parsing stores `source`: `\n` line ends, no trailing blank lines. */
function normaliseBody(source: string): string {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  // Blank as parsing counts it: spaces, tabs, CR and form feeds only (trim() also drops BOMs).
  while (lines.length > 0 && /^[ \t\r\f]*$/.test(lines[lines.length - 1])) {
    lines.pop();
  }
  return lines.join('\n');
}

function lineEndAt(text: string, pos: number): number {
  return text.startsWith('\r\n', pos) ? 2 : text[pos] === '\n' ? 1 : 0;
}

function lineEndBefore(text: string, pos: number): number {
  if (pos > 0 && text[pos - 1] === '\n') {
    return pos > 1 && text[pos - 2] === '\r' ? 2 : 1;
  }
  return 0;
}

function findOrigin(
  located: ILocatedCell[],
  origin: ICellOrigin
): ILocatedCell {
  const atIndex = located[origin.index] as ILocatedCell | undefined;
  if (origin.name !== null) {
    const named = located.filter(item => item.cell.name === origin.name);
    if (named.length === 1) {
      return named[0];
    }
    if (named.length > 1) {
      if (atIndex && atIndex.cell.name === origin.name) {
        return atIndex;
      }
      const summaries = named.map(item => ({
        index: item.cell.index,
        name: item.cell.name,
        line: cellStartLine(item.cell)
      }));
      throw new AmbiguousCellError(
        `${named.length} cells are now named '${origin.name}' (lines ` +
          `${summaries.map(s => s.line).join(', ')}), so it is unclear which one to save to. ` +
          'Rename one in the script, then save again.',
        summaries
      );
    }
    if (atIndex && atIndex.cell.hash === origin.hash) {
      return atIndex; // renamed, body unchanged
    }
    const names = located.flatMap(item =>
      item.cell.name === null ? [] : [item.cell.name]
    );
    throw new CellNotFoundError(
      `The cell '${origin.name}' is no longer in the script, so it cannot be saved back. ` +
        `The cells are named ${names.map(n => `'${n}'`).join(', ') || '(none)'}; ` +
        'paste the code into the script yourself, or load the cell again.',
      names
    );
  }
  if (!atIndex) {
    throw new CellNotFoundError(
      `Cell ${origin.index} is no longer in the script (it has ${located.length} cell${located.length === 1 ? '' : 's'}), so it ` +
        'cannot be saved back. Paste the code into the script yourself, or load the cell again.',
      located.flatMap(item => (item.cell.name === null ? [] : [item.cell.name]))
    );
  }
  return atIndex;
}
