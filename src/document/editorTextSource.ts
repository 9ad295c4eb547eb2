import { IDocumentWidget } from '@jupyterlab/docregistry';
import { FileEditor, IEditorTracker } from '@jupyterlab/fileeditor';
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { IUnsavedTextSource } from './scriptDocument';

type EditorWidget = IDocumentWidget<FileEditor>;

/**
 * Unsaved text of scripts open in JupyterLab's file editor. An editor counts only while it
 * has unsaved changes: a clean editor shows the file, which is then read from the server.
 */
export class EditorTextSource implements IUnsavedTextSource, IDisposable {
  constructor(tracker: IEditorTracker) {
    this._tracker = tracker;
    tracker.forEach(widget => this._follow(widget));
    tracker.widgetAdded.connect(this._onWidgetAdded, this);
  }

  /** Emits the path whose unsaved text changed, or whose editor opened, saved or closed. */
  get changed(): ISignal<this, string> {
    return this._changed;
  }

  /** Whether the source is disposed. */
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** The unsaved text of the editor that has `path` open with changes, or null. */
  textFor(path: string): string | null {
    const widget = this._tracker.find(
      w => w.context.path === path && w.context.model.dirty
    );
    return widget ? widget.context.model.toString() : null;
  }

  /** Stop following editors. Idempotent. */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    Signal.clearData(this);
  }

  private _onWidgetAdded(_: IEditorTracker, widget: EditorWidget): void {
    this._follow(widget);
  }

  private _follow(widget: EditorWidget): void {
    const context = widget.context;
    const emit = () => {
      if (!this._isDisposed) {
        this._changed.emit(context.path);
      }
    };
    context.model.contentChanged.connect(emit, this);
    context.model.stateChanged.connect((_, change) => {
      if (change.name === 'dirty') {
        emit();
      }
    }, this);
    context.pathChanged.connect((_, newPath) => {
      if (!this._isDisposed) {
        this._changed.emit(newPath);
      }
    }, this);
    widget.disposed.connect(emit, this);
  }

  private _tracker: IEditorTracker;
  private _isDisposed = false;
  private _changed = new Signal<this, string>(this);
}
