/**
 * The exports a user declared per script, kept by the runner: applied at once in the active
 * notebook's kernel, handed to every session the runner makes for the script (so a new
 * notebook or kernel gets them at its first complete run), and the last answer of each
 * kernel, so the sidebar can say what was exported and what the script lacks.
 */
import type { Kernel } from '@jupyterlab/services';
import type { IDisposable } from '@lumino/disposable';
import { type ISignal, Signal } from '@lumino/signaling';
import {
  type IStateStore,
  keepInStateStore,
  savedScripts,
  scriptKey
} from './perScriptState';
import { KernelRequestError } from '../kernel/errors';
import { parseExportList } from '../kernel/exports';
import { normalizeScriptPath } from '../kernel/paths';
import type { IExportResult, IExportSpec } from '../kernel/protocol';
import type { CellScriptSession } from '../kernel/session';
import type { IScriptExports } from '../tokens';

/** Where the declared exports are kept in the state database. */
export const EXPORTS_STATE_KEY = 'jupyterlab-cellscript:exports';

/** Where a declared export stands in one kernel. */
export type ExportState = 'exported' | 'missing' | 'pending';

/** A declared export and where it stands in one kernel. */
export interface IExportStatus {
  /** Name in the notebook's namespace. */
  readonly target: string;
  /** Name in the script's namespace. */
  readonly source: string;
  /**
   * 'exported': copied into the notebook at the last apply; 'missing': the script's
   * namespace had no `source` then; 'pending': not applied yet in this kernel.
   */
  readonly state: ExportState;
}

/** What declaring exports did. */
export interface IExportDeclaration {
  /** The exports declared, as read. */
  readonly declared: IExportSpec[];
  /** The kernel's answer when they were applied now; null when no kernel applied them. */
  readonly applied: IExportResult | null;
  /**
   * Why a notebook's kernel could not apply them now (they apply after the next complete
   * run); null when they were applied, or when no notebook is open.
   */
  readonly notApplied: string | null;
}

/** The parts of a script's session the exports need (a seam for tests). */
export interface IExportingSession {
  /** Contents path of the script. */
  readonly path: string;
  /** Whether the session is disposed (its kernel went away). */
  readonly isDisposed: boolean;
  /** Emits the kernel's answer whenever exports were applied. */
  readonly exportsApplied: ISignal<unknown, CellScriptSession.IExportsApplied>;
  /** Declare and apply now. */
  export(...specs: IExportSpec[]): Promise<IExportResult>;
  /** Stop exporting these targets (all when none given). */
  unexport(...targets: string[]): void;
  /** Record exports without a kernel request (applied after the next complete run). */
  declareExports(specs: Iterable<IExportSpec>): void;
}

/**
 * Declared exports per script (by normalised path), the sessions they were handed to, and the
 * last answer per session. See {@link IScriptExports}.
 */
export class ScriptExports implements IScriptExports, IDisposable {
  constructor(options: ScriptExports.IOptions) {
    this._sessionForApply = options.sessionForApply;
    this._defaultKernel = options.defaultKernel;
  }

  /** Emits the path of a script whose declarations or results changed. */
  get changed(): ISignal<this, string> {
    return this._changed;
  }

  /** Whether the store is disposed. */
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Declare exports of a script: `'loss'`, `'model_v2=model'`, several in one string
   * separated by commas or spaces, or `{ target, source }`. They are applied now in the
   * active notebook's kernel when there is one, and after every complete run in every kernel.
   * Rejects, storing nothing, when one cannot be read or the kernel refuses a name.
   */
  async declare(
    path: string,
    specs: string | ReadonlyArray<string | IExportSpec>
  ): Promise<IExportDeclaration> {
    const key = scriptKey(path);
    const declared = parseExportList(specs);
    let applied: IExportResult | null = null;
    let notApplied: string | null = null;
    try {
      const session = await this._sessionForApply(key);
      applied = session ? await session.export(...declared) : null;
    } catch (error) {
      if (
        error instanceof KernelRequestError &&
        (error.kind === 'bad-name' || error.kind === 'bad-request')
      ) {
        // The kernel refuses the name: kept, it would make every later run fail.
        throw error;
      }
      notApplied = error instanceof Error ? error.message : String(error);
    }
    const map = this._declared.get(key) ?? new Map<string, string>();
    declared.forEach(({ target, source }) => map.set(target, source));
    this._declared.set(key, map);
    this._live(key).forEach(({ session }) => session.declareExports(declared));
    this._changed.emit(key);
    return { declared, applied, notApplied };
  }

