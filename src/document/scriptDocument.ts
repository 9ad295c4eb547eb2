import { Contents } from '@jupyterlab/services';
import { IDisposable } from '@lumino/disposable';
import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import { IParseOptions, IParsedScript, parseScript } from '../script';
import { EditPacer } from './editPacer';
import {
  IScriptProblem,
  notPythonProblem,
  problemFromContentsError,
  ScriptUnavailableError
} from './problems';

/**
 * The part of the contents manager a script document needs: a narrow seam tests can fake.
 */
export type IScriptContents = Pick<Contents.IManager, 'get' | 'fileChanged'>;

/**
 * Unsaved text of scripts open in an editor. A script open in an editor is read from the
 * editor, so the sidebar and runs see what the user sees, saved or not.
 */
export interface IUnsavedTextSource {
  /** The editor's current text for `path`, or null when no editor has it open. */
  textFor(path: string): string | null;
  /** Emits the path whose editor text changed, or whose editor opened or closed. */
  readonly changed: ISignal<IUnsavedTextSource, string>;
}

/** The script as it is now: its text, its parse, and where the text came from. */
export interface IScriptSnapshot {
  /** The text: the editor's unsaved text when the script is open with changes, else the file's. */
  readonly text: string;
  /** The text parsed with the user's marker settings. */
  readonly script: IParsedScript;
  /** Whether the text is an editor's unsaved text (then it differs from the file). */
  readonly fromEditor: boolean;
}

/**
 * One script followed live: its text, its parsed cells or the problem that keeps it from
 * being read. It re-reads on saves through the contents API, on edits in an open editor and,
 * while watched, on changes made on disk by other programs (polled).
 */
export class ScriptDocument implements IDisposable {
  constructor(options: ScriptDocument.IOptions) {
    this.path = options.path;
    this._contents = options.contents;
    this._unsaved = options.unsaved ?? null;
    this._parseOptions = options.parseOptions ?? {};
    this._contents.fileChanged.connect(this._onFileChanged, this);
    this._unsaved?.changed.connect(this._onUnsavedChanged, this);
    this._edits = new EditPacer(() => this._readUnsaved(), options.editPacing);
    this._poll = new Poll({
      factory: () => this._checkDisk(),
      frequency: {
        interval: options.pollInterval ?? 2000,
        backoff: true,
        max: 30000
      },
      name: `jupyterlab-cellscript:watch:${this.path}`,
      standby: () => !this._watchers
    });
  }

  /** The script's path, relative to the server root as the contents API names it. */
  readonly path: string;

  /** Emits after the text, the parse or the problem changed. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** The script text last read (editor text when open in an editor), or null. */
  get text(): string | null {
    return this._text;
  }

  /** The parsed script, or null when it could not be read. */
  get script(): IParsedScript | null {
    return this._script;
  }

  /** What keeps the script from being read, or null. */
  get problem(): IScriptProblem | null {
    return this._problem;
  }

  /** Whether the text shown comes from an editor with unsaved changes. */
  get fromEditor(): boolean {
    return this._fromEditor;
  }

  /** Resolves when the first read has finished (successfully or with a problem). */
  get ready(): Promise<void> {
    return this._ready;
  }

  /** Whether the document is disposed. */
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Start watching the file on disk for changes made outside JupyterLab; dispose the result
   * to stop. Documents poll only while someone watches (e.g. the sidebar is visible).
   */
  watch(): IDisposable {
    this._watchers++;
    void this._poll.refresh();
    let done = false;
    return {
      get isDisposed() {
        return done;
      },
      dispose: () => {
        if (!done) {
          done = true;
          this._watchers--;
        }
      }
    };
  }

  /** Change how markers are read (settings), and re-parse. */
  setParseOptions(options: IParseOptions): void {
    this._parseOptions = options;
    if (this._text !== null) {
      this._apply(this._text, this._fromEditor, this._lastModified);
    }
  }

  /**
   * The script as it is now, without a server round trip: an editor's unsaved text is taken
   * at once (not after the typing pause), else the file's text as last read (saves and
   * changes on disk re-read it). Await `ready` first.
   *
   * @throws ScriptUnavailableError when the script cannot be read (deleted, not UTF-8, ...),
   *   or has not been read yet.
   */
  snapshot(): IScriptSnapshot {
    const unsaved = this._unsaved?.textFor(this.path) ?? null;
    if (unsaved !== null) {
      this._apply(unsaved, true, this._lastModified);
    }
    if (this._problem) {
      throw new ScriptUnavailableError(this._problem);
    }
    if (this._text === null || this._script === null) {
      throw new ScriptUnavailableError({
        kind: 'unreadable',
        message: `${this.path} has not been read yet. Try again in a moment.`
      });
    }
    return {
      text: this._text,
      script: this._script,
      fromEditor: this._fromEditor
    };
  }

