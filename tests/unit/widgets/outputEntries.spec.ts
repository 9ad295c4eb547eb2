import type { TranslationBundle } from '@jupyterlab/translation';
import {
  entryHeader,
  entryOfCell,
  outputEntries
} from '../../../src/widgets/outputEntries';
import type { IOutputSink } from '../../../src/kernel/outputs';
import { RunStates, type ICellRunState } from '../../../src/run/runStates';
import { parseScript, type IScriptCell } from '../../../src/script';

/** Translation as nullTranslator does it: %1, %2... replaced by the arguments. */
const trans = {
  __: (text: string, ...args: unknown[]) =>
    text.replace(/%(\d+)/g, (_, n) => String(args[Number(n) - 1])),
  _n: (one: string, many: string, n: number, ...args: unknown[]) =>
    (n === 1 ? one : many).replace(/%(\d+)/g, (_, i) =>
      String([n, ...args][Number(i) - 1])
    )
} as unknown as TranslationBundle;

const TEXT = [
  '# %% Setup', //          1
  'x = 1', //               2
  '# %% [markdown]', //     3
  '# Notes', //             4
  '# %%', //                5 unnamed, index 2
  'print(x)', //            6
  '# %% Train', //          7
  'y = 2', //               8
  'z = 3' //                9
].join('\n');
const script = parseScript(TEXT);
const [setup, notes, unnamed, train] = script.cells;

const stream = (text: string) =>
  ({ output_type: 'stream', name: 'stdout', text }) as const;

/** Run cells one after another through a RunStates, as the runner does. */
function runCells(
  states: RunStates,
  cells: Array<IScriptCell & { selection?: unknown }>,
  status: 'ok' | 'error' = 'ok'
): IOutputSink {
  states.queue(cells);
  const byIndex = new Map(cells.map(cell => [cell.index, cell]));
  const sink = states.sinkFor(index => byIndex.get(index));
  for (const cell of cells) {
    sink.cellStarted!(cell.index, { name: cell.name, line: cell.firstLine });
    sink.output!(cell.index, stream(`out ${cell.index}`), { update: false });
    sink.cellFinished!(cell.index, {
      index: cell.index,
      status,
      durationMs: 85,
      error:
        status === 'error'
          ? { ename: 'ValueError', evalue: 'bad', file: 'x.py', line: 8 }
          : undefined
    });
  }
  states.settle(cells);
  return sink;
}

const keys = (states: RunStates, cells = script.cells) =>
  outputEntries(cells, states).map(entry => entry.key);

describe('outputEntries', () => {
  it('has no entry before a cell ran, and none for markdown cells', () => {
    const states = new RunStates();
    expect(outputEntries(script.cells, states)).toEqual([]);
    runCells(states, [setup]);
    expect(keys(states)).toEqual(['name:Setup']);
    expect(entryOfCell(outputEntries(script.cells, states), notes)).toBe(
      undefined
    );
  });

  it.each([
    [
      'script order',
      [setup, unnamed, train],
      ['name:Setup', 'index:2', 'name:Train']
    ],
    [
      'reverse order',
      [train, unnamed, setup],
      ['name:Train', 'index:2', 'name:Setup']
    ],
    ['one cell twice', [setup, train, setup], ['name:Train', 'name:Setup']]
  ])('orders entries by run, newest last (%s)', (_, order, expected) => {
    const states = new RunStates();
    for (const cell of order) {
      runCells(states, [cell]);
    }
    expect(keys(states)).toEqual(expected);
  });

  it('keeps a queued cell in place until it starts, then moves it to the end', () => {
    const states = new RunStates();
    runCells(states, [setup, train]);
    states.queue([setup]);
    expect(keys(states)).toEqual(['name:Setup', 'name:Train']);
    const sink = states.sinkFor(() => setup);
    sink.cellStarted!(0, { name: 'Setup', line: 2 });
    const entries = outputEntries(script.cells, states);
    expect(entries.map(entry => entry.key)).toEqual([
      'name:Train',
      'name:Setup'
    ]);
    expect(entries[1].status).toBe('running');
    expect(entries[1].state.outputs).toEqual([]);
  });

  it('drops every entry when the states are cleared (reset, restart)', () => {
    const states = new RunStates();
    runCells(states, [setup, train]);
    states.clear();
    expect(keys(states)).toEqual([]);
  });

  it('drops the entry of a cell that left the script', () => {
    const states = new RunStates();
    runCells(states, [setup, train]);
    const without = parseScript('# %% Setup\nx = 1\n').cells;
    expect(keys(states, without)).toEqual(['name:Setup']);
  });

  it('gives one entry when two cells share a name', () => {
    const twice = parseScript('# %% A\nx = 1\n# %% A\nx = 2\n').cells;
    const states = new RunStates();
    runCells(states, [twice[1]]);
    const entries = outputEntries(twice, states);
    expect(entries).toHaveLength(1);
    expect(entries[0].cell.index).toBe(0);
  });

  it('shows changed and stale cells as such', () => {
    const states = new RunStates();
    runCells(states, [setup, unnamed, train]);
    const edited = parseScript(TEXT.replace('x = 1', 'x = 10')).cells;
    const statuses = outputEntries(edited, states).map(entry => entry.status);
    expect(statuses).toEqual(['changed', 'stale', 'stale']);
  });
});