  /**
   * Stop exporting these targets of a script (all when none are given, as the session's
   * `unexport`) in every kernel. Values already copied stay in the notebooks. Returns the
   * exports removed.
   */
  remove(path: string, targets?: readonly string[]): IExportSpec[] {
    const key = scriptKey(path);
    const map = this._declared.get(key);
    if (targets?.length === 0) {
      targets = undefined;
    }
    const removed = this.specsFor(key).filter(
      spec => !targets || targets.includes(spec.target)
    );
    removed.forEach(spec => map?.delete(spec.target));
    if (map?.size === 0) {
      this._declared.delete(key);
    }
    for (const attached of this._live(key)) {
      // Sessions may hold exports declared on them directly: all means all.
      attached.session.unexport(...(targets ?? []));
      (targets ?? [...attached.results.keys()]).forEach(target =>
        attached.results.delete(target)
      );
    }
    if (removed.length > 0) {
      this._changed.emit(key);
    }
    return removed;
  }

  /** The declared exports of a script, in the order they were first declared. */
  specsFor(path: string): IExportSpec[] {
    const map = this._declared.get(normalizeScriptPath(path));
    return map
      ? Array.from(map, ([target, source]) => ({ target, source }))
      : [];
  }

  /** The scripts with declared exports (normalised paths). */
  paths(): string[] {
    return [...this._declared.keys()];
  }

  /** Each declared export of a script and where it stands in a kernel (default: the target's). */
  statusFor(
    path: string,
    kernel: Kernel.IKernelConnection | null = this._defaultKernel()
  ): IExportStatus[] {
    const key = normalizeScriptPath(path);
    const attached = kernel
      ? this._live(key).find(entry => entry.kernel === kernel)
      : undefined;
    return this.specsFor(key).map(({ target, source }) => {
      const last = attached?.results.get(target);
      // An answer about another source (re-declared since) says nothing about this one.
      const state = last?.source === source ? last.state : 'pending';
      return { target, source, state };
    });
  }

  /**
   * Follow a session the runner made for a script in a kernel: hand it the script's declared
   * exports (no kernel request: they apply after its first complete run) and record its
   * answers. `restarted` (the kernel's) forgets them: a restart empties the notebook too.
   */
  attach(
    session: IExportingSession,
    kernel: Kernel.IKernelConnection,
    restarted?: ISignal<unknown, void>
  ): void {
    const key = normalizeScriptPath(session.path);
    const declared = this.specsFor(key);
    if (declared.length > 0) {
      session.declareExports(declared);
    }
    const attached: Private.IAttached = { session, kernel, results: new Map() };
    this._sessions.set(key, [...this._live(key), attached]);
    session.exportsApplied.connect((_, applied) => {
      const result = applied.result;
      if (!result) {
        // A run that did not complete applied nothing: a name the script lacked before may
        // be defined now. What was exported stays in the notebook, as it was.
        for (const [target, last] of attached.results) {
          if (last.state === 'missing') {
            attached.results.delete(target);
          }
        }
        this._changed.emit(key);
        return;
      }
      for (const spec of applied.specs) {
        const exported = result.exported.some(
          done => done.target === spec.target && done.source === spec.source
        );
        const missing = result.missing.includes(spec.source);
        if (exported || missing) {
          attached.results.set(spec.target, {
            source: spec.source,
            state: exported ? 'exported' : 'missing'
          });
        }
      }
      this._changed.emit(key);
    }, this);
    restarted?.connect(() => {
      if (attached.results.size > 0) {
        attached.results.clear();
        this._changed.emit(key);
      }
    }, this);
  }

