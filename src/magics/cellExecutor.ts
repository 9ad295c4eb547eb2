/**
 * CellScript's notebook cell executor: a cell with a frontend magic runs here, segment by
 * segment; every other cell goes to JupyterLab's own `runCell` unchanged, so IPython's magics,
 * shell escapes and everything else behave exactly as before.
 */
import type { ISessionContext } from '@jupyterlab/apputils';
import type { CodeCell } from '@jupyterlab/cells';
import type {
  INotebookCellExecutor,
  KernelError,
  NotebookPanel
} from '@jupyterlab/notebook';
import type { Kernel } from '@jupyterlab/services';
import { MagicInterruptedError, MagicUsageError, noKernel } from './errors';
import { type IMagicArg, splitArgs } from './magicArgs';
import { errorContentOf, OutputAreaSink } from './magicOutput';
import { type CellSegment, historyEntry, planCell } from './magicSyntax';
import type {
  IMagicContext,
  IMagicHistory,
  IMagicRegistry,
  MagicResult
} from './types';

type RunCellOptions = INotebookCellExecutor.IRunCellOptions;

/**
 * Runs notebook cells. A magic cell waits for the cells run before it in its notebook; if
 * one of them failed it does not run (as the kernel aborts what was queued behind a failing
 * cell). The cells run after it wait for it: a failing magic aborts them. So "Run All" runs
 * in order and stops at a failing magic. The cell's execution count comes from its entry in
 * the kernel's input history, sent with the magic's own kernel request when it takes it (one
 * round trip for `%cellscript run`), else on its own after the magic.
 */
export class MagicCellExecutor implements INotebookCellExecutor {
  constructor(options: MagicCellExecutor.IOptions) {
    this._registry = options.registry;
    this._fallback = options.fallback;
    this._kernelError = options.kernelError;
    this._notebookOf = options.notebookOf;
    this._enabled = options.enabled ?? (() => true);
    this._onMagicOff = options.onMagicOff ?? (() => undefined);
  }

  async runCell(options: RunCellOptions): Promise<boolean> {
    const { cell, sessionContext } = options;
    if (cell.model.type !== 'code' || !sessionContext) {
      return this._fallback(options);
    }
    const plan = planCell(cell.model.sharedModel.getSource(), {
      isLineMagic: name => this._registry.lineMagic(name) !== undefined,
      isCellMagic: name => this._registry.cellMagic(name) !== undefined
    });
    if (plan && !this._enabled()) {
      this._onMagicOff(firstMagic(plan));
    }
    const lane = this._laneOf(sessionContext);
    if (!plan || !this._enabled()) {
      const gate = lane.lastMagic;
      const run = gate
        ? this._afterGate(gate, options)
        : this._fallback(options);
      // Magic cells run after this one wait for it: rejected means it failed.
      const settled = run.then(
        () => true,
        () => false
      );
      lane.pending.add(settled);
      void settled.then(() => lane.pending.delete(settled));
      return run;
    }
    const before = [...lane.pending];
    if (lane.lastMagic) {
      before.push(lane.lastMagic);
    }
    const done = this._runMagicCell(options, plan, before, lane);
    const outcome = done.then(
      ok => ok,
      () => false
    );
    lane.lastMagic = outcome;
    try {
      return await done;
    } finally {
      if (lane.lastMagic === outcome) {
        lane.lastMagic = null;
      }
    }
  }

  /** Interrupt the magics running in a notebook's session (the kernel was interrupted). */
  interrupt(sessionContext: ISessionContext): void {
    this._lanes.get(sessionContext)?.controllers.forEach(c => c.abort());
  }

  /** A plain cell queued behind a magic cell: runs once that ended well, else is aborted. */
  private async _afterGate(
    gate: Promise<boolean>,
    options: RunCellOptions
  ): Promise<boolean> {
    const cell = options.cell as CodeCell;
    cell.model.executionState = 'running';
    if (!(await gate)) {
      return abort(cell);
    }
    return this._fallback(options);
  }

