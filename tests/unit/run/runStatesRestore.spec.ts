/**
 * Run states read back from the kernel after a page reload: restored cells show how they
 * ended (no outputs), keep the kernel's order before every run of this page, and never
 * overwrite a state this page made, whichever comes first.
 */
import type { ICellRunRecord } from '../../../src/kernel/protocol';
import { staleCells } from '../../../src/run/cellPickers';
import { RunStates } from '../../../src/run/runStates';
import { shownStatus } from '../../../src/run/shownStatus';
import { parseScript } from '../../../src/script';

const script = parseScript(
  '# %% Setup\nx = 1\n# %%\nprint(x)\n# %% Train\ny = 2\n'
);
const [setup, unnamed, train] = script.cells;

function record(
  cell: { index: number; name: string | null; hash: string },
  order: number,
  extra: Partial<ICellRunRecord> = {}
): ICellRunRecord {
  return {
    index: cell.index,
    name: cell.name,
    hash: cell.hash,
    status: 'ok',
    durationMs: 5,
    order,
    ...extra
  };
}

const error = {
  ename: 'ZeroDivisionError',
  evalue: 'division by zero',
  file: '/w/train.py',
  line: 6
};

describe('RunStates.restore', () => {
  it('shows how each cell ended, marked restored, without outputs, in one change', () => {
    const states = new RunStates();
    const seen: Array<string | null> = [];
    states.changed.connect((_, key) => seen.push(key));
    states.restore([
      record(setup, 3),
      record(unnamed, 4, { durationMs: 7 }),
      record(train, 5, {
        status: 'error',
        error,
        selection: { firstLine: 6, lastLine: 6 }
      })
    ]);
    expect(seen).toEqual([null]);
    expect(states.get(setup)).toMatchObject({
      status: 'ok',
      durationMs: 5,
      ranHash: setup.hash,
      outputs: [],
      restored: true
    });
    expect(states.get(unnamed).durationMs).toBe(7);
    expect(states.get(train)).toMatchObject({
      status: 'error',
      error,
      ranLines: { firstLine: 6, lastLine: 6 },
      restored: true
    });
    expect(states.isChanged(setup)).toBe(false);
  });

  it('keeps the kernel order, before every run of this page', () => {
    const states = new RunStates();
    states.restore([record(train, 8), record(setup, 2)]);
    const orderOf = (cell: typeof setup) => states.get(cell).runOrder!;
    expect(orderOf(setup)).toBeLessThan(orderOf(train));
    const sink = states.sinkFor(index => script.cells[index]);
    sink.cellFinished!(1, { index: 1, status: 'ok', durationMs: 1 });
    expect(orderOf(train)).toBeLessThan(states.get(unnamed).runOrder!);
  });

  it('finds a changed cell by hash and the cells that ran after it as stale', () => {
    const edited = parseScript(
      '# %% Setup\nx = 2\n# %%\nprint(x)\n# %% Train\ny = 2\n'
    );
    const states = new RunStates();
    states.restore([record(setup, 1), record(unnamed, 2), record(train, 3)]);
    const [setup2, unnamed2, train2] = edited.cells;
    expect(states.isChanged(setup2)).toBe(true);
    expect(staleCells(edited.cells, states)).toEqual([unnamed2, train2]);
    expect(
      shownStatus(states.get(unnamed2), states.isChanged(unnamed2), true)
    ).toBe('stale');
  });

  it('lets a later run of the cell replace the restored state', () => {
    const states = new RunStates();
    states.restore([record(setup, 1, { status: 'error', error })]);
    states.queue([setup]);
    const sink = states.sinkFor(index => script.cells[index]);
    sink.cellStarted!(0, { name: 'Setup', line: 2 });
    expect(states.get(setup)).toMatchObject({
      status: 'running',
      restored: false,
      error: null
    });
    sink.cellFinished!(0, { index: 0, status: 'ok', durationMs: 2 });
    expect(states.get(setup)).toMatchObject({
      status: 'ok',
      durationMs: 2,
      restored: false
    });
  });

  it('does not overwrite a run of this page that began before the answer came', () => {
    const states = new RunStates();
    states.queue([setup, train]);
    const sink = states.sinkFor(index => script.cells[index]);
    sink.cellStarted!(0, { name: 'Setup', line: 2 });
    states.restore([
      record(setup, 1, { status: 'error', error }),
      record(train, 2, { durationMs: 40 }),
      record(unnamed, 3)
    ]);
    expect(states.get(setup)).toMatchObject({
      status: 'running',
      restored: false
    });
    expect(states.get(train).status).toBe('queued');
    expect(states.get(unnamed).restored).toBe(true);
    sink.cellFinished!(0, { index: 0, status: 'error', durationMs: 3, error });
    // The run stopped at Setup: Train, which did not run, shows its restored run again.
    states.settle([setup, train]);
    expect(states.get(setup)).toMatchObject({
      status: 'error',
      restored: false
    });
    expect(states.get(train)).toMatchObject({
      status: 'ok',
      durationMs: 40,
      restored: true
    });
  });

  it('restores a cell that went back to not run, and counts clears', () => {
    const states = new RunStates();
    states.queue([setup]);
    states.settle([setup]);
    const before = states.generation;
    states.restore([record(setup, 1)]);
    expect(states.get(setup).restored).toBe(true);
    states.clear();
    expect(states.generation).toBe(before + 1);
    expect(states.get(setup).status).toBe('not-run');
  });

  it('ignores an empty answer without signalling', () => {
    const states = new RunStates();
    const seen: Array<string | null> = [];
    states.changed.connect((_, key) => seen.push(key));
    states.restore([]);
    expect(seen).toEqual([]);
  });
});
