import type * as nbformat from '@jupyterlab/nbformat';
import { ISignal, Signal } from '@lumino/signaling';
import type {
  ICellOutcome,
  ICellRunRecord,
  IUserError
} from '../kernel/protocol';
import type { IOutputExtra, IOutputSink } from '../kernel/outputs';
import type { IScriptCell } from '../script';

/** What the sidebar shows of a cell's last run. */
export type CellRunStatus =
  | 'not-run'
  | 'queued'
  | 'running'
  | 'ok'
  | 'error'
  | 'interrupted';

/** The last run of one script cell. */
export interface ICellRunState {
  readonly status: CellRunStatus;
  /** Kernel wall time of the last finished run, in milliseconds. */
  readonly durationMs: number | null;
  /** Hash of the source that ran (to tell "changed since run"). */
  readonly ranHash: string | null;
  /** The last run's outputs, in order. */
  readonly outputs: readonly nbformat.IOutput[];
  /** Where the last run failed. */
  readonly error: IUserError | null;
  /**
   * When the last run started, as a count of cell runs of this script in this kernel (a later
   * run has a larger number), or null when it never ran: tells which cells ran on the results
   * of a cell that has changed since.
   */
  readonly runOrder: number | null;
  /**
   * The lines (1-based, inclusive) the last run ran when it was a selection of the cell's
   * lines rather than the whole cell; null for a whole cell.
   */
  readonly ranLines: ISelectedLines | null;
  /**
   * True when this state was read back from the kernel after a page reload: how the cell
   * ended is known, its outputs are not ("ran before reload").
   */
  readonly restored: boolean;
}

/** Lines of a script, 1-based and inclusive. */
export interface ISelectedLines {
  readonly firstLine: number;
  readonly lastLine: number;
}

/**
 * A cell as a run sends it: a script cell, or some of its lines (a selection in the editor)
 * standing in for it, which `selection` tells.
 */
export type RunCell = IScriptCell & { readonly selection?: ISelectedLines };

/** One run of a cell: when it started (its run order) and the hash of the text it ran. */
export interface IRunMark {
  readonly order: number;
  readonly hash: string;
}

/** How many runs of each cell are remembered to tell stale cells. */
const RUN_LOG_LENGTH = 32;

const NOT_RUN: ICellRunState = {
  status: 'not-run',
  durationMs: null,
  ranHash: null,
  outputs: [],
  error: null,
  runOrder: null,
  ranLines: null,
  restored: false
};

/** The outputs of a run that has none (yet). */
const NO_OUTPUTS: readonly nbformat.IOutput[] = [];

/** `state` with another status (one object, every field named: no spread). */
function withStatus(
  state: ICellRunState,
  status: CellRunStatus
): ICellRunState {
  return {
    status,
    durationMs: state.durationMs,
    ranHash: state.ranHash,
    outputs: state.outputs,
    error: state.error,
    runOrder: state.runOrder,
    ranLines: state.ranLines,
    restored: state.restored
  };
}

/**
 * A cell's identity across edits: its name when it has one, else its position. Renaming a
 * cell or moving an unnamed one forgets its last run, which is what a user expects.
 */
export function cellKey(cell: Pick<IScriptCell, 'index' | 'name'>): string {
  return cell.name !== null ? `name:${cell.name}` : `index:${cell.index}`;
}

/**
 * The run state of every cell of one script in one kernel. It is the sink of the runs it
 * follows (see `sinkFor`) and signals the key of each cell whose state changed.
 */
export class RunStates {
  /** The state of a cell that has not run. */
  static readonly notRun: ICellRunState = NOT_RUN;

  /** Emits the key of a cell whose state changed, or null when all changed. */
  get changed(): ISignal<this, string | null> {
    return this._changed;
  }

  /** The state of a cell (not run when unknown). */
  get(cell: Pick<IScriptCell, 'index' | 'name'>): ICellRunState {
    return this._states.get(cellKey(cell)) ?? NOT_RUN;
  }

