import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { normalizeScriptPath } from '../kernel/paths';
import { IParseOptions } from '../script';
import {
  IScriptContents,
  IUnsavedTextSource,
  ScriptDocument
} from './scriptDocument';

/**
 * A reference to a shared script document; dispose it when done. The document lives while
 * at least one reference to it does.
 */
export interface IScriptReference extends IDisposable {
  /** The document, shared by every reference to the same path. */
  readonly document: ScriptDocument;
}

/**
 * Opens scripts through the contents API, one live document per path, shared by every
 * surface that shows or runs the script.
 */
export class ScriptService implements IDisposable {
  constructor(options: ScriptService.IOptions) {
    this._contents = options.contents;
    this._unsaved = options.unsaved;
    this._pollInterval = options.pollInterval;
  }

  /** Emits after the parse options changed (documents are re-parsed already). */
  get parseOptionsChanged(): ISignal<this, IParseOptions> {
    return this._parseOptionsChanged;
  }

  /** How markers are read, from the settings. */
  get parseOptions(): IParseOptions {
    return this._parseOptions;
  }

  /** Whether the service is disposed. */
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Open the script at a contents path (spelled any way: it is normalised) and start reading
   * it. The returned reference's document fills in asynchronously; await `document.ready`
   * for the first read.
   */
  open(rawPath: string): IScriptReference {
    if (this._isDisposed) {
      throw new Error('The CellScript script service is disposed.');
    }
    // One document per file, however its path is spelled (`./a.py`, `a.py`).
    const path = normalizeScriptPath(rawPath);
    let entry = this._entries.get(path);
    if (!entry) {
      const document = new ScriptDocument({
        path,
        contents: this._contents,
        unsaved: this._unsaved,
        parseOptions: this._parseOptions,
        pollInterval: this._pollInterval
      });
      entry = { document, count: 0 };
      this._entries.set(path, entry);
      void document.reload();
    }
    entry.count++;
    const owned = entry;
    let disposed = false;
    return {
      document: owned.document,
      get isDisposed() {
        return disposed;
      },
      dispose: () => {
        if (disposed) {
          return;
        }
        disposed = true;
        owned.count--;
        if (owned.count === 0 && this._entries.get(path) === owned) {
          this._entries.delete(path);
          owned.document.dispose();
        }
      }
    };
  }

  /** Change how markers are read; every open document is re-parsed. */
  setParseOptions(options: IParseOptions): void {
    this._parseOptions = options;
    for (const { document } of this._entries.values()) {
      document.setParseOptions(options);
    }
    this._parseOptionsChanged.emit(options);
  }

  /** Close every document. Idempotent. */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    for (const { document } of this._entries.values()) {
      document.dispose();
    }
    this._entries.clear();
    Signal.clearData(this);
  }

  private _contents: IScriptContents;
  private _unsaved: IUnsavedTextSource | undefined;
  private _pollInterval: number | undefined;
  private _parseOptions: IParseOptions = {};
  private _entries = new Map<
    string,
    { document: ScriptDocument; count: number }
  >();
  private _isDisposed = false;
  private _parseOptionsChanged = new Signal<this, IParseOptions>(this);
}

/** Types for ScriptService. */
export namespace ScriptService {
  /** Options to create a ScriptService. */
  export interface IOptions {
    /** The contents manager scripts are read through. */
    contents: IScriptContents;
    /** Unsaved text of scripts open in editors. */
    unsaved?: IUnsavedTextSource;
    /** Milliseconds between disk checks of watched scripts. */
    pollInterval?: number;
  }
}
