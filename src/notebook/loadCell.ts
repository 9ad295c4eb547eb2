import type { Notebook } from '@jupyterlab/notebook';
import { type INotebookCellOrigin, ORIGIN_KEY } from './cellOrigin';

/** Where a loaded cell goes: see the `loadTarget` setting. */
export type LoadTarget = 'replace-empty' | 'below' | 'replace';

/** A notebook cell to add: its type, text and the script cell it came from. */
export interface ILoadedCell {
  readonly cellType: 'code' | 'markdown' | 'raw';
  readonly source: string;
  readonly origin: INotebookCellOrigin;
}

/**
 * Put a script cell into a notebook, as one undoable change: in place of the active cell
 * (`replace`, or `replace-empty` when that cell is empty and has no outputs), else below it.
 * The new cell becomes the active one and is scrolled into view.
 *
 * @returns the new cell's index.
 */
export function loadCellIntoNotebook(
  notebook: Notebook,
  loaded: ILoadedCell,
  target: LoadTarget
): number {
  const model = notebook.model;
  if (!model) {
    throw new Error('The notebook is not ready yet. Try again in a moment.');
  }
  const shared = model.sharedModel;
  const active = notebook.activeCell;
  const activeIndex = active ? notebook.activeCellIndex : -1;
  const replace =
    active !== null &&
    (target === 'replace' ||
      (target === 'replace-empty' && isEmptyCell(active.model.toJSON())));
  const index = replace ? activeIndex : activeIndex + 1;
  shared.transact(() => {
    if (replace) {
      shared.deleteCell(activeIndex);
    }
    shared.insertCell(index, {
      cell_type: loaded.cellType,
      source: loaded.source,
      metadata: { [ORIGIN_KEY]: { ...loaded.origin } }
    });
  });
  notebook.activeCellIndex = index;
  notebook.deselectAll();
  const cell = notebook.widgets[index];
  if (cell) {
    void notebook.scrollToCell(cell);
  }
  return index;
}

/** Whether a cell holds nothing to lose: no text and no outputs. */
function isEmptyCell(cell: { source?: unknown; outputs?: unknown }): boolean {
  const source = Array.isArray(cell.source)
    ? cell.source.join('')
    : String(cell.source ?? '');
  const outputs = Array.isArray(cell.outputs) ? cell.outputs.length : 0;
  return source.trim() === '' && outputs === 0;
}
