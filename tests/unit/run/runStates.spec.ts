import { cellKey, RunStates } from '../../../src/run/runStates';
import { parseScript } from '../../../src/script';

const script = parseScript(
  '# %% Setup\nx = 1\n# %%\nprint(x)\n# %% Train\ny = 2\n'
);
const [setup, unnamed, train] = script.cells;

const stream = (text: string) =>
  ({ output_type: 'stream', name: 'stdout', text }) as const;

describe('RunStates', () => {
  it('keys named cells by name and unnamed cells by position', () => {
    expect(cellKey(setup)).toBe('name:Setup');
    expect(cellKey(unnamed)).toBe('index:1');
  });

  it('follows a run: queued, running with streamed outputs, then ok with its duration', () => {
    const states = new RunStates();
    const seen: Array<string | null> = [];
    states.changed.connect((_, key) => seen.push(key));
    states.queue([setup, train]);
    expect(states.get(setup).status).toBe('queued');

    const sink = states.sinkFor(index => script.cells[index]);
    sink.cellStarted!(0, { name: 'Setup', line: 2 });
    expect(states.get(setup).status).toBe('running');
    sink.output!(0, stream('a'), { update: false });
    sink.output!(0, stream('b'), { update: false });
    sink.cellFinished!(0, { index: 0, status: 'ok', durationMs: 12 });

    const state = states.get(setup);
    expect(state.status).toBe('ok');
    expect(state.durationMs).toBe(12);
    expect(state.outputs.map(o => (o as any).text)).toEqual(['a', 'b']);
    expect(seen).toContain('name:Setup');
  });

  it('records the error and marks never-started cells back as not run', () => {
    const states = new RunStates();
    states.queue([setup, train]);
    const sink = states.sinkFor(index => script.cells[index]);
    sink.cellStarted!(0, { name: 'Setup', line: 2 });
    const error = {
      ename: 'ZeroDivisionError',
      evalue: 'division by zero',
      file: '/x/run.py',
      line: 2
    };
    sink.cellFinished!(0, {
      index: 0,
      status: 'error',
      durationMs: 3,
      error
    });
    states.settle([setup, train]);
    expect(states.get(setup)).toMatchObject({ status: 'error', error });
    expect(states.get(train).status).toBe('not-run');
  });

  it('gives a queued cell that never ran its earlier state back', () => {
    const states = new RunStates();
    let sink = states.sinkFor(index => script.cells[index]);
    sink.cellStarted!(2, { name: 'Train', line: 6 });
    sink.output!(2, stream('trained'), { update: false });
    sink.cellFinished!(2, { index: 2, status: 'ok', durationMs: 5 });

    states.queue([setup, train]);
    expect(states.get(train).status).toBe('queued');
    sink = states.sinkFor(index => script.cells[index]);
    sink.cellStarted!(0, { name: 'Setup', line: 2 });
    sink.cellFinished!(0, { index: 0, status: 'interrupted', durationMs: 1 });
    states.settle([setup, train]);

    expect(states.get(setup).status).toBe('interrupted');
    expect(states.get(train)).toMatchObject({ status: 'ok', durationMs: 5 });
    expect(states.get(train).outputs).toHaveLength(1);
  });

  it('replaces a display on update_display_data and honours clear_output(wait)', () => {
    const states = new RunStates();
    const sink = states.sinkFor(index => script.cells[index]);
    sink.cellStarted!(2, { name: 'Train', line: 6 });
    const display = (text: string) => ({
      output_type: 'display_data' as const,
      data: { 'text/plain': text },
      metadata: {}
    });
    sink.output!(2, display('10%'), { displayId: 'bar', update: false });
    sink.output!(2, display('50%'), { displayId: 'bar', update: true });
    expect(states.get(train).outputs).toHaveLength(1);
    expect((states.get(train).outputs[0] as any).data['text/plain']).toBe(
      '50%'
    );
    sink.clearOutput!(2, true);
    expect(states.get(train).outputs).toHaveLength(1);
    sink.output!(2, stream('done'), { update: false });
    expect(states.get(train).outputs.map(o => (o as any).text)).toEqual([
      'done'
    ]);
  });

  it('tells when a cell changed since it ran, and forgets everything on clear', () => {
    const states = new RunStates();
    const sink = states.sinkFor(index => script.cells[index]);
    sink.cellStarted!(0, { name: 'Setup', line: 2 });
    sink.cellFinished!(0, { index: 0, status: 'ok', durationMs: 1 });
    expect(states.isChanged(setup)).toBe(false);
    const edited = parseScript('# %% Setup\nx = 2\n').cells[0];
    expect(states.isChanged(edited)).toBe(true);
    states.clear();
    expect(states.get(setup).status).toBe('not-run');
    expect(states.isChanged(edited)).toBe(false);
  });
});
