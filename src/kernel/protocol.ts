/**
 * The JSON protocol between the TypeScript bridge and the kernel runtime (runtime.py).
 *
 * A request is `{ op, ...args }` carried in the execute request's metadata under
 * `cellscript.request`, with a request id; the code the bridge sends is a constant. The reply
 * comes back in the execute_reply's `payload` list (`IReplyPayload`), on the shell channel that
 * no rate limiter thins out. While a run goes on, IOPub carries news only:
 * each output's parent header names its cell (`ICellTag`), and a cell that runs long is
 * announced by a progress event on `REPLY_MIME`. Nothing here is parsed from `text/plain`.
 */
import type { PartialJSONValue } from '@lumino/coreutils';

/** MIME type of the runtime's events and replies; never shown to the user. */
export const REPLY_MIME = 'application/vnd.cellscript.reply+json';

/** Key of the execute request's metadata that carries the request. */
export const METADATA_KEY = 'cellscript';

/** `source` of the execute_reply payload that carries the runtime's reply. */
export const PAYLOAD_SOURCE = 'cellscript';

/** Name of the runtime module in the kernel's `sys.modules`. */
export const RUNTIME_MODULE = '_cellscript_runtime';

/** File name the runtime's code carries in the kernel (cut from user tracebacks). */
export const RUNTIME_FILENAME = '<cellscript-runtime>';

/** How a script's variables are kept. */
export type NamespaceMode = 'module' | 'shared';

/**
 * The current directory while a script's code runs: the kernel's own (`notebook`, default, as
 * with `%run`) or the script's folder (`script`), the kernel's restored after each request.
 */
export type WorkingDirectoryMode = 'notebook' | 'script';

/** Which script a request is about, as the kernel should see it. */
export interface IScriptRef {
  /** Stable id of the script: its contents path. Names the script's module. */
  id: string;
  /** Path of the script as the kernel sees it: absolute, or relative to the kernel's cwd. */
  file: string;
  /** Own module (default) or the notebook's `__main__` namespace. */
  namespace?: NamespaceMode;
  /** Set `__name__` to `"__main__"` in the script's module (default: its module name). */
  asMain?: boolean;
}

/** A cell to run, with its place in the script. */
export interface IRunCell {
  /** Index of the cell in the script. */
  index: number;
  /** Name of the cell, null when unnamed. */
  name: string | null;
  /** Body of the cell (no marker line), '\n' line ends. */
  source: string;
  /** 1-based line of the first body line in the script. */
  firstLine: number;
  /** Hash of the cell's source (the script model's), kept in the run history. */
  hash?: string;
  /** The lines that run when they are a selection of the cell's lines, not the whole cell. */
  selection?: ILineSpan;
}

/** Lines of a script, 1-based and inclusive. */
export interface ILineSpan {
  firstLine: number;
  lastLine: number;
}

/**
 * How one cell of a script last ran in a kernel, as the runtime remembers it (op `history`):
 * enough to show its status after the page was loaded again. Outputs are not kept.
 */
export interface ICellRunRecord {
  /** Index of the cell in the script when it ran. */
  index: number;
  /** Name of the cell, null when unnamed (then the index identifies it). */
  name: string | null;
  /** Hash of the source that ran, null when the request sent none. */
  hash: string | null;
  /** How it ended. */
  status: CellStatus;
  /** Wall time the cell took in the kernel, in milliseconds. */
  durationMs: number;
  /** Where it failed, when status is not 'ok'. */
  error?: IUserError;
  /** The lines that ran when the run was a selection of the cell's lines. */
  selection?: ILineSpan;
  /** When it ran among the script's cell runs in this kernel (larger: later). */
  order: number;
}

/** An export: copy `source` from the script's namespace to `target` in the notebook's. */
export interface IExportSpec {
  /** Name in the notebook's namespace. */
  target: string;
  /** Name in the script's namespace. */
  source: string;
}

/**
 * Parameter overrides of a run: per cell index (a string: JSON object keys), the variables to
 * assign after that cell, as JSON values: `{ "1": { "lr": 0.5 } }`.
 */
export type IRunOverrides = {
  [cellIndex: string]: { [variable: string]: PartialJSONValue };
};

/** Identifies a text by its UTF-8 bytes: length and CRC-32 (as Python's zlib.crc32). */
export interface ISourceCheck {
  bytes: number;
  crc32: number;
}

/** Where and why user code failed. */
export interface IUserError {
  /** Exception class name, e.g. `ZeroDivisionError`. */
  ename: string;
  /** Exception message. */
  evalue: string;
  /** File of the code that ran (the script's path as the kernel sees it). */
  file: string;
  /** 1-based line in that file of the deepest frame there, null when unknown. */
  line: number | null;
}

