import { ParameterError } from '../../../src/script';
import {
  errorText,
  SweepResults,
  type IIterationResult,
  type ISweepRecord
} from '../../../src/sweep';
import {
  compareRecords,
  plotsOf,
  resultColumns,
  specErrorOf,
  specOf
} from '../../../src/widgets/sweepModel';

function result(
  position: number,
  varied: IIterationResult['varied'],
  loss: number | null,
  status: IIterationResult['status'] = 'ok'
): IIterationResult {
  return {
    position,
    key: JSON.stringify(varied),
    varied,
    values: varied,
    status,
    durationMs: 10,
    outputs: loss === null ? {} : { loss: { kind: 'json', value: loss } }
  } as IIterationResult;
}

describe('specOf', () => {
  it('sweeps only the parameters with values and passes the options on', () => {
    expect(
      specOf({
        values: { lr: '0.1, 1', epochs: ' ', name: 'a' },
        mode: 'grid',
        isolation: 'fork',
        concurrency: '3',
        outputs: 'loss, acc  f1',
        stopAfterOutputs: true
      })
    ).toEqual({
      values: { lr: ['0.1', '1'], name: ['a'] },
      options: {
        mode: 'grid',
        isolation: 'fork',
        concurrency: 3,
        outputs: ['loss', 'acc', 'f1'],
        stopAfterOutputs: true
      }
    });
  });

  it('hands a concurrency that is no whole number to planSweep to refuse', () => {
    const form = {
      values: {},
      mode: 'independent' as const,
      isolation: 'kernel' as const,
      outputs: '',
      stopAfterOutputs: false
    };
    expect(specOf({ ...form, concurrency: '1.5' }).options.concurrency).toBe(
      NaN
    );
    expect(specOf({ ...form, concurrency: '' }).options).not.toHaveProperty(
      'concurrency'
    );
  });
});

describe('specErrorOf', () => {
  const parameters = [
    { name: 'lr', line: 5 },
    { name: 'data_path', line: 7 }
  ];
  it('places a ParameterError next to its parameter', () => {
    const error = new ParameterError('lr (line 5) expects a float', 'lr', {
      line: 5
    });
    expect(specErrorOf(error, parameters)).toEqual({
      parameter: 'lr',
      message: 'lr (line 5) expects a float',
      line: 5
    });
  });
  it('places an error with a line next to the parameter declared there', () => {
    const error = Object.assign(new Error('required'), { line: 7 });
    expect(specErrorOf(error, parameters).parameter).toBe('data_path');
  });
  it('keeps other errors for above the Start button', () => {
    expect(specErrorOf(new Error('Nothing to sweep'), parameters)).toEqual({
      parameter: null,
      message: 'Nothing to sweep',
      line: null
    });
  });
});

describe('columns', () => {
  const iterations = [
    result(0, { lr: 0.1, epochs: 2 }, 0.2),
    result(1, { lr: 0.5, epochs: 2 }, 1),
    result(2, { lr: 0.1, epochs: 3 }, null, 'error')
  ];
  it('shows only the parameters that differ, then status, duration and outputs', () => {
    expect(
      new SweepResults(['lr', 'epochs', 'seed'], iterations).differing
    ).toEqual(['lr', 'epochs']);
    expect(
      resultColumns(
        ['lr'],
        new SweepResults([], iterations).outputNamesWith(['loss', 'acc'])
      )
    ).toEqual([
      { kind: 'parameter', key: 'lr' },
      { kind: 'status', key: '' },
      { kind: 'duration', key: '' },
      { kind: 'output', key: 'loss' },
      { kind: 'output', key: 'acc' }
    ]);
  });
  it('says an error in one line with its script line', () => {
    const failed = {
      ...iterations[2],
      error: { ename: 'ValueError', evalue: 'bad', line: 12, traceback: '' }
    };
    expect(errorText(failed.error)).toBe('ValueError: bad (line 12)');
    expect(errorText({ ...failed.error!, line: null })).toBe('ValueError: bad');
  });
});

