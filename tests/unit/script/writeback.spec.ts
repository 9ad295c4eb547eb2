import {
  AmbiguousCellError,
  CellNotFoundError,
  ICellOrigin,
  IScriptCell,
  parseScript,
  replaceCellSource,
  WriteBackConflictError
} from '../../../src/script';

function origin(cell: IScriptCell): ICellOrigin {
  return { index: cell.index, name: cell.name, hash: cell.hash };
}

/** Replaces the body of the cell `selector` (index) of `text` as loaded from `text` itself. */
function replace(text: string, index: number, source: string): string {
  const cell = parseScript(text).cells[index];
  return replaceCellSource(text, origin(cell), source);
}

describe('replaceCellSource', () => {
  it.each<[string, string, number, string, string]>([
    [
      'a middle cell',
      '# %% A\na = 1\n\n# %% B\nb = 1\n\n# %% C\nc = 1\n',
      1,
      'b = 2\nb += 1',
      '# %% A\na = 1\n\n# %% B\nb = 2\nb += 1\n\n# %% C\nc = 1\n'
    ],
    [
      'the last cell, keeping the final newline',
      '# %% A\na = 1\n',
      0,
      'a = 2',
      '# %% A\na = 2\n'
    ],
    [
      'the last cell, keeping no final newline',
      '# %% A\na = 1',
      0,
      'a = 2',
      '# %% A\na = 2'
    ],
    [
      'an unnamed cell 0',
      'import os\n\n# %% A\na = 1\n',
      0,
      'import sys',
      'import sys\n\n# %% A\na = 1\n'
    ],
    [
      'with CRLF line ends',
      '# %% A\r\na = 1\r\n\r\n# %% B\r\nb = 1\r\n',
      0,
      'a = 2\nx = 3',
      '# %% A\r\na = 2\r\nx = 3\r\n\r\n# %% B\r\nb = 1\r\n'
    ],
    [
      'with a CRLF new source in an LF file',
      '# %% A\na = 1\n',
      0,
      'a = 2\r\nx = 3',
      '# %% A\na = 2\nx = 3\n'
    ],
    [
      'with mixed line ends, a body saved unchanged',
      '# %%\nx\r\ny\n',
      0,
      'x\ny',
      '# %%\nx\r\ny\n'
    ],
    [
      'with mixed line ends, one line changed: the others keep theirs',
      '# %% A\nx\r\ny\nz\n\n# %% B\r\nb\n',
      0,
      'x\nY\nz',
      '# %% A\nx\r\nY\nz\n\n# %% B\r\nb\n'
    ],
    [
      'a CRLF cell in an LF file, lines added, stays CRLF',
      '# %% A\na\n# %% B\r\nb = 1\r\n',
      1,
      'b = 2\nc = 3',
      '# %% A\na\n# %% B\r\nb = 2\r\nc = 3\r\n'
    ],
    [
      'an LF cell in a CRLF file, lines added, stays LF',
      '# %% A\r\na\r\n# %% B\nb\n',
      1,
      'b\nc\nd',
      '# %% A\r\na\r\n# %% B\nb\nc\nd\n'
    ],
    [
      'an empty CRLF cell in an LF file, filled',
      '# %% A\na\n# %% B\r\n\r\n',
      1,
      'b\nc',
      '# %% A\na\n# %% B\r\nb\r\nc\r\n\r\n'
    ],
    [
      'a line removed between lines with mixed ends',
      '# %% A\nx\r\ny\nz\n',
      0,
      'x\nz',
      '# %% A\nx\r\nz\n'
    ],
    [
      'keeping a BOM',
      '\ufeff# %% A\na = 1\n',
      0,
      'a = 2',
      '\ufeff# %% A\na = 2\n'
    ],
    [
      'dropping trailing blank lines of the new source',
      '# %% A\na = 1\n# %% B\n',
      0,
      'a = 2\n\n\n',
      '# %% A\na = 2\n# %% B\n'
    ],
    [
      'keeping leading blank lines of the new source',
      '# %% A\na = 1\n',
      0,
      '\na = 2',
      '# %% A\n\na = 2\n'
    ],
    [
      'an empty cell between markers',
      '# %% A\n# %% B\n',
      0,
      'a = 1',
      '# %% A\na = 1\n# %% B\n'
    ],
    [
      'an empty cell followed by a blank line',
      '# %% A\n\n# %% B\n',
      0,
      'a = 1',
      '# %% A\na = 1\n\n# %% B\n'
    ],
    [
      'a marker on the last line without a newline',
      '# %% A\na\n# %% B',
      1,
      'b = 1',
      '# %% A\na\n# %% B\nb = 1'
    ],
    [
      'a marker on the last line with a newline',
      '# %% A\na\n# %% B\n',
      1,
      'b = 1',
      '# %% A\na\n# %% B\nb = 1\n'
    ],
    [
      'emptying a cell keeps the separator',
      '# %% A\na = 1\n\n# %% B\nb\n',
      0,
      '',
      '# %% A\n\n# %% B\nb\n'
    ],
    ['emptying the last cell', '# %% A\na = 1\n', 0, '', '# %% A\n'],
    [
      'emptying the last cell without a final newline',
      '# %% A\na = 1',
      0,
      '',
      '# %% A'
    ],
    [
      'emptying the last cell of a CRLF file',
      '# %% A\r\na = 1',
      0,
      '\n',
      '# %% A'
    ],
    [
      'a markdown cell',
      '# %% [markdown]\n# Old\n# %% B\n',
      0,
      '# New\n#\n# text',
      '# %% [markdown]\n# New\n#\n# text\n# %% B\n'
    ],
    [
      'a cell after a Jupytext header',
      '# ---\n# a: 1\n# ---\n\n# %% A\nx\n',
      0,
      'y',
      '# ---\n# a: 1\n# ---\n\n# %% A\ny\n'
    ],
    [
      'a cell with a triple-quoted marker inside',
      '# %% A\ns = """\n# %% no\n"""\n# %% B\n',
      0,
      's = 1',
      '# %% A\ns = 1\n# %% B\n'
    ]
  ])('%s', (_, text, index, source, expected) => {
    expect(replace(text, index, source)).toBe(expected);
  });

  it.each([
    ['LF', '# %% A\na = 1\n\n\n# %% B\nb = 2  \n\n'],
    ['CRLF with BOM', '\ufeff# %% A\r\na = 1\r\n\r\n# %% B\r\nb = 2\r\n'],
    ['mixed line ends', '# %% A\r\na = 1\nb = 2\r\n\n# %% B\nb\r\n\r\nc\n'],
    ['no final newline', 'x\n# %% A\n\n  indented = 1\n# %% B'],
    ['header', '# ---\n# a: 1\n# ---\n\nx = 1\n# %% [markdown]\n# text\n']
  ])(
    'leaves a %s file unchanged when each cell is saved unchanged',
    (_, text) => {
      const script = parseScript(text);
      for (const cell of script.cells) {
        expect(replaceCellSource(text, origin(cell), cell.source)).toBe(text);
      }
    }
  );

  it('finds a named cell that moved', () => {
    const loaded = parseScript('# %% A\na\n# %% B\nb\n').cells[1];
    const now = '# %% New\nn\n# %% A\na\n# %% B\nb\n';
    expect(replaceCellSource(now, origin(loaded), 'b2')).toBe(
      '# %% New\nn\n# %% A\na\n# %% B\nb2\n'
    );
  });

  it('finds a renamed cell at its index while its body is unchanged', () => {
    const loaded = parseScript('# %% A\na\n# %% B\nb\n').cells[1];
    const now = '# %% A\na\n# %% Renamed\nb\n';
    expect(replaceCellSource(now, origin(loaded), 'b2')).toBe(
      '# %% A\na\n# %% Renamed\nb2\n'
    );
  });

  it('refuses to overwrite a cell that changed since it was loaded', () => {
    const loaded = parseScript('# %% A\na\n# %% Train\nfit()\n').cells[1];
    const now = '# %% A\na\n# %% Train\nfit(epochs=5)\n';
    let error: unknown;
    try {
      replaceCellSource(now, origin(loaded), 'fit(epochs=9)');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WriteBackConflictError);
    expect((error as WriteBackConflictError).message).toBe(
      "The cell 'Train' (cell 1, line 3) changed in the script since it was loaded into the " +
        'notebook. Reload it from the script to see the change, or save with force to overwrite it.'
    );
    expect((error as WriteBackConflictError).line).toBe(3);
    expect((error as WriteBackConflictError).kind).toBe('write-back-conflict');
  });

  it('overwrites a changed cell with force', () => {
    const loaded = parseScript('# %% A\na\n').cells[0];
    expect(
      replaceCellSource('# %% A\nchanged\n', origin(loaded), 'mine', {
        force: true
      })
    ).toBe('# %% A\nmine\n');
  });

  it('says when a named cell is gone', () => {
    const loaded = parseScript('# %% A\na\n# %% Gone\ng\n').cells[1];
    expect(() =>
      replaceCellSource('# %% A\na\n# %% Other\no\n', origin(loaded), 'x')
    ).toThrow(
      new CellNotFoundError(
        "The cell 'Gone' is no longer in the script, so it cannot be saved back. The cells are " +
          "named 'A', 'Other'; paste the code into the script yourself, or load the cell again.",
        []
      )
    );
  });

  it('says when an unnamed cell is gone', () => {
    const loaded = parseScript('# %% A\na\n# %%\nu\n').cells[1];
    expect(() =>
      replaceCellSource('# %% A\na\n', origin(loaded), 'x', { force: true })
    ).toThrow(
      /Cell 1 is no longer in the script \(it has 1 cell\), so it cannot be saved back/
    );
  });

  it('refuses when the name is now duplicated elsewhere', () => {
    const loaded = parseScript('# %% A\na\n# %% B\nb\n').cells[1];
    expect(() =>
      replaceCellSource('# %% B\nb\n# %% X\n# %% B\nb\n', origin(loaded), 'x')
    ).toThrow(AmbiguousCellError);
  });

  it('uses the cell at the loaded index when the name is duplicated there', () => {
    const loaded = parseScript('# %% B\nb1\n# %% B\nb2\n').cells[1];
    expect(
      replaceCellSource('# %% B\nb1\n# %% B\nb2\n', origin(loaded), 'new')
    ).toBe('# %% B\nb1\n# %% B\nnew\n');
  });

  it('keeps the next marker on its own line', () => {
    const text = '# %% A\na\n# %% B\nb\n';
    const result = replace(text, 0, 'no newline at the end');
    expect(parseScript(result).cells.map(cell => cell.name)).toEqual([
      'A',
      'B'
    ]);
  });
});
