/**
 * The public contracts of jupyterlab-cellscript: interfaces and their tokens. Only types are
 * imported here, so other extensions (and our own plugins) depend on contracts, not classes.
 */
import type { Kernel } from '@jupyterlab/services';
import { type PartialJSONValue, Token } from '@lumino/coreutils';
import type { IDisposable } from '@lumino/disposable';
import type { ISignal } from '@lumino/signaling';
import type { Widget } from '@lumino/widgets';
import type { IScriptReference } from './document/scriptService';
import type {
  IExportSpec,
  IExportResult,
  IKernelValue
} from './kernel/protocol';
import type { IRunResult, IVariableSummary } from './kernel/protocol';
import type { IOutputSink } from './kernel/outputs';
import type { ICellRunState, IRunMark } from './run/runStates';
import type { IKernelTarget } from './run/kernelTarget';
import type { CellPicker } from './run/cellPickers';
import type { IMagicRegistry as IMagicRegistryContract } from './magics/types';
import type { ISweepOptions, Sweep, SweepValues } from './sweep';
import type { IExportDeclaration, IExportStatus } from './run/scriptExports';
import type {
  IRunKernel,
  IRunnableScript,
  IRunSettings,
  IScriptRunOptions
} from './run/scriptRunner';
import type {
  CellSelector,
  IParseOptions,
  IScriptCell,
  JSONValue
} from './script';

export type { IScriptReference } from './document/scriptService';
export type {
  IScriptContents,
  IScriptSnapshot,
  IUnsavedTextSource,
  ScriptDocument
} from './document/scriptDocument';
export type { IScriptProblem, ScriptProblemKind } from './document/problems';
export type { ICellRunState, CellRunStatus, IRunMark } from './run/runStates';
export type { IKernelTarget } from './run/kernelTarget';
export type { CellPicker, IRunStatesView } from './run/cellPickers';
export type {
  ExportState,
  IExportDeclaration,
  IExportStatus
} from './run/scriptExports';
export type {
  IRunKernel,
  IRunnableScript,
  IRunSettings,
  IScriptRunOptions
} from './run/scriptRunner';
export type { IOutputSink } from './kernel/outputs';

/**
 * Opens `# %%` scripts through the Jupyter contents API and follows them live.
 */
export interface IScriptService {
  /** Open the script at a contents path; dispose the reference when done. */
  open(path: string): IScriptReference;
  /** How markers are read (from the settings). */
  readonly parseOptions: IParseOptions;
  /** Emits after the parse options changed. */
  readonly parseOptionsChanged: ISignal<IScriptService, IParseOptions>;
}

/** The script service token. */
export const IScriptService = new Token<IScriptService>(
  'jupyterlab-cellscript:IScriptService',
  'Opens Python scripts split into "# %%" cells through the contents API, parses them and signals when they change (saved, edited in an editor or changed on disk).'
);

/**
 * The CellScript sidebar: the chosen script and the widget that shows it.
 */
export interface ICellScriptSidebar {
  /** The chosen script's contents path, or null. */
  readonly path: string | null;
  /**
   * Whether the chosen script can run: it was read, is a Python script without a problem and
   * has cells (commands acting on the sidebar's script are enabled only then).
   */
  readonly canRun: boolean;
  /** Emits the new path (or null) after the chosen script changed. */
  readonly pathChanged: ISignal<unknown, string | null>;
  /** Show a script (a contents path) in the sidebar; resolves once it was read. */
  open(path: string | null): Promise<void>;
  /** Show the sidebar with the chosen script's exports, the field to add one focused. */
  showExports(): void;
  /** The sidebar widget in the left area. */
  readonly widget: Widget;
  /**
   * Add a section (e.g. the parameters form) below the cells, in rank order (lower first);
   * dispose the result to take it out.
   */
  addSection(widget: Widget, options?: { rank?: number }): IDisposable;
}

/** The sidebar token. */
export const ICellScriptSidebar = new Token<ICellScriptSidebar>(
  'jupyterlab-cellscript:ICellScriptSidebar',
  'The CellScript sidebar (left area): the chosen script, its cells and their run state.'
);

/** The last run of each cell of one script in one kernel. */
export interface IRunStates {
  /** Emits the key of a cell whose state changed, or null when all changed. */
  readonly changed: ISignal<IRunStates, string | null>;
  /** The state of a cell (not run when unknown). */
  get(cell: Pick<IScriptCell, 'index' | 'name'>): ICellRunState;
  /** Whether the cell ran and its source changed since. */
  isChanged(cell: IScriptCell): boolean;
  /** The cell's runs known, oldest first: when each started and the hash of its text. */
  runsOf(cell: Pick<IScriptCell, 'index' | 'name'>): readonly IRunMark[];
}

