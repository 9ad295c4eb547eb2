import {
  CellIndexError,
  CellNotFoundError,
  CellScriptError,
  CellSelector,
  CellSelectorError,
  describeSelector,
  isCellSelection,
  parseScript,
  selectCell,
  selectCells
} from '../../../src/script';

/** Cells named like indices are where text selectors are ambiguous and structured ones are not. */
const script = parseScript(
  [
    'import os', // 1: cell 0, unnamed
    '# %% A', // 2: cell 1
    'x = 1',
    '# %% B tags=["io"]', // 4: cell 2
    '# %% 1' // 5: cell 3, literally named "1"
  ].join('\n')
);

function indices(...selectors: CellSelector[]): number[] {
  return selectCells(script, ...selectors).map(cell => cell.index);
}

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('structured cell selections', () => {
  it.each<[string, CellSelector[], number[]]>([
    ['an index', [{ index: 1 }], [1]],
    ['a negative index', [{ index: -1 }], [3]],
    ['a name that looks like an index is a name', [{ name: '1' }], [3]],
    ['a name in another case', [{ name: 'a' }], [1]],
    ['a tag', [{ tag: 'io' }], [2]],
    ['a range up to an index', [{ to: { index: 1 } }], [0, 1]],
    ['a range up to a name', [{ to: { name: '1' } }], [0, 1, 2, 3]],
    [
      'a range from a name to an index',
      [{ from: { name: 'A' }, to: { index: 2 } }],
      [1, 2]
    ],
    ['a range from an index to the end', [{ from: { index: 2 } }], [2, 3]],
    ['an empty range is every cell', [{}], [0, 1, 2, 3]],
    [
      'open ends given as undefined',
      [{ from: undefined, to: undefined }],
      [0, 1, 2, 3]
    ],
    ['a list mixing forms keeps its order', [{ name: 'B' }, 0, 'A'], [2, 0, 1]],
    // The text forms behave as before: a cell named exactly '1' wins over index 1.
    ["the text ':1' ends at the cell named '1'", [':1'], [0, 1, 2, 3]],
    ["the text '1' is the cell named '1'", ['1'], [3]],
    ['the number 1 is index 1', [1], [1]]
  ])('%s', (_, selectors, expected) => {
    expect(indices(...selectors)).toEqual(expected);
  });

  it('selects nothing from an empty script with an open range, as the text ":" does', () => {
    const empty = parseScript('');
    expect(selectCells(empty, {})).toEqual([]);
    expect(selectCells(empty, ':')).toEqual([]);
    expect(() => selectCells(empty, { to: { index: 0 } })).toThrow(
      'Cell index 0 is out of range: the script has no cells.'
    );
  });

  it.each<
    [string, CellSelector, new (...args: any[]) => CellScriptError, string]
  >([
    [
      'an index past the end',
      { index: 7 },
      CellIndexError,
      'Cell index 7 is out of range: the script has 4 cells (0 to 3, or -4 to -1).'
    ],
    [
      'a name no cell has, though an index would fit',
      { name: '2' },
      CellNotFoundError,
      "No cell is named '2': the cells are named 'A', 'B', '1'."
    ],
    [
      'a backwards range',
      { from: { name: '1' }, to: { name: 'A' } },
      CellSelectorError,
      "The range from cell named '1' to cell named 'A' runs backwards: cell named '1' is " +
        "cell 3 and cell named 'A' is cell 1. Swap from and to."
    ],
    [
      'an end of a range that is not there',
      { from: { index: 1 }, to: { index: 9 } },
      CellIndexError,
      'Cell index 9 is out of range: the script has 4 cells (0 to 3, or -4 to -1).'
    ]
  ])('explains %s', (_, selector, type, message) => {
    const error = errorOf(() => selectCells(script, selector));
    expect(error).toBeInstanceOf(type);
    expect(error.message).toBe(message);
  });

  const SHAPES =
    "Use { index: 2 } or { name: 'Setup' } for one cell, { from, to } (each an index or a " +
    "name, either left out) for a range, or { tag: 'io' } for tagged cells.";

  it.each<[string, unknown, string]>([
    [
      'a fractional index',
      { index: 1.5 },
      'index must be a whole number, not 1.5'
    ],
    [
      'an index given as text',
      { index: '1' },
      'index must be a whole number, not "1"'
    ],
    ['a name that is a number', { name: 3 }, 'name must be text, not 3'],
    ['an empty name', { name: '' }, 'name must not be empty'],
    [
      'both index and name',
      { index: 1, name: 'A' },
      'give index or name, not both'
    ],
    ['none of the keys', { cell: 'A' }, "unexpected key 'cell'"],
    [
      'an unknown key beside a known one',
      { index: 1, extra: 2 },
      "unexpected key 'extra'"
    ],
    [
      'a range end that is not a cell',
      { from: 'A' },
      'from must be { index } or { name } (left out for an open end), not "A"'
    ],
    [
      'a range end with a bad index',
      { to: { index: 0.5 } },
      'to: index must be a whole number, not 0.5'
    ],
    [
      'a range end given as null',
      { to: null },
      'to must be { index } or { name } (left out for an open end), not null'
    ],
    [
      'a tag and an index',
      { tag: 'io', index: 1 },
      'give one of index, name, from/to or tag'
    ],
    ['an empty tag', { tag: '' }, 'tag must not be empty']
  ])('refuses %s, saying what is expected', (_, value, problem) => {
    const error = errorOf(() => selectCells(script, value as CellSelector));
    expect(error).toBeInstanceOf(CellSelectorError);
    expect(error.message).toBe(
      `The cell selection ${JSON.stringify(value)} is not valid: ${problem}. ${SHAPES}`
    );
    expect(isCellSelection(value)).toBe(false);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a boolean', true],
    ['an array', [1, 2]]
  ])('refuses %s as a selector', (_, value) => {
    const error = errorOf(() => selectCells(script, value as CellSelector));
    expect(error).toBeInstanceOf(CellSelectorError);
    expect(error.message).toBe(
      `A cell selector must be a number, a string or a selection object, not ${JSON.stringify(value)}. ${SHAPES}`
    );
  });

  it.each<[unknown, boolean]>([
    [{ index: 0 }, true],
    [{ index: -3 }, true],
    [{ name: 'Setup' }, true],
    [{ tag: 'io' }, true],
    [{}, true],
    [{ from: { index: 1 } }, true],
    [{ from: { name: 'A' }, to: { index: -1 } }, true],
    [{ from: undefined }, true],
    [JSON.parse('{"to": {"name": "1"}}'), true],
    [{ index: Number.NaN }, false],
    [{ index: Infinity }, false],
    [{ name: 'A', tag: 'io' }, false],
    [{ from: { tag: 'io' } }, false],
    [{ from: {} }, false],
    [2, false],
    ['A', false],
    [null, false],
    [undefined, false],
    [[], false]
  ])('isCellSelection(%j) is %s', (value, expected) => {
    expect(isCellSelection(value)).toBe(expected);
  });
});

