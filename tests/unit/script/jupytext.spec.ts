import { parseScript } from '../../../src/script';

function firstMarked(line: string) {
  const script = parseScript(`${line}\n# body\n`);
  const cell = script.cells[0];
  return {
    name: cell.name,
    type: cell.type,
    tags: cell.tags,
    metadata: cell.metadata,
    warnings: script.warnings
  };
}

describe('Jupytext percent markers', () => {
  it.each([
    ['# %%', { name: null, type: 'code', tags: [], metadata: {} }],
    ['# %% Setup', { name: 'Setup', type: 'code', tags: [], metadata: {} }],
    [
      '# %%   Spaced   title  ',
      { name: 'Spaced   title', type: 'code', tags: [], metadata: {} }
    ],
    [
      '# %% [markdown]',
      { name: null, type: 'markdown', tags: [], metadata: {} }
    ],
    ['# %% [md]', { name: null, type: 'markdown', tags: [], metadata: {} }],
    ['# %% [raw]', { name: null, type: 'raw', tags: [], metadata: {} }],
    [
      '# %% Intro [markdown]',
      { name: 'Intro', type: 'markdown', tags: [], metadata: {} }
    ],
    [
      '# %% Params tags=["parameters"]',
      { name: 'Params', type: 'code', tags: ['parameters'], metadata: {} }
    ],
    [
      '# %% tags=["a", "b"]',
      { name: null, type: 'code', tags: ['a', 'b'], metadata: {} }
    ],
    [
      '# %% Title [markdown] key="value" tags=[\'x\'] n=3 flag=true other=None',
      {
        name: 'Title',
        type: 'markdown',
        tags: ['x'],
        metadata: { key: 'value', n: 3, flag: true, other: null }
      }
    ],
    [
      '# %% [markdown] slideshow={"slide_type": "slide"}',
      {
        name: null,
        type: 'markdown',
        tags: [],
        metadata: { slideshow: { slide_type: 'slide' } }
      }
    ],
    [
      '# %% A key="with spaces and = signs"',
      {
        name: 'A',
        type: 'code',
        tags: [],
        metadata: { key: 'with spaces and = signs' }
      }
    ],
    [
      '# %% x=1 is a title word',
      { name: 'x=1 is a title word', type: 'code', tags: [], metadata: {} }
    ],
    ['# %% a=b', { name: 'a=b', type: 'code', tags: [], metadata: {} }],
    [
      '# %% [markdown]x',
      { name: '[markdown]x', type: 'code', tags: [], metadata: {} }
    ],
    [
      '# %% [markdown] Intro',
      { name: 'Intro', type: 'markdown', tags: [], metadata: {} }
    ],
    [
      '# %% [raw] Notes [x]',
      { name: 'Notes [x]', type: 'raw', tags: [], metadata: {} }
    ],
    [
      '# %% A [code]',
      { name: 'A [code]', type: 'code', tags: [], metadata: {} }
    ],
    [
      '# %% tags="solo"',
      { name: null, type: 'code', tags: ['solo'], metadata: {} }
    ],
    [
      '# %% Title @deathbeds/jupyterlab-fonts={"a": 1}',
      {
        name: 'Title',
        type: 'code',
        tags: [],
        metadata: { '@deathbeds/jupyterlab-fonts': { a: 1 } }
      }
    ],
    [
      '# %% 2nd-key=1 x.y=2 a/b=3 -z=4',
      {
        name: null,
        type: 'code',
        tags: [],
        metadata: { '2nd-key': 1, 'x.y': 2, 'a/b': 3, '-z': 4 }
      }
    ],
    [
      '# %% .class tags=["parameters"]',
      {
        name: null,
        type: 'code',
        tags: ['parameters'],
        metadata: { '.class': null }
      }
    ],
    [
      '# %% Title .hidden',
      { name: 'Title', type: 'code', tags: [], metadata: { '.hidden': null } }
    ],
    [
      '# %% Slide [markdown] .a .b_2 key="v"',
      {
        name: 'Slide',
        type: 'markdown',
        tags: [],
        metadata: { '.a': null, '.b_2': null, key: 'v' }
      }
    ],
    [
      '# %% a=1 .x b=2',
      {
        name: null,
        type: 'code',
        tags: [],
        metadata: { a: 1, '.x': null, b: 2 }
      }
    ],
    [
      '# %% .x=1',
      { name: null, type: 'code', tags: [], metadata: { '.x': 1 } }
    ],
    [
      // Jupytext reads a lone "..." as an attribute too
      '# %% Loading ...',
      { name: 'Loading', type: 'code', tags: [], metadata: { '...': null } }
    ],
    [
      '# %% Loading... data.csv',
      { name: 'Loading... data.csv', type: 'code', tags: [], metadata: {} }
    ],
    [
      '# %% .x-y is a title',
      { name: '.x-y is a title', type: 'code', tags: [], metadata: {} }
    ],
    [
      // Jupytext: flag=None; a bare word keeps the line a title here (docs/script-model.md)
      '# %% T a=1 flag',
      { name: 'T a=1 flag', type: 'code', tags: [], metadata: {} }
    ],
    [
      // Jupytext: JSON metadata {a: 1}; read as title here (docs/script-model.md)
      '# %% Title {"a": 1}',
      { name: 'Title {"a": 1}', type: 'code', tags: [], metadata: {} }
    ],
    [
      '# %% __proto__={"polluted": 1}',
      {
        name: null,
        type: 'code',
        tags: [],
        metadata: JSON.parse('{"__proto__":{"polluted":1}}')
      }
    ]
  ])('%s', (line, expected) => {
    const { warnings, ...cell } = firstMarked(line);
    expect(cell).toEqual(expected);
    expect(warnings).toEqual([]);
    expect(({} as any).polluted).toBeUndefined();
  });

  it('warns, naming the line, when metadata looks meant but cannot be read', () => {
    const script = parseScript('x = 0\n# %% Train tags=["a", oops]\ny = 1\n');
    expect(script.cells[1].name).toBe('Train tags=["a", oops]');
    expect(script.warnings).toEqual([
      {
        line: 2,
        message: expect.stringMatching(
          /^Cell marker: metadata .*oops.* title\.$/
        )
      }
    ]);
  });

  it('reads markdown text with the comment prefixes removed', () => {
    const script = parseScript(
      '# %% [markdown]\n# # Title\n#\n# Some *text*\n#no space\n\n'
    );
    expect(script.cells[0].source).toBe(
      '# # Title\n#\n# Some *text*\n#no space'
    );
    expect(script.cells[0].text).toBe('# Title\n\nSome *text*\nno space');
  });

  it('gives raw cells text too, and code cells none', () => {
    const script = parseScript(
      '# %% [raw]\n# raw text\n# %%\n# code comment\n'
    );
    expect(script.cells[0].text).toBe('raw text');
    expect(script.cells[1].text).toBeUndefined();
  });
});

