/**
 * The CodeMirror 6 extension that draws a script's cells in its editor: a line at each
 * marker, the cell's name emphasised, small actions above each cell (as VS Code's code
 * lenses) and each code cell's run status in a gutter.
 *
 * The editor does not parse: whoever follows the script (see ScriptEditorCells) sends the
 * cells with `setEditorCells` after each parse. Between two parses the drawings move with
 * the text (mapped through each change), so a keystroke costs a mapping of what is drawn,
 * and an editor without cells costs nothing.
 */
import {
  type EditorState,
  type Extension,
  RangeSet,
  RangeSetBuilder,
  StateEffect,
  StateField,
  type Transaction
} from '@codemirror/state';
import {
  Decoration,
  type DecorationSet,
  EditorView,
  gutter,
  GutterMarker,
  WidgetType
} from '@codemirror/view';
import type { ShownStatus } from '../run/shownStatus';
import { type IEditorCell, nameColumns } from './cellLayout';

/** An action offered above a cell. */
export type CellAction = 'run' | 'run-above' | 'load';

/** What the editor draws, sent after each parse. */
export interface IEditorCellsSpec {
  /** The marked cells, in script order. */
  readonly cells: readonly IEditorCell[];
  /** Whether to show the actions above each cell. */
  readonly actions: boolean;
  /** Labels of the actions, in the user's language. */
  readonly labels: Readonly<
    Record<CellAction, { label: string; title: string }>
  >;
  /** Called when the user picks an action of a cell. */
  readonly onAction: (action: CellAction, cell: IEditorCell) => void;
  /** Line count of the text that was parsed: a spec for another text is not drawn. */
  readonly lineCount: number;
}

/** Draw these cells (null: draw nothing). */
export const setEditorCells = StateEffect.define<IEditorCellsSpec | null>();

interface IDrawn {
  readonly spec: IEditorCellsSpec | null;
  /** The spec is for a longer text than the editor has yet (its content is still loading). */
  readonly pending: boolean;
  readonly decorations: DecorationSet;
  readonly markers: RangeSet<GutterMarker>;
}

const NOTHING: IDrawn = {
  spec: null,
  pending: false,
  decorations: Decoration.none,
  markers: RangeSet.empty
};

const drawnCells = StateField.define<IDrawn>({
  create: () => NOTHING,
  update(drawn: IDrawn, tr: Transaction): IDrawn {
    for (const effect of tr.effects) {
      if (effect.is(setEditorCells)) {
        drawn = draw(effect.value, tr.state);
      }
    }
    if (tr.docChanged && drawn.pending) {
      return draw(drawn.spec, tr.state);
    }
    if (tr.docChanged && drawn.spec !== null) {
      return {
        spec: drawn.spec,
        pending: false,
        decorations: drawn.decorations.map(tr.changes),
        markers: drawn.markers.map(tr.changes)
      };
    }
    return drawn;
  },
  provide: field =>
    EditorView.decorations.from(field, drawn => drawn.decorations)
});

/** Build the decorations and gutter markers of a spec against the current text. */
function draw(spec: IEditorCellsSpec | null, state: EditorState): IDrawn {
  const doc = state.doc;
  if (spec === null) {
    return NOTHING;
  }
  if (spec.cells.length === 0 || spec.lineCount > doc.lines) {
    return { ...NOTHING, spec, pending: spec.cells.length > 0 };
  }
  const decorations = new RangeSetBuilder<Decoration>();
  const markers = new RangeSetBuilder<GutterMarker>();
  for (const cell of spec.cells) {
    if (cell.markerLine > doc.lines) {
      break;
    }
    const line = doc.line(cell.markerLine);
    if (spec.actions) {
      decorations.add(
        line.from,
        line.from,
        Decoration.widget({
          widget: new CellActionsWidget(cell, spec),
          block: true,
          side: -1
        })
      );
    }
    decorations.add(
      line.from,
      line.from,
      Decoration.line({
        class: spec.actions
          ? 'jp-CellScript-markerLine'
          : 'jp-CellScript-markerLine jp-CellScript-markerLine-ruled',
        attributes: { 'data-cell-index': String(cell.index) }
      })
    );
    const name = cell.name ? nameColumns(line.text, cell.name) : null;
    if (name) {
      decorations.add(
        line.from + name[0],
        line.from + name[1],
        Decoration.mark({ class: 'jp-CellScript-editorCellName' })
      );
    }
    if (cell.type === 'code') {
      markers.add(
        line.from,
        line.from,
        new StatusMarker(cell.status, cell.statusTitle)
      );
    }
  }
  return {
    spec,
    pending: false,
    decorations: decorations.finish(),
    markers: markers.finish()
  };
}

