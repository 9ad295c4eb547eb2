/**
 * What lets the script's editor skip a redraw after typing: the same cells from the new
 * parse (sameEditorCells, wherever they are), and a drawing that moved with the text to where
 * that parse puts them (drawnMarkerLines); a text replaced whole moves the drawing away, so
 * it redraws.
 */
import { EditorState } from '@codemirror/state';
import {
  cellBoundaries,
  drawnMarkerLines,
  type IEditorCellsSpec,
  setEditorCells
} from '../../../src/editor/cellBoundaries';
import {
  type IEditorCell,
  sameEditorCells
} from '../../../src/editor/cellLayout';

/** Labels as the plugin gives them, translated (here: as they are). */
const trans = (text: string) => text;

const TEXT =
  '# %% Setup\nx = 1\n\n# %% Notes [markdown]\n# hi\n# %% Train\ny = x\n';

const cell = (
  index: number,
  markerLine: number,
  extra: Partial<IEditorCell> = {}
): IEditorCell => ({
  index,
  name: `C${index}`,
  type: 'code',
  markerLine,
  status: 'ok',
  statusTitle: `C${index}: ok`,
  ...extra
});

const CELLS = [cell(0, 1), cell(1, 4, { type: 'markdown' }), cell(2, 6)];

function drawnState(): EditorState {
  const spec: IEditorCellsSpec = {
    cells: CELLS,
    actions: true,
    labels: {
      run: { label: trans('Run Cell'), title: '' },
      'run-above': { label: trans('Run Above'), title: '' },
      load: { label: trans('Load into Notebook'), title: '' }
    },
    onAction: () => undefined,
    lineCount: 8
  };
  const state = EditorState.create({ doc: TEXT, extensions: cellBoundaries() });
  return state.update({ effects: setEditorCells.of(spec) }).state;
}

describe('sameEditorCells', () => {
  it.each([
    ['the same cells', CELLS, true],
    ['a cell more', [...CELLS, cell(3, 9)], false],
    [
      'markers moved (the drawing moves with the text)',
      [cell(0, 1), cell(1, 5, { type: 'markdown' }), cell(2, 7)],
      true
    ],
    [
      'a name changed',
      [cell(0, 1, { name: 'Setup2' }), CELLS[1], CELLS[2]],
      false
    ],
    [
      'a status changed',
      [CELLS[0], CELLS[1], cell(2, 6, { status: 'stale' })],
      false
    ],
    [
      'a tooltip changed',
      [cell(0, 1, { statusTitle: 'C0: ok in 5 ms' }), CELLS[1], CELLS[2]],
      false
    ]
  ])('%s: %p', (_, cells, same) => {
    expect(sameEditorCells(CELLS, cells as IEditorCell[])).toBe(same);
  });
});

describe('drawnMarkerLines', () => {
  it('gives the marker line of every drawn cell, none when nothing is drawn', () => {
    expect(drawnMarkerLines(drawnState())).toEqual([1, 4, 6]);
    expect(drawnMarkerLines(EditorState.create({ doc: TEXT }))).toEqual([]);
  });

  it('follows typing: a letter in a cell keeps the lines, a new line moves those below', () => {
    const state = drawnState();
    const typed = state.update({ changes: { from: 12, insert: 'z' } }).state;
    expect(drawnMarkerLines(typed)).toEqual([1, 4, 6]);
    const entered = state.update({ changes: { from: 12, insert: '\n' } }).state;
    expect(drawnMarkerLines(entered)).toEqual([1, 5, 7]);
  });

  it('no longer matches the cells when the text was replaced whole', () => {
    const state = drawnState();
    const replaced = state.update({
      changes: { from: 0, to: state.doc.length, insert: TEXT }
    }).state;
    expect(drawnMarkerLines(replaced)).not.toEqual([1, 4, 6]);
  });
});
