import fc from 'fast-check';
import {
  CellScriptError,
  CellSelector,
  convertParameterValue,
  ParameterError,
  parseLiteral,
  parseScript,
  replaceCellSource,
  selectCells
} from '../../../src/script';
import {
  fileLines,
  rawLines,
  rawSpan,
  SCALE,
  scriptText,
  withoutTrailingBlankLines
} from './arbitraries';

describe('write-back, selection and conversion properties', () => {
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

  it('saving any cell unchanged is the identity on any text (mixed line ends, BOM, stray CRs)', () => {
    fc.assert(
      fc.property(scriptText, fc.nat(), (text, pick) => {
        const cells = parseScript(text).cells;
        fc.pre(cells.length > 0);
        const cell = cells[pick % cells.length];
        const origin = { index: cell.index, name: cell.name, hash: cell.hash };
        // Compare cheaply first: a failing toBe on long strings is slow to print.
        const result = replaceCellSource(text, origin, cell.source);
        expect(JSON.stringify(result)).toBe(JSON.stringify(text));
      }),
      { numRuns: 1500 * SCALE }
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

  it('write-back on any text leaves every other cell byte for byte as it was', () => {
    fc.assert(
      fc.property(scriptText, newBody, fc.nat(), (text, body, pick) => {
        const before = parseScript(text);
        fc.pre(before.cells.length > 0);
        const target = before.cells[pick % before.cells.length];
        fc.pre(target.markerLine !== null || body.trim() !== ''); // cell 0 stays
        const origin = {
          index: target.index,
          name: target.name,
          hash: target.hash
        };
        const result = replaceCellSource(text, origin, body);
        const after = parseScript(result);
        expect(after.hasBom).toBe(before.hasBom);
        expect(after.cells).toHaveLength(before.cells.length);
        const [oldLines, newLines] = [text, result].map(rawLines);
        const first = before.cells[0];
        const start = (first.markerLine ?? first.firstLine) - 1;
        // The header and blank lines before the first cell.
        expect(newLines.slice(0, start)).toEqual(oldLines.slice(0, start));
        for (const cell of before.cells) {
          if (cell.index !== target.index) {
            expect(rawSpan(newLines, after.cells[cell.index])).toEqual(
              rawSpan(oldLines, cell)
            );
          }
        }
      }),
      { numRuns: 1500 * SCALE }
    );
  });

  const cellRef = fc.oneof(
    fc.record({ index: fc.integer({ min: -20, max: 20 }) }),
    fc.record({ name: fc.string({ maxLength: 8 }) })
  );
  const cellSelection = fc.oneof(
    cellRef,
    fc.record({ from: cellRef, to: cellRef }, { requiredKeys: [] }),
    fc.record({ tag: fc.string({ maxLength: 4 }) })
  );

  it('selection fails only with script model errors', () => {
    fc.assert(
      fc.property(
        scriptText,
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 12 }),
            fc.integer({ min: -20, max: 20 }),
            cellSelection,
            fc.anything() // commands pass on whatever JSON they were given
          )
        ),
        (text, selectors) => {
          const script = parseScript(text);
          try {
            selectCells(script, ...(selectors as CellSelector[]));
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
