/**
 * Routing of one request's IOPub messages: the runtime's events and reply (on REPLY_MIME) are
 * taken out; everything else is user output, tagged with the script cell it came from and
 * handed to a caller-supplied sink.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import type { KernelMessage } from '@jupyterlab/services';
import {
  REPLY_MIME,
  type ICellOutcome,
  type IRunCell,
  type IRunResult,
  type RuntimeMessage
} from './protocol';

/** Facts about an output beyond its nbformat shape. */
export interface IOutputExtra {
  /** `transient.display_id` of a display, so later updates can find it. */
  displayId?: string;
  /** True for `update_display_data`: replace the display with this id, do not append. */
  update: boolean;
}

/** Where a cell started in the script. */
export interface ICellStart {
  /** Cell name, null when unnamed. */
  name: string | null;
  /** 1-based line of its first body line. */
  line: number;
}

/**
 * Receives what a request produces, as it arrives. Every method is optional: a sidebar uses
 * all of them, a notebook cell showing a run may only want `output`.
 */
export interface IOutputSink {
  /** A script cell starts running. */
  cellStarted?(index: number, start: ICellStart): void;
  /** User-visible output; `index` is the script cell it came from, null when outside cells. */
  output?(
    index: number | null,
    output: nbformat.IOutput,
    extra: IOutputExtra
  ): void;
  /** `clear_output` from user code (e.g. progress bars); `wait` clears at the next output. */
  clearOutput?(index: number | null, wait: boolean): void;
  /** A script cell finished: status, duration and, on error, where. */
  cellFinished?(index: number, outcome: ICellOutcome): void;
}

const USER_OUTPUT_TYPES = new Set([
  'stream',
  'display_data',
  'execute_result',
  'error',
  'update_display_data'
]);

/**
 * Follows the IOPub messages of one execute request: tracks the current script cell, sends
 * user output to the sink and keeps the runtime's reply.
 */
export class RequestMessages {
  /**
   * @param sink - where user output and cell events go (optional).
   * @param firstCell - the first cell of a run: it starts when the kernel starts the request
   * (goes busy), the runtime sends no event for it.
   * @param mayRefuse - the runtime may refuse the run before any cell (a source check): then
   * the first cell is reported started only with its first output, event or the reply.
   */
  constructor(sink?: IOutputSink, firstCell?: IRunCell, mayRefuse = false) {
    this._sink = sink ?? {};
    this._firstCell = firstCell ?? null;
    this._deferStart = mayRefuse;
  }

  /** The runtime's reply, once it arrived. */
  get reply(): Extract<RuntimeMessage, { kind: 'reply' }> | null {
    return this._reply;
  }

  /** Handle one IOPub message of the request. */
  handle(msg: KernelMessage.IIOPubMessage): void {
    const type = msg.header.msg_type;
    if (type === 'status') {
      const state = (msg.content as KernelMessage.IStatusMsg['content'])
        .execution_state;
      if (state === 'busy' && !this._deferStart) {
        this._startFirstCell();
      }
      return;
    }
    if (type === 'clear_output') {
      this._startFirstCell();
      const content = msg.content as KernelMessage.IClearOutputMsg['content'];
      this._sink.clearOutput?.(this._cell, content.wait);
      return;
    }
    if (!USER_OUTPUT_TYPES.has(type)) {
      return;
    }
    const content = msg.content as { data?: Record<string, unknown> } & Record<
      string,
      any
    >;
    const message =
      type === 'display_data' ? content.data?.[REPLY_MIME] : undefined;
    if (message !== undefined) {
      const runtimeMessage = message as RuntimeMessage;
      if (runtimeMessage.kind === 'event' || runtimeMessage.ok) {
        this._startFirstCell();
      }
      this._runtimeMessage(runtimeMessage);
      return;
    }
    this._startFirstCell();
    const { transient, ...rest } = content;
    const output = {
      ...rest,
      output_type: type
    } as unknown as nbformat.IOutput;
    if (type === 'update_display_data') {
      output.output_type = 'display_data';
    }
    this._sink.output?.(this._cell, output, {
      displayId: transient?.display_id,
      update: type === 'update_display_data'
    });
  }

  private _runtimeMessage(message: RuntimeMessage): void {
    if (message.kind === 'reply') {
      this._reply = message;
      this._cell = null;
      // The last cell's outcome travels in a run's reply, not in an event of its own.
      const outcomes = message.ok
        ? (message.result as Partial<IRunResult>).cells
        : undefined;
      if (message.op === 'run' && Array.isArray(outcomes)) {
        outcomes
          .slice(this._finished)
          .forEach(outcome => this._finish(outcome));
      }
      return;
    }
    if (message.event === 'cell-start') {
      if (message.previous) {
        this._finish(message.previous);
      }
      this._cell = message.index;
      this._sink.cellStarted?.(message.index, {
        name: message.name,
        line: message.line
      });
    }
  }

  /** Report the run's first cell as started, once. */
  private _startFirstCell(): void {
    const first = this._firstCell;
    if (first) {
      this._firstCell = null;
      this._cell = first.index;
      this._sink.cellStarted?.(first.index, {
        name: first.name,
        line: first.firstLine
      });
    }
  }

  private _finish(outcome: ICellOutcome): void {
    this._finished++;
    this._sink.cellFinished?.(outcome.index, outcome);
  }

  private _sink: IOutputSink;
  private _cell: number | null = null;
  private _finished = 0;
  private _firstCell: IRunCell | null;
  private _deferStart: boolean;
  private _reply: Extract<RuntimeMessage, { kind: 'reply' }> | null = null;
}
