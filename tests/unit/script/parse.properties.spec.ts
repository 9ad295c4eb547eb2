import fc from 'fast-check';
import {
  IParsedScript,
  inferParameters,
  parseScript,
  selectCells
} from '../../../src/script';
import { markerConfig, matchMarker } from '../../../src/script/markers';
import {
  IPythonLineState,
  newPythonLineState,
  scanPythonLine
} from '../../../src/script/tokenizer';
import {
  fileLines,
  isBlank,
  SCALE,
  scriptText,
  withoutTrailingBlankLines
} from './arbitraries';
import { referenceScanLine } from './referenceTokenizer';

/**
 * The coverage invariant: after the header (if any) and blank lines before the first cell, the
 * cells cover every line up to the last, in order, without gaps or overlaps; each cell spans
 * its marker line (if any) to its last line, and its source is its body lines without the
 * trailing blank ones.
 */
function checkCoverage(text: string, script: IParsedScript): void {
  const lines = fileLines(text);
  expect(script.lineCount).toBe(lines.length);
  let next = script.header ? script.header.lastLine + 1 : 1;
  const first = script.cells[0];
  const firstStart = first
    ? (first.markerLine ?? first.firstLine)
    : lines.length + 1;
  for (let line = next; line < firstStart; line++) {
    expect(isBlank(lines[line - 1])).toBe(true);
  }
  next = firstStart;
  script.cells.forEach((cell, index) => {
    expect(cell.index).toBe(index);
    const start = cell.markerLine ?? cell.firstLine;
    expect(start).toBe(next);
    if (cell.markerLine !== null) {
      expect(cell.firstLine).toBe(cell.markerLine + 1);
    } else {
      expect(index).toBe(0);
    }
    expect(cell.lastLine).toBeGreaterThanOrEqual(cell.firstLine - 1);
    const body = lines.slice(cell.firstLine - 1, cell.lastLine);
    expect(cell.source).toBe(withoutTrailingBlankLines(body).join('\n'));
    next = cell.lastLine + 1;
  });
  if (script.cells.length > 0) {
    expect(next).toBe(lines.length + 1);
  }
}

/**
 * Marker lines found the slow, obvious way: line by line with the character-by-character
 * tokenizer, checking a line only when it starts outside strings.
 */
function referenceMarkerLines(text: string, script: IParsedScript): number[] {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  const config = markerConfig({ forms: ['percent', 'codecell', 'prompt'] });
  const state = newPythonLineState();
  const found: number[] = [];
  let pos = 0;
  let line = 1;
  const firstLine = script.header ? script.header.lastLine + 1 : 1;
  while (pos < body.length) {
    const newline = body.indexOf('\n', pos);
    const end = newline < 0 ? body.length : newline;
    if (line >= firstLine) {
      if (state.quote === 0 && body[pos] === '#') {
        if (matchMarker(body, pos, end, config)) {
          found.push(line);
        }
      } else {
        referenceScanLine(body, pos, end, state);
      }
    }
    pos = end + 1;
    line += 1;
  }
  return found;
}

/** The tokenizer state at the start of every line, with `scan` doing the work. */
function lineStates(
  text: string,
  scan: (
    text: string,
    start: number,
    end: number,
    state: IPythonLineState
  ) => void
): IPythonLineState[] {
  const state = newPythonLineState();
  const states: IPythonLineState[] = [];
  let pos = 0;
  while (pos <= text.length) {
    const newline = text.indexOf('\n', pos);
    const end = newline < 0 ? text.length : newline;
    scan(text, pos, end, state);
    states.push({ ...state });
    if (newline < 0) {
      break;
    }
    pos = newline + 1;
  }
  return states;
}

describe('parsing properties', () => {
  it('the fast line tokenizer agrees with the character-by-character one', () => {
    fc.assert(
      fc.property(scriptText, text => {
        expect(lineStates(text, scanPythonLine)).toEqual(
          lineStates(text, referenceScanLine)
        );
      }),
      { numRuns: 1500 * SCALE }
    );
  });

  it('finds the same markers as a line-by-line tokenizer', () => {
    fc.assert(
      fc.property(scriptText, text => {
        const script = parseScript(text, {
          forms: ['percent', 'codecell', 'prompt']
        });
        const markers = script.cells.flatMap(cell =>
          cell.markerLine === null ? [] : [cell.markerLine]
        );
        expect(markers).toEqual(referenceMarkerLines(text, script));
      }),
      { numRuns: 1500 * SCALE }
    );
  });

  it('parsing never throws and its line ranges cover the file', () => {
    fc.assert(
      fc.property(scriptText, text => {
        const script = parseScript(text);
        checkCoverage(text, script);
        // The other entry points do not crash on what parsing returns either.
        inferParameters(script);
        selectCells(script);
      }),
      { numRuns: 1500 * SCALE }
    );
  });

  it('parsing with every marker form never throws and still covers the file', () => {
    fc.assert(
      fc.property(scriptText, text => {
        checkCoverage(
          text,
          parseScript(text, { forms: ['percent', 'codecell', 'prompt'] })
        );
      }),
      { numRuns: 500 * SCALE }
    );
  });
});
