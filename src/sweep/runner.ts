/**
 * Running a sweep: iterations spread over up to `concurrency` kernels started through the
 * services API, each iteration in a fresh kernel (`kernel`) or in a forked child of a worker
 * kernel that ran the set-up cells once (`fork`). Failures are recorded and the sweep goes on;
 * a set-up that fails stops it early (every iteration would fail the same way); cancel stops at
 * once. Every kernel the sweep starts is shut down before `done` resolves.
 *
 * ```ts
 * const run = await startSweep({ path: 'train.py', contents, kernels }, { lr: [0.01, 0.1] });
 * const results = await run.done;
 * results.get({ lr: 0.1 }).outputs.loss;
 * ```
 */
import type { Contents } from '@jupyterlab/services';
import { type ISignal, Signal } from '@lumino/signaling';
import { KernelBridge } from '../kernel/bridge';
import { CellScriptError } from '../script/errors';
import { kernelFileFor, type IKernelPathOptions } from '../kernel/paths';
import type { IIterateResult, IScriptRef } from '../kernel/protocol';
import { runCellOf } from '../kernel/session';
import { EXTENSION_VERSION } from '../kernel/runtimeSource';
import {
  inferParameters,
  overridesForRun,
  parseScript,
  type IParseOptions,
  type IParsedScript,
  type IScriptCell
} from '../script';
import { newSweepId, saveRecord } from './history';
import {
  sweepKernelFolder,
  type ISweepKernel,
  type ISweepKernels
} from './kernels';
import { planSweep, type ISweepPlan } from './plan';
import { SweepResults } from './results';
import type {
  IIterationError,
  IIterationResult,
  ISweepOptions,
  ISweepRecord,
  SweepValues
} from './types';

/** Where a sweep's script and kernels come from. */
export interface ISweepSource extends IKernelPathOptions {
  /** Contents path of the script. */
  path: string;
  /** Reads the script (unless `readSource` gives text) and saves the sweep's record. */
  contents: Contents.IManager;
  /** Starts the sweep's kernels. */
  kernels: ISweepKernels;
  /** The script's current text (an open editor's); null reads the file. */
  readSource?: () => string | null | Promise<string | null>;
  parseOptions?: IParseOptions;
  /** Save the record next to the script (default true). */
  save?: boolean;
}

/** Where a sweep is. */
export interface ISweepProgress {
  /** Iterations that ended (any status) / all of them. */
  finished: number;
  total: number;
  failed: number;
  running: number;
  /** Estimated time left, ms; null until an iteration ended. */
  etaMs: number | null;
  status: ISweepRecord['status'];
  /** The iteration that just ended, if that is the news. */
  ended?: IIterationResult;
}

/**
 * Plan and start a sweep of the script at `source.path`. Rejects, before any kernel starts,
 * when the spec does not fit the script (SweepError, ParameterError: with the line).
 */
export async function startSweep(
  source: ISweepSource,
  values: SweepValues,
  options: ISweepOptions = {}
): Promise<Sweep> {
  const text =
    (await source.readSource?.()) ??
    String(
      (
        await source.contents.get(source.path, {
          type: 'file',
          format: 'text',
          content: true
        })
      ).content
    );
  const script = parseScript(text, source.parseOptions);
  const plan = planSweep(script, values, options, source.path);
  const sweep = new Sweep(source, script, plan);
  sweep.start();
  return sweep;
}

/** A sweep going on (or done): its results so far, progress, cancel and retry. */
export class Sweep {
  constructor(
    private readonly _source: ISweepSource,
    private readonly _script: IParsedScript,
    readonly plan: ISweepPlan
  ) {
    const id = newSweepId();
    this.record = {
      format: 1,
      id,
      script: _source.path,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      status: 'running',
      spec: {
        values: plan.values,
        mode: plan.mode,
        nominal: plan.nominal,
        outputs: plan.outputs,
        stopAfterOutputs: plan.stopAfterOutputs,
        concurrency: plan.concurrency,
        isolation: plan.isolation
      },
      versions: { extension: EXTENSION_VERSION },
      iterations: plan.iterations.map(iteration => ({
        position: iteration.position,
        key: iteration.key,
        varied: iteration.varied,
        values: iteration.values,
        status: 'skipped',
        durationMs: 0,
        outputs: {}
      }))
    };
    this.results = new SweepResults(
      plan.swept.map(p => p.name),
      this.record.iterations
    );
    this._parameters = inferParameters(_script);
    this._setup = plan.cells.slice(0, plan.setupCount);
    this._body =
      plan.isolation === 'fork'
        ? plan.cells.slice(plan.setupCount)
        : plan.cells;
    const firstSwept = plan.cells[plan.setupCount];
    this._firstSweptIndex = firstSwept ? firstSwept.index : Infinity;
  }

