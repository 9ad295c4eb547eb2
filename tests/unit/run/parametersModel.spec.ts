import { parseScript } from '../../../src/script';
import {
  parametersView,
  valueText
} from '../../../src/widgets/parametersModel';

describe('parametersView', () => {
  const script = parseScript(
    [
      '# %% Parameters',
      'lr = 0.1',
      'epochs = 3',
      '# %% Train',
      'lr = 0.5',
      'print(lr)',
      ''
    ].join('\n')
  );

  it('gives each parameter its override and the lines that assign it again', () => {
    const view = parametersView(script, { epochs: 7 });
    expect(
      view.rows.map(row => [row.parameter.name, row.override, row.reassignedAt])
    ).toEqual([
      ['lr', undefined, [5]],
      ['epochs', 7, []]
    ]);
    expect(view.orphaned).toEqual([]);
  });

  it('lists the overrides of names that are no parameter now', () => {
    expect(parametersView(script, { old: 'x', lr: 1 }).orphaned).toEqual([
      { name: 'old', value: 'x' }
    ]);
  });
});

describe('valueText', () => {
  it.each<[unknown, string, string]>([
    [undefined, 'int', ''],
    [3, 'int', '3'],
    [0.5, 'float', '0.5'],
    [true, 'bool', 'True'],
    [null, 'int', 'None'],
    ['text as is', 'str', 'text as is'],
    ['quoted', 'any', '"quoted"'],
    [[1, 'a', null], 'list', '[1, "a", None]'],
    [{ k: [false] }, 'dict', '{"k": [False]}']
  ])('%j as %s is %s', (value, type, text) => {
    expect(valueText(value as any, type)).toBe(text);
  });
});
