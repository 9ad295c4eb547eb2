import type { Kernel } from '@jupyterlab/services';
import type { IDisposable } from '@lumino/disposable';
import { type ISignal, Signal } from '@lumino/signaling';
import type { IScriptSnapshot } from '../document/scriptDocument';
import { KernelBridge } from '../kernel/bridge';
import { KernelRequestError } from '../kernel/errors';
import type { IOutputSink } from '../kernel/outputs';
import { normalizeScriptPath } from '../kernel/paths';
import type {
  ICellRunRecord,
  IHistoryEntry,
  IRunResult,
  ISourceCheck,
  NamespaceMode,
  WorkingDirectoryMode
} from '../kernel/protocol';
import { CellScriptSession } from '../kernel/session';
import { sourceCheckOf } from '../kernel/sourceCheck';
import { type CellSelector, type IParsedScript, runOverrides } from '../script';
import { type CellPicker, selectionPicker } from './cellPickers';
import type { IKernelTarget, IKernelTargetSource } from './kernelTarget';
import { RunStates } from './runStates';
import { ScriptExports } from './scriptExports';
import { ScriptParameters } from './scriptParameters';
import { teeSinks } from './teeSink';

/** How scripts run, from the settings. */
export interface IRunSettings {
  /** Own module per script (default) or the notebook's `__main__`. */
  namespace: NamespaceMode;
  /** Print a `> ` summary of each cell before it runs. */
  verbose: boolean;
  /** Display each cell's last expression value, as a notebook cell does. */
  showLastValue: boolean;
  /** The current directory while a script runs: the kernel's own, or the script's folder. */
  workingDirectory: WorkingDirectoryMode;
}

/** The defaults of {@link IRunSettings}. */
export const DEFAULT_RUN_SETTINGS: IRunSettings = {
  namespace: 'module',
  verbose: false,
  showLastValue: true,
  workingDirectory: 'notebook'
};

/** A kernel to run in, and where it started (for the script's `__file__`). */
export interface IRunKernel {
  /** The kernel. */
  readonly connection: Kernel.IKernelConnection;
  /**
   * Contents path of the folder the kernel started in: a notebook's kernel starts in the
   * notebook's folder, a kernel started without a path in the root (`''`).
   */
  readonly cwd: string;
}

/** The script a run is about: its path and its live text (a ScriptDocument). */
export interface IRunnableScript {
  /** Contents path of the script. */
  readonly path: string;
  /** Resolves when the script was first read. */
  readonly ready: Promise<void>;
  /** The script as it is now (editor text or the file as last read); throws when unreadable. */
  snapshot(): IScriptSnapshot;
  /** Read the script again from the server (or the editor). */
  reload(): Promise<void>;
}

/** Options of one run. */
export interface IScriptRunOptions {
  /** The kernel to run in (default: the active notebook's, once it is ready). */
  kernel?: IRunKernel;
  /** Also receives every event and output of the run (e.g. a notebook cell's output area). */
  sink?: IOutputSink;
  /**
   * The notebook cell asking for the run (a frontend magic's): the kernel keeps it in its
   * input history and the result carries the execution count it took.
   */
  history?: IHistoryEntry;
}

/**
 * The one run path of every surface (sidebar, commands, editor, magics, parameters, sweeps).
 *
 * A run parses once (the script's document, with the user's marker settings), resolves the
 * selection once on that parse and sends exactly those cells, once, to the kernel it is given
 * (default: the active notebook's). The run states and the caller's sink receive the same
 * events, for those cells. The text is the one the document holds: the kernel checks that the
 * file still has those bytes (one round trip); only when it does not is the file read again.
 *
 * One bridge per kernel, one session and one set of cell run states per script and kernel;
 * all of a kernel's are released when the kernel is disposed or dies. Restarting a kernel
 * marks every cell of every script as not run.
 */