  private async _runMagicCell(
    options: RunCellOptions,
    plan: CellSegment[],
    before: Promise<boolean>[],
    lane: Private.ILane
  ): Promise<boolean> {
    const cell = options.cell as CodeCell;
    const sessionContext = options.sessionContext!;
    const model = cell.model;
    options.onCellExecutionScheduled({ cell });
    model.sharedModel.transact(() => {
      model.clearExecution();
      cell.outputHidden = false;
    }, false);
    model.executionState = 'running';
    model.trusted = true;
    // The cells run before this one end first; if one failed, this one does not run (as
    // the kernel aborts what was queued behind a failing cell).
    if (!(await Promise.all(before)).every(Boolean)) {
      return abort(cell);
    }
    const kernel = await kernelOf(options);
    const metadata = { cellId: model.sharedModel.getId() };
    const history = new Private.History(model.sharedModel.getSource());
    const output = new OutputAreaSink(cell.outputArea.model);
    const controller = new AbortController();
    lane.controllers.add(controller);
    let failure: unknown = null;
    let last: MagicResult = undefined;
    try {
      for (const segment of plan) {
        if (segment.kind === 'python') {
          if (!(await this._runPython(cell, kernel, segment.code, metadata))) {
            failure = new Error('A Python line of the cell failed.');
            break;
          }
          continue;
        }
        try {
          const result = await this._runMagic(segment, {
            cell,
            kernel,
            output,
            sessionContext,
            history,
            signal: controller.signal
          });
          if (segment === plan[plan.length - 1] && history.count === null) {
            // Shown once the count is known, so that it reads Out[n] as a cell's result.
            last = result;
          } else {
            output.result(result, history.count);
          }
        } catch (error) {
          output.fail(error);
          failure = error;
          break;
        }
      }
    } finally {
      lane.controllers.delete(controller);
    }
    const count = await this._record(history, kernel, metadata);
    output.result(last, count);
    model.executionCount = count;
    model.executionState = 'idle';
    if (failure === null) {
      options.onCellExecuted({ cell, success: true });
      return true;
    }
    const error = this._kernelError({
      status: 'error',
      execution_count: count,
      ...errorContentOf(failure)
    });
    options.onCellExecuted({ cell, success: false, error });
    throw error;
  }

  /**
   * The cell's execution count: the one a magic's own kernel request took with the cell's
   * history entry, else one from a request of the entry alone (commented: it runs nothing);
   * null without a kernel, or when the kernel aborted the entry after a failure.
   */
  private async _record(
    history: Private.History,
    kernel: Kernel.IKernelConnection | null,
    metadata: { cellId: string }
  ): Promise<number | null> {
    if (history.count !== null || !kernel) {
      return history.count;
    }
    try {
      const reply = await kernel.requestExecute(
        {
          code: historyEntry(history.source),
          store_history: true,
          stop_on_error: true
        },
        true,
        metadata
      ).done;
      return reply.content.status === 'aborted'
        ? null
        : reply.content.execution_count;
    } catch (error) {
      console.warn('CellScript: no execution count for a magic cell.', error);
      return null;
    }
  }

  /** Run Python lines of a magic cell; their outputs join the cell's. Resolves whether ok. */
  private async _runPython(
    cell: CodeCell,
    kernel: Kernel.IKernelConnection | null,
    code: string,
    metadata: { cellId: string }
  ): Promise<boolean> {
    if (!kernel) {
      new OutputAreaSink(cell.outputArea.model).fail(noKernel());
      return false;
    }
    // Not stored in the history: the cell's entry (above) already holds these lines.
    const future = kernel.requestExecute(
      { code, stop_on_error: true, store_history: false },
      false,
      metadata
    );
    cell.outputArea.reattachFuture(future);
    const reply = await future.done;
    return reply.content.status === 'ok';
  }

  /** Run one magic; rejects with what it threw, or when interrupted. */
  private async _runMagic(
    segment: Exclude<CellSegment, { kind: 'python' }>,
    parts: Pick<
      IMagicContext,
      'cell' | 'kernel' | 'output' | 'sessionContext' | 'history' | 'signal'
    >
  ): Promise<MagicResult> {
    const spec =
      segment.kind === 'cell'
        ? this._registry.cellMagic(segment.name)
        : this._registry.lineMagic(segment.name);
    const sign = segment.kind === 'cell' ? '%%' : '%';
    if (!spec) {
      throw new MagicUsageError(
        `${sign}${segment.name} is no longer registered: the extension that added it was unloaded.`
      );
    }
    let args: IMagicArg[] | null = null;
    const context: IMagicContext = {
      ...parts,
      kind: segment.kind,
      name: segment.name,
      line: segment.rest,
      // Split when asked: a magic taking code (not words) never trips on its quotes.
      get args() {
        return (args ??= splitArgs(segment.rest));
      },
      body: segment.kind === 'cell' ? segment.body : null,
      notebook: this._notebookOf(parts.cell)
    };
    const signal = parts.signal;
    const interrupted = new Promise<never>((_, reject) => {
      const stop = () => reject(new MagicInterruptedError());
      if (signal.aborted) {
        stop();
      }
      signal.addEventListener('abort', stop, { once: true });
    });
    interrupted.catch(() => undefined);
    return Promise.race([
      Promise.resolve().then(() => spec.handler(context)),
      interrupted
    ]);
  }

