import {
  escapeHtml,
  pythonRepr,
  tableBundle
} from '../../../src/magics/magicDisplay';
import { MagicUsageError } from '../../../src/magics/errors';
import { resolveScriptPath } from '../../../src/magics/scriptPaths';

describe('pythonRepr', () => {
  it.each([
    [null, undefined, 'None'],
    [true, undefined, 'True'],
    [3, 'int', '3'],
    [3, 'float', '3.0'],
    [0.5, 'float', '0.5'],
    ['a', 'str', "'a'"],
    ["it's", 'str', '"it\'s"'],
    ['both \' and "', 'str', "'both \\' and \"'"],
    ['line\nbreak\\', 'str', "'line\\nbreak\\\\'"],
    [[1, 'x'], 'list', "[1, 'x']"],
    [[1], 'tuple', '(1,)'],
    [[1, 2], 'tuple', '(1, 2)'],
    [{ a: [null] }, 'dict', "{'a': [None]}"]
  ])('%j (%s) is %s', (value, type, repr) => {
    expect(pythonRepr(value, type)).toBe(repr);
  });
});

describe('tableBundle', () => {
  it('aligns text and escapes HTML', () => {
    const bundle = tableBundle(
      ['#', 'name'],
      [
        ['0', '<img src=x onerror=alert(1)>'],
        ['10', 'Train']
      ]
    );
    expect(bundle['text/plain']).toBe(
      '#   name\n--  ----------------------------\n0   <img src=x onerror=alert(1)>\n10  Train'
    );
    expect(bundle['text/html']).toContain(
      '<td>&lt;img src=x onerror=alert(1)&gt;</td>'
    );
    expect(bundle['text/html']).not.toContain('<img');
  });

  it('escapes every character HTML gives meaning to', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('resolveScriptPath', () => {
  it.each([
    ['work/nb.ipynb', 'train.py', 'work/train.py'],
    ['work/nb.ipynb', '../lib/a.py', 'lib/a.py'],
    ['work/nb.ipynb', '/top.py', 'top.py'],
    ['nb.ipynb', './x/../y.py', 'y.py'],
    ['nb.ipynb', ' spaced.py ', 'spaced.py']
  ])('from %s, %s is %s', (notebook, typed, path) => {
    expect(resolveScriptPath(notebook, typed)).toBe(path);
  });

  it.each(['../x.py', '/..', '', '.'])('refuses %j', typed => {
    expect(() => resolveScriptPath('nb.ipynb', typed)).toThrow(MagicUsageError);
  });
});