  /** The record kept next to the script (updated in place as the sweep goes). */
  readonly record: ISweepRecord;
  /** The results so far (a live view of `record.iterations`). */
  readonly results: SweepResults;

  /** Emitted when an iteration starts or ends, and when the sweep ends. */
  get progress(): ISignal<this, ISweepProgress> {
    return this._progress;
  }

  /** Resolves with the results once the sweep ended and all its kernels are shut down. */
  get done(): Promise<SweepResults> {
    return this._done;
  }

  /** Path of the saved record, once saved. */
  get savedAt(): string | null {
    return this._savedAt;
  }

  /** Why the record could not be saved, if it could not. */
  get saveError(): Error | null {
    return this._saveError;
  }

  /** Whether the sweep is still going on. */
  get isRunning(): boolean {
    return this.record.status === 'running';
  }

  /** The kernels the sweep holds now (running an iteration, or started for the next). */
  get liveKernels(): readonly ISweepKernel[] {
    return [...this._live];
  }

  /**
   * Run the iterations that have not completed (startSweep calls it once; `retry` again).
   * Not while the sweep runs.
   */
  start(): void {
    const positions = this.record.iterations
      .filter(result => result.status !== 'ok')
      .map(result => result.position);
    this._done = this._run(positions);
  }

  /**
   * Run again only the iterations that failed, were cancelled or were skipped; resolves with
   * the results when that ends.
   */
  retry(): Promise<SweepResults> {
    if (this.isRunning) {
      return Promise.reject(
        new CellScriptError(
          'The sweep is still running: wait for it, or cancel it.'
        )
      );
    }
    this.start();
    return this._done;
  }

  /** Stop at once: shut down every kernel; iterations not done are 'cancelled'. */
  async cancel(): Promise<void> {
    if (!this.isRunning) {
      return;
    }
    this._cancelled = true;
    this._stopping = true;
    await Promise.allSettled(
      [...this._live].map(lease => this._release(lease))
    );
    await this._done.catch(() => undefined);
  }

  /**
   * The page is going away: ask the server to shut down every live kernel without waiting
   * (best effort; what is left is found after a reload, see findLeftoverSweepKernels).
   */
  abandon(): void {
    this._stopping = true;
    this._cancelled = true;
    this._live.forEach(lease => lease.abandon());
  }

  private async _run(positions: number[]): Promise<SweepResults> {
    const record = this.record;
    record.status = 'running';
    record.finishedAt = null;
    delete record.message;
    this._stopping = false;
    this._cancelled = false;
    for (const position of positions) {
      const result = record.iterations[position];
      Object.assign(result, { status: 'skipped', durationMs: 0, outputs: {} });
      delete result.error;
      delete result.text;
      delete result.stopped;
    }
    this._pending = positions.slice();
    this._running = 0;
    this._started = performance.now();
    this._finishedHere = 0;
    this._total = positions.length;
    await this._save();
    this._emit();
    const workers = Math.min(this.plan.concurrency, positions.length);
    await Promise.all(
      Array.from({ length: workers }, (_, worker) => this._work(worker + 1))
    );
    await Promise.allSettled([...this._closing]);
    if (this._cancelled) {
      for (const result of record.iterations) {
        if (
          result.status === 'skipped' &&
          positions.includes(result.position)
        ) {
          result.status = 'cancelled';
        }
      }
    }
    record.status = this._cancelled
      ? 'cancelled'
      : record.message
        ? 'failed'
        : 'done';
    record.finishedAt = new Date().toISOString();
    await this._save();
    this._emit();
    return this.results;
  }