describe('describeSelector', () => {
  it.each<[CellSelector, string]>([
    [7, 'cell index 7'],
    [{ index: -1 }, 'cell index -1'],
    [{ name: '1' }, "cell named '1'"],
    [{ tag: 'io' }, 'cells tagged #io'],
    [{}, 'all cells'],
    [{ to: { index: 1 } }, 'cells from the first to cell index 1'],
    [{ from: { name: 'A' } }, "cells from cell named 'A' to the last"],
    [
      { from: { name: 'A' }, to: { index: 3 } },
      "cells from cell named 'A' to cell index 3"
    ],
    ['Setup:Train', "'Setup:Train'"]
  ])('describes %j as %s', (selector, words) => {
    expect(describeSelector(selector)).toBe(words);
  });

  it('never throws, even on a malformed selector', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeSelector(cyclic as CellSelector)).toBe('[object Object]');
    expect(describeSelector({ index: 1.5 } as CellSelector)).toBe(
      '{"index":1.5}'
    );
  });
});

describe('selectCell with a structured selection', () => {
  it.each<[CellSelector, number]>([
    [{ index: 1 }, 1],
    [{ name: '1' }, 3],
    [{ index: -2 }, 2]
  ])('selects %j as cell %i', (selector, index) => {
    expect(selectCell(script, selector).index).toBe(index);
  });

  it.each<[CellSelector, RegExp]>([
    [{ tag: 'io' }, /^cells tagged #io may be several cells: name one cell/],
    [
      { to: { index: 1 } },
      /^cells from the first to cell index 1 may be several/
    ]
  ])('refuses %j, which may select several cells', (selector, message) => {
    const error = errorOf(() => selectCell(script, selector));
    expect(error).toBeInstanceOf(CellSelectorError);
    expect(error.message).toMatch(message);
  });
});