  private _laneOf(sessionContext: ISessionContext): Private.ILane {
    let lane = this._lanes.get(sessionContext);
    if (!lane) {
      const created: Private.ILane = {
        lastMagic: null,
        pending: new Set(),
        controllers: new Set()
      };
      const stopAll = () => created.controllers.forEach(c => c.abort());
      sessionContext.statusChanged.connect((_, status) => {
        if (status === 'restarting' || status === 'dead') {
          stopAll();
        }
      });
      sessionContext.kernelChanged.connect(stopAll);
      this._lanes.set(sessionContext, created);
      lane = created;
    }
    return lane;
  }

  private _registry: IMagicRegistry;
  private _fallback: (options: RunCellOptions) => Promise<boolean>;
  private _kernelError: MagicCellExecutor.IOptions['kernelError'];
  private _notebookOf: MagicCellExecutor.IOptions['notebookOf'];
  private _enabled: () => boolean;
  private _onMagicOff: (magic: string) => void;
  private _lanes = new WeakMap<ISessionContext, Private.ILane>();
}

/** Types of MagicCellExecutor. */
export namespace MagicCellExecutor {
  /** Options to create one. */
  export interface IOptions {
    /** The frontend magics. */
    registry: IMagicRegistry;
    /** Runs every other cell: JupyterLab's `runCell`. */
    fallback: (options: RunCellOptions) => Promise<boolean>;
    /**
     * Makes the error a failed cell rejects with: JupyterLab's `KernelError`, whose
     * `KernelReplyNotOK` message "Run All" knows as a failed cell (not a crash).
     */
    kernelError: (content: {
      status: 'error';
      execution_count: number | null;
      ename: string;
      evalue: string;
      traceback: string[];
    }) => KernelError;
    /** The notebook panel a cell is in, or null. */
    notebookOf: (cell: CodeCell) => NotebookPanel | null;
    /** Whether frontend magics run (a setting); when not, every cell goes to the kernel. */
    enabled?: () => boolean;
    /** Told the magic (e.g. `%cellscript`) of a cell sent to the kernel while magics are off. */
    onMagicOff?: (magic: string) => void;
  }
}

/** A cell that will not run: no count, no `[*]`, as JupyterLab leaves an aborted cell. */
function abort(cell: CodeCell): false {
  cell.model.sharedModel.transact(() => cell.model.clearExecution(), false);
  cell.model.executionState = 'idle';
  return false;
}

/** The first magic of a plan as typed, e.g. `%%cellscript`. */
function firstMagic(plan: CellSegment[]): string {
  const magic = plan.find(segment => segment.kind !== 'python');
  return magic?.kind === 'cell' ? `%%${magic.name}` : `%${magic?.name ?? ''}`;
}

/** The notebook's kernel, started (or chosen by the user) as a plain cell would. */
async function kernelOf(
  options: RunCellOptions
): Promise<Kernel.IKernelConnection | null> {
  const sessionContext = options.sessionContext!;
  if (sessionContext.hasNoKernel) {
    const shouldSelect = await sessionContext.startKernel();
    if (shouldSelect && options.sessionDialogs) {
      await options.sessionDialogs.selectKernel(sessionContext);
    }
  }
  return sessionContext.session?.kernel ?? null;
}

namespace Private {
  /** What the executor keeps per notebook session. */
  export interface ILane {
    /** Resolves whether the newest magic cell not finished yet succeeded; null when none. */
    lastMagic: Promise<boolean> | null;
    /** Plain cells running: each resolves whether it succeeded. */
    pending: Set<Promise<boolean>>;
    /** One per magic cell running: aborted when the kernel is interrupted or restarts. */
    controllers: Set<AbortController>;
  }

  /** A magic cell's entry in the kernel's input history, taken by at most one request. */
  export class History implements IMagicHistory {
    constructor(readonly source: string) {}

    /** The count the entry took, once a magic's request reported it. */
    count: number | null = null;

    take(): { source: string; recorded(count: number): void } | null {
      if (this._taken) {
        return null;
      }
      this._taken = true;
      return {
        source: this.source,
        recorded: count => {
          this.count = count;
        }
      };
    }

    private _taken = false;
  }
}