export class ScriptRunner implements IDisposable {
  constructor(options: ScriptRunner.IOptions) {
    this._targets = options.targets;
    this._createSession =
      options.createSession ??
      ((bridge, path, cwd) =>
        new CellScriptSession({
          path,
          kernel: bridge,
          kernelCwd: cwd,
          namespace: this._settings.namespace,
          workingDirectory: this._settings.workingDirectory
        }));
    this._readHistory =
      options.readHistory ??
      (async (bridge, path) =>
        (await bridge.requestIfInstalled('history', { script: { id: path } }))
          ?.cells ?? []);
    this._targets.changed.connect(this._onTargetChanged, this);
    this.exports = new ScriptExports({
      sessionForApply: async path =>
        this.target ? await this.session(path) : null,
      defaultKernel: () => this.target?.kernel ?? null
    });
    this.parameters = new ScriptParameters({
      readScript:
        options.readScript ??
        (path =>
          Promise.reject(
            new Error(
              `Cannot read ${path} to check the value: CellScript's script service is not available.`
            )
          ))
    });
  }

  /**
   * The parameter overrides per script: every run carries those of the cells it runs, assigned
   * right after the defining cell (a required `Param()` without one stops the run before it starts).
   */
  readonly parameters: ScriptParameters;

  /**
   * The exports declared per script: every session the runner makes gets them, so they apply
   * after complete runs in any kernel; declaring applies them at once in the target's kernel.
   */
  readonly exports: ScriptExports;

  /** Emits when the target kernel changed or a run started or ended. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** The kernel target: the active notebook, or null when none is open. */
  get target(): IKernelTarget | null {
    return this._targets.current;
  }

  /** How scripts run. */
  get settings(): IRunSettings {
    return this._settings;
  }

  /** Whether the runner is disposed. */
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Change how scripts run; applies from the next request on (namespaces and exports stay). */
  setSettings(settings: Partial<IRunSettings>): void {
    this._settings = { ...this._settings, ...settings };
    for (const kernel of this._kernels.values()) {
      for (const { session } of kernel.scripts.values()) {
        if (session) {
          session.namespace = this._settings.namespace;
          session.workingDirectory = this._settings.workingDirectory;
        }
      }
    }
  }

  /** The run states of `path` in `kernel` (default: the target's); null without a kernel. */
  statesFor(path: string, kernel?: Kernel.IKernelConnection): RunStates | null {
    const connection = kernel ?? this.target?.kernel ?? null;
    return connection ? this._scriptFor(connection, path).states : null;
  }

  /** Whether a run of `path` is in flight in `kernel` (default: the target's). */
  isRunning(path: string, kernel?: Kernel.IKernelConnection): boolean {
    const connection = kernel ?? this.target?.kernel ?? null;
    const script = connection
      ? this._kernels.get(connection.id)?.scripts.get(normalizeScriptPath(path))
      : undefined;
    return (script?.running ?? 0) > 0;
  }

  /**
   * Run cells of a script: the code cells a selection names (all for an empty one), or those
   * a picker picks from the script as parsed for this run and its run states (run above,
   * below, changed). Resolves with the result, also when a cell fails (the states show it)
   * and when nothing was picked (no cells in it); rejects when the run cannot start (no
   * notebook, no Python kernel, an unreadable script, a selection that matches nothing) or
   * the kernel goes away mid-run.
   */
  async run(
    script: IRunnableScript,
    selection: readonly CellSelector[] | CellPicker,
    options: IScriptRunOptions = {}
  ): Promise<IRunResult> {
    const pick =
      typeof selection === 'function' ? selection : selectionPicker(selection);
    const kernel = options.kernel ?? (await this._targetKernel());
    const entry = this._scriptFor(kernel.connection, script.path);
    const session = this._sessionOf(entry, kernel);
    await script.ready;
    if (!entry.checkInKernel) {
      // This kernel cannot read the file (e.g. a remote kernel): read it before every run.
      await script.reload();
    }
    let snapshot = script.snapshot();
    let cells = pick(snapshot.script, entry.states).slice();
    const run = (expect?: ISourceCheck) => {
      // Converted and checked before anything is queued: a missing required value stops here.
      const overrides = runOverrides(
        snapshot.script,
        this.parameters.overridesFor(script.path),
        cells
      );
      entry.states.queue(cells);
      const byIndex = new Map(cells.map(cell => [cell.index, cell]));
      const sink = teeSinks(
        entry.states.sinkFor(index => byIndex.get(index)),
        options.sink
      );
      return session.runParsed(snapshot.script, cells, {
        expect,
        sink,
        verbose: this._settings.verbose,
        showLastValue: this._settings.showLastValue,
        overrides,
        history: options.history
      });
    };
    entry.running++;
    this._changed.emit();
    try {
      const checkable = !snapshot.fromEditor && entry.checkInKernel;
      try {
        return await run(checkable ? entry.checkOf(snapshot.text) : undefined);
      } catch (error) {
        if (
          !(error instanceof KernelRequestError) ||
          error.kind !== 'stale-source'
        ) {
          throw error;
        }
        // Nothing ran: the file has other bytes than the text held. Read it, run that.
        entry.states.settle(cells);
        const held = snapshot.text;
        await script.reload();
        snapshot = script.snapshot();
        if (error.details.reason === 'unreadable' || snapshot.text === held) {
          // The kernel cannot read the file, or sees other bytes than the server serves.
          entry.checkInKernel = false;
        }
        cells = pick(snapshot.script, entry.states).slice();
        return await run();
      }
    } finally {
      entry.states.settle(cells);
      entry.running--;
      this._changed.emit();
    }
  }

