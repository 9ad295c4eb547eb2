import type { Kernel } from '@jupyterlab/services';
import { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { KernelBridge } from '../kernel/bridge';
import type { IRunResult, NamespaceMode } from '../kernel/protocol';
import { CellScriptSession } from '../kernel/session';
import type { ScriptDocument } from '../document/scriptDocument';
import { type CellSelector, selectCells } from '../script';
import type { IKernelTarget, IKernelTargetSource } from './kernelTarget';
import { RunStates } from './runStates';

/** How scripts run, from the settings. */
export interface IRunSettings {
  /** Own module per script (default) or the notebook's `__main__`. */
  namespace: NamespaceMode;
  /** Print a `> ` summary of each cell before it runs. */
  verbose: boolean;
  /** Display each cell's last expression value, as a notebook cell does. */
  showLastValue: boolean;
}

/** The defaults of {@link IRunSettings}. */
export const DEFAULT_RUN_SETTINGS: IRunSettings = {
  namespace: 'module',
  verbose: false,
  showLastValue: true
};

/**
 * Runs scripts in the target kernel (the active notebook's): one bridge per kernel, one
 * session and one set of cell run states per script and kernel. Restarting the kernel marks
 * every cell of every script as not run.
 */
export class ScriptRunner implements IDisposable {
  constructor(options: ScriptRunner.IOptions) {
    this._targets = options.targets;
    this._targets.changed.connect(this._onTargetChanged, this);
  }

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

  /** Change how scripts run. A namespace change starts new sessions (namespaces stay). */
  setSettings(settings: Partial<IRunSettings>): void {
    const next = { ...this._settings, ...settings };
    if (next.namespace !== this._settings.namespace) {
      this._sessions.forEach(session => session.dispose());
      this._sessions.clear();
    }
    this._settings = next;
  }

  /** The run states of `path` in the current kernel (null without a kernel). */
  statesFor(path: string): RunStates | null {
    const kernel = this.target?.kernel;
    return kernel ? this._statesFor(kernel, path) : null;
  }

  /** Whether a run of `path` is in flight in the current kernel. */
  isRunning(path: string): boolean {
    const kernel = this.target?.kernel;
    return kernel ? (this._running.get(key(kernel, path)) ?? 0) > 0 : false;
  }

  /**
   * Run cells of a script (re-read first) in the target kernel. Resolves with the result,
   * also when a cell fails (the states show it); rejects when the run cannot start: no
   * notebook, no Python kernel, a selector that matches nothing.
   */
  async run(
    document: ScriptDocument,
    selectors: CellSelector[]
  ): Promise<IRunResult> {
    const kernel = await this._kernel();
    const session = this._sessionFor(kernel, document);
    const states = this._statesFor(kernel, document.path);
    const id = key(kernel, document.path);
    // Mark what the live parse says will run; the session re-reads the text just before.
    const script = document.script;
    const queued = script
      ? selectCells(script, ...selectors).filter(c => c.type === 'code')
      : [];
    states.queue(queued);
    this._running.set(id, (this._running.get(id) ?? 0) + 1);
    this._changed.emit();
    try {
      // The session re-reads the text (document.readSource) and runs exactly that; the
      // document then holds that text, so indices map to the cells that ran.
      return await session.runCells(selectors, {
        sink: states.sinkFor(index => document.script?.cells[index]),
        verbose: this._settings.verbose,
        showLastValue: this._settings.showLastValue
      });
    } finally {
      states.settle(queued);
      this._running.set(id, (this._running.get(id) ?? 1) - 1);
      this._changed.emit();
    }
  }

  /** Interrupt the target kernel (stops the running cell). */
  async interrupt(): Promise<void> {
    const kernel = this.target?.kernel;
    if (kernel) {
      await kernel.interrupt();
    }
  }

  /** Drop the script's namespace in the target kernel and forget its cells' runs. */
  async reset(document: ScriptDocument): Promise<void> {
    const kernel = await this._kernel();
    await this._sessionFor(kernel, document).reset();
    this._statesFor(kernel, document.path).clear();
    this._changed.emit();
  }

  /** Release bridges and sessions (kernels keep running). Idempotent. */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._sessions.forEach(session => session.dispose());
    this._bridges.forEach(bridge => bridge.dispose());
    this._states.forEach(states => states.dispose());
    Signal.clearData(this);
  }

  /** The target's kernel once ready, or an error that says what to do. */
  private async _kernel(): Promise<Kernel.IKernelConnection> {
    const target = this.target;
    if (!target) {
      throw new Error(
        'No notebook is open. Open or create a notebook with a Python kernel: script cells run in its kernel.'
      );
    }
    const kernel = await target.ready();
    if (!kernel) {
      throw new Error(
        `The notebook ${target.notebookPath} has no kernel. Select a Python kernel for it, then run again.`
      );
    }
    return kernel;
  }

  private _bridgeFor(kernel: Kernel.IKernelConnection): KernelBridge {
    let bridge = this._bridges.get(kernel.id);
    if (!bridge || bridge.kernel !== kernel) {
      bridge?.dispose();
      bridge = new KernelBridge({ kernel });
      bridge.restarted.connect(() => this._onRestarted(kernel.id), this);
      this._bridges.set(kernel.id, bridge);
    }
    return bridge;
  }

  private _sessionFor(
    kernel: Kernel.IKernelConnection,
    document: ScriptDocument
  ): CellScriptSession {
    const id = key(kernel, document.path);
    let session = this._sessions.get(id);
    if (!session || session.bridge !== this._bridgeFor(kernel)) {
      session?.dispose();
      session = new CellScriptSession({
        path: document.path,
        kernel: this._bridgeFor(kernel),
        readSource: () => document.readSource(),
        kernelCwd: this.target?.cwd ?? '',
        namespace: this._settings.namespace
      });
      this._sessions.set(id, session);
    }
    return session;
  }

  private _statesFor(kernel: Kernel.IKernelConnection, path: string) {
    const id = key(kernel, path);
    let states = this._states.get(id);
    if (!states) {
      states = new RunStates();
      this._states.set(id, states);
    }
    return states;
  }

  private _onRestarted(kernelId: string): void {
    for (const [id, states] of this._states) {
      if (id.startsWith(`${kernelId}\n`)) {
        states.clear();
      }
    }
    this._changed.emit();
  }

  private _onTargetChanged(): void {
    this._changed.emit();
  }

  private _targets: IKernelTargetSource;
  private _settings: IRunSettings = { ...DEFAULT_RUN_SETTINGS };
  private _bridges = new Map<string, KernelBridge>();
  private _sessions = new Map<string, CellScriptSession>();
  private _states = new Map<string, RunStates>();
  private _running = new Map<string, number>();
  private _isDisposed = false;
  private _changed = new Signal<this, void>(this);
}

/** Types for ScriptRunner. */
export namespace ScriptRunner {
  /** Options to create a ScriptRunner. */
  export interface IOptions {
    /** Where the kernel comes from (the active notebook). */
    targets: IKernelTargetSource;
  }
}

function key(kernel: Kernel.IKernelConnection, path: string): string {
  return `${kernel.id}\n${path}`;
}
