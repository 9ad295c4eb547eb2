import { EditorState } from '@codemirror/state';
import { type DecorationSet, EditorView } from '@codemirror/view';
import {
  cellBoundaries,
  drawnEditorCells,
  type IEditorCellsSpec,
  setEditorCells
} from '../../../src/editor/cellBoundaries';
import type { IEditorCell } from '../../../src/editor/cellLayout';

/** Labels as the plugin gives them, translated (here: as they are). */
const trans = (text: string) => text;

const TEXT = '# %% Setup\nx = 1\n\n# %% Train\ny = x\n';

const cell = (
  index: number,
  name: string | null,
  markerLine: number
): IEditorCell => ({
  index,
  name,
  type: 'code',
  markerLine,
  status: 'ok',
  statusTitle: `${name}: ok`
});

const spec = (
  cells: IEditorCell[],
  overrides: Partial<IEditorCellsSpec> = {}
): IEditorCellsSpec => ({
  cells,
  actions: true,
  labels: {
    run: { label: trans('Run Cell'), title: '' },
    'run-above': { label: trans('Run Above'), title: '' },
    load: { label: trans('Load into Notebook'), title: '' }
  },
  onAction: () => undefined,
  lineCount: 5,
  ...overrides
});

/** Where the decorations are: [from, to, class or 'widget'] in document order. */
function drawn(state: EditorState): Array<[number, number, string]> {
  const out: Array<[number, number, string]> = [];
  for (const source of state.facet(EditorView.decorations)) {
    const set = source as DecorationSet;
    set.between(0, state.doc.length, (from, to, deco) => {
      const spec = deco.spec as { class?: string; widget?: unknown };
      out.push([from, to, spec.widget ? 'widget' : String(spec.class)]);
    });
  }
  return out;
}

describe('cellBoundaries', () => {
  const start = () =>
    EditorState.create({ doc: TEXT, extensions: cellBoundaries() });
  const cells = [cell(0, 'Setup', 1), cell(1, 'Train', 4)];

  it('draws nothing until cells are sent', () => {
    expect(drawn(start())).toEqual([]);
    expect(drawnEditorCells(start())).toEqual([]);
  });

  it('draws actions, a boundary and the name at each marker', () => {
    const state = start().update({
      effects: setEditorCells.of(spec(cells))
    }).state;
    expect(drawn(state)).toEqual([
      [0, 0, 'widget'],
      [0, 0, 'jp-CellScript-markerLine'],
      [5, 10, 'jp-CellScript-editorCellName'],
      [18, 18, 'widget'],
      [18, 18, 'jp-CellScript-markerLine'],
      [23, 28, 'jp-CellScript-editorCellName']
    ]);
    expect(drawnEditorCells(state).map(c => c.name)).toEqual([
      'Setup',
      'Train'
    ]);
  });

  it('rules the marker line itself when actions are off', () => {
    const state = start().update({
      effects: setEditorCells.of(spec(cells, { actions: false }))
    }).state;
    expect(drawn(state).map(d => d[2])).toEqual([
      'jp-CellScript-markerLine jp-CellScript-markerLine-ruled',
      'jp-CellScript-editorCellName',
      'jp-CellScript-markerLine jp-CellScript-markerLine-ruled',
      'jp-CellScript-editorCellName'
    ]);
  });

  it('moves what is drawn with the text until the next parse', () => {
    let state = start().update({
      effects: setEditorCells.of(spec(cells))
    }).state;
    state = state.update({
      changes: { from: 11, insert: 'import os\n' }
    }).state;
    expect(drawn(state).filter(d => d[2] === 'widget')).toEqual([
      [0, 0, 'widget'],
      [28, 28, 'widget']
    ]);
  });

  it('waits for the text when cells arrive before the editor has its content', () => {
    let state = EditorState.create({ doc: '', extensions: cellBoundaries() });
    state = state.update({ effects: setEditorCells.of(spec(cells)) }).state;
    expect(drawn(state)).toEqual([]);
    state = state.update({ changes: { from: 0, insert: TEXT } }).state;
    expect(drawn(state).filter(d => d[2] === 'widget')).toHaveLength(2);
  });

  it('removes everything when sent null', () => {
    let state = start().update({
      effects: setEditorCells.of(spec(cells))
    }).state;
    state = state.update({ effects: setEditorCells.of(null) }).state;
    expect(drawn(state)).toEqual([]);
    expect(drawnEditorCells(state)).toEqual([]);
  });
});
