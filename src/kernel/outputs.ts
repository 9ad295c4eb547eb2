/**
 * Routing of one request's IOPub messages: progress events (on REPLY_MIME) are taken out;
 * everything else is user output, tagged with the script cell it came from (the parent
 * header's `cellscript` tag) and handed to a caller-supplied sink. The reply itself comes on
 * the shell channel; `close()` hands its outcomes over.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import type { KernelMessage } from '@jupyterlab/services';
import {
  REPLY_MIME,
  type ICellOutcome,
  type ICellTag,
  type IProgressEvent,
  type IRunCell,
  type IRunResult
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
 *
 * Every cell of a run is finished exactly once. A cell is reported started only when there is
 * news of it before its end (its first output, or it ran longer than a few tens of
 * milliseconds): a quick silent cell is only finished.
 */
export interface IOutputSink {
  /** A script cell is running (at most once per cell and run). */
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
 * Follows the IOPub messages of one execute request: tells the sink which script cell runs,
 * which finished, and where each output belongs. Every cell is started at most once and
 * finished exactly once (by `close()` at the latest); nothing that arrives late restarts one.
 */
export class RequestMessages {
  /**
   * @param options.sink - where user output and cell events go (optional).
   * @param options.cells - the cells of a run, in the order they run.
   * @param options.requestId - the request's id: tags and events of other requests are ignored.
   */
  constructor(options: RequestMessages.IOptions = {}) {
    this._sink = options.sink ?? {};
    this._cells = options.cells ?? [];
    this._requestId = options.requestId ?? null;
    this._finished = new Array<boolean>(this._cells.length).fill(false);
  }

  /** Handle one IOPub message of the request. */
  handle(msg: KernelMessage.IIOPubMessage): void {
    const type = msg.header.msg_type;
    if (type === 'clear_output') {
      const content = msg.content as KernelMessage.IClearOutputMsg['content'];
      this._sink.clearOutput?.(this._cellOf(msg), content.wait);
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
      const event = message as Partial<IProgressEvent>;
      if (
        event.kind === 'event' &&
        event.event === 'progress' &&
        event.run === this._requestId
      ) {
        this._progress(event as IProgressEvent);
      }
      return;
    }
    const cell = this._cellOf(msg);
    const { transient, ...rest } = content;
    const output = {
      ...rest,
      output_type: type
    } as unknown as nbformat.IOutput;
    if (type === 'update_display_data') {
      output.output_type = 'display_data';
    }
    this._sink.output?.(cell, output, {
      displayId: transient?.display_id,
      update: type === 'update_display_data'
    });
  }

  /**
   * The request ended: finish every cell the result reports and not finished yet. After this,
   * late outputs still reach the sink (on their cells) but start nothing.
   */
  close(result: IRunResult | null): void {
    this._closed = true;
    result?.cells.forEach((outcome, position) =>
      this._finish(position, outcome)
    );
  }

  /** The script cell an output came from: its tag, else the cell last started. */
  private _cellOf(msg: KernelMessage.IIOPubMessage): number | null {
    const tag = (msg.parent_header as { cellscript?: Partial<ICellTag> })
      ?.cellscript;
    const position = tag?.position;
    if (
      tag?.run !== this._requestId ||
      typeof position !== 'number' ||
      !this._cells[position]
    ) {
      return this._current;
    }
    if (tag.previous && position > 0) {
      this._finish(position - 1, tag.previous);
    }
    this._start(position);
    return this._cells[position].index;
  }

  private _progress(event: IProgressEvent): void {
    (event.finished ?? []).forEach((outcome, i) =>
      this._finish(event.from + i, outcome)
    );
    if (this._cells[event.position]) {
      this._start(event.position);
    }
  }

  /** Report the cell at `position` as started, once, unless a later one already started. */
  private _start(position: number): void {
    if (this._closed || position <= this._started || this._finished[position]) {
      return;
    }
    this._started = position;
    const cell = this._cells[position];
    this._current = cell.index;
    this._sink.cellStarted?.(cell.index, {
      name: cell.name,
      line: cell.firstLine
    });
  }

  private _finish(position: number, outcome: ICellOutcome): void {
    if (!this._cells[position] || this._finished[position]) {
      return;
    }
    this._finished[position] = true;
    this._sink.cellFinished?.(outcome.index, outcome);
  }

  private _sink: IOutputSink;
  private _cells: readonly IRunCell[];
  private _requestId: string | null;
  private _current: number | null = null;
  private _started = -1;
  private _finished: boolean[];
  private _closed = false;
}

/** Types for RequestMessages. */
export namespace RequestMessages {
  /** Options of RequestMessages. */
  export interface IOptions {
    /** Where user output and cell events go. */
    sink?: IOutputSink;
    /** The cells of a run, in the order they run. */
    cells?: readonly IRunCell[];
    /** The request's id. */
    requestId?: string | null;
  }
}