  /** The declarations as JSON, for the state database. */
  toJSON(): ScriptExports.IState {
    const scripts: { [path: string]: IExportSpec[] } = {};
    for (const path of this._declared.keys()) {
      scripts[path] = this.specsFor(path);
    }
    return { version: 1, scripts };
  }

  /**
   * Add saved declarations (from {@link toJSON}) under the ones made since; also hands them
   * to existing sessions. A value that is not such a state is ignored with a warning, as is
   * a script whose exports cannot be read.
   */
  restore(saved: unknown): void {
    const scripts = savedScripts(saved, 'exports', EXPORTS_STATE_KEY);
    if (!scripts) {
      return;
    }
    for (const [path, specs] of Object.entries(scripts)) {
      let parsed: IExportSpec[];
      try {
        parsed = parseExportList(Array.isArray(specs) ? specs : [specs]);
      } catch (error) {
        console.warn(
          `CellScript: ignoring the saved exports of ${path}: ${String(error)}`
        );
        continue;
      }
      const key = normalizeScriptPath(path);
      const now = this._declared.get(key) ?? new Map<string, string>();
      const merged = new Map(parsed.map(s => [s.target, s.source]));
      now.forEach((source, target) => merged.set(target, source));
      this._declared.set(key, merged);
      this._live(key).forEach(({ session }) =>
        session.declareExports(this.specsFor(key))
      );
      this._changed.emit(key);
    }
  }

  /** Stop following sessions. Idempotent. */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._sessions.clear();
    Signal.clearData(this);
  }

  /** The sessions of a script still alive (the runner disposes those of gone kernels). */
  private _live(key: string): Private.IAttached[] {
    const all = this._sessions.get(key) ?? [];
    const live = all.filter(entry => !entry.session.isDisposed);
    if (live.length !== all.length) {
      this._sessions.set(key, live);
    }
    return live;
  }

  private _sessionForApply: ScriptExports.IOptions['sessionForApply'];
  private _defaultKernel: ScriptExports.IOptions['defaultKernel'];
  private _declared = new Map<string, Map<string, string>>();
  private _sessions = new Map<string, Private.IAttached[]>();
  private _isDisposed = false;
  private _changed = new Signal<this, string>(this);
}

/** Types for ScriptExports. */
export namespace ScriptExports {
  /** Options to create a ScriptExports. */
  export interface IOptions {
    /**
     * The script's session in the active notebook's kernel, to apply declarations now; null
     * when no notebook is open. Rejects when the notebook has no usable kernel.
     */
    sessionForApply: (path: string) => Promise<IExportingSession | null>;
    /** The active notebook's kernel, the default of `statusFor`. */
    defaultKernel: () => Kernel.IKernelConnection | null;
  }

  /** The saved form of the declarations. */
  export type IState = {
    version: 1;
    scripts: { [path: string]: Array<{ target: string; source: string }> };
  };
}

/**
 * Keep the declared exports in a state database (see {@link keepInStateStore}). (The store is
 * not named `exports`: in a CommonJS build that name would hide the module's own exports.)
 */
export function keepExportsIn(
  declared: ScriptExports,
  state: IStateStore,
  key: string = EXPORTS_STATE_KEY
): Promise<void> {
  return keepInStateStore(declared, state, key, 'exports');
}

namespace Private {
  /** A session the store follows, and its kernel's last answer per target. */
  export interface IAttached {
    session: IExportingSession;
    kernel: Kernel.IKernelConnection;
    results: Map<string, { source: string; state: ExportState }>;
  }
}
