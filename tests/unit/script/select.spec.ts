import {
  AmbiguousCellError,
  CellIndexError,
  CellNotFoundError,
  CellScriptError,
  CellSelector,
  CellSelectorError,
  parseScript,
  selectCell,
  selectCells
} from '../../../src/script';

const script = parseScript(
  [
    'import os', // 1: cell 0, unnamed
    '# %% Setup', // 2: cell 1
    'x = 1',
    '# %% Setup data tags=["io"]', // 4: cell 2
    'y = 2',
    '# %% Train tags=["parameters", "io"]', // 6: cell 3
    'z = 3',
    '# %% Training report', // 8: cell 4
    '# %% 2', // 9: cell 5, literally named "2"
    '# %% Plot: loss', // 10: cell 6
    '# %% Evaluate' // 11: cell 7
  ].join('\n')
);

function indices(...selectors: CellSelector[]): number[] {
  return selectCells(script, ...selectors).map(cell => cell.index);
}

describe('selectCells', () => {
  it.each<[string, CellSelector[], number[]]>([
    ['no selector: every cell', [], [0, 1, 2, 3, 4, 5, 6, 7]],
    ['an index', [3], [3]],
    ['index 0 (the unnamed cell)', [0], [0]],
    ['a negative index', [-1], [7]],
    ['the first cell from the end', [-8], [0]],
    ['an integer string', ['3'], [3]],
    ['a negative integer string', ['-2'], [6]],
    ['an exact name', ['Setup'], [1]],
    ['an exact name that is also a prefix of another', ['Train'], [3]],
    ['a unique prefix', ['Eval'], [7]],
    ['a name literally "2" before index 2', ['2'], [5]],
    ['a name with a colon', ['Plot: loss'], [6]],
    ['a name in another case', ['setup'], [1]],
    ['a prefix in another case', ['eval'], [7]],
    ['a tag', ['#parameters'], [3]],
    ['a tag on several cells, in script order', ['#io'], [2, 3]],
    ['a range of names', ['Setup:Train'], [1, 2, 3]],
    ['a range of prefixes', ['Setup d:Trainin'], [2, 3, 4]],
    ['a range of indices', ['1:3'], [1, 2, 3]],
    ['a range with negative indices', ['-3:-1'], [5, 6, 7]],
    ['a range mixing index and name', ['0:Setup'], [0, 1]],
    ['a range with an open start', [':Setup data'], [0, 1, 2]],
    ['a range with an open end', ['Plot: loss:'], [6, 7]],
    ['a range open at both ends', [':'], [0, 1, 2, 3, 4, 5, 6, 7]],
    [
      'a range ending at a name with a colon',
      ['Setup:Plot: loss'],
      [1, 2, 3, 4, 5, 6]
    ],
    ['a range from a name with a colon', ['Plot: loss:-1'], [6, 7]],
    ['a one-cell range', ['Train:Train'], [3]],
    ['blanks around a range', [' Setup : Train '], [1, 2, 3]],
    ['a list keeps the given order', ['Evaluate', 'Setup', 0], [7, 1, 0]],
    ['a list with a range', ['Evaluate', '1:3'], [7, 1, 2, 3]],
    [
      'range ends follow the same rules: "2" is the cell named 2',
      ['4:2'],
      [4, 5]
    ],
    ['a cell selected twice appears twice', ['Setup', 1], [1, 1]]
  ])('%s', (_, selectors, expected) => {
    expect(indices(...selectors)).toEqual(expected);
  });

  it.each<
    [string, CellSelector, new (...args: any[]) => CellScriptError, RegExp]
  >([
    [
      'an unknown name lists the names there are',
      'Missing',
      CellNotFoundError,
      /^No cell is named 'Missing': the cells are named 'Setup', 'Setup data', 'Train', 'Training report', '2', 'Plot: loss', 'Evaluate'\.$/
    ],
    [
      'an ambiguous prefix lists the matches with lines',
      'Set',
      AmbiguousCellError,
      /^'Set' matches 2 cells: 'Setup' \(cell 1, line 2\), 'Setup data' \(cell 2, line 4\)\. Give more of the name\.$/
    ],
    [
      'an index past the end says how many cells there are',
      8,
      CellIndexError,
      /^Cell index 8 is out of range: the script has 8 cells \(0 to 7, or -8 to -1\)\.$/
    ],
    [
      'a negative index past the start',
      -9,
      CellIndexError,
      /Cell index -9 is out of range/
    ],
    [
      'an integer string past the end',
      '12',
      CellIndexError,
      /Cell index 12 is out of range/
    ],
    [
      'a fractional index',
      1.5,
      CellSelectorError,
      /1\.5 is not a whole number/
    ],
    ['an empty selector', '  ', CellSelectorError, /empty cell selector/],
    [
      'an unknown tag lists the tags there are',
      '#nope',
      CellNotFoundError,
      /^No cell has the tag #nope: the tags are #io, #parameters\.$/
    ],
    [
      'a range with an unknown end',
      'Setup:Nope',
      CellNotFoundError,
      /No cell is named 'Nope'/
    ],
    [
      'three ends: a range has one colon',
      'Setup:Train:Evaluate',
      CellSelectorError,
      /^'Setup:Train:Evaluate' is not a range of cells: a range is two ends joined by one colon, START:END, each a cell name, name prefix or index, or left out for the first or last cell \('Setup:Train', '1:3', ':Train', 'Setup:'\)\. A name may hold a colon only when a cell is named so\.$/
    ],
    [
      'two colons alone',
      '::',
      CellSelectorError,
      /^'::' is not a range of cells/
    ],
    [
      'a name with a colon, then an unknown end',
      'Plot: loss:Nope',
      CellNotFoundError,
      /^No cell is named 'Nope'/
    ],
    [
      'an index too long to read is out of range',
      '9'.repeat(400),
      CellIndexError,
      /is out of range: the script has 8 cells/
    ],
    [
      'a backwards range',
      'Train:Setup',
      CellSelectorError,
      /range 'Train:Setup' runs backwards: Train is cell 3 and Setup is cell 1\. Write it as 'Setup:Train'/
    ]
  ])('%s', (_, selector, type, message) => {
    let error: unknown;
    try {
      selectCells(script, selector);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(CellScriptError);
    expect((error as Error).message).toMatch(message);
  });

  it('reports the matches of an ambiguous prefix as data', () => {
    try {
      selectCells(script, 'Trai');
      throw new Error('no error');
    } catch (error) {
      expect(error).toBeInstanceOf(AmbiguousCellError);
      expect((error as AmbiguousCellError).kind).toBe('ambiguous-cell');
      expect((error as AmbiguousCellError).matches).toEqual([
        { index: 3, name: 'Train', line: 6 },
        { index: 4, name: 'Training report', line: 8 }
      ]);
      expect((error as AmbiguousCellError).line).toBe(6);
    }
  });

  it('refuses a duplicated name, listing its lines and indices', () => {
    const duplicated = parseScript('# %% A\n1\n# %% Load\n2\n# %% Load\n3\n');
    expect(() => selectCells(duplicated, 'Load')).toThrow(
      "2 cells are named 'Load' (lines 3, 5): rename one in the script, or select by index (1, 2)."
    );
    expect(() => selectCells(duplicated, 'Lo')).toThrow(AmbiguousCellError);
    expect(() => selectCells(duplicated, 'A:Load')).toThrow(
      /2 cells are named 'Load'/
    );
    expect(selectCells(duplicated, 2)[0].source).toBe('3');
  });

  it('explains an empty script and a script without names', () => {
    expect(() => selectCells(parseScript(''), 0)).toThrow(
      'Cell index 0 is out of range: the script has no cells.'
    );
    expect(selectCells(parseScript(''), ':')).toEqual([]);
    expect(() => selectCells(parseScript('x = 1\n'), 'Setup')).toThrow(
      "No cell is named 'Setup': the script has no named cells (the script has 1 cell (index 0 or -1); select by index)."
    );
    expect(() => selectCells(parseScript('x = 1\n'), '#a')).toThrow(
      /no cell has tags/
    );
  });

  it('prefers a prefix in the same case to one in another case', () => {
    const cased = parseScript('# %% Load\n# %% load_more\n# %% Plot\n');
    expect(selectCells(cased, 'Lo').map(cell => cell.index)).toEqual([0]);
    expect(selectCells(cased, 'lo').map(cell => cell.index)).toEqual([1]);
    expect(selectCells(cased, 'p').map(cell => cell.index)).toEqual([2]);
    expect(() => selectCells(cased, 'LO')).toThrow(AmbiguousCellError);
  });

  it('rejects a selector that is neither a number, a string nor a selection', () => {
    expect(() => selectCells(script, null as any)).toThrow(
      /^A cell selector must be a number, a string or a selection object, not null\. Use /
    );
  });
});

describe('selectCell', () => {
  it.each<[CellSelector, number]>([
    ['Setup', 1],
    [-1, 7],
    ['3', 3],
    ['Eval', 7]
  ])('selects %j as cell %i', (selector, index) => {
    expect(selectCell(script, selector).index).toBe(index);
  });

  it('refuses a tag, which may select several cells', () => {
    expect(() => selectCell(script, '#io')).toThrow(
      /selects cells by tag; name one cell/
    );
  });
});