/**
 * One script and its namespace in one kernel: chmp.csc's CellScript operations besides
 * running (its cells' names and sources, its variables). Names and values travel as JSON,
 * never as code.
 */
export interface IScriptSession {
  /** Contents path of the script. */
  readonly path: string;
  /** The declared exports, applied after every complete run. */
  readonly exports: ReadonlyArray<IExportSpec>;
  /** Set variables in the script's namespace. */
  assign(values: { [name: string]: PartialJSONValue }): Promise<string[]>;
  /** Declare exports (`'name'` or `'target=source'`) and apply them now. */
  export(...specs: Array<string | IExportSpec>): Promise<IExportResult>;
  /** Stop exporting these targets (all when none given). */
  unexport(...targets: string[]): void;
  /** Evaluate an expression in the script's namespace; its prints go to `options.sink`. */
  eval(
    expression: string,
    options?: { sink?: IOutputSink }
  ): Promise<IKernelValue>;
  /** Run statements in the script's namespace (dedented first); prints go to `options.sink`. */
  exec(source: string, options?: { sink?: IOutputSink }): Promise<void>;
  /**
   * The names of the script's cells as they are now, in order, null for an unnamed cell
   * (chmp.csc's `list()`).
   */
  list(): Promise<Array<string | null>>;
  /**
   * The source of one cell as it is now (chmp.csc's `get(cell)`); rejects with a
   * CellNotFoundError (or another selection error) when the selector names no cell or several.
   */
  get(cell: CellSelector): Promise<string>;
  /** The variables of the script's namespace (kernel operation 'list'). */
  variables(options?: {
    includePrivate?: boolean;
  }): Promise<IVariableSummary[]>;
  /**
   * Read variables of the script's namespace (kernel operation 'get'): exact JSON where
   * possible, else repr and type; `missing` lists the names not defined.
   */
  values(
    ...names: string[]
  ): Promise<{ values: { [name: string]: IKernelValue }; missing: string[] }>;
  /**
   * Put rows into the notebook's namespace as `name`: a pandas DataFrame when the kernel has
   * pandas, else the list of dicts (e.g. a sweep's results).
   */
  table(
    name: string,
    rows: Array<{ [column: string]: PartialJSONValue }>
  ): Promise<{ name: string; type: 'DataFrame' | 'list' }>;
}

/**
 * The exports a user declared per script: the script's variables copied into the notebook's
 * namespace, at once in the active notebook's kernel and after every complete run in any
 * kernel. Kept across page loads.
 */
export interface IScriptExports {
  /** Emits the (normalised) path of a script whose declarations or results changed. */
  readonly changed: ISignal<unknown, string>;
  /**
   * Declare exports: `'loss'`, `'model_v2=model'`, several in one string separated by commas
   * or spaces, or `{ target, source }`. Rejects, keeping nothing, when one cannot be read.
   */
  declare(
    path: string,
    specs: string | ReadonlyArray<string | IExportSpec>
  ): Promise<IExportDeclaration>;
  /** Stop exporting these targets (all when none given); returns the exports removed. */
  remove(path: string, targets?: readonly string[]): IExportSpec[];
  /** The declared exports of a script. */
  specsFor(path: string): IExportSpec[];
  /** Each declared export and where it stands in a kernel (default: the target's). */
  statusFor(
    path: string,
    kernel?: Kernel.IKernelConnection | null
  ): IExportStatus[];
}

/**
 * The parameter overrides a user set per script (the parameters form, commands, magics,
 * sweeps): each converted by its parameter's type when set, assigned in the script's namespace
 * right after the cell that defines the parameter whenever that cell runs (as papermill
 * injects its parameters cell). Kept across page loads. An override of a parameter the script
 * no longer declares is kept (shown as orphaned) but not sent.
 */