  /** Read the script again (from the editor if open, else from the server). */
  async reload(): Promise<void> {
    const unsaved = this._unsaved?.textFor(this.path) ?? null;
    if (unsaved !== null) {
      this._apply(unsaved, true, this._lastModified);
      return;
    }
    const problem = notPythonProblem(this.path);
    if (problem) {
      this._setProblem(problem);
      return;
    }
    try {
      const model = await this._contents.get(this.path, {
        type: 'file',
        format: 'text',
        content: true
      });
      if (this._isDisposed) {
        return;
      }
      if (model.type === 'directory') {
        this._setProblem({
          kind: 'directory',
          message: `${this.path} is a folder, not a script. Choose a .py file inside it.`
        });
        return;
      }
      this._apply(
        String(model.content ?? ''),
        false,
        model.last_modified ?? null
      );
    } catch (error) {
      if (!this._isDisposed) {
        this._setProblem(problemFromContentsError(this.path, error));
      }
    }
  }

  /** Stop following the script. Idempotent. */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._poll.dispose();
    this._edits.dispose();
    Signal.clearData(this);
  }

  /** Take a text; returns whether it was new (then it was parsed and `changed` emitted). */
  private _apply(
    text: string,
    fromEditor: boolean,
    lastModified: string | null
  ): boolean {
    this._lastModified = lastModified;
    this._resolveReady();
    if (
      text === this._text &&
      fromEditor === this._fromEditor &&
      this._problem === null &&
      !this._optionsChanged()
    ) {
      return false;
    }
    this._text = text;
    this._fromEditor = fromEditor;
    this._problem = null;
    this._parsedWith = this._parseOptions;
    this._script = parseScript(text, this._parseOptions);
    this._changed.emit();
    return true;
  }

  private _optionsChanged(): boolean {
    return this._parsedWith !== this._parseOptions;
  }

  private _setProblem(problem: IScriptProblem): void {
    this._resolveReady();
    const same =
      this._problem?.kind === problem.kind &&
      this._problem.message === problem.message;
    this._text = null;
    this._script = null;
    this._lastModified = null;
    this._problem = problem;
    if (!same) {
      this._changed.emit();
    }
  }

  private _resolveReady(): void {
    this._readyResolve?.();
    this._readyResolve = null;
  }

  private _onFileChanged(_: unknown, change: Contents.IChangedArgs): void {
    const touched =
      change.newValue?.path === this.path ||
      change.oldValue?.path === this.path;
    if (touched) {
      void this.reload();
    }
  }

  private _onUnsavedChanged(_: unknown, path: string): void {
    if (path === this.path) {
      // Typing emits per keystroke: re-read once per short wait (see EditPacer).
      this._edits.edited();
    }
  }

  /**
   * The paced re-read: the editor's text, parsed now (what the pacer measures); when no
   * editor holds unsaved text any more (closed, saved, reverted), the file, read as `reload`
   * does. Returns whether an editor's text was parsed.
   */
  private _readUnsaved(): boolean {
    if (this._isDisposed) {
      return false;
    }
    const unsaved = this._unsaved?.textFor(this.path) ?? null;
    if (unsaved === null) {
      void this.reload();
      return false;
    }
    return this._apply(unsaved, true, this._lastModified);
  }

  /** One poll tick: re-read only when the file's modification time moved. */
  private async _checkDisk(): Promise<void> {
    if (
      this._isDisposed ||
      (this._unsaved?.textFor(this.path) ?? null) !== null
    ) {
      return;
    }
    let lastModified: string | undefined;
    try {
      const model = await this._contents.get(this.path, { content: false });
      lastModified = model.last_modified;
    } catch (error) {
      // Still missing or unreadable: show the problem without a second request.
      if (!this._isDisposed) {
        this._setProblem(problemFromContentsError(this.path, error));
      }
      return;
    }
    if (lastModified !== this._lastModified || this._problem) {
      await this.reload();
    }
  }

  private _contents: IScriptContents;
  private _unsaved: IUnsavedTextSource | null;
  private _parseOptions: IParseOptions;
  private _parsedWith: IParseOptions | null = null;
  private _text: string | null = null;
  private _script: IParsedScript | null = null;
  private _problem: IScriptProblem | null = null;
  private _fromEditor = false;
  private _lastModified: string | null = null;
  private _watchers = 0;
  private _isDisposed = false;
  private _poll: Poll;
  private _edits: EditPacer;
  private _changed = new Signal<this, void>(this);
  private _readyResolve: (() => void) | null = null;
  private _ready = new Promise<void>(resolve => {
    this._readyResolve = resolve;
  });
}

/** Types for ScriptDocument. */
export namespace ScriptDocument {
  /** Options to create a ScriptDocument. */
  export interface IOptions {
    /** The script's contents path. */
    path: string;
    /** Where the script is read from. */
    contents: IScriptContents;
    /** Unsaved editor text, when an editor has the script open. */
    unsaved?: IUnsavedTextSource;
    /** How markers are read. */
    parseOptions?: IParseOptions;
    /** Milliseconds between checks for changes on disk while watched (default 2000). */
    pollInterval?: number;
    /** How soon an edit in an editor is parsed (default: a frame to 150 ms, by its cost). */
    editPacing?: EditPacer.IOptions;
  }
}
