import {
  type CellSegment,
  historyEntry,
  planCell
} from '../../../src/magics/magicSyntax';

const names = {
  isLineMagic: (name: string) => ['cs', 'cellscript', 'mine'].includes(name),
  isCellMagic: (name: string) => ['cs', 'cellscript'].includes(name)
};

describe('planCell', () => {
  const cases: Array<[string, string, CellSegment[] | null]> = [
    ['plain Python goes to the kernel', 'x = 1\nprint(x)', null],
    ['an empty cell', '  \n', null],
    ["IPython's own line magic", '%time 1 + 1', null],
    ["IPython's own cell magic", '%%capture out\nprint(1)', null],
    ['a shell escape', '!echo hi', null],
    [
      'a line magic alone',
      '%cs run Evaluate',
      [{ kind: 'line', name: 'cs', rest: 'run Evaluate', line: 1 }]
    ],
    [
      'a line magic without arguments, trailing blanks',
      '%cellscript   ',
      [{ kind: 'line', name: 'cellscript', rest: '', line: 1 }]
    ],
    [
      'a cell magic takes the whole cell',
      '%%cs save Train\nmodel.fit()\n%cs run X',
      [
        {
          kind: 'cell',
          name: 'cs',
          rest: 'save Train',
          body: 'model.fit()\n%cs run X',
          line: 1
        }
      ]
    ],
    [
      'a cell magic after blank lines',
      '\n\n%%cs exec\nx = 1',
      [{ kind: 'cell', name: 'cs', rest: 'exec', body: 'x = 1', line: 3 }]
    ],
    [
      'an unknown cell magic leaves the cell to the kernel even with a known line magic in it',
      '%%bash\n%cs run X',
      null
    ],
    [
      'Python and line magics in order',
      'a = 1\n%cs run A\nb = 2\n\n%mine x\n',
      [
        { kind: 'python', code: 'a = 1', line: 1 },
        { kind: 'line', name: 'cs', rest: 'run A', line: 2 },
        { kind: 'python', code: 'b = 2\n', line: 3 },
        { kind: 'line', name: 'mine', rest: 'x', line: 5 }
      ]
    ],
    [
      'a magic line inside a triple-quoted string is text',
      's = """\n%cs run A\n"""',
      null
    ],
    ['a magic line inside brackets is text', 'x = [\n%cs run A\n]', null],
    [
      'after a backslash continuation it is text',
      'x = 1 + \\\n%cs run A',
      null
    ],
    [
      'an indented magic is Python (IPython would need the block)',
      'if x:\n    %cs run A',
      null
    ],
    ['%csv is not %cs', '%csv file', null],
    ['a %% line magic name must be a cell magic', '%%mine\nbody', null],
    [
      'CRLF line ends',
      'a = 1\r\n%cs list\r\n',
      [
        { kind: 'python', code: 'a = 1', line: 1 },
        { kind: 'line', name: 'cs', rest: 'list', line: 2 }
      ]
    ]
  ];
  it.each(cases)('%s', (_, source, expected) => {
    expect(planCell(source, names)).toEqual(expected);
  });
});

describe('historyEntry', () => {
  it.each([
    ['%cs run A', '# %cs run A'],
    ['a\nb', '# a\n# b'],
    ['a\r\nb\rc', '# a\n# b\n# c'],
    // Every line IPython would split on stays behind a '#'.
    ['x\u2028import os\x0cy\x85z', '# x\n# import os\n# y\n# z']
  ])('%j becomes %j', (source, entry) => {
    expect(historyEntry(source)).toBe(entry);
  });
});