  /**
   * One worker: takes iterations until none are left or the sweep stops. With kernel
   * isolation it claims its next iteration and starts that one's kernel while the current
   * iteration runs, so no iteration waits for a kernel start it could have overlapped.
   */
  private async _work(worker: number): Promise<void> {
    let lease: ISweepKernel | null = null;
    let claimed: { position: number; kernel: Promise<ISweepKernel> } | null =
      null;
    try {
      while (!this._stopping) {
        const position = claimed?.position ?? this._pending.shift();
        if (position === undefined) {
          break;
        }
        const starting = claimed?.kernel ?? null;
        claimed = null;
        const result = this.record.iterations[position];
        try {
          lease ??= await (starting ?? this._lease(worker));
        } catch (error) {
          this._pending.unshift(position);
          this._stop(error);
          break;
        }
        if (this.plan.isolation === 'kernel' && !this._stopping) {
          const next = this._pending.shift();
          if (next !== undefined) {
            const kernel = this._lease(worker);
            kernel.catch(() => undefined); // awaited when its turn comes
            claimed = { position: next, kernel };
          }
        }
        this._running++;
        this._emit();
        const reply = await this._iterate(lease, position).catch(
          (error: unknown) => error as Error
        );
        this._running--;
        if (reply instanceof Error) {
          // The kernel died, restarted or went away (or the sweep was cancelled).
          this._store(result, {
            status: this._cancelled ? 'cancelled' : 'error',
            durationMs: 0,
            outputs: {},
            error: this._cancelled ? undefined : kernelLost(reply)
          });
          const lost = lease;
          lease = null;
          void this._release(lost);
          continue;
        }
        if (reply.status !== 'ok' && this._cancelled) {
          // Cancelling shuts kernels down, which first interrupts them.
          this._store(result, {
            status: 'cancelled',
            durationMs: 0,
            outputs: {}
          });
          continue;
        }
        this._store(result, {
          status: reply.status === 'ok' ? 'ok' : 'error',
          durationMs: reply.durationMs,
          outputs: reply.outputs,
          stopped: reply.stopped || undefined,
          error: reply.error ? iterationError(reply.error) : undefined,
          text: reply.text || undefined
        });
        const failedCell = reply.cells.at(-1);
        if (
          reply.status !== 'ok' &&
          failedCell &&
          failedCell.index < this._firstSweptIndex
        ) {
          this._stop(
            new CellScriptError(
              `The set-up failed${atLine(reply.error)}: ` +
                `${reply.error?.ename}: ${reply.error?.evalue}. Every iteration would fail the ` +
                'same way, so the sweep stopped. Fix the script, then retry the sweep.'
            )
          );
        }
        if (this.plan.isolation === 'kernel') {
          const used = lease;
          lease = null;
          void this._release(used);
        }
      }
    } finally {
      if (lease) {
        void this._release(lease);
      }
      if (claimed) {
        // Not run: its iteration stays as it is (skipped, or cancelled), its kernel goes back.
        this._pending.unshift(claimed.position);
        await claimed.kernel.then(
          unused => this._release(unused),
          () => undefined
        );
      }
    }
  }

  /** A kernel for `worker`; with fork isolation it has run the set-up cells. */
  private async _lease(worker: number): Promise<ISweepKernel> {
    // A name of its own per kernel: the server hands out the existing session of a path.
    const lease = await this._source.kernels.start(
      this._source.path,
      `sweep ${this.record.id} worker ${worker} kernel ${++this._kernelCount}`
    );
    this._live.add(lease);
    if (this._stopping) {
      void this._release(lease);
      throw new CellScriptError('The sweep stopped while a kernel started.');
    }
    const bridge = this._bridgeOf(lease);
    if (!this.record.versions.python) {
      const info = await bridge.sendRequest('info', {});
      this.record.versions.python = info.python;
      this.record.versions.kernel = lease.kernel.name;
    }
    if (this.plan.isolation === 'fork' && this._setup.length > 0) {
      const setup = await bridge.sendRequest('run', {
        script: this._scriptRef,
        cells: this._setup.map(runCellOf),
        lineCount: this._script.lineCount,
        overrides: overridesForRun(
          this._parameters,
          this.plan.nominal,
          this._setup
        ),
        workingDirectory: 'notebook'
      });
      if (setup.status !== 'ok') {
        const failed = setup.cells.at(-1)?.error;
        void this._release(lease);
        throw new CellScriptError(
          `The set-up failed${failed?.line ? ` at line ${failed.line}` : ''}` +
            `${failed ? `: ${failed.ename}: ${failed.evalue}` : ''}. Every iteration would ` +
            'fail the same way, so the sweep stopped. Fix the script, then retry the sweep.',
          'sweep-setup',
          { line: failed?.line ?? undefined }
        );
      }
    }
    return lease;
  }

