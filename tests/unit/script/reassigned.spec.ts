import {
  assignedNames,
  findReassignments,
  inferParameters,
  parseScript
} from '../../../src/script';

/** The reassigned lines of each parameter of a script, as a plain object. */
function reassigned(text: string): Record<string, number[]> {
  const script = parseScript(text);
  return Object.fromEntries(findReassignments(script, inferParameters(script)));
}

describe('assignedNames', () => {
  it.each<[string, string[]]>([
    ['lr = 0.5', ['lr']],
    ['lr: float = 0.5', ['lr']],
    ['lr=0.5', ['lr']],
    ['lr += 1', ['lr']],
    ['lr -= 1', ['lr']],
    ['lr *= 2', ['lr']],
    ['lr /= 2', ['lr']],
    ['lr //= 2', ['lr']],
    ['lr **= 2', ['lr']],
    ['lr %= 2', ['lr']],
    ['lr >>= 1', ['lr']],
    ['lr <<= 1', ['lr']],
    ['lr |= 1', ['lr']],
    ['lr &= 1', ['lr']],
    ['lr ^= 1', ['lr']],
    ['lr @= m', ['lr']],
    ['a, lr = 1, 2', ['a', 'lr']],
    ['a, lr, = 1, 2', ['a', 'lr']],
    ['lr = other = 1', ['lr']],
    ['for lr in [0.1, 0.2]:', ['lr']],
    ['for i, (a, lr) in pairs:', ['i', 'a', 'lr']],
    ['async for lr in rates():', ['lr']],
    ['lr == 1', []],
    ['lr <= 1', []],
    ['lr >= 1', []],
    ['lr != 1', []],
    ['print(lr)', []],
    ['lr: float', []],
    ['obj.lr = 1', []],
    ['d["lr"] = 1', []],
    ['else: lr = 1', []],
    ['lr(x=1)', []]
  ])('%s', (statement, names) => {
    expect(assignedNames(statement)).toEqual(names);
  });
});

describe('findReassignments', () => {
  it('gives the lines of later module-level assignments in any code cell', () => {
    const text = [
      '# %% Parameters', // 1
      'lr = 0.1', // 2
      'epochs = 3', // 3
      '# %% Train', // 4
      'lr = 0.5', // 5
      'for epochs in range(2):', // 6
      '    lr = 1', // 7 (indented: not module level)
      'lr *= 2', // 8
      ''
    ].join('\n');
    expect(reassigned(text)).toEqual({ lr: [5, 8], epochs: [6] });
  });

  it('ignores the defining assignment and everything before it', () => {
    expect(reassigned('x = 1\nlr = 0.1\nx = 2\n')).toEqual({ x: [3] });
  });

  it('ignores assignments inside strings, brackets and markdown cells', () => {
    const text = [
      'lr = 0.1', // 1
      's = """', // 2
      'lr = 2', // 3 (in a string)
      '"""', // 4
      'f(', // 5
      'lr = 3)', // 6 (a keyword argument)
      '# %% Notes [markdown]', // 7
      'lr = 4', // 8 (markdown)
      ''
    ].join('\n');
    expect(reassigned(text)).toEqual({});
  });

  it('names the parameter by its key for Param(name=...)', () => {
    const text = 'rate = Param(0.1, name="learning_rate")\nrate = 2\n';
    expect(reassigned(text)).toEqual({ learning_rate: [2] });
  });

  it('finds nothing without parameters', () => {
    expect(reassigned('x = f()\nx = 2\n')).toEqual({});
  });
});
