import {
  CellSelectorError,
  convertParameterValue,
  inferParameters,
  parseScript,
  replaceCellSource,
  selectCells
} from '../../../src/script';

/**
 * Inputs built to hit quadratic behaviour (regex backtracking on long blank runs, repeated
 * rescans, deep recursion). Each must give the right answer without a stack overflow. Speed is
 * not asserted here (goals are measured by `npm run bench`): a quadratic path shows as a run of
 * this file that takes seconds to minutes instead of milliseconds.
 */
const N = 200_000;
const spaces = ' '.repeat(N);

describe('adversarial inputs', () => {
  it.each<[string, string, Array<string | null>]>([
    [
      'a marker title with a long blank run',
      `# %% A${spaces}B\nx\n`,
      [`A${spaces}B`]
    ],
    ['a prompt marker with a long blank run', `# In[${spaces}x\n`, [null]],
    [
      'a long run of key=value candidates',
      `# %% ${'a=[ '.repeat(N / 4)}\n`,
      ['a=['.concat(' a=['.repeat(N / 4 - 1))]
    ],
    [
      'a long run of quoted metadata',
      `# %% ${'k="v" '.repeat(N / 6)}x\n`,
      ['k="v" '.repeat(N / 6) + 'x']
    ],
    [
      'triple quotes over and over',
      `x = ${"'''".repeat(N)}\n# %% B\n`,
      [null, 'B']
    ],
    ['a 5 MB line without a newline', `# %% A\n${'x'.repeat(25 * N)}`, ['A']],
    ['many markers', '# %% C\n'.repeat(N / 4), Array(N / 4).fill('C')]
  ])('parses %s', (_, text, names) => {
    const script = parseScript(text, { forms: ['percent', 'prompt'] });
    // Compare cheaply: a failing toEqual on 200 KB strings takes jest minutes to print.
    expect(script.cells.length).toBe(names.length);
    expect(script.cells.every((cell, i) => cell.name === names[i])).toBe(true);
  });

  it('reads a header with long blank runs', () => {
    const text = `# ---${spaces}\n# a: b${spaces}c${spaces}\n# k: "v # w"${spaces}# note\n# ---\n# %% A\n`;
    const script = parseScript(text);
    expect(script.warnings).toEqual([]);
    expect(script.metadata?.a === `b${spaces}c`).toBe(true);
    expect(script.metadata?.k).toBe('v # w');
  });

  it.each([
    ['an annotation with a long blank run', `x: a${spaces}b\ny = 1\n`, ['y']],
    [
      'an annotation with a long blank run and a value',
      `x: int${spaces}= 1\n`,
      ['x']
    ],
    ['a long union annotation', `x: ${'a |'.repeat(N / 3)} None = 1\n`, ['x']],
    ['deep brackets', `x = ${'('.repeat(N)}\ny = 1\n`, []],
    [
      'a long dotted call',
      `x = ${'a.'.repeat(N / 2)}Param(1)\ny = 2\n`,
      ['x', 'y']
    ],
    ['a long list', `x = [${'1, '.repeat(N / 3)}]\n`, ['x']],
    ['a long type comment', `x = 1  # type: int${spaces}help${spaces}\n`, ['x']]
  ])('infers parameters past %s', (_, text, names) => {
    const params = inferParameters(parseScript(text));
    expect(params.map(param => param.name)).toEqual(names);
  });

  it('selects by a long name and converts a long value', () => {
    const script = parseScript(`# %% ${'n'.repeat(N)}\n`);
    expect(selectCells(script, 'n'.repeat(N - 1))).toHaveLength(1);
    const param = {
      name: 'p',
      type: 'list',
      line: 1,
      value: [],
      required: false
    };
    expect(
      convertParameterValue(param, `[${'[1], '.repeat(N / 5)}]`)
    ).toHaveLength(N / 5);
  });

  it.each<[string, string, string, RegExp]>([
    [
      '200 000 colons',
      '# %% A\n# %% B\n',
      ':'.repeat(N),
      /^':{57}\.\.\.' is not a range of cells: a range is two ends joined by one colon/
    ],
    [
      'many two-colon ranges',
      '# %% A\n',
      'A:'.repeat(N / 2),
      /is not a range of cells/
    ],
    [
      '200 000 colons and a name of 1000 colons',
      `# %% ${':'.repeat(1000)}\n# %% B\n`,
      ':'.repeat(N),
      /is not a range of cells/
    ],
    [
      'a range of a name of 1000 colons to itself',
      `# %% ${':'.repeat(1000)}\n# %% B\n`,
      ':'.repeat(2001),
      /^0$/
    ],
    [
      'a range with long blank runs',
      '# %% A\n# %% B\n',
      `A${spaces}:${spaces}B`,
      /^0,1$/
    ]
  ])('selects by %s', (_, text, selector, expected) => {
    const script = parseScript(text);
    let answer: string;
    try {
      answer = selectCells(script, selector)
        .map(cell => cell.index)
        .join();
    } catch (error) {
      expect(error).toBeInstanceOf(CellSelectorError);
      answer = (error as Error).message;
    }
    expect(answer).toMatch(expected);
  });

  it('writes back into a 10 MB script', () => {
    const body = 'value = compute(data, alpha=0.1)  # a typical line\n'.repeat(
      29
    );
    const text = '# %% A\nx = 1\n' + `# %% B\n${body}`.repeat(7000);
    const cell = parseScript(text).cells[0];
    const result = replaceCellSource(
      text,
      { index: 0, name: 'A', hash: cell.hash },
      'x = 3'
    );
    expect(result.slice(0, 21)).toBe('# %% A\nx = 3\n# %% B\nv');
    expect(result.length).toBe(text.length);
  });
});