  private _iterate(
    lease: ISweepKernel,
    position: number
  ): Promise<IIterateResult> {
    const iteration = this.plan.iterations[position];
    return this._bridgeOf(lease).sendRequest('iterate', {
      script: this._scriptRef,
      cells: this._body.map(runCellOf),
      lineCount: this._script.lineCount,
      overrides: overridesForRun(
        this._parameters,
        iteration.values,
        this._body
      ),
      outputs: this.plan.outputs,
      stopAfterOutputs: this.plan.stopAfterOutputs,
      fork: this.plan.isolation === 'fork',
      workingDirectory: 'notebook'
    });
  }

  private get _scriptRef(): IScriptRef {
    const path = this._source.path;
    const kernelPath: IKernelPathOptions = this._source.rootDir
      ? { rootDir: this._source.rootDir, kernelFile: this._source.kernelFile }
      : {
          kernelCwd: sweepKernelFolder(path),
          kernelFile: this._source.kernelFile
        };
    return {
      id: path,
      file: kernelFileFor(path, kernelPath),
      namespace: 'module'
    };
  }

  private _bridgeOf(lease: ISweepKernel): KernelBridge {
    let bridge = this._bridges.get(lease);
    if (!bridge) {
      bridge = new KernelBridge({ kernel: lease.kernel });
      this._bridges.set(lease, bridge);
    }
    return bridge;
  }

  /** Shut a kernel down; the sweep's `done` waits for it. */
  private _release(lease: ISweepKernel): Promise<void> {
    if (!this._live.delete(lease)) {
      return Promise.resolve();
    }
    this._bridges.get(lease)?.dispose();
    this._bridges.delete(lease);
    const closing = lease.shutdown();
    this._closing.add(closing);
    void closing.finally(() => this._closing.delete(closing));
    return closing;
  }

  /** Stop the sweep early for `error` (no kernel, or a set-up that fails): say so once. */
  private _stop(error: unknown): void {
    if (this._cancelled) {
      return;
    }
    if (!this.record.message) {
      this.record.message =
        error instanceof Error ? error.message : String(error);
    }
    this._stopping = true;
    this._pending.length = 0;
  }

  private _store(
    result: IIterationResult,
    update: Omit<IIterationResult, 'position' | 'key' | 'varied' | 'values'>
  ): void {
    Object.assign(result, update);
    for (const key of ['error', 'text', 'stopped'] as const) {
      if (result[key] === undefined) {
        delete result[key];
      }
    }
    this._finishedHere++;
    this._emit(result);
  }

  private _emit(ended?: IIterationResult): void {
    const iterations = this.record.iterations;
    const finished = iterations.filter(
      result => result.status === 'ok' || result.status === 'error'
    ).length;
    const left = this._total - this._finishedHere;
    const elapsed = performance.now() - this._started;
    this._progress.emit({
      finished,
      total: iterations.length,
      failed: iterations.filter(result => result.status === 'error').length,
      running: this._running,
      etaMs:
        this._finishedHere > 0 && this.isRunning
          ? Math.round((elapsed / this._finishedHere) * left)
          : null,
      status: this.record.status,
      ended
    });
  }

  private async _save(): Promise<void> {
    if (this._source.save === false) {
      return;
    }
    try {
      this._savedAt = await saveRecord(this._source.contents, this.record);
      this._saveError = null;
    } catch (error) {
      this._saveError =
        error instanceof Error ? error : new Error(String(error));
    }
  }

  private _parameters: ReturnType<typeof inferParameters>;
  private _setup: IScriptCell[];
  private _body: IScriptCell[];
  private _firstSweptIndex: number;
  private _pending: number[] = [];
  private _kernelCount = 0;
  private _running = 0;
  private _started = 0;
  private _finishedHere = 0;
  private _total = 0;
  private _stopping = false;
  private _cancelled = false;
  private _live = new Set<ISweepKernel>();
  private _closing = new Set<Promise<void>>();
  private _bridges = new Map<ISweepKernel, KernelBridge>();
  private _done!: Promise<SweepResults>;
  private _savedAt: string | null = null;
  private _saveError: Error | null = null;
  private _progress = new Signal<this, ISweepProgress>(this);
}

function iterationError(
  error: NonNullable<IIterateResult['error']>
): IIterationError {
  return {
    ename: error.ename,
    evalue: error.evalue,
    line: error.line,
    traceback: error.traceback
  };
}

/** An iteration whose kernel went away under it. */
function kernelLost(error: Error): IIterationError {
  return {
    ename: 'KernelLost',
    evalue: `The kernel of this iteration stopped answering: ${error.message}`,
    line: null,
    traceback: error.message
  };
}

function atLine(error: IIterateResult['error']): string {
  return error?.line ? ` at line ${error.line}` : '';
}
