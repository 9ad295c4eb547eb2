import {
  cellAtPicker,
  cellsAbove,
  cellsUpTo,
  cellsBelow,
  changedCells,
  selectionPicker,
  staleCells
} from '../../../src/run/cellPickers';
import { RunStates } from '../../../src/run/runStates';
import { type IParsedScript, parseScript } from '../../../src/script';

const TEXT = [
  '# %% Setup',
  'x = 1',
  '# %% Notes [markdown]',
  '# Some words',
  '# %% Load',
  'data = [x]',
  '# %% Train',
  'model = sum(data)',
  '# %% Evaluate',
  'print(model)',
  ''
].join('\n');

const names = (cells: readonly { name: string | null }[]) =>
  cells.map(cell => cell.name);

/** Runs cells (by name, in the order given) through the states' own sink. */
function ran(states: RunStates, script: IParsedScript, ...order: string[]) {
  for (const name of order) {
    const cell = script.cells.find(c => c.name === name)!;
    const sink = states.sinkFor(index => script.cells[index]);
    sink.cellStarted!(cell.index, { name, line: cell.firstLine });
    sink.cellFinished!(cell.index, {
      index: cell.index,
      status: 'ok',
      durationMs: 1
    });
  }
}

/** The script with one cell's body replaced. */
function edited(name: string, body: string): IParsedScript {
  const lines = TEXT.split('\n');
  const at = lines.indexOf(`# %% ${name}`);
  lines[at + 1] = body;
  return parseScript(lines.join('\n'));
}

describe('cell pickers', () => {
  const script = parseScript(TEXT);
  const states = new RunStates();

  it.each([
    ['the cell at a line of Train', cellAtPicker({ line: 8 }), ['Train']],
    ['the cell at the markdown line: none', cellAtPicker({ line: 4 }), []],
    ['up to Load', cellsUpTo({ name: 'Load' }), ['Setup', 'Load']],
    ['up to the markdown cell', cellsUpTo({ index: 1 }), ['Setup']],
    ['above Train', cellsAbove({ name: 'Train' }), ['Setup', 'Load']],
    ['above the first cell', cellsAbove({ index: 0 }), []],
    ['below Load', cellsBelow({ name: 'Load' }), ['Load', 'Train', 'Evaluate']],
    [
      'below the markdown cell',
      cellsBelow({ index: 1 }),
      ['Load', 'Train', 'Evaluate']
    ],
    [
      'below the last cell (negative index)',
      cellsBelow({ index: -1 }),
      ['Evaluate']
    ],
    [
      'a selection, in its order',
      selectionPicker(['Train', 'Setup']),
      ['Train', 'Setup']
    ],
    [
      'an empty selection: every code cell',
      selectionPicker([]),
      ['Setup', 'Load', 'Train', 'Evaluate']
    ]
  ])('%s', (_, pick, expected) => {
    expect(names(pick(script, states))).toEqual(expected);
  });

  it('refuses a cell that is not there, naming the cells there are', () => {
    expect(() => cellsAbove({ name: 'Nope' })(script, states)).toThrow(/Setup/);
  });
});

describe('changedCells', () => {
  it('is empty before anything ran and when nothing changed', () => {
    const script = parseScript(TEXT);
    const states = new RunStates();
    expect(changedCells(script, states)).toEqual([]);
    ran(states, script, 'Setup', 'Load', 'Train', 'Evaluate');
    expect(changedCells(script, states)).toEqual([]);
  });

  it('runs the changed cell and the cells that ran after it on its old results', () => {
    const script = parseScript(TEXT);
    const states = new RunStates();
    ran(states, script, 'Setup', 'Load', 'Train', 'Evaluate');
    const now = edited('Load', 'data = [x, 2]');
    expect(names(staleCells(now.cells, states))).toEqual(['Train', 'Evaluate']);
    expect(names(changedCells(now, states))).toEqual([
      'Load',
      'Train',
      'Evaluate'
    ]);
  });

  it('leaves out cells after the change that never ran, and cells above it', () => {
    const script = parseScript(TEXT);
    const states = new RunStates();
    ran(states, script, 'Setup', 'Load', 'Train');
    const now = edited('Load', 'data = [x, 2]');
    expect(names(changedCells(now, states))).toEqual(['Load', 'Train']);
  });

  it('leaves out a later cell that last ran before the changed cell did', () => {
    const script = parseScript(TEXT);
    const states = new RunStates();
    // Evaluate ran first, then Load ran (and was edited): Evaluate never saw Load's results.
    ran(states, script, 'Evaluate', 'Load');
    const now = edited('Load', 'data = [x, 3]');
    expect(names(changedCells(now, states))).toEqual(['Load']);
  });

  it('keeps cells stale after the changed cell alone ran again', () => {
    const script = parseScript(TEXT);
    const states = new RunStates();
    ran(states, script, 'Setup', 'Load', 'Train', 'Evaluate');
    const now = edited('Load', 'data = [x, 2]');
    // Load runs with its new text: Train and Evaluate still hold results of the old one.
    ran(states, now, 'Load');
    expect(names(staleCells(now.cells, states))).toEqual(['Train', 'Evaluate']);
    expect(names(changedCells(now, states))).toEqual(['Train', 'Evaluate']);
    // Train runs again on the new results: only Evaluate is left.
    ran(states, now, 'Train');
    expect(names(staleCells(now.cells, states))).toEqual(['Evaluate']);
  });

  it('does not count running an unchanged cell again as a change', () => {
    const script = parseScript(TEXT);
    const states = new RunStates();
    ran(states, script, 'Setup', 'Load', 'Train', 'Setup');
    expect(staleCells(script.cells, states)).toEqual([]);
  });

  it('forgets the runs with everything else on clear', () => {
    const script = parseScript(TEXT);
    const states = new RunStates();
    ran(states, script, 'Setup', 'Load', 'Train');
    const now = edited('Load', 'data = [x, 2]');
    ran(states, now, 'Load');
    states.clear();
    expect(states.runsOf(now.cells[2])).toEqual([]);
    expect(staleCells(now.cells, states)).toEqual([]);
  });

  it('counts a run order that only grows, also for cells finished without a start', () => {
    const script = parseScript(TEXT);
    const states = new RunStates();
    const sink = states.sinkFor(index => script.cells[index]);
    sink.cellFinished!(0, { index: 0, status: 'ok', durationMs: 0 });
    ran(states, script, 'Load');
    const first = states.get(script.cells[0]).runOrder!;
    const second = states.get(script.cells[2]).runOrder!;
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
  });
});

describe('run order', () => {
  it('is the order cells run in, however the news of their ends arrives', () => {
    const script = parseScript(TEXT);
    const states = new RunStates();
    ran(states, script, 'Setup', 'Load', 'Train', 'Evaluate');
    const now = edited('Setup', 'x = 2');
    const code = now.cells.filter(cell => cell.type === 'code');
    states.queue(code);
    const sink = states.sinkFor(index => now.cells[index]);
    const finish = (name: string) => {
      const cell = code.find(c => c.name === name)!;
      sink.cellFinished!(cell.index, {
        index: cell.index,
        status: 'ok',
        durationMs: 0
      });
    };
    // Quick silent cells: Train's end comes with Evaluate's first output, Setup's and
    // Load's only with the reply.
    finish('Train');
    finish('Evaluate');
    finish('Setup');
    finish('Load');
    const orders = code.map(cell => states.get(cell).runOrder!);
    expect([...orders].sort((a, b) => a - b)).toEqual(orders);
    expect(staleCells(now.cells, states)).toEqual([]);
  });
});
