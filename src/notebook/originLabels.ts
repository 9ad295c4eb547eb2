import type {
  INotebookTracker,
  Notebook,
  NotebookPanel
} from '@jupyterlab/notebook';
import type { IDisposable } from '@lumino/disposable';
import { Signal } from '@lumino/signaling';
import { originLabel, ORIGIN_KEY, readOrigin } from './cellOrigin';

type NotebookCell = Notebook['widgets'][number];
type CellModel = NotebookCell['model'];

/** The class of a notebook cell loaded from a script (context menus select on it). */
export const LOADED_CELL_CLASS = 'jp-CellScript-loadedCell';

/**
 * Marks notebook cells that came from a script: a class and the label `pipeline.py › Train`
 * (shown by CSS from a data attribute, so it is text, never HTML). Follows cells added,
 * moved and whose metadata changed, in every notebook.
 */
export class OriginLabels implements IDisposable {
  constructor(tracker: INotebookTracker) {
    tracker.forEach(panel => this._follow(panel));
    tracker.widgetAdded.connect((_, panel) => this._follow(panel), this);
  }

  /** Whether it is disposed. */
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Stop following notebooks. Idempotent. */
  dispose(): void {
    if (!this._isDisposed) {
      this._isDisposed = true;
      Signal.clearData(this);
    }
  }

  private _follow(panel: NotebookPanel): void {
    const notebook = panel.content;
    const markModel = (model: CellModel) => {
      const cell = notebook.widgets.find(widget => widget.model === model);
      if (cell && !this._isDisposed) {
        this._mark(cell);
      }
    };
    const followModel = (model: CellModel) => {
      if (!this._followed.has(model)) {
        this._followed.add(model);
        model.metadataChanged.connect(() => markModel(model), this);
      }
    };
    const followNotebook = () => {
      const cells = notebook.model?.cells;
      if (!cells || this._isDisposed) {
        return;
      }
      for (const model of cells) {
        followModel(model);
      }
      cells.changed.connect((_, change) => {
        change.newValues.forEach(followModel);
        // The notebook made the new cells' widgets before this listener ran.
        change.newValues.forEach(markModel);
      }, this);
      notebook.widgets.forEach(cell => this._mark(cell));
    };
    if (notebook.model) {
      followNotebook();
    }
    notebook.modelChanged.connect(followNotebook, this);
  }

  private _mark(cell: NotebookCell): void {
    const origin = readOrigin(cell.model.getMetadata(ORIGIN_KEY));
    const label = origin ? originLabel(origin) : null;
    if (label === (cell.node.dataset.cellscriptOrigin ?? null)) {
      return;
    }
    cell.toggleClass(LOADED_CELL_CLASS, label !== null);
    if (label === null) {
      delete cell.node.dataset.cellscriptOrigin;
    } else {
      cell.node.dataset.cellscriptOrigin = label;
    }
  }

  private _followed = new WeakSet<CellModel>();
  private _isDisposed = false;
}