  /**
   * The session of a script in a kernel (default: the target's), for assign, export, eval,
   * exec, get and list. It lives as long as the kernel does; do not dispose it.
   */
  async session(
    path: string,
    options: { kernel?: IRunKernel } = {}
  ): Promise<CellScriptSession> {
    const kernel = options.kernel ?? (await this._targetKernel());
    return this._sessionOf(this._scriptFor(kernel.connection, path), kernel);
  }

  /** Interrupt a kernel (default: the target's): the running cell stops. */
  async interrupt(kernel?: Kernel.IKernelConnection): Promise<void> {
    const connection = kernel ?? this.target?.kernel;
    if (connection) {
      await connection.interrupt();
    }
  }

  /** Drop the script's namespace in a kernel (default: the target's) and forget its runs. */
  async reset(
    path: string,
    options: { kernel?: IRunKernel } = {}
  ): Promise<void> {
    const kernel = options.kernel ?? (await this._targetKernel());
    const entry = this._scriptFor(kernel.connection, path);
    await this._sessionOf(entry, kernel).reset();
    entry.states.clear();
    this._changed.emit();
  }

  /** Release bridges, sessions and states (kernels keep running). Idempotent. */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this.exports.dispose();
    this.parameters.dispose();
    for (const id of [...this._kernels.keys()]) {
      this._release(id);
    }
    Signal.clearData(this);
  }

  /** The target's kernel once ready, or an error that says what to do. */
  private async _targetKernel(): Promise<IRunKernel> {
    const target = this.target;
    if (!target) {
      throw new KernelRequestError(
        'No notebook is open. Open or create a notebook with a Python kernel: script cells run in its kernel.',
        'no-kernel'
      );
    }
    const connection = await target.ready();
    if (!connection) {
      throw new KernelRequestError(
        `The notebook ${target.notebookPath} has no kernel. Select a Python kernel for it, then run again.`,
        'no-kernel'
      );
    }
    return { connection, cwd: target.cwd };
  }

  /**
   * What the runner keeps for a script in a kernel, created on first use. Its session is made
   * by the first request, which knows where the kernel started (the run states are needed
   * before that, e.g. by the sidebar).
   */
  private _scriptFor(
    connection: Kernel.IKernelConnection,
    rawPath: string
  ): Private.ScriptEntry {
    let kernel = this._kernels.get(connection.id);
    if (kernel && kernel.bridge.kernel !== connection) {
      this._release(connection.id);
      kernel = undefined;
    }
    if (!kernel) {
      kernel = this._follow(connection);
    }
    const path = normalizeScriptPath(rawPath);
    let script = kernel.scripts.get(path);
    if (!script) {
      script = new Private.ScriptEntry(path, kernel.bridge);
      kernel.scripts.set(path, script);
      void this._restoreStates(script);
    }
    return script;
  }

  /**
   * Ask the kernel how the script's cells last ran (the page may have been loaded again since)
   * and fill in the new states. Best effort: a kernel without the runtime answers that nothing
   * ran without it being installed; an old runtime or no answer leaves every cell "not run".
   * A clear meanwhile (restart, reset) makes the answer void; newer states are kept.
   */
  private async _restoreStates(entry: Private.ScriptEntry): Promise<void> {
    const generation = entry.states.generation;
    let records: readonly ICellRunRecord[];
    try {
      records = await this._readHistory(entry.bridge, entry.path);
    } catch (error) {
      console.debug(
        `cellscript: no run history of ${entry.path} from the kernel`,
        error
      );
      return;
    }
    if (
      records.length > 0 &&
      !entry.bridge.isDisposed &&
      entry.states.generation === generation
    ) {
      entry.states.restore(records);
    }
  }

  /** The session of a script entry in `kernel`, made on first use. */
  private _sessionOf(
    entry: Private.ScriptEntry,
    kernel: IRunKernel
  ): CellScriptSession {
    if (!entry.session) {
      entry.session = this._createSession(entry.bridge, entry.path, kernel.cwd);
      this.exports.attach(
        entry.session,
        kernel.connection,
        entry.bridge.restarted
      );
    }
    return entry.session;
  }

  /** Start keeping a kernel's bridge; release everything of it when it goes away. */
  private _follow(connection: Kernel.IKernelConnection): Private.IKernelEntry {
    const bridge = new KernelBridge({ kernel: connection });
    const entry: Private.IKernelEntry = { bridge, scripts: new Map() };
    this._kernels.set(connection.id, entry);
    bridge.restarted.connect(() => {
      entry.scripts.forEach(script => script.states.clear());
      this._changed.emit();
    }, this);
    const onGone = () => {
      if (connection.isDisposed || connection.status === 'dead') {
        connection.statusChanged.disconnect(onGone, this);
        connection.disposed.disconnect(onGone, this);
        if (this._kernels.get(connection.id)?.bridge === bridge) {
          this._release(connection.id);
          this._changed.emit();
        }
      }
    };
    connection.statusChanged.connect(onGone, this);
    connection.disposed.connect(onGone, this);
    return entry;
  }

  private _release(kernelId: string): void {
    const kernel = this._kernels.get(kernelId);
    if (!kernel) {
      return;
    }
    this._kernels.delete(kernelId);
    kernel.scripts.forEach(script => {
      script.session?.dispose();
      script.states.dispose();
    });
    kernel.bridge.dispose();
  }

  private _onTargetChanged(): void {
    this._changed.emit();
  }

  private _targets: IKernelTargetSource;
  private _createSession: ScriptRunner.SessionFactory;
  private _readHistory: ScriptRunner.HistoryReader;
  private _settings: IRunSettings = { ...DEFAULT_RUN_SETTINGS };
  private _kernels = new Map<string, Private.IKernelEntry>();
  private _isDisposed = false;
  private _changed = new Signal<this, void>(this);
}

