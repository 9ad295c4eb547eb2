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
import {
  ICellOrigin,
  IParseOptions,
  IReplaceOptions,
  IScriptCell
} from './types';

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
  if (newSource === cell.source) {
    // Its own source, as parsed: nothing to write, even where reading its line ends again
    // would not give the same bytes (a CR kept as text just before a line end).
    return text;
  }
  const eol = cellLineEnding(body, target, script.lineEnding);
  const content = withLineEnds(
    body.slice(target.bodyStart, target.contentEnd),
    normaliseBody(newSource),
    eol
  );
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

/**
 * The cell's own line ending: the one most of its lines (marker line included) end with, so a
 * CRLF cell in an LF file stays CRLF; the file's (its first line's) on a tie or with none.
 */
function cellLineEnding(
  text: string,
  target: ILocatedCell,
  fileEnding: '\n' | '\r\n'
): '\n' | '\r\n' {
  let crlf = 0;
  let lf = 0;
  // An unmarked cell 0 has no marker line: the newline before it is the header's.
  const from =
    target.cell.markerLine === null ? target.bodyStart : target.bodyStart - 1;
  for (
    let newline = text.indexOf('\n', Math.max(from, 0));
    newline >= 0 && newline < target.bodyEnd;
    newline = text.indexOf('\n', newline + 1)
  ) {
    if (newline > 0 && text[newline - 1] === '\r') {
      crlf += 1;
    } else {
      lf += 1;
    }
  }
  return crlf === lf ? fileEnding : crlf > lf ? '\r\n' : '\n';
}

/**
 * The new body `source` (`\n` line ends) with line ends for the file: lines the new body
 * shares with the old one `old` (as written, any line ends) at its start and at its end keep
 * the line end they had, so only the lines that changed are written anew, with `eol`. A body
 * saved unchanged is thus written back byte for byte, whatever its mix of line ends.
 */
function withLineEnds(old: string, source: string, eol: string): string {
  if (source === '') {
    return '';
  }
  const next = source.split('\n');
  const segments = old === '' ? [] : old.split('\n');
  // Each old line and the line end after it ('' for the last: that one lies outside `old`).
  const lines = segments.map((segment, i) =>
    i < segments.length - 1 && segment.endsWith('\r')
      ? segment.slice(0, -1)
      : segment
  );
  const ends = segments.map((segment, i) =>
    i === segments.length - 1 ? '' : segment.endsWith('\r') ? '\r\n' : '\n'
  );
  const most = Math.min(lines.length, next.length);
  let prefix = 0;
  while (prefix < most && lines[prefix] === next[prefix]) {
    prefix += 1;
  }
  let suffix = 0;
  while (
    suffix < most - prefix &&
    lines[lines.length - 1 - suffix] === next[next.length - 1 - suffix]
  ) {
    suffix += 1;
  }
  const shift = lines.length - next.length; // old position of a shared last line
  const parts: string[] = [];
  next.forEach((line, i) => {
    parts.push(line);
    if (i === next.length - 1) {
      return;
    }
    if (i < prefix && ends[i] !== '') {
      parts.push(ends[i]);
    } else if (i >= next.length - suffix) {
      parts.push(ends[i + shift]);
    } else {
      parts.push(eol);
    }
  });
  return parts.join('');
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

/** The one cell whose body has this hash, or null when none or several have. */
function uniqueWithHash(
  located: ILocatedCell[],
  hash: string
): ILocatedCell | null {
  const same = located.filter(item => item.cell.hash === hash);
  return same.length === 1 ? same[0] : null;
}

/**
 * The cell of `text` a loaded cell came from, as {@link replaceCellSource} finds it: by name
 * when named and the name is still unique, else at its index when its body is unchanged
 * there, else the one cell with its body anywhere, else (unnamed) at its index.
 *
 * @throws CellNotFoundError when it is gone, AmbiguousCellError when its name is duplicated.
 */
export function findOriginCell(
  text: string,
  origin: ICellOrigin,
  options: IParseOptions = {}
): IScriptCell {
  return findOrigin(locateCells(text, options).located, origin).cell;
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
    const moved = uniqueWithHash(located, origin.hash);
    if (moved) {
      return moved; // renamed and moved, body unchanged
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
  if (!atIndex || atIndex.cell.hash !== origin.hash) {
    // An unnamed cell is known by its position, or by its body when cells moved above it.
    const moved = uniqueWithHash(located, origin.hash);
    if (moved) {
      return moved;
    }
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
