/**
 * The editor's gutter shows the cells that ran on the results of a cell changed since as
 * stale, and says of a state read back after a page reload that it ran before the reload.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { editorCells } from '../../../src/editor/cellLayout';
import { RunStates } from '../../../src/run/runStates';
import { parseScript } from '../../../src/script';

const trans = {
  __: (text: string, ...args: unknown[]) =>
    text.replace(/%(\d+)/g, (_, n) => String(args[Number(n) - 1]))
} as unknown as TranslationBundle;

const TEXT = '# %% Setup\nx = 1\n# %% Train\ny = x\n# %% Plot\nz = y\n';
const EDITED = TEXT.replace('x = 1', 'x = 2');

function ranAll(states: RunStates): void {
  const script = parseScript(TEXT);
  const sink = states.sinkFor(index => script.cells[index]);
  for (const cell of script.cells) {
    sink.cellFinished!(cell.index, {
      index: cell.index,
      status: 'ok',
      durationMs: 4
    });
  }
}

describe('editorCells: stale and restored cells', () => {
  it('shows the cells that ran after a changed cell as stale', () => {
    const states = new RunStates();
    ranAll(states);
    const cells = editorCells(parseScript(EDITED), states, trans);
    expect(cells.map(c => c.status)).toEqual(['changed', 'stale', 'stale']);
    expect(cells[1].statusTitle).toBe('Train: ran on old results in 4 ms');
    const unchanged = editorCells(parseScript(TEXT), states, trans);
    expect(unchanged.map(c => c.status)).toEqual(['ok', 'ok', 'ok']);
  });

  it('says "ran before reload" for a restored state, with its error', () => {
    const states = new RunStates();
    const script = parseScript(TEXT);
    states.restore([
      {
        index: 0,
        name: 'Setup',
        hash: script.cells[0].hash,
        status: 'ok',
        durationMs: 85,
        order: 1
      },
      {
        index: 1,
        name: 'Train',
        hash: script.cells[1].hash,
        status: 'error',
        durationMs: 3,
        order: 2,
        error: {
          ename: 'NameError',
          evalue: "name 'x'",
          file: '/t.py',
          line: 4
        }
      }
    ]);
    const cells = editorCells(script, states, trans);
    expect(cells.map(c => c.statusTitle)).toEqual([
      'Setup: ok in 85 ms, ran before reload',
      "Train: error in 3 ms, ran before reload: NameError: name 'x'",
      'Plot: not run'
    ]);
  });
});
