import { IParseOptions, parseScript } from '../../../src/script';

/** The parts of each cell a user sees: name, type, lines and body. */
function outline(text: string, options?: IParseOptions) {
  return parseScript(text, options).cells.map(cell => ({
    name: cell.name,
    type: cell.type,
    markerLine: cell.markerLine,
    firstLine: cell.firstLine,
    lastLine: cell.lastLine,
    source: cell.source
  }));
}

describe('parseScript: cells and their lines', () => {
  it.each([
    ['empty file', '', []],
    ['only blank lines', '\n  \n\t\n', []],
    [
      'no markers: one unnamed cell 0',
      'import os\nx = 1\n',
      [
        {
          name: null,
          type: 'code',
          markerLine: null,
          firstLine: 1,
          lastLine: 2,
          source: 'import os\nx = 1'
        }
      ]
    ],
    [
      'text before the first marker is cell 0',
      'import os\n\n# %% A\nx = 1\n',
      [
        {
          name: null,
          type: 'code',
          markerLine: null,
          firstLine: 1,
          lastLine: 2,
          source: 'import os'
        },
        {
          name: 'A',
          type: 'code',
          markerLine: 3,
          firstLine: 4,
          lastLine: 4,
          source: 'x = 1'
        }
      ]
    ],
    [
      'blank text before the first marker is no cell',
      '\n\n# %% A\nx = 1',
      [
        {
          name: 'A',
          type: 'code',
          markerLine: 3,
          firstLine: 4,
          lastLine: 4,
          source: 'x = 1'
        }
      ]
    ],
    [
      'only markers: empty cells',
      '# %% A\n# %% B\n# %%\n',
      [
        {
          name: 'A',
          type: 'code',
          markerLine: 1,
          firstLine: 2,
          lastLine: 1,
          source: ''
        },
        {
          name: 'B',
          type: 'code',
          markerLine: 2,
          firstLine: 3,
          lastLine: 2,
          source: ''
        },
        {
          name: null,
          type: 'code',
          markerLine: 3,
          firstLine: 4,
          lastLine: 3,
          source: ''
        }
      ]
    ],
    [
      'marker on the last line without a newline',
      '# %% A\nx = 1\n# %% Last',
      [
        {
          name: 'A',
          type: 'code',
          markerLine: 1,
          firstLine: 2,
          lastLine: 2,
          source: 'x = 1'
        },
        {
          name: 'Last',
          type: 'code',
          markerLine: 3,
          firstLine: 4,
          lastLine: 3,
          source: ''
        }
      ]
    ],
    [
      'trailing blank lines belong to the cell but not to its source',
      '# %% A\nx = 1\n\n\n# %% B\ny = 2\n\n',
      [
        {
          name: 'A',
          type: 'code',
          markerLine: 1,
          firstLine: 2,
          lastLine: 4,
          source: 'x = 1'
        },
        {
          name: 'B',
          type: 'code',
          markerLine: 5,
          firstLine: 6,
          lastLine: 7,
          source: 'y = 2'
        }
      ]
    ],
    [
      'leading blank lines stay in the source so lines map 1:1',
      '# %% A\n\n\nx = 1\n',
      [
        {
          name: 'A',
          type: 'code',
          markerLine: 1,
          firstLine: 2,
          lastLine: 4,
          source: '\n\nx = 1'
        }
      ]
    ],
    [
      'CRLF line ends are normalised in the source',
      '# %% A\r\nx = 1\r\ny = 2\r\n# %% B\r\nz = 3\r\n',
      [
        {
          name: 'A',
          type: 'code',
          markerLine: 1,
          firstLine: 2,
          lastLine: 3,
          source: 'x = 1\ny = 2'
        },
        {
          name: 'B',
          type: 'code',
          markerLine: 4,
          firstLine: 5,
          lastLine: 5,
          source: 'z = 3'
        }
      ]
    ],
    [
      'tabs: after # and in the body',
      '#\t%%\tTabbed\nif x:\n\ty = 1\n',
      [
        {
          name: 'Tabbed',
          type: 'code',
          markerLine: 1,
          firstLine: 2,
          lastLine: 3,
          source: 'if x:\n\ty = 1'
        }
      ]
    ],
    [
      '#%% without a space is a marker',
      '#%% A\nx = 1',
      [
        {
          name: 'A',
          type: 'code',
          markerLine: 1,
          firstLine: 2,
          lastLine: 2,
          source: 'x = 1'
        }
      ]
    ],
    [
      'duplicate names are kept',
      '# %% A\n1\n# %% A\n2\n',
      [
        {
          name: 'A',
          type: 'code',
          markerLine: 1,
          firstLine: 2,
          lastLine: 2,
          source: '1'
        },
        {
          name: 'A',
          type: 'code',
          markerLine: 3,
          firstLine: 4,
          lastLine: 4,
          source: '2'
        }
      ]
    ]
  ])('%s', (_, text, expected) => {
    expect(outline(text)).toEqual(expected);
  });

  it.each([
    ['# %%%', 'three percent signs'],
    ['# %%capture', 'a commented-out cell magic'],
    ['  # %% A', 'an indented marker'],
    ['x = 1  # %% A', 'a marker after code'],
    ['## %% A', 'two hashes'],
    ['# %', 'one percent sign']
  ])('%j (%s) is not a marker', line => {
    const script = parseScript(`x = 0\n${line}\ny = 1\n`);
    expect(script.cells).toHaveLength(1);
    expect(script.cells[0].source).toBe(`x = 0\n${line}\ny = 1`);
  });

  it('numbers cells from 0 in script order', () => {
    const script = parseScript('a\n# %% B\nb\n# %% C\nc\n');
    expect(script.cells.map(cell => [cell.index, cell.name])).toEqual([
      [0, null],
      [1, 'B'],
      [2, 'C']
    ]);
  });

  it.each([
    ['', 0],
    ['a', 1],
    ['a\n', 1],
    ['a\nb', 2],
    ['a\nb\n', 2],
    ['\n', 1],
    ['\n\n', 2],
    ['a\r\nb\r\n', 2]
  ])('counts the lines of %j as %i', (text, count) => {
    expect(parseScript(text).lineCount).toBe(count);
  });
});

