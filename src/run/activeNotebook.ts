import { PathExt } from '@jupyterlab/coreutils';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import type { Kernel } from '@jupyterlab/services';
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import type { IKernelTarget, IKernelTargetSource } from './kernelTarget';

/**
 * The active notebook as the kernel target: scripts run in the kernel of the notebook the
 * user last worked in, and follow it when they switch notebooks or change its kernel.
 */
export class ActiveNotebookTarget implements IKernelTargetSource, IDisposable {
  constructor(tracker: INotebookTracker) {
    this._tracker = tracker;
    tracker.currentChanged.connect(this._onCurrentChanged, this);
    this._follow(tracker.currentWidget);
  }

  /** Emits when the notebook, its kernel or the kernel's status changed. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** The active notebook as a target, or null when none is open. */
  get current(): IKernelTarget | null {
    const panel = this._panel;
    if (!panel || panel.isDisposed) {
      return null;
    }
    const context = panel.sessionContext;
    return {
      notebookPath: panel.context.path,
      cwd: PathExt.dirname(panel.context.path),
      kernelName: context.kernelDisplayName,
      kernel: context.session?.kernel ?? null,
      ready: async (): Promise<Kernel.IKernelConnection | null> => {
        await context.ready;
        return context.session?.kernel ?? null;
      }
    };
  }

  /** Whether the source is disposed. */
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Stop following notebooks. Idempotent. */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._follow(null);
    Signal.clearData(this);
  }

  private _onCurrentChanged(
    _: INotebookTracker,
    panel: NotebookPanel | null
  ): void {
    // Keep the last notebook when focus moves to a non-notebook (e.g. the script's editor).
    if (panel) {
      this._follow(panel);
    }
  }

  private _follow(panel: NotebookPanel | null): void {
    if (this._panel) {
      const old = this._panel.sessionContext;
      old.kernelChanged.disconnect(this._emit, this);
      old.statusChanged.disconnect(this._emit, this);
      old.connectionStatusChanged.disconnect(this._emit, this);
      this._panel.disposed.disconnect(this._onPanelDisposed, this);
    }
    this._panel = panel;
    if (panel) {
      const context = panel.sessionContext;
      context.kernelChanged.connect(this._emit, this);
      context.statusChanged.connect(this._emit, this);
      context.connectionStatusChanged.connect(this._emit, this);
      panel.disposed.connect(this._onPanelDisposed, this);
    }
    this._emit();
  }

  private _onPanelDisposed(): void {
    this._follow(this._tracker.currentWidget);
  }

  private _emit(): void {
    if (!this._isDisposed) {
      this._changed.emit();
    }
  }

  private _tracker: INotebookTracker;
  private _panel: NotebookPanel | null = null;
  private _isDisposed = false;
  private _changed = new Signal<this, void>(this);
}
