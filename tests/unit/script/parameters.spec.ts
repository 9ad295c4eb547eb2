import {
  inferParameters,
  IScriptParameter,
  parseScript
} from '../../../src/script';

function params(text: string): IScriptParameter[] {
  return inferParameters(parseScript(text));
}

/** The one parameter a one-line script declares, without its position. */
function one(line: string): Partial<IScriptParameter> | undefined {
  const found = params(`${line}\n`);
  if (found.length === 0) {
    return undefined;
  }
  const rest: Partial<IScriptParameter> = { ...found[0] };
  delete rest.line;
  delete rest.cellIndex;
  return rest;
}

describe('inferParameters: literal types', () => {
  it.each<[string, unknown, string]>([
    ['n = 3', 3, 'int'],
    ['n = -3', -3, 'int'],
    ['n = +3', 3, 'int'],
    ['n = 1_000', 1000, 'int'],
    ['n = 0x1F', 31, 'int'],
    ['n = 0o17', 15, 'int'],
    ['n = 0b101', 5, 'int'],
    ['n = 0', 0, 'int'],
    ['x = 0.5', 0.5, 'float'],
    ['x = -0.5', -0.5, 'float'],
    ['x = 1e-3', 0.001, 'float'],
    ['x = 1E3', 1000, 'float'],
    ['x = 2.', 2, 'float'],
    ['x = .25', 0.25, 'float'],
    ['x = 1_000.5', 1000.5, 'float'],
    ['s = "text"', 'text', 'str'],
    ["s = 'text'", 'text', 'str'],
    ['s = """triple"""', 'triple', 'str'],
    ["s = '''triple'''", 'triple', 'str'],
    ['s = "tab\\there"', 'tab\there', 'str'],
    ['s = "quote \\" inside"', 'quote " inside', 'str'],
    ["s = 'it\\'s'", "it's", 'str'],
    ['s = "\\x41\\u00e9\\U0001F600\\101\\0"', 'A\u00e9\u{1F600}A\0', 'str'],
    ['s = "keep \\d unknown"', 'keep \\d unknown', 'str'],
    ['s = r"C:\\new\\path"', 'C:\\new\\path', 'str'],
    ["s = R'\\''", "\\'", 'str'],
    ['s = u"unicode"', 'unicode', 'str'],
    ['s = "a" "b" \'c\'', 'abc', 'str'],
    ['s = "é ünïcödé 字"', 'é ünïcödé 字', 'str'],
    ['b = True', true, 'bool'],
    ['b = False', false, 'bool'],
    ['v = None', null, 'NoneType'],
    ['l = [1, 2.5, "x", None, True]', [1, 2.5, 'x', null, true], 'list'],
    ['l = []', [], 'list'],
    [
      'l = [[1, 2], [3, [4]]]',
      [
        [1, 2],
        [3, [4]]
      ],
      'list'
    ],
    ['l = [1, 2,]', [1, 2], 'list'],
    ['t = (1, 2)', [1, 2], 'tuple'],
    ['t = (1,)', [1], 'tuple'],
    ['t = ()', [], 'tuple'],
    ['t = 1, 2', [1, 2], 'tuple'],
    ['p = (3)', 3, 'int'],
    // A sign before parentheses is applied, as Python reads it.
    ['k = -(123)', -123, 'int'],
    ['k = +(1.5)', 1.5, 'float'],
    ['k = - ( 2 )', -2, 'int'],
    ['k = -(-(2))', 2, 'int'],
    ['k = -((4.5))', -4.5, 'float'],
    ['k = +-(3)', -3, 'int'],
    ['k = -(1e3)', -1000, 'float'],
    ['k = -(0x10)', -16, 'int'],
    ['d = {"a": 1, \'b\': [2]}', { a: 1, b: [2] }, 'dict'],
    ['d = {}', {}, 'dict']
  ])('%s', (line, value, type) => {
    expect(one(line)).toMatchObject({
      name: line.split(' ')[0],
      value,
      type,
      declaredBy: 'literal'
    });
  });

  it('reads a list over several lines with comments', () => {
    const found = params(
      'layers = [\n    64,  # first\n    32,\n]\nafter = 1\n'
    );
    expect(found.map(p => [p.name, p.value, p.line])).toEqual([
      ['layers', [64, 32], 1],
      ['after', 1, 5]
    ]);
  });

  it('reads a triple-quoted string over several lines', () => {
    expect(one('query = """\nSELECT *\nFROM t\n"""')).toMatchObject({
      value: '\nSELECT *\nFROM t\n',
      type: 'str'
    });
  });

  it.each([
    ['a call', 'x = compute()'],
    ['a name', 'x = other'],
    ['arithmetic', 'x = 1 + 2'],
    ['an f-string', 'x = f"{y}"'],
    ['bytes', 'x = b"raw"'],
    ['a complex number', 'x = 1j'],
    ['a set', 'x = {1, 2}'],
    ['a dict with a non-string key', 'x = {1: 2}'],
    ['an int too large to keep exactly', 'x = 123456789012345678901234567890'],
    ['a float too large', 'x = 1e999'],
    ['an int with leading zeros', 'x = 007'],
    ['a chained assignment', 'x = y = 1'],
    ['a tuple target', 'x, y = 1, 2'],
    ['an augmented assignment', 'x += 1'],
    ['a comparison', 'x == 1'],
    ['an attribute', 'obj.x = 1'],
    ['an item', 'd["k"] = 1'],
    ['more code after', 'x = 1; y = 2'],
    ['a keyword', 'else: x = 1'],
    ['an annotation without a value', 'x: int'],
    ['a private name', '_x = 1'],
    ['a dunder name', '__version__ = "1.0"'],
    ['an unclosed list', 'x = [1, 2'],
    ['a named escape', 'x = "\\N{BULLET}"'],
    ['a sign before a parenthesised tuple', 'x = -(1, 2)'],
    ['a sign before a parenthesised string', 'x = -("a")'],
    ['a sign before a parenthesised bool', 'x = -(True)'],
    ['a sign before empty parentheses', 'x = -()'],
    ['a sign before a parenthesised name', 'x = -(y)'],
    ['a signed parenthesis then arithmetic', 'x = -(1) + 2'],
    [
      'a list nested 100000 deep',
      `x = ${'['.repeat(100000)}${']'.repeat(100000)}`
    ]
  ])('skips %s', (_, line) => {
    expect(params(`${line}\n`)).toEqual([]);
  });
});