  /** Whether the cell ran and its source changed since (its hash differs). */
  isChanged(cell: IScriptCell): boolean {
    const state = this.get(cell);
    return state.ranHash !== null && state.ranHash !== cell.hash;
  }

  /**
   * Mark cells as waiting to run (the run was sent), in the order they will run: that order
   * is each one's run order, however the news of their ends arrives (a quick silent cell is
   * only known to have run when a later cell's output or the reply says so).
   */
  queue(cells: readonly IScriptCell[]): void {
    for (const cell of cells) {
      const key = cellKey(cell);
      this._plannedOrder.set(key, ++this._runCount);
      const state = this._states.get(key) ?? NOT_RUN;
      if (state.status !== 'queued') {
        this._beforeQueue.set(key, state);
      }
      this._set(key, withStatus(state, 'queued'));
    }
  }

  /**
   * A sink for one run: `cellAt(index)` gives the cell the kernel runs (the text read for
   * that run), so outputs land on the right cell even after later edits.
   */
  sinkFor(cellAt: (index: number) => IScriptCell | undefined): IOutputSink {
    const keyOf = (index: number | null) => {
      const cell = index === null ? undefined : cellAt(index);
      return cell ? cellKey(cell) : null;
    };
    return {
      cellStarted: index => {
        const cell = cellAt(index);
        if (cell) {
          this._set(cellKey(cell), {
            status: 'running',
            durationMs: null,
            ranHash: cell.hash,
            outputs: [],
            error: null,
            runOrder: this._takeOrder(cellKey(cell)),
            ranLines: (cell as RunCell).selection ?? null,
            restored: false
          });
        }
      },
      output: (index, output, extra) => {
        const key = keyOf(index);
        if (key) {
          this._addOutput(key, output, extra);
        }
      },
      clearOutput: (index, wait) => {
        const key = keyOf(index);
        if (key) {
          this._clear(key, wait);
        }
      },
      cellFinished: (index, outcome) => {
        const cell = cellAt(index);
        if (cell) {
          this._finish(cellKey(cell), outcome, cell);
        }
      }
    };
  }

  /**
   * After a run ended: cells still queued did not run, so they get back the state they had;
   * a cell still running never finished (the kernel died or restarted): interrupted.
   */
  settle(cells: readonly IScriptCell[]): void {
    for (const cell of cells) {
      const key = cellKey(cell);
      const state = this._states.get(key);
      this._plannedOrder.delete(key);
      if (state?.status === 'queued') {
        this._set(key, this._beforeQueue.get(key) ?? NOT_RUN);
      } else if (state?.status === 'running') {
        this._set(key, withStatus(state, 'interrupted'));
      }
      this._beforeQueue.delete(key);
    }
  }

  /**
   * Counts the times every run was forgotten (`clear`): an answer asked for before a clear
   * describes runs that are gone.
   */
  get generation(): number {
    return this._generation;
  }

  /**
   * Fill in the cells' last runs as the kernel remembers them (the page was loaded again):
   * each becomes a `restored` state, without outputs, whose run order keeps the kernel's
   * order and comes before every run made in this page. A cell that has a state of this
   * page (it ran, runs or waits to run) keeps it; a queued cell whose run does not reach it
   * goes back to the restored state. Emits `changed(null)` when anything was restored.
   */
  restore(records: readonly ICellRunRecord[]): void {
    const last = Math.max(0, ...records.map(record => record.order));
    let restored = false;
    for (const record of records) {
      const key = cellKey(record);
      const state: ICellRunState = {
        status: record.status,
        durationMs: record.durationMs,
        ranHash: record.hash,
        outputs: [],
        error: record.error ?? null,
        // 0 and below: before run 1 of this page, in the kernel's order.
        runOrder: record.order - last,
        ranLines: record.selection
          ? {
              firstLine: record.selection.firstLine,
              lastLine: record.selection.lastLine
            }
          : null,
        restored: true
      };
      const log = this._runs.get(key) ?? [];
      if (record.hash && (log.length === 0 || log[0].order > state.runOrder!)) {
        this._runs.set(key, [
          { order: state.runOrder!, hash: record.hash },
          ...log
        ]);
      }
      const current = this._states.get(key);
      if (current === undefined || current === NOT_RUN) {
        this._states.set(key, state);
        restored = true;
      } else if (
        current.status === 'queued' &&
        (this._beforeQueue.get(key) ?? NOT_RUN) === NOT_RUN
      ) {
        this._beforeQueue.set(key, state);
      }
    }
    if (restored) {
      this._changed.emit(null);
    }
  }