describe('entryHeader', () => {
  const only = (states: RunStates) => outputEntries(script.cells, states)[0];

  it('names the cell, its line, status and duration', () => {
    const states = new RunStates();
    runCells(states, [train]);
    expect(entryHeader(only(states), trans)).toEqual({
      name: 'Train',
      line: 7,
      lineText: 'line 7',
      statusText: 'ok',
      duration: '85 ms',
      ranLines: null,
      note: null,
      error: null
    });
  });

  it('calls an unnamed cell by its position', () => {
    const states = new RunStates();
    runCells(states, [unnamed]);
    expect(entryHeader(only(states), trans)).toMatchObject({
      name: 'cell 2',
      lineText: 'line 5'
    });
  });

  it('says which lines a selection run ran', () => {
    const states = new RunStates();
    runCells(states, [{ ...train, selection: { firstLine: 8, lastLine: 9 } }]);
    expect(entryHeader(only(states), trans).ranLines).toBe('lines 8–9 only');
  });

  it('has no duration while the cell runs', () => {
    const states = new RunStates();
    states.sinkFor(() => train).cellStarted!(3, { name: 'Train', line: 8 });
    expect(entryHeader(only(states), trans)).toMatchObject({
      statusText: 'running…',
      duration: null,
      note: null
    });
  });

  it('says when a finished run printed nothing', () => {
    const states = new RunStates();
    states.sinkFor(() => train).cellFinished!(3, {
      index: 3,
      status: 'ok',
      durationMs: 2
    });
    expect(entryHeader(only(states), trans).note).toBe('No output.');
  });

  it('says a run before a reload kept no outputs, with its error in one line', () => {
    const restored: ICellRunState = {
      ...RunStates.notRun,
      status: 'error',
      durationMs: 1200,
      runOrder: 4,
      restored: true,
      error: {
        ename: 'ZeroDivisionError',
        evalue: 'division by zero',
        file: '/srv/x.py',
        line: 9
      }
    };
    const entries = outputEntries(script.cells, {
      get: cell => (cell.index === train.index ? restored : RunStates.notRun),
      isChanged: () => false
    });
    expect(entryHeader(entries[0], trans)).toMatchObject({
      statusText: 'error',
      duration: '1.20 s',
      note: 'Ran before reload; outputs are not kept across reloads.',
      error: 'ZeroDivisionError: division by zero (line 9)'
    });
  });

  it('leaves the error to the traceback when the outputs have it', () => {
    const states = new RunStates();
    runCells(states, [train], 'error');
    expect(entryHeader(only(states), trans).error).toBe(null);
  });
});