describe('inferParameters: where assignments count', () => {
  it.each([
    ['inside a def', 'def f():\n    x = 1\n'],
    ['inside a class', 'class C:\n    x = 1\n'],
    ['inside an if', 'if True:\n    x = 1\n'],
    ['inside a docstring', '"""\nx = 1\n"""\n'],
    ["inside a '''string'''", "s = 1 if 0 else '''\nx = 1\n'''\n"],
    ['inside brackets', 'call(\nx = 1)\n'],
    ['after a backslash continuation', 'y = a + \\\nx\n'],
    ['in a markdown cell', '# %% [markdown]\nx = 1\n']
  ])('not %s', (_, text) => {
    expect(params(text).map(p => p.name)).not.toContain('x');
  });

  it('counts module-level assignments after blocks, in every code cell', () => {
    const text = [
      'import os', // 1
      'if os.name:', // 2
      '    hidden = 1', // 3
      'top = 1', // 4
      '# %% Two', // 5
      'second = "b"', // 6
      '# %% [markdown]', // 7
      'doc = 1' // 8
    ].join('\n');
    expect(params(text).map(p => [p.name, p.line, p.cellIndex])).toEqual([
      ['top', 4, 0],
      ['second', 6, 1]
    ]);
  });

  it('lets the first assignment win', () => {
    const found = params('lr = 0.1\nlr = 0.2\n# %% Later\nlr = 0.3\n');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ name: 'lr', value: 0.1, line: 1 });
  });

  it.each([
    ['tagged parameters', '# %% Setup tags=["parameters"]'],
    ['named Parameters', '# %% Parameters'],
    ['named parameters in lower case', '# %% parameters']
  ])('only counts the cell %s', (_, marker) => {
    const text = `before = 1\n${marker}\nlr = 0.1\nepochs = 3\n# %% After\nafter = 2\n`;
    expect(params(text).map(p => [p.name, p.line, p.cellIndex])).toEqual([
      ['lr', 3, 1],
      ['epochs', 4, 1]
    ]);
  });
});