describe('plotsOf', () => {
  it('plots an independent sweep per parameter from the iterations that vary only it', () => {
    const record = {
      spec: { mode: 'independent' as const, nominal: { lr: 0.1, epochs: 2 } },
      iterations: [
        result(0, { lr: 0.1, epochs: 2 }, 0.2),
        result(1, { lr: 0.5, epochs: 2 }, 1),
        result(2, { lr: -1, epochs: 2 }, null, 'error'),
        result(3, { lr: 0.1, epochs: 3 }, 0.3)
      ]
    };
    const plots = plotsOf(record, ['lr', 'epochs'], ['loss']);
    expect(plots.map(p => [p.output, p.parameter])).toEqual([
      ['loss', 'lr'],
      ['loss', 'epochs']
    ]);
    expect(plots[0].spec).toEqual({
      $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
      title: 'loss vs lr',
      width: 260,
      height: 180,
      data: {
        values: [
          { lr: 0.1, loss: 0.2 },
          { lr: 0.5, loss: 1 }
        ]
      },
      mark: { type: 'line', point: true },
      encoding: {
        x: {
          field: 'lr',
          type: 'quantitative',
          title: 'lr',
          scale: { zero: false }
        },
        y: {
          field: 'loss',
          type: 'quantitative',
          title: 'loss',
          scale: { zero: false }
        },
        tooltip: [
          { field: 'lr', type: 'quantitative' },
          { field: 'loss', type: 'quantitative' }
        ]
      }
    });
    expect(plots[1].spec.data).toEqual({
      values: [
        { epochs: 2, loss: 0.2 },
        { epochs: 3, loss: 0.3 }
      ]
    });
  });

  it('plots a grid with one line per value of the other parameters; text values are ordinal', () => {
    const record = {
      spec: { mode: 'grid' as const, nominal: {} },
      iterations: [
        result(0, { opt: 'sgd', lr: 1 }, 3),
        result(1, { opt: 'adam', lr: 1 }, 2)
      ]
    };
    const [plot] = plotsOf(record, ['opt'], ['loss']);
    expect(plot.spec.encoding).toMatchObject({
      x: { field: 'opt', type: 'ordinal' }
    });
    const [byLr] = plotsOf(record, ['lr', 'opt'], ['loss']);
    expect(byLr.spec.data).toEqual({
      values: [
        { lr: 1, loss: 3, others: 'opt=sgd' },
        { lr: 1, loss: 2, others: 'opt=adam' }
      ]
    });
    expect(byLr.spec.encoding).toMatchObject({
      color: { field: 'others', type: 'nominal', title: 'opt' }
    });
  });

  it('does not plot outputs that are not numbers', () => {
    const text = result(0, { lr: 1 }, null);
    text.outputs = {
      model: { kind: 'repr', repr: '<Model>', type: 'Model', truncated: false }
    };
    const record = {
      spec: { mode: 'grid' as const, nominal: {} },
      iterations: [text, result(1, { lr: 2 }, 1)]
    };
    expect(
      plotsOf(record, ['lr'], ['model', 'loss']).map(p => p.output)
    ).toEqual(['loss']);
  });
});

describe('compareRecords', () => {
  const record = (id: string, iterations: IIterationResult[]) =>
    ({ id, iterations }) as unknown as ISweepRecord;
  it('puts the same combination side by side and keeps only the parameters that differ', () => {
    const left = record('a', [
      { ...result(0, { lr: 0.1 }, 1), values: { lr: 0.1, seed: 1 } },
      { ...result(1, { lr: 0.5 }, 2), values: { lr: 0.5, seed: 1 } }
    ]);
    const right = record('b', [
      { ...result(0, { lr: 0.5 }, 3), values: { lr: 0.5, seed: 1 } },
      { ...result(1, { lr: 1 }, 4), values: { lr: 1, seed: 1 } }
    ]);
    const view = compareRecords(left, right);
    expect(view.differing).toEqual(['lr']);
    expect(view.outputs).toEqual(['loss']);
    expect(
      view.rows.map(row => [
        row.varied.lr,
        row.left?.position ?? null,
        row.right?.position ?? null
      ])
    ).toEqual([
      [0.1, 0, null],
      [0.5, 1, 0],
      [1, null, 1]
    ]);
  });
});
