import {
  inferParameters,
  orphanedOverrides,
  overridesForRun,
  ParameterError,
  runOverrides,
  parseScript,
  type IOverrideCell
} from '../../../src/script';

const TEXT = [
  '# %% Setup', // 1
  'lr = 0.1  # step size', // 2
  'epochs = 3', // 3
  '# %% Data', // 4
  'data = Param(name="data_path")', // 5
  'rate = Param(0.5, name="drop")', // 6
  '# %% Train', // 7
  'print(lr)', // 8
  ''
].join('\n');
const parameters = inferParameters(parseScript(TEXT));
const cell = (index: number, lines?: [number, number]): IOverrideCell =>
  lines
    ? { index, selection: { firstLine: lines[0], lastLine: lines[1] } }
    : { index };

describe('overridesForRun', () => {
  it.each<[string, Record<string, unknown>, IOverrideCell[], unknown]>([
    ['nothing set', {}, [cell(0)], {}],
    [
      'a value of a cell that runs',
      { lr: '0.5' },
      [cell(0)],
      { 0: { lr: 0.5 } }
    ],
    [
      'values converted by type, keyed by variable',
      { epochs: 4, drop: '0.25', data_path: 'x.csv' },
      [cell(0), cell(1)],
      { 0: { epochs: 4 }, 1: { data: 'x.csv', rate: 0.25 } }
    ],
    ['nothing for cells that do not run', { lr: 1 }, [cell(2)], {}],
    [
      'a selection with the defining line',
      { lr: 1 },
      [cell(0, [2, 2])],
      { 0: { lr: 1 } }
    ],
    [
      'a selection without it',
      { lr: 1, epochs: 5 },
      [cell(0, [3, 3])],
      { 0: { epochs: 5 } }
    ],
    ['orphaned values left out', { gone: 1 }, [cell(0)], {}]
  ])('%s', (_, values, cells, expected) => {
    expect(overridesForRun(parameters, values, cells)).toEqual(expected);
  });

  it('refuses a run of a required Param() without a value, naming it and its line', () => {
    expect(() => overridesForRun(parameters, {}, [cell(0), cell(1)])).toThrow(
      new ParameterError(
        'data_path (line 5) is required and has no value: set it in the parameters form of the CellScript sidebar (or with the command "Set Parameter"), then run again. Nothing ran.',
        'data_path'
      )
    );
    // Not when the run leaves out its line.
    expect(overridesForRun(parameters, {}, [cell(1, [6, 6])])).toEqual({});
  });

  it('refuses a stored value that no longer fits the type', () => {
    expect(() =>
      overridesForRun(parameters, { epochs: 3.5 }, [cell(0)])
    ).toThrow(
      'epochs (line 3) expects an int; 3.5 would be truncated. Give a whole number.'
    );
  });
});

describe('orphanedOverrides', () => {
  it('lists the values set for names that are no parameter now', () => {
    expect(orphanedOverrides(parameters, { lr: 1, old: 2, drop: 0 })).toEqual([
      'old'
    ]);
  });
});

describe('runOverrides', () => {
  const script = parseScript(TEXT);
  const [setup, data, train] = script.cells;

  it('carries nothing without values and without Param() in the cells run', () => {
    expect(runOverrides(script, {}, [setup, train])).toEqual({});
  });

  it('still stops at a required Param() without a value', () => {
    expect(() => runOverrides(script, {}, [setup, data])).toThrow(
      /data_path \(line 5\) is required/
    );
  });

  it('carries the values set, as overridesForRun does', () => {
    expect(runOverrides(script, { lr: '0.5' }, [setup, train])).toEqual({
      '0': { lr: 0.5 }
    });
  });
});