/** How one cell ended. */
export type CellStatus = 'ok' | 'error' | 'interrupted';

/** The outcome of one cell of a run. */
export interface ICellOutcome {
  /** Index of the cell in the script. */
  index: number;
  /** How it ended. */
  status: CellStatus;
  /** Wall time the cell took in the kernel, in milliseconds. */
  durationMs: number;
  /** Present when status is not 'ok'. */
  error?: IUserError;
}

/** Result of applying exports. */
export interface IExportResult {
  /** Exports that were copied. */
  exported: IExportSpec[];
  /** Source names that do not exist in the script's namespace (nothing copied for them). */
  missing: string[];
}

/** Where a script's namespace lives in the kernel. */
export interface INamespaceInfo {
  mode: NamespaceMode;
  /** Module name in `sys.modules` (`__main__` in shared mode). */
  module: string;
  /** The script's absolute path as the kernel sees it (`__file__`). */
  file: string;
}

/** Result of a run. A user-code error is a result, not a rejection. */
export interface IRunResult {
  /** 'ok' when every cell ran; else how the run stopped. */
  status: CellStatus;
  /** Outcomes of the cells that ran, in order; the last one failed unless status is 'ok'. */
  cells: ICellOutcome[];
  /** Exports applied after the complete run (absent when the run stopped or none are set). */
  exports?: IExportResult;
  /** Where the namespace lives. */
  namespace: INamespaceInfo;
  /** The execution count the run's `history` entry took (absent without one). */
  executionCount?: number;
}

/** A notebook cell's text, for IPython's input history. */
export interface IHistoryEntry {
  source: string;
}

/** A value read from the kernel: exact JSON when possible, else a repr with its type. */
export type IKernelValue =
  | { type: string; kind: 'json'; value: PartialJSONValue }
  | { type: string; kind: 'repr'; repr: string; truncated: boolean };

/** One variable of a namespace. */
export interface IVariableSummary {
  name: string;
  /** Qualified type name, e.g. `int`, `pandas.core.frame.DataFrame`. */
  type: string;
  kind: 'module' | 'class' | 'function' | 'value';
  /** Short repr (at most ~60 characters). */
  summary: string;
}

/** What the runtime reports about itself and its kernel. */
export interface IRuntimeInfo {
  version: string;
  protocol: number;
  python: string;
  implementation: string;
  executable: string;
  cwd: string;
  pid: number;
}

/** The answer to `iterate`. */
export interface IIterateResult {
  status: 'ok' | 'error' | 'interrupted';
  /** The cells that ran: index, status, durationMs. */
  cells: Array<{ index: number; status: string; durationMs: number }>;
  /** True when it ended early: every requested output was captured. */
  stopped: boolean;
  /** Captured outputs by name: exact JSON, else a repr. */
  outputs: { [name: string]: IKernelValue };
  /** The failure, with the traceback as text (script lines, runtime frames cut). */
  error?: {
    ename: string;
    evalue: string;
    line: number | null;
    file?: string;
    traceback: string;
  };
  /** What a forked iteration printed (capped). */
  text?: string;
  durationMs: number;
}

/** Arguments of each operation. */
export interface IRequests {
  run: {
    script: IScriptRef;
    cells: IRunCell[];
    /** Number of lines in the script (sizes the linecache entry). */
    lineCount: number;
    /** Print `> `-prefixed summaries of each cell before it runs. */
    verbose?: boolean;
    /** Display the value of a cell's last expression, as a notebook does. */
    showLastValue?: boolean;
    /** Exports to apply after a complete run. */
    exports?: IExportSpec[];
    /**
     * Parameter overrides: per defining cell index, the variables to assign in the script's
     * namespace right after that cell ran without error (before the next cell and exports).
     */
    overrides?: IRunOverrides;
    /**
     * Run only if the kernel reads exactly this text from the script's file (else the reply
     * is a 'stale-source' error and nothing runs): spares a contents read per run.
     */
    expect?: ISourceCheck;
    /** The current directory while the cells run (default 'notebook': left alone). */
    workingDirectory?: WorkingDirectoryMode;
    /**
     * The notebook cell that asked for the run (a frontend magic's): kept in IPython's input
     * history under the next execution count, which it takes (see `executionCount`).
     */
    history?: IHistoryEntry;
  };
  assign: { script: IScriptRef; values: { [name: string]: PartialJSONValue } };
  export: { script: IScriptRef; exports: IExportSpec[] };
  eval: {
    script: IScriptRef;
    expression: string;
    workingDirectory?: WorkingDirectoryMode;
  };
  exec: {
    script: IScriptRef;
    source: string;
    workingDirectory?: WorkingDirectoryMode;
  };
  get: { script: IScriptRef; names: string[] };
  list: { script: IScriptRef; includePrivate?: boolean };
  reset: { script: IScriptRef };
  info: Record<string, never>;
  /** The last run of each cell of a script; needs only its id (creates no namespace). */
  history: { script: Pick<IScriptRef, 'id'> };
  /**
   * One iteration of a sweep: run `cells` with `overrides`, capture `outputs` (names given to
   * `cellscript.Output` or variables); with `fork`, in a forked child of the kernel.
   */
  iterate: {
    script: IScriptRef;
    cells: IRunCell[];
    lineCount: number;
    overrides?: IRunOverrides;
    outputs?: string[];
    /** End the iteration once every output in `outputs` is captured. */
    stopAfterOutputs?: boolean;
    fork?: boolean;
    workingDirectory?: WorkingDirectoryMode;
  };
  /**
   * Assign rows to a variable of the notebook's namespace: a pandas DataFrame when pandas can
   * be imported, else the list of dicts.
   */
  table: { name: string; rows: Array<{ [column: string]: PartialJSONValue }> };
}