/** The status of a code cell at its marker line in the gutter. */
class StatusMarker extends GutterMarker {
  constructor(
    readonly status: ShownStatus,
    readonly title: string
  ) {
    super();
  }

  eq(other: GutterMarker): boolean {
    return (
      other instanceof StatusMarker &&
      other.status === this.status &&
      other.title === this.title
    );
  }

  toDOM(): Node {
    const node = document.createElement('span');
    node.className = `jp-CellScript-gutterStatus jp-CellScript-status-${this.status}`;
    node.dataset.status = this.status;
    node.title = this.title;
    node.setAttribute('aria-label', this.title);
    node.setAttribute('role', 'img');
    return node;
  }
}

/** Run, Run Above and Load into Notebook above a cell. */
class CellActionsWidget extends WidgetType {
  constructor(
    readonly cell: IEditorCell,
    readonly spec: IEditorCellsSpec
  ) {
    super();
  }

  eq(other: WidgetType): boolean {
    return (
      other instanceof CellActionsWidget &&
      other.cell.index === this.cell.index &&
      other.cell.name === this.cell.name &&
      other.cell.type === this.cell.type &&
      other.spec.labels === this.spec.labels &&
      other.spec.onAction === this.spec.onAction
    );
  }

  toDOM(): HTMLElement {
    const node = document.createElement('div');
    node.className = 'jp-CellScript-cellActions';
    node.dataset.cellIndex = String(this.cell.index);
    const actions: CellAction[] =
      this.cell.type === 'code' ? ['run', 'run-above', 'load'] : ['load'];
    for (const action of actions) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'jp-CellScript-cellAction';
      button.dataset.action = action;
      button.textContent = this.spec.labels[action].label;
      button.title = this.spec.labels[action].title;
      // Keep the editor's selection: a click here must not move the cursor.
      button.addEventListener('mousedown', event => event.preventDefault());
      button.addEventListener('click', event => {
        event.preventDefault();
        event.stopPropagation();
        this.spec.onAction(action, this.cell);
      });
      node.appendChild(button);
    }
    return node;
  }

  ignoreEvent(): boolean {
    return true;
  }
}

/**
 * The cells drawn in an editor now, as they were sent (what tests read): an edit that leaves
 * the cells as they are moves the drawing without sending them again, so their `markerLine`
 * may be where they were then (`drawnMarkerLines` says where they are).
 */
export function drawnEditorCells(state: EditorState): readonly IEditorCell[] {
  return state.field(drawnCells, false)?.spec?.cells ?? [];
}

/**
 * The lines (1-based) the drawn cells' marker lines are on now, in order: the drawing moves
 * with the text, so after an edit this tells whether it still sits where a parse of the new
 * text puts the cells (a text replaced whole would have moved it all to one place).
 */
export function drawnMarkerLines(state: EditorState): number[] {
  const drawn = state.field(drawnCells, false);
  const lines: number[] = [];
  if (!drawn || drawn.spec === null) {
    return lines;
  }
  for (const cursor = drawn.decorations.iter(); cursor.value; cursor.next()) {
    if (cursor.value.spec.attributes?.['data-cell-index'] !== undefined) {
      lines.push(state.doc.lineAt(cursor.from).number);
    }
  }
  return lines;
}

/**
 * In an editor with cells drawn, a right click outside the selection first puts the cursor
 * where it was clicked (as VS Code does), so the context menu's "Run Script Cell at Cursor"
 * acts on the line the user pointed at. A right click inside a selection keeps it.
 */
const rightClickMovesCursor = EditorView.domEventHandlers({
  mousedown(event: MouseEvent, view: EditorView) {
    if (event.button !== 2 || view.state.field(drawnCells).spec === null) {
      return false;
    }
    const pos = view.posAtCoords({ x: event.clientX, y: event.clientY });
    if (pos === null) {
      return false;
    }
    const inSelection = view.state.selection.ranges.some(
      range => !range.empty && range.from <= pos && pos <= range.to
    );
    if (!inSelection) {
      view.dispatch({ selection: { anchor: pos } });
    }
    return false;
  }
});

/**
 * The extension: install it in an editor (JupyterLab's editor extension registry does), then
 * send cells with `setEditorCells`.
 */
export function cellBoundaries(): Extension {
  return [
    drawnCells,
    rightClickMovesCursor,
    gutter({
      class: 'jp-CellScript-statusGutter',
      markers: view => view.state.field(drawnCells).markers
    })
  ];
}
