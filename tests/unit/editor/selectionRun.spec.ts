import {
  dedentLines,
  selectedLines,
  linesPicker
} from '../../../src/editor/selectionRun';
import { RunStates } from '../../../src/run/runStates';
import { parseScript } from '../../../src/script';

const at = (line: number, column: number) => ({ line, column });

describe('selectedLines', () => {
  it.each([
    ['an empty selection is the cursor line', at(3, 4), at(3, 4), [3, 3]],
    ['one line, partly selected', at(3, 1), at(3, 7), [3, 3]],
    ['lines dragged down to the start of the next', at(2, 0), at(5, 0), [2, 4]],
    ['lines selected upwards', at(5, 2), at(2, 3), [2, 5]],
    ['up to the start of the next line, backwards', at(4, 0), at(2, 0), [2, 3]],
    ['within one line ending at column 0', at(4, 0), at(4, 0), [4, 4]]
  ])('%s', (_, anchor, head, [firstLine, lastLine]) => {
    expect(selectedLines({ anchor, head })).toEqual({ firstLine, lastLine });
  });
});

describe('dedentLines', () => {
  it.each([
    ['nothing to remove', ['a = 1', '  b'], ['a = 1', '  b']],
    [
      'common spaces',
      ['    a = 1', '    if a:', '        b'],
      ['a = 1', 'if a:', '    b']
    ],
    [
      'blank lines do not count and become empty',
      ['    a', '', '  ', '    b'],
      ['a', '', '', 'b']
    ],
    [
      'tabs and spaces only share what is equal',
      ['\t  a', '\tb'],
      ['  a', 'b']
    ],
    ['mixed indents share nothing', ['\ta', '  b'], ['\ta', '  b']]
  ])('%s', (_, lines, expected) => {
    expect(dedentLines(lines)).toEqual(expected);
  });
});

describe('linesPicker', () => {
  const TEXT = [
    '# %% Setup', //  1
    'x = 1', //       2
    '', //            3
    '# %% Train', //  4
    'def f():', //    5
    '    y = x', //   6
    '    return y', // 7
    '' //             8
  ].join('\n');
  const script = parseScript(TEXT);
  const states = new RunStates();

  it('runs the selected lines, dedented, at their line, as part of the cell they start in', () => {
    const [cell] = linesPicker(TEXT, { firstLine: 6, lastLine: 7 })(
      script,
      states
    );
    expect(cell).toMatchObject({
      index: 1,
      name: 'Train',
      type: 'code',
      source: 'y = x\nreturn y',
      firstLine: 6,
      lastLine: 7,
      markerLine: null,
      selection: { firstLine: 6, lastLine: 7 }
    });
    // Not the cell's own hash: only part of the cell ran, so it shows as changed since.
    expect(cell.hash).not.toBe(script.cells[1].hash);
  });

  it('takes lines across cells, markers included as comments, in the first cell', () => {
    const [cell] = linesPicker(TEXT, { firstLine: 2, lastLine: 5 })(
      script,
      states
    );
    expect(cell.name).toBe('Setup');
    expect(cell.source).toBe('x = 1\n\n# %% Train\ndef f():');
  });

  it('keeps lines within the text', () => {
    const [cell] = linesPicker(TEXT, { firstLine: 7, lastLine: 99 })(
      script,
      states
    );
    expect(cell.firstLine).toBe(7);
    expect(cell.source).toBe('return y');
  });

  it('refuses blank lines, saying what to do', () => {
    expect(() => linesPicker(TEXT, { firstLine: 3, lastLine: 3 })).toThrow(
      /Lines 3-3 are blank: select the lines to run/
    );
  });

  it('reads CRLF text by its lines', () => {
    const crlf = TEXT.replace(/\n/g, '\r\n');
    const [cell] = linesPicker(crlf, { firstLine: 2, lastLine: 2 })(
      parseScript(crlf),
      states
    );
    expect(cell.source).toBe('x = 1');
  });
});
