import type { TranslationBundle } from '@jupyterlab/translation';
import { editorCells, nameColumns } from '../../../src/editor/cellLayout';
import { RunStates } from '../../../src/run/runStates';
import { parseScript } from '../../../src/script';

/** Translation as nullTranslator does it: %1, %2... replaced by the arguments. */
const trans = {
  __: (text: string, ...args: unknown[]) =>
    text.replace(/%(\d+)/g, (_, n) => String(args[Number(n) - 1]))
} as unknown as TranslationBundle;

const TEXT = [
  'import os', //               1 (unmarked first cell: no boundary)
  '# %% Setup', //              2
  'x = 1', //                   3
  '# %% [markdown]', //         4
  '# Notes', //                 5
  '# %%', //                    6 unnamed
  'y = x', //                   7
  '# %% Train tags=["slow"]', // 8
  'z = 1 / 0', //               9
  ''
].join('\n');

describe('editorCells', () => {
  const script = parseScript(TEXT);

  it('gives every marked cell, none for an unmarked first cell', () => {
    const cells = editorCells(script, null, trans);
    expect(cells.map(c => [c.index, c.name, c.type, c.markerLine])).toEqual([
      [1, 'Setup', 'code', 2],
      [2, null, 'markdown', 4],
      [3, null, 'code', 6],
      [4, 'Train', 'code', 8]
    ]);
    expect(cells.every(c => c.status === 'not-run')).toBe(true);
    expect(cells[2].statusTitle).toBe('Cell 3: not run');
  });

  it('shows the same states as the sidebar: ok with its time, error with its message, changed', () => {
    const states = new RunStates();
    const sink = states.sinkFor(index => script.cells[index]);
    sink.cellFinished!(1, { index: 1, status: 'ok', durationMs: 85 });
    sink.cellFinished!(4, {
      index: 4,
      status: 'error',
      durationMs: 3,
      error: {
        ename: 'ZeroDivisionError',
        evalue: 'division by zero',
        file: '/x/p.py',
        line: 9
      }
    });
    let cells = editorCells(script, states, trans);
    expect(cells.find(c => c.name === 'Setup')).toMatchObject({
      status: 'ok',
      statusTitle: 'Setup: ok in 85 ms'
    });
    expect(cells.find(c => c.name === 'Train')).toMatchObject({
      status: 'error',
      statusTitle: 'Train: error in 3 ms: ZeroDivisionError: division by zero'
    });

    const edited = parseScript(TEXT.replace('x = 1', 'x = 2'));
    cells = editorCells(edited, states, trans);
    expect(cells.find(c => c.name === 'Setup')!.status).toBe('changed');
  });

  it('shows how a run of selected lines ended, and which lines ran', () => {
    const states = new RunStates();
    const fragment = {
      ...script.cells[4],
      source: 'z = 1 / 0',
      hash: 'other',
      selection: { firstLine: 9, lastLine: 9 }
    };
    states.sinkFor(() => fragment).cellFinished!(4, {
      index: 4,
      status: 'error',
      durationMs: 2,
      error: {
        ename: 'ZeroDivisionError',
        evalue: 'division by zero',
        file: '/x/p.py',
        line: 9
      }
    });
    // Changed by nature (not the whole cell ran): "run changed" runs it whole.
    expect(states.isChanged(script.cells[4])).toBe(true);
    expect(editorCells(script, states, trans)[3]).toMatchObject({
      status: 'error',
      statusTitle:
        'Train: error in 2 ms (line 9 only): ZeroDivisionError: division by zero'
    });
  });

  it('never gives a markdown cell a run status', () => {
    const states = new RunStates();
    states.sinkFor(index => script.cells[index]).cellFinished!(2, {
      index: 2,
      status: 'ok',
      durationMs: 1
    });
    expect(editorCells(script, states, trans)[1].status).toBe('not-run');
  });
});

describe('nameColumns', () => {
  it.each([
    ['# %% Train', 'Train', [5, 10]],
    ['#%% Train [markdown]', 'Train', [4, 9]],
    ['  # %%   Two words here', 'Two words here', [9, 23]],
    ['# %% %% odd', '%% odd', [5, 11]],
    ['# In[3]: In', 'In', [9, 11]],
    ['# %% Other', 'Train', null]
  ])('%s', (line, name, expected) => {
    expect(nameColumns(line, name)).toEqual(expected);
  });
});
