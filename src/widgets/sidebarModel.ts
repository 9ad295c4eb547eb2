import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import type { IScriptService } from '../tokens';
import type { IScriptReference } from '../document/scriptService';
import type { ScriptDocument } from '../document/scriptDocument';
import { normalizeScriptPath } from '../kernel/paths';

/**
 * The sidebar's state without its DOM: the chosen script and its live document. The view
 * renders it; commands and tests drive it.
 */
export class SidebarModel implements IDisposable {
  constructor(options: SidebarModel.IOptions) {
    this._scripts = options.scripts;
  }

  /** Emits when the chosen script changes, or its document does. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** Emits the new path (or null) after the chosen script changed. */
  get pathChanged(): ISignal<this, string | null> {
    return this._pathChanged;
  }

  /** The chosen script's contents path, or null. */
  get path(): string | null {
    return this._reference?.document.path ?? null;
  }

  /** The chosen script's live document, or null. */
  get document(): ScriptDocument | null {
    return this._reference?.document ?? null;
  }

  /**
   * Whether the chosen script can run: it was read, is a Python script without a problem and
   * has at least one cell. Commands that act on the sidebar's script are enabled only then.
   */
  get canRun(): boolean {
    const doc = this.document;
    return !!doc && !doc.problem && (doc.script?.cells.length ?? 0) > 0;
  }

  /** The cell marker as the user writes it, e.g. `# %%` (from the settings). */
  get marker(): string {
    const marker = (this._scripts.parseOptions.marker ?? '%%').replace(
      /^#\s*/,
      ''
    );
    return `# ${marker}`;
  }

  /** Whether the model is disposed. */
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Choose the script to show (a contents path; a leading '/' is dropped), or null for none.
   * Resolves after the script was first read.
   */
  async setPath(path: string | null): Promise<void> {
    const normalized = path === null ? null : normalizeScriptPath(path);
    if (normalized === this.path) {
      await this.document?.reload();
      return;
    }
    this._release();
    if (normalized) {
      this._reference = this._scripts.open(normalized);
      this._reference.document.changed.connect(this._onDocumentChanged, this);
      if (this._watching) {
        this._watch = this._reference.document.watch();
      }
    }
    this._pathChanged.emit(this.path);
    this._changed.emit();
    await this.document?.ready;
  }

  /** Follow changes on disk (while the sidebar is visible) or stop. */
  setWatching(watching: boolean): void {
    this._watching = watching;
    if (watching && !this._watch && this._reference) {
      this._watch = this._reference.document.watch();
    } else if (!watching && this._watch) {
      this._watch.dispose();
      this._watch = null;
    }
  }

  /** Release the script. Idempotent. */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._release();
    Signal.clearData(this);
  }

  private _release(): void {
    this._watch?.dispose();
    this._watch = null;
    if (this._reference) {
      this._reference.document.changed.disconnect(
        this._onDocumentChanged,
        this
      );
      this._reference.dispose();
      this._reference = null;
    }
  }

  private _onDocumentChanged(): void {
    this._changed.emit();
  }

  private _scripts: IScriptService;
  private _reference: IScriptReference | null = null;
  private _watch: IDisposable | null = null;
  private _watching = false;
  private _isDisposed = false;
  private _changed = new Signal<this, void>(this);
  private _pathChanged = new Signal<this, string | null>(this);
}

/** Types for SidebarModel. */
export namespace SidebarModel {
  /** Options to create a SidebarModel. */
  export interface IOptions {
    /** Where scripts are opened. */
    scripts: IScriptService;
  }
}