/** Results of each operation. */
export interface IResponses {
  run: IRunResult;
  iterate: IIterateResult;
  table: { name: string; type: 'DataFrame' | 'list' };
  assign: { assigned: string[] };
  export: IExportResult;
  eval: IKernelValue;
  exec: Record<string, never>;
  get: { values: { [name: string]: IKernelValue }; missing: string[] };
  list: { variables: IVariableSummary[]; exists: boolean };
  reset: { existed: boolean };
  info: IRuntimeInfo;
  /** Oldest run first; empty when no cell of the script ran in this kernel. */
  history: { cells: ICellRunRecord[] };
}

/** Name of an operation. */
export type Operation = keyof IRequests;

/** Kinds of error replies. */
export type RuntimeErrorKind =
  | 'bad-request'
  | 'bad-name'
  | 'exception'
  | 'interrupted'
  | 'unsupported'
  | 'unsupported-kernel'
  | 'not-installed'
  | 'stale-source'
  | 'no-reply'
  | 'internal';

/** The error part of a failed reply. */
export interface IRuntimeErrorReply extends Partial<IUserError> {
  kind: RuntimeErrorKind;
  message: string;
  /** The runtime's own traceback, for 'internal' errors. */
  traceback?: string;
  /** For 'stale-source': the file 'changed', or the kernel cannot read it ('unreadable'). */
  reason?: 'changed' | 'unreadable';
}

/**
 * A progress event on REPLY_MIME: a cell has run longer than the runtime's report delay.
 * Best effort (IOPub may drop it); the reply carries every outcome anyway.
 */
export interface IProgressEvent {
  kind: 'event';
  event: 'progress';
  /** The request id of the run. */
  run: string;
  /** Position of the running cell in the run's list of cells. */
  position: number;
  index: number;
  name: string | null;
  line: number;
  /** Position of the first outcome in `finished`. */
  from: number;
  /** Outcomes of cells that finished since the last event, in order. */
  finished: ICellOutcome[];
}

/**
 * What the runtime puts in the parent header (key `cellscript`) of every message a script cell
 * sends, so its outputs land on that cell without any message of ours.
 */
export interface ICellTag {
  /** The request id of the run. */
  run: string;
  /** Position of the cell in the run's list of cells. */
  position: number;
  /** Index of the cell in the script. */
  index: number;
  /** Outcome of the cell at position - 1, when there is one. */
  previous?: ICellOutcome;
}

/** The runtime's answer to one request. */
export type RuntimeReply =
  | { kind: 'reply'; id: string | null; op?: string; ok: true; result: unknown }
  | {
      kind: 'reply';
      id: string | null;
      op?: string;
      ok: false;
      error: IRuntimeErrorReply;
    };

/**
 * The execute_reply payload of a cellscript request: the runtime's reply. `id` is null when
 * the kernel could not read the request (an unsupported kernel). The runtime always answers,
 * so a reply without it means the entry code found no runtime: nothing ran.
 */
export interface IReplyPayload {
  source: 'cellscript';
  id: string | null;
  reply: RuntimeReply;
}

/** A message on REPLY_MIME (only progress events travel on IOPub). */
export type RuntimeMessage = IProgressEvent;

/** The payload in `metadata.cellscript` of an execute request. */
export interface IRequestPayload {
  module: string;
  version: string;
  filename: string;
  /** Unique id of the request: names its reply, its outputs' tags and its events. */
  id: string;
  /** The runtime's source, sent when the bridge believes it is not installed yet. */
  source?: string;
  /** The bootstrap that installs `source` (sent with it). */
  bootstrap?: string;
  request: { op: Operation } & Record<string, unknown>;
}
