import fc from 'fast-check';
import {
  CellScriptError,
  convertParameterValue,
  inferParameters,
  ParameterError,
  parseLiteral,
  IParsedScript,
  parseScript,
  replaceCellSource,
  selectCells
} from '../../../src/script';
import { markerConfig, matchMarker } from '../../../src/script/markers';
import {
  IPythonLineState,
  newPythonLineState,
  scanPythonLine
} from '../../../src/script/tokenizer';
import { referenceScanLine } from './referenceTokenizer';

/** Multiplies the number of runs: `PROPERTY_SCALE=20 npx jest ...` for a long search. */
const SCALE = Number(process.env.PROPERTY_SCALE ?? '1');

/** Pieces that stress the parser: markers, quotes, line ends, BOM, header rules. */
const FRAGMENTS = [
  '# %%',
  '# %% A',
  '# %% B [markdown]',
  '#%% C tags=["t"]',
  '# %% D key="v',
  '# <codecell>',
  '# In[1]:',
  '# ---',
  '# a: 1',
  '"""',
  "'''",
  'r"""',
  '"',
  "'",
  '\\',
  '#',
  '\n',
  '\r\n',
  '\r',
  '\ufeff',
  ' ',
  '\t',
  'x = 1',
  'lr = 0.1  # type: float',
  'p = Param(1, name="k")',
  '[',
  ']',
  '=',
  'é'
];

/** Line starts that matter: markers and things that look like them. */
const LINE_STARTS = [
  '# %% A',
  '# %%',
  '#%% B [md]',
  '# <codecell>',
  '# In[2]:',
  '# x',
  ''
];

/** Lines made of fragments, often starting with a marker: strings open and close across them. */
const scriptLines = fc
  .array(
    fc.tuple(
      fc.constantFrom(...LINE_STARTS),
      fc.array(fc.constantFrom(...FRAGMENTS, '\\"', "\\'", '\\\\'), {
        maxLength: 6
      }),
      fc.constantFrom('\n', '\r\n')
    ),
    { maxLength: 25 }
  )
  .map(lines =>
    lines.map(([start, parts, end]) => start + parts.join('') + end).join('')
  );

const scriptText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc
    .array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 })
    .map(parts => parts.join('')),
  scriptLines
);

