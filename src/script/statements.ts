/**
 * The module-level statements of a cell's source: those that start at column 0 with a name
 * (outside strings, brackets and backslash continuations), with their continuation lines.
 */
import {
  newPythonLineState,
  scanPythonLine,
  startsLogicalLine
} from './tokenizer';

/** A module-level statement of a cell: its text and its 0-based first line in the cell. */
export interface IStatement {
  text: string;
  line: number;
}

/** Statements that start at column 0 with a name, with their continuation lines. */
export function moduleStatements(source: string): IStatement[] {
  const statements: IStatement[] = [];
  const state = newPythonLineState();
  let pos = 0;
  let line = 0;
  let open: { start: number; line: number } | null = null;
  while (pos <= source.length) {
    const newline = source.indexOf('\n', pos);
    const end = newline < 0 ? source.length : newline;
    const logical = startsLogicalLine(state);
    if (logical && open) {
      statements.push({ text: source.slice(open.start, pos), line: open.line });
      open = null;
    }
    if (logical && /[\p{L}_]/u.test(source[pos] ?? '')) {
      open = { start: pos, line };
    }
    scanPythonLine(source, pos, end, state);
    if (newline < 0) {
      break;
    }
    pos = newline + 1;
    line += 1;
  }
  if (open) {
    statements.push({ text: source.slice(open.start), line: open.line });
  }
  return statements;
}