/** Types for ScriptRunner. */
export namespace ScriptRunner {
  /** Makes the session of a script in a kernel (a seam for tests). */
  export type SessionFactory = (
    bridge: KernelBridge,
    path: string,
    cwd: string
  ) => CellScriptSession;

  /**
   * Reads how the cells of the script at a (normalized) path last ran in a bridge's kernel,
   * oldest first (a seam for tests).
   */
  export type HistoryReader = (
    bridge: KernelBridge,
    path: string
  ) => Promise<readonly ICellRunRecord[]>;

  /** Options to create a ScriptRunner. */
  export interface IOptions {
    /** Where the default kernel comes from (the active notebook). */
    targets: IKernelTargetSource;
    /** Makes sessions (default: a CellScriptSession on the kernel's bridge). */
    createSession?: SessionFactory;
    /** Reads a script as it is now, to convert the parameter values set for it. */
    readScript?: (path: string) => Promise<IParsedScript>;
    /**
     * Reads the cells' last runs when the runner first follows a script in a kernel
     * (default: the runtime's `history`, asked only where the runtime is installed).
     */
    readHistory?: HistoryReader;
  }
}

namespace Private {
  /** What the runner keeps per kernel. */
  export interface IKernelEntry {
    bridge: KernelBridge;
    scripts: Map<string, ScriptEntry>;
  }

  /** What the runner keeps per script and kernel. */
  export class ScriptEntry {
    constructor(
      readonly path: string,
      readonly bridge: KernelBridge
    ) {}
    /** The script's session in the kernel, made by the first request. */
    session: CellScriptSession | null = null;
    readonly states = new RunStates();
    /** Runs in flight. */
    running = 0;
    /** Whether the kernel can check the file's bytes itself (else read before each run). */
    checkInKernel = true;
    /** The check of a text, computed once per text. */
    checkOf(text: string): ISourceCheck {
      if (this._checked?.text !== text) {
        this._checked = { text, check: sourceCheckOf(text) };
      }
      return this._checked.check;
    }
    private _checked: { text: string; check: ISourceCheck } | null = null;
  }
}