/** The file's lines as the parser counts them: BOM stripped, one `\r` before `\n` dropped. */
function fileLines(text: string): string[] {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  if (body === '') {
    return [];
  }
  const lines = body.split('\n');
  if (body.endsWith('\n')) {
    lines.pop();
  }
  return lines.map(line => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

const isBlank = (line: string) => /^[ \t\r\f]*$/.test(line);

function withoutTrailingBlankLines(lines: string[]): string[] {
  const result = lines.slice();
  while (result.length > 0 && isBlank(result[result.length - 1])) {
    result.pop();
  }
  return result;
}

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

describe('properties', () => {
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

  /** Text with one line ending style throughout (what editors write). */
  const consistentText = fc
    .tuple(scriptText, fc.boolean())
    .map(([text, crlf]) => {
      const lf = text.replace(/\r/g, '');
      return crlf ? lf.replace(/\n/g, '\r\n') : lf;
    });

  it('saving every cell unchanged leaves the file byte for byte as it was', () => {
    fc.assert(
      fc.property(consistentText, text => {
        for (const cell of parseScript(text).cells) {
          const origin = {
            index: cell.index,
            name: cell.name,
            hash: cell.hash
          };
          expect(
            replaceCellSource(text, origin, cell.source, { force: true })
          ).toBe(text);
        }
      }),
      { numRuns: 800 * SCALE }
    );
  });

  /** New cell bodies without markers, quotes or comments (so they cannot change the cells). */
  const newBody = fc
    .array(
      fc.constantFrom('y = 2', 'call()', '', '  ', '\t', 'z', '\n', '\r\n'),
      {
        maxLength: 8
      }
    )
    .map(parts => parts.join(''));

  it('write-back on any text keeps the cells (stray CRs included)', () => {
    fc.assert(
      fc.property(scriptText, newBody, fc.nat(), (text, body, pick) => {
        const before = parseScript(text);
        fc.pre(before.cells.length > 0);
        const target = before.cells[pick % before.cells.length];
        fc.pre(target.markerLine !== null || body.trim() !== '');
        const origin = {
          index: target.index,
          name: target.name,
          hash: target.hash
        };
        const after = parseScript(
          replaceCellSource(text, origin, body, { force: true })
        );
        expect(after.cells.map(cell => cell.name)).toEqual(
          before.cells.map(cell => cell.name)
        );
      }),
      { numRuns: 500 * SCALE }
    );
  });

  it('write-back changes the target body only', () => {
    fc.assert(
      fc.property(consistentText, newBody, fc.nat(), (text, body, pick) => {
        const before = parseScript(text);
        fc.pre(before.cells.length > 0);
        const target = before.cells[pick % before.cells.length];
        const expectedSource = withoutTrailingBlankLines(
          body.replace(/\r\n/g, '\n').split('\n')
        ).join('\n');
        fc.pre(target.markerLine !== null || expectedSource.trim() !== ''); // cell 0 stays
        const origin = {
          index: target.index,
          name: target.name,
          hash: target.hash
        };
        const result = replaceCellSource(text, origin, body, { force: true });
        const after = parseScript(result);

        expect(after.hasBom).toBe(before.hasBom);
        expect(after.metadata).toEqual(before.metadata);
        expect(
          after.cells.map(cell => [cell.name, cell.type, cell.tags])
        ).toEqual(before.cells.map(cell => [cell.name, cell.type, cell.tags]));
        after.cells.forEach((cell, index) => {
          const expected =
            index === target.index
              ? expectedSource
              : before.cells[index].source;
          expect(cell.source).toBe(expected);
        });
        // Bytes before the body and after it are the same as before.
        const lines = fileLines(text);
        const prefixLines = target.firstLine - 1;
        const resultLines = fileLines(result);
        expect(resultLines.slice(0, prefixLines)).toEqual(
          lines.slice(0, prefixLines)
        );
        const contentLines =
          target.source === '' ? 0 : target.source.split('\n').length;
        const suffix = lines.slice(prefixLines + contentLines);
        const newContentLines =
          expectedSource === '' ? 0 : expectedSource.split('\n').length;
        expect(resultLines.slice(prefixLines + newContentLines)).toEqual(
          suffix
        );
        expect(result.endsWith('\n')).toBe(text.endsWith('\n') || text === '');
      }),
      { numRuns: 1500 * SCALE }
    );
  });

  it('selection fails only with script model errors', () => {
    fc.assert(
      fc.property(
        scriptText,
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 12 }),
            fc.integer({ min: -20, max: 20 })
          )
        ),
        (text, selectors) => {
          const script = parseScript(text);
          try {
            selectCells(script, ...selectors);
          } catch (error) {
            expect(error).toBeInstanceOf(CellScriptError);
          }
        }
      ),
      { numRuns: 1000 * SCALE }
    );
  });

  it('reading literals and converting values never crash', () => {
    const literalish = fc
      .array(
        fc.constantFrom(
          '[',
          ']',
          '(',
          ')',
          '{',
          '}',
          ',',
          ':',
          '"',
          "'",
          '\\',
          '1',
          '-',
          '.',
          'e',
          '_',
          'x',
          'True',
          'None',
          'r',
          'b',
          '0x',
          ' ',
          '\n',
          '#'
        ),
        { maxLength: 30 }
      )
      .map(parts => parts.join(''));
    const types = [
      'int',
      'float',
      'bool',
      'str',
      'list',
      'tuple',
      'dict',
      'NoneType',
      'any'
    ];
    fc.assert(
      fc.property(
        fc.oneof(literalish, fc.string()),
        fc.constantFrom(...types),
        fc.oneof(
          fc.constant(undefined),
          fc.constant(null),
          fc.double(),
          fc.jsonValue()
        ),
        (text, type, value) => {
          parseLiteral(text);
          parseLiteral(text, { json: true, bareTuple: true });
          const param = {
            name: 'p',
            type,
            line: 1,
            value: 0,
            required: false
          };
          for (const input of [text, value]) {
            try {
              convertParameterValue(param, input);
            } catch (error) {
              expect(error).toBeInstanceOf(ParameterError);
            }
          }
        }
      ),
      { numRuns: 2000 * SCALE }
    );
  });
});