describe('inferParameters: comments and annotations', () => {
  it.each<[string, Partial<IScriptParameter>]>([
    [
      'epochs = 10  # number of passes',
      { type: 'int', help: 'number of passes' }
    ],
    [
      'epochs = 10  # type: int  number of passes',
      { type: 'int', help: 'number of passes' }
    ],
    ['seed = None  # type: int', { type: 'int', value: null }],
    [
      'rate = 1  # type: float # step size',
      { type: 'float', help: 'step size', value: 1 }
    ],
    ['lr: float = 0.1', { type: 'float', value: 0.1 }],
    ['lr: "float" = 1', { type: 'float', value: 1 }],
    ['names: List[str] = []', { type: 'list' }],
    ['names: list[str] = ["a"]', { type: 'list' }],
    ['opts: Dict[str, int] = {}', { type: 'dict' }],
    ['seed: Optional[int] = None', { type: 'int', value: null }],
    ['seed: int | None = None', { type: 'int', value: null }],
    ['mode: typing.Literal["a", "b"] = "a"', { type: 'Literal', value: 'a' }],
    // The annotation is Python's declaration: it wins over the comment (papermill does too).
    ['lr: float = 0.1  # type: int', { type: 'float', value: 0.1 }],
    [
      'a: float = 2.258  # type: int  step size',
      { type: 'float', value: 2.258, help: 'step size' }
    ],
    ['n: int = 3  # type: str', { type: 'int', value: 3 }]
  ])('%s', (line, expected) => {
    expect(one(line)).toMatchObject(expected);
  });

  it('has no help without a comment', () => {
    expect(one('x = 1')).not.toHaveProperty('help');
  });
});

describe('inferParameters: Param declarations', () => {
  it.each<[string, Partial<IScriptParameter>]>([
    [
      'lr = Param(0.1)',
      { name: 'lr', variable: 'lr', value: 0.1, type: 'float', required: false }
    ],
    [
      'lr = Param(0.1, name="learning_rate")',
      {
        name: 'learning_rate',
        variable: 'lr',
        value: 0.1,
        type: 'float',
        required: false
      }
    ],
    [
      'lr = Param(default=0.1, name="rate")',
      { name: 'rate', value: 0.1, required: false }
    ],
    [
      'path = Param()',
      { name: 'path', value: undefined, type: 'any', required: true }
    ],
    [
      'path = Param(name="input")',
      { name: 'input', value: undefined, required: true }
    ],
    ['n: int = Param()', { name: 'n', type: 'int', required: true }],
    ['n = Param(3, help="how many")', { value: 3, help: 'how many' }],
    [
      'n = Param(3, help="how many")  # a comment',
      { value: 3, help: 'how many' }
    ],
    [
      'n = Param(3)  # from the comment',
      { value: 3, help: 'from the comment' }
    ],
    ['n = py3r.Param(3)', { value: 3, type: 'int' }],
    ['n = Param(\n    3,\n    name="count",\n)', { name: 'count', value: 3 }],
    ['n = Param(None)', { value: null, type: 'NoneType', required: false }]
  ])('%s', (line, expected) => {
    expect(one(line)).toMatchObject({ ...expected, declaredBy: 'Param' });
  });

  it.each([
    ['a non-literal default', 'x = Param(compute())'],
    ['an unclosed call', 'x = Param(1'],
    ['a positional argument after a keyword', 'x = Param(name="a", 1)']
  ])('skips %s', (_, line) => {
    expect(params(`${line}\n`)).toEqual([]);
  });

  it('lets the first declaration of a key win', () => {
    const found = params('a = Param(1, name="k")\nb = Param(2, name="k")\n');
    expect(found.map(p => [p.name, p.variable])).toEqual([['k', 'a']]);
  });
});