export interface IScriptParameters {
  /** Emits the (normalised) path of a script whose overrides changed. */
  readonly changed: ISignal<unknown, string>;
  /**
   * Set a parameter: `input` is text as a user types it (a Python or JSON literal; for a str
   * parameter the text itself) or a JSON value. Resolves with the converted value; rejects
   * with a ParameterError naming the parameter and its line, changing nothing, when the
   * script has no such parameter or the value does not fit its type (3.5 for an int).
   */
  set(path: string, name: string, input: unknown): Promise<JSONValue>;
  /** Back to the script's defaults for these parameters (all when none given); the keys reset. */
  reset(path: string, names?: readonly string[]): string[];
  /** The overrides of a script by parameter key, orphaned ones included. */
  overridesFor(path: string): { [name: string]: JSONValue };
}

/**
 * The one run path of every surface: runs script cells in a kernel (default: the active
 * notebook's), parsing once and sending each selected cell once, and keeps each cell's last
 * run per script and kernel.
 */
export interface ICellScriptRunner {
  /** Emits when the target kernel changed or a run started or ended. */
  readonly changed: ISignal<ICellScriptRunner, void>;
  /** The default kernel: the active notebook's, or null when none is open. */
  readonly target: IKernelTarget | null;
  /** How scripts run (from the settings). */
  readonly settings: IRunSettings;
  /** The exports declared per script, applied in every kernel the script runs in. */
  readonly exports: IScriptExports;
  /** The parameter overrides per script, carried by every run of their defining cells. */
  readonly parameters: IScriptParameters;
  /** The run states of a script in a kernel (default: the target's). */
  statesFor(path: string, kernel?: Kernel.IKernelConnection): IRunStates | null;
  /** Whether a run of the script is in flight in a kernel (default: the target's). */
  isRunning(path: string, kernel?: Kernel.IKernelConnection): boolean;
  /**
   * Run cells: the code cells a selection names (all for an empty one), or those a picker
   * picks from the script as parsed for this run (see `cellsAbove`, `cellsBelow`,
   * `changedCells`). Resolves with the result also when a cell fails; rejects when the run
   * cannot start or the kernel goes away.
   */
  run(
    script: IRunnableScript,
    selection: readonly CellSelector[] | CellPicker,
    options?: IScriptRunOptions
  ): Promise<IRunResult>;
  /** The session of a script in a kernel (default: the target's), kept by the runner. */
  session(
    path: string,
    options?: { kernel?: IRunKernel }
  ): Promise<IScriptSession>;
  /** Interrupt a kernel (default: the target's). */
  interrupt(kernel?: Kernel.IKernelConnection): Promise<void>;
  /** Drop the script's namespace in a kernel (default: the target's) and forget its runs. */
  reset(path: string, options?: { kernel?: IRunKernel }): Promise<void>;
}

/** The runner token. */
export const ICellScriptRunner = new Token<ICellScriptRunner>(
  'jupyterlab-cellscript:ICellScriptRunner',
  "Runs script cells in a kernel (by default the active notebook's, in the script's own or the notebook's namespace), each selected cell once, and keeps each cell's status, duration and outputs."
);

/** The frontend magic registry (see the token). */
export type IMagicRegistry = IMagicRegistryContract;

export type {
  IAddMagicOptions,
  IMagicContext,
  IMagicGroup,
  IMagicHistory,
  IMagicOutput,
  IMagicSpec,
  IRegisteredMagic,
  MagicHandler,
  MagicResult
} from './magics/types';
export type { IMagicArg } from './magics/magicArgs';

/** The frontend magic registry token. */
export const IMagicRegistry = new Token<IMagicRegistryContract>(
  'jupyterlab-cellscript:IMagicRegistry',
  "The page's frontend line magics (%name) and cell magics (%%name), run by CellScript's notebook cell executor without anything installed in the kernel. Add yours with addLineMagic, addCellMagic or addMagics; dispose the result to remove them."
);

/** The page's sweeps (see the token). */
export interface ISweepService {
  /**
   * Plan and start a sweep of the script at `path` (its current text: an open editor's, else
   * the file) on kernels of the page's kernel spec; rejects before any kernel starts when the
   * spec does not fit (SweepError, ParameterError). Options left out come from the settings.
   */
  start(
    path: string,
    values: SweepValues,
    options?: ISweepOptions
  ): Promise<Sweep>;
  /** The sweeps of this page that are still running. */
  readonly running: readonly Sweep[];
}

/** The sweep service token. */
export const ISweepService = new Token<ISweepService>(
  'jupyterlab-cellscript:ISweepService',
  "Sweeps a script's parameters over fresh kernels (kernel or fork isolation), keeps each sweep next to the script, and shuts every sweep kernel down when a sweep ends, is cancelled or the page unloads."
);
