import { parseScript, ParameterError } from '../../../src/script';
import {
  planSweep,
  splitValueList,
  SweepError,
  SweepResults
} from '../../../src/sweep';
import type { IIterationResult } from '../../../src/sweep';

const SCRIPT = parseScript(
  '# %% Setup\nimport time\n' +
    '# %% Parameters\nfrom cellscript import Param\nlr = 0.1  # type: float\nepochs = 2\n' +
    'name = "run"\ndata = Param(name="data_path")\n' +
    '# %% Train\nloss = lr * epochs\n'
);

describe('planSweep', () => {
  it('varies one parameter at a time around the nominal values, the default included once', () => {
    const plan = planSweep(
      SCRIPT,
      { lr: ['0.5', 0.1], epochs: [3] },
      { nominal: { data_path: 'a.csv' } }
    );
    expect(plan.iterations.map(i => i.varied)).toEqual([
      { lr: 0.1, epochs: 2 },
      { lr: 0.5, epochs: 2 },
      { lr: 0.1, epochs: 3 }
    ]);
    expect(plan.iterations[1].values).toEqual({
      data_path: 'a.csv',
      lr: 0.5,
      epochs: 2
    });
    expect(plan.values).toEqual({ lr: [0.1, 0.5], epochs: [2, 3] });
  });

  it('uses a given nominal value as the centre instead of the default', () => {
    const plan = planSweep(
      SCRIPT,
      { lr: [0.3] },
      { nominal: { lr: 0.2, data_path: 'x' } }
    );
    expect(plan.iterations.map(i => i.varied)).toEqual([
      { lr: 0.2 },
      { lr: 0.3 }
    ]);
  });

  it('tests every combination in a grid, the last parameter fastest', () => {
    const plan = planSweep(
      SCRIPT,
      { epochs: [1, 2], lr: [0.1, 0.2] },
      { mode: 'grid', nominal: { data_path: 'x' } }
    );
    expect(plan.iterations.map(i => i.key)).toEqual([
      '{"epochs":1,"lr":0.1}',
      '{"epochs":2,"lr":0.1}',
      '{"epochs":1,"lr":0.2}',
      '{"epochs":2,"lr":0.2}'
    ]);
  });

  it('counts the cells before the first swept parameter as set-up', () => {
    expect(
      planSweep(SCRIPT, { lr: [1] }, { nominal: { data_path: 'x' } }).setupCount
    ).toBe(1);
    const noSetup = parseScript(
      '# %% Parameters\nlr = 0.1\n# %% Train\nx = lr\n'
    );
    expect(planSweep(noSetup, { lr: [1] }).setupCount).toBe(0);
  });

  it('converts values by type and never truncates', () => {
    expect(() =>
      planSweep(SCRIPT, { epochs: ['2.5'] }, { nominal: { data_path: 'x' } })
    ).toThrow(ParameterError);
    expect(() =>
      planSweep(SCRIPT, { epochs: ['2.5'] }, { nominal: { data_path: 'x' } })
    ).toThrow(/epochs \(line 6\) expects an int; 2\.5 would be truncated/);
    expect(
      planSweep(SCRIPT, { name: [3] }, { nominal: { data_path: 'x' } }).values
        .name
    ).toEqual(['run', '3']);
  });

  it.each([
    [
      { rate: [1] },
      {},
      /has no parameter "rate"\. Its parameters are: lr \(line 5\)/
    ],
    [{ lr: [] }, {}, /The values of lr \(line 5\) are empty/],
    [{}, {}, /Nothing to sweep/],
    [{ lr: [1] }, { concurrency: 0 }, /1 or more \(got 0\)/],
    [{ lr: [1] }, { concurrency: 1.5 }, /1 or more \(got 1\.5\)/],
    [{ lr: [1] }, { mode: 'random' }, /Unknown sweep mode "random"/],
    [{ lr: [1] }, { isolation: 'thread' }, /Unknown isolation "thread"/],
    [{ lr: [1] }, { outputs: ['a b'] }, /Output "a b" is not a Python name/],
    [{ lr: [1] }, {}, /data_path \(line 8\) is a required Param/]
  ])('refuses %j with %j before anything runs', (values, options, message) => {
    expect(() => planSweep(SCRIPT, values, options as never)).toThrow(message);
  });

  it('says so when the script has no parameters', () => {
    const script = parseScript('# %%\nimport os\n');
    expect(() => planSweep(script, { x: [1] }, {}, 'plain.py')).toThrow(
      new SweepError(
        'plain.py has no parameters to sweep. Declare them as module-level assignments of ' +
          'literals (lr = 0.1) or with Param (lr = Param(0.1)), ideally in a cell named Parameters.'
      )
    );
  });
});

describe('SweepResults', () => {
  const result = (
    varied: { [key: string]: number },
    status: IIterationResult['status'],
    loss?: number
  ): IIterationResult => ({
    position: 0,
    key: JSON.stringify(varied),
    varied,
    values: varied,
    status,
    durationMs: 5,
    outputs:
      loss === undefined
        ? {}
        : { loss: { type: 'float', kind: 'json', value: loss } },
    ...(status === 'error'
      ? {
          error: { ename: 'ValueError', evalue: 'bad', line: 3, traceback: '' }
        }
      : {})
  });
  const results = new SweepResults(
    ['lr', 'epochs'],
    [
      result({ lr: 0.1, epochs: 2 }, 'ok', 1),
      result({ lr: 0.5, epochs: 2 }, 'error'),
      result({ lr: 0.1, epochs: 3 }, 'ok', 0.5)
    ]
  );

  it('finds an iteration by the values that name it', () => {
    expect(results.get({ lr: 0.5 }).status).toBe('error');
    expect(results.get({ lr: 0.1, epochs: 3 }).outputs.loss).toMatchObject({
      value: 0.5
    });
    expect(() => results.get({ lr: 0.1 })).toThrow(
      /2 iterations have \{"lr":0\.1\}: give values for more of lr, epochs/
    );
    expect(() => results.get({ lr: 9 })).toThrow(
      /No iteration of this sweep has/
    );
  });

  it('lists errors, unfinished iterations, differing parameters and rows', () => {
    expect(results.errors).toHaveLength(1);
    expect(results.unfinished).toHaveLength(1);
    expect(results.differing).toEqual(['lr', 'epochs']);
    expect(results.rows()[1]).toEqual({
      lr: 0.5,
      epochs: 2,
      status: 'error',
      duration_ms: 5,
      loss: null,
      error: 'ValueError: bad'
    });
  });
});

describe('splitValueList', () => {
  it.each([
    ['0.01, 0.1,1', ['0.01', '0.1', '1']],
    ['[64, 32], [128]', ['[64, 32]', '[128]']],
    ["'a,b', c", ["'a,b'", 'c']],
    ['{"k": 1, "j": 2}', ['{"k": 1, "j": 2}']],
    ['  ', []]
  ])('splits %j', (text, items) => {
    expect(splitValueList(text)).toEqual(items);
  });

  it.each([
    ['1,,2', /has an empty item/],
    ["'a, b", /unclosed quote \('\)/],
    ['[1, 2', /unclosed bracket \(\] missing\)/]
  ])('refuses %j', (text, message) => {
    expect(() => splitValueList(text)).toThrow(message);
  });
});
