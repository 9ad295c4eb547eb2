/**
 * Recognising frontend magics in a notebook cell (no DOM): a `%%name` first line makes the
 * whole cell a cell magic; `%name` lines at the start of a logical Python line are line
 * magics; everything else is Python, run by the kernel segment by segment in between. Only
 * names the registry knows count, so IPython's own magics (`%time`, `%%capture`, `!ls`) are
 * left to the kernel.
 */
import {
  newPythonLineState,
  scanPythonLine,
  startsLogicalLine
} from '../script/tokenizer';

/** A valid magic name: a Python identifier in ASCII, as IPython's magics are. */
export const MAGIC_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** One piece of a cell to run, in order. `line` is the 1-based line in the cell. */
export type CellSegment =
  | { kind: 'python'; code: string; line: number }
  | { kind: 'line'; name: string; rest: string; line: number }
  | { kind: 'cell'; name: string; rest: string; body: string; line: number };

/** Which names are frontend magics (the registry). */
export interface IMagicNames {
  isLineMagic(name: string): boolean;
  isCellMagic(name: string): boolean;
}

const LINE_BREAK = /\r\n|\n|\r/;
const CELL_MAGIC_LINE = /^%%([A-Za-z_][A-Za-z0-9_]*)(?:[ \t]+(.*))?[ \t]*$/;
const LINE_MAGIC_LINE = /^%([A-Za-z_][A-Za-z0-9_]*)(?:[ \t]+(.*))?[ \t]*$/;

/**
 * Split a cell into what runs where, or null when no frontend magic is in it (the cell then
 * goes to the kernel unchanged). A cell magic must be the first non-blank line; line magics
 * are recognised at column 0 outside strings, brackets and continued lines (so a `%` line in
 * a triple-quoted string stays text). Blank Python stretches are dropped.
 */
export function planCell(
  source: string,
  names: IMagicNames
): CellSegment[] | null {
  const lines = source.split(LINE_BREAK);
  const first = lines.findIndex(line => line.trim() !== '');
  if (first < 0) {
    return null;
  }
  const cellMatch = CELL_MAGIC_LINE.exec(lines[first]);
  if (cellMatch) {
    return names.isCellMagic(cellMatch[1])
      ? [
          {
            kind: 'cell',
            name: cellMatch[1],
            rest: (cellMatch[2] ?? '').trim(),
            body: lines.slice(first + 1).join('\n'),
            line: first + 1
          }
        ]
      : null;
  }
  const segments: CellSegment[] = [];
  const state = newPythonLineState();
  let python: string[] = [];
  let pythonStart = 1;
  let magics = 0;
  const flushPython = () => {
    if (python.some(line => line.trim() !== '')) {
      segments.push({
        kind: 'python',
        code: python.join('\n'),
        line: pythonStart
      });
    }
    python = [];
  };
  lines.forEach((line, i) => {
    const match = startsLogicalLine(state) ? LINE_MAGIC_LINE.exec(line) : null;
    if (match && names.isLineMagic(match[1])) {
      flushPython();
      magics++;
      segments.push({
        kind: 'line',
        name: match[1],
        rest: (match[2] ?? '').trim(),
        line: i + 1
      });
      return;
    }
    if (python.length === 0) {
      pythonStart = i + 1;
    }
    python.push(line);
    scanPythonLine(line, 0, line.length, state);
  });
  flushPython();
  return magics > 0 ? segments : null;
}

// The separators of Python's str.splitlines(), which IPython splits a cell on.
// eslint-disable-next-line no-control-regex -- control characters are what it is about
const ANY_LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

/**
 * The cell as the kernel's history keeps it: every line commented, so it runs nothing
 * (whatever it holds) yet takes an execution count and shows in `%history`. Lines are split
 * wherever IPython's own line splitting would split them, so no line escapes its `#`.
 */
export function historyEntry(source: string): string {
  return source
    .split(ANY_LINE_BREAK)
    .map(line => `# ${line}`)
    .join('\n');
}