describe('parseScript: file properties', () => {
  it('strips and records a BOM', () => {
    const script = parseScript('\ufeff# %% A\nx = 1\n');
    expect(script.hasBom).toBe(true);
    expect(script.cells[0]).toMatchObject({
      name: 'A',
      markerLine: 1,
      source: 'x = 1'
    });
  });

  it('warns about a file whose lines end with CR only', () => {
    const script = parseScript('# %% A\rx = 1\r# %% B\r');
    expect(script.lineCount).toBe(1);
    expect(script.warnings).toEqual([
      {
        line: 1,
        message: expect.stringMatching(/CR only .* Save it with LF or CRLF/)
      }
    ]);
    expect(parseScript('# %% A\r\nx = 1\r\n').warnings).toEqual([]);
  });

  it('strips a BOM before text that is cell 0', () => {
    const script = parseScript('\ufeffx = 1\n');
    expect(script.cells[0].source).toBe('x = 1');
  });

  it.each([
    ['a\nb\n', '\n'],
    ['a\r\nb\r\n', '\r\n'],
    ['a\r\nb\n', '\r\n'],
    ['a', '\n'],
    ['', '\n']
  ])('reads the line ending of %j as %j', (text, ending) => {
    expect(parseScript(text).lineEnding).toBe(ending);
  });

  it('gives equal sources equal hashes and different sources different hashes', () => {
    const script = parseScript(
      '# %% A\nx = 1\n# %% B\nx = 1\n\n# %% C\nx = 2\n'
    );
    const [a, b, c] = script.cells;
    expect(a.hash).toMatch(/^[0-9a-f]{14}$/);
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe(c.hash);
  });

  it('hashes the normalised source: CRLF and LF files give the same hash', () => {
    const lf = parseScript('# %% A\nx = 1\ny = 2\n').cells[0];
    const crlf = parseScript('# %% A\r\nx = 1\r\ny = 2\r\n').cells[0];
    expect(crlf.hash).toBe(lf.hash);
  });

  it('keeps the hash when cells are serialised', () => {
    const cell = parseScript('# %% A\nx = 1\n').cells[0];
    const copy = JSON.parse(JSON.stringify(cell));
    expect(copy.hash).toBe(cell.hash);
    expect({ ...cell }.hash).toBe(cell.hash);
  });
});

describe('parseScript: 10 MB', () => {
  it('parses a 10 MB script into the right cells and lines', () => {
    const cellBody = Array.from(
      { length: 29 },
      (_, i) => `value_${i} = compute(${i})  # note`
    );
    const chunks: string[] = [];
    let size = 0;
    let count = 0;
    while (size < 10 * 1024 * 1024) {
      const chunk = `# %% Cell ${count}\n${cellBody.join('\n')}\n`;
      chunks.push(chunk);
      size += chunk.length;
      count += 1;
    }
    const script = parseScript(chunks.join(''));
    expect(script.cells).toHaveLength(count);
    expect(script.lineCount).toBe(count * 30);
    const last = script.cells[count - 1];
    expect(last).toMatchObject({
      index: count - 1,
      name: `Cell ${count - 1}`,
      markerLine: (count - 1) * 30 + 1,
      firstLine: (count - 1) * 30 + 2,
      lastLine: count * 30
    });
    expect(last.source).toBe(cellBody.join('\n'));
  });
});