  /** Forget every run (kernel restarted, namespace reset). */
  clear(): void {
    this._generation++;
    this._states.clear();
    this._runs.clear();
    this._plannedOrder.clear();
    this._pendingClear.clear();
    this._beforeQueue.clear();
    this._changed.emit(null);
  }

  /** Stop signalling. */
  dispose(): void {
    Signal.clearData(this);
  }

  private _addOutput(
    key: string,
    output: nbformat.IOutput,
    extra: IOutputExtra
  ): void {
    const state = this._states.get(key) ?? NOT_RUN;
    let outputs = this._pendingClear.delete(key) ? [] : state.outputs.slice();
    if (extra.update && extra.displayId) {
      outputs = outputs.map(o =>
        this._displayIds.get(o) === extra.displayId ? output : o
      );
    } else {
      outputs.push(output);
    }
    if (extra.displayId) {
      this._displayIds.set(output, extra.displayId);
    }
    this._set(key, { ...state, outputs });
  }

  private _clear(key: string, wait: boolean): void {
    if (wait) {
      this._pendingClear.add(key);
      return;
    }
    const state = this._states.get(key) ?? NOT_RUN;
    this._set(key, { ...state, outputs: [] });
  }

  private _finish(key: string, outcome: ICellOutcome, cell: RunCell): void {
    const state = this._states.get(key) ?? NOT_RUN;
    const started = state.status === 'running';
    this._pendingClear.delete(key);
    // One object per state (a run of 1,000 quick cells finishes 1,000 of them at once).
    this._set(key, {
      status: outcome.status,
      durationMs: outcome.durationMs,
      error: outcome.error ?? null,
      // A quick silent cell is finished without being started: this run's state starts here.
      ranHash: started ? state.ranHash : cell.hash,
      outputs: started ? state.outputs : NO_OUTPUTS,
      runOrder: started ? state.runOrder : this._takeOrder(key),
      ranLines: started ? state.ranLines : (cell.selection ?? null),
      restored: false
    });
  }

  /**
   * The runs of a cell this object knows of, oldest first (at most the last
   * {@link RUN_LOG_LENGTH}): which text of the cell was the latest to have run at any point,
   * so a cell that ran in between can tell it ran on text that is no longer there.
   */
  runsOf(cell: Pick<IScriptCell, 'index' | 'name'>): readonly IRunMark[] {
    return this._runs.get(cellKey(cell)) ?? [];
  }

  /** The run order of a cell that starts now: the one planned when it was queued. */
  private _takeOrder(key: string): number {
    const planned = this._plannedOrder.get(key);
    this._plannedOrder.delete(key);
    return planned ?? ++this._runCount;
  }

  private _set(key: string, state: ICellRunState): void {
    if (state.runOrder !== null && state.ranHash !== null) {
      const log = this._runs.get(key) ?? [];
      const last = log[log.length - 1];
      if (!last || state.runOrder > last.order) {
        log.push({ order: state.runOrder, hash: state.ranHash });
        if (log.length > RUN_LOG_LENGTH) {
          log.shift();
        }
        this._runs.set(key, log);
      }
    }
    this._states.set(key, state);
    this._changed.emit(key);
  }

  private _states = new Map<string, ICellRunState>();
  private _runs = new Map<string, IRunMark[]>();
  private _plannedOrder = new Map<string, number>();
  private _runCount = 0;
  private _generation = 0;
  private _pendingClear = new Set<string>();
  private _beforeQueue = new Map<string, ICellRunState>();
  private _displayIds = new WeakMap<nbformat.IOutput, string>();
  private _changed = new Signal<this, string | null>(this);
}