describe('Jupytext header', () => {
  const header = [
    '# ---',
    '# jupyter:',
    '#   jupytext:',
    '#     text_representation:',
    '#       extension: .py',
    '#       format_name: percent',
    "#       format_version: '1.3'",
    '#       jupytext_version: 1.16.1',
    '#   kernelspec:',
    '#     display_name: Python 3 (ipykernel)',
    '#     language: python',
    '#     name: python3',
    '# ---',
    ''
  ].join('\n');

  it('is file metadata, not a cell', () => {
    const script = parseScript(`${header}\n# %% A\nx = 1\n`);
    expect(script.metadata).toEqual({
      jupyter: {
        jupytext: {
          text_representation: {
            extension: '.py',
            format_name: 'percent',
            format_version: '1.3',
            jupytext_version: '1.16.1'
          }
        },
        kernelspec: {
          display_name: 'Python 3 (ipykernel)',
          language: 'python',
          name: 'python3'
        }
      }
    });
    expect(script.header).toMatchObject({ firstLine: 1, lastLine: 13 });
    expect(script.cells.map(cell => [cell.name, cell.markerLine])).toEqual([
      ['A', 15]
    ]);
    expect(script.warnings).toEqual([]);
  });

  it('counts the lines of a file that is only a header, with or without a last line end', () => {
    // Found by the coverage property: a closing `# ---` without a line end counted a third line.
    for (const [text, lines] of [
      ['# ---\n# ---', 2],
      ['# ---\n# ---\n', 2],
      ['# ---\r\n# ---\r\n', 2],
      ['# ---\n# ---\n\n', 3]
    ] as const) {
      const script = parseScript(text);
      expect([script.lineCount, script.header?.lastLine, script.cells]).toEqual(
        [lines, 2, []]
      );
    }
  });

  it('leaves text between the header and the first marker as cell 0', () => {
    const script = parseScript(`${header}\nimport os\n# %% A\n`);
    expect(script.cells[0]).toMatchObject({
      name: null,
      markerLine: null,
      firstLine: 14,
      lastLine: 15,
      source: '\nimport os'
    });
  });

  it.each([
    [
      'lists and flow lists',
      '# a:\n#   - 1\n#   - two\n# b: [x, 2]\n# c: []',
      { a: [1, 'two'], b: ['x', 2], c: [] }
    ],
    [
      'lists of maps',
      '# a:\n# - name: x\n#   v: 1\n# - name: y',
      { a: [{ name: 'x', v: 1 }, { name: 'y' }] }
    ],
    [
      'scalars',
      '# t: true\n# f: false\n# n: null\n# e:\n# x: 1.5\n# s: "q\\"uote"\n# c: text # comment',
      { t: true, f: false, n: null, e: null, x: 1.5, s: 'q"uote', c: 'text' }
    ],
    [
      'a block scalar',
      '# doc: |\n#   line 1\n#   line 2\n# after: 1',
      { doc: 'line 1\nline 2\n', after: 1 }
    ],
    ['an empty header', '', {}]
  ])('reads YAML %s', (_, yaml, expected) => {
    const text = `# ---\n${yaml}${yaml ? '\n' : ''}# ---\n# %% A\n`;
    expect(parseScript(text).metadata).toEqual(expected);
  });

  it('keeps an unreadable header as raw text with a warning, and does not crash', () => {
    const script = parseScript('# ---\n# a: [unclosed\n# ---\n# %% A\nx = 1\n');
    expect(script.metadata).toBeNull();
    expect(script.header).toEqual({
      firstLine: 1,
      lastLine: 3,
      yaml: 'a: [unclosed'
    });
    expect(script.warnings).toEqual([
      {
        line: 2,
        message: expect.stringMatching(/Jupytext header could not be read/)
      }
    ]);
    expect(script.cells.map(cell => cell.name)).toEqual(['A']);
  });

  it('refuses a header nested too deep, without exhausting the stack', () => {
    const lines = Array.from(
      { length: 3000 },
      (_, i) => `# ${' '.repeat(i)}k:`
    );
    const script = parseScript(`# ---\n${lines.join('\n')}\n# ---\n# %% A\n`);
    expect(script.metadata).toBeNull();
    expect(script.warnings[0].message).toMatch(
      /nesting deeper than 100 levels/
    );
    expect(script.cells.map(cell => cell.name)).toEqual(['A']);
  });

  const nested = (open: string, close: string, depth: number) =>
    open.repeat(depth) + close.repeat(depth);

  it.each<[string, string, number]>([
    ['a flow list', `a: ${nested('[', ']', 100_000)}`, 2],
    [
      'a JSON flow map',
      `a: ${nested('{"k": ', '}', 100_000).replace(/\{"k": \}/, '{}')}`,
      2
    ],
    ['a flow list as a key', `${nested('[', ']', 100_000)}: 1`, 2],
    ['a flow list in a list', `a:\n#   - ${nested('[', ']', 100_000)}`, 3],
    ['a flow list one level too deep', `a: ${nested('[', ']', 100)}`, 2]
  ])(
    'refuses %s nested too deep, with a warning and no overflow',
    (_, yaml, line) => {
      const text = `# ---\n# ${yaml}\n# ---\n# %% A\n`;
      const script = parseScript(text);
      expect(script.metadata).toBeNull();
      expect(script.warnings).toEqual([
        {
          line,
          message:
            'The Jupytext header could not be read (nesting deeper than 100 levels); it is kept as it is.'
        }
      ]);
      expect(script.cells.map(cell => cell.name)).toEqual(['A']);
      expect(() => JSON.stringify(script)).not.toThrow();
    }
  );

  it('reads flow values nested up to the cap', () => {
    const script = parseScript(
      `# ---\n# a: ${nested('[', ']', 99)}\n# b: [[1, ["]]]"]], {"c": [2]}]\n# ---\n`
    );
    expect(script.warnings).toEqual([]);
    expect(JSON.stringify(script.metadata?.a)).toBe(nested('[', ']', 99));
    expect(script.metadata?.b).toEqual([[1, [']]]']], { c: [2] }]);
  });

  it.each([
    ['not closed', '# ---\n# a: 1\nx = 1\n'],
    ['not on line 1', '\n# ---\n# a: 1\n# ---\n'],
    ['a longer rule', '# -----\n# a: 1\n# -----\n']
  ])('is no header when %s', (_, text) => {
    const script = parseScript(text);
    expect(script.header).toBeNull();
    expect(script.metadata).toBeNull();
    expect(script.cells).toHaveLength(1);
  });
});
