/**
 * CellScriptSession: drive one script in one kernel, headless (plain Node with
 * @jupyterlab/services) or from the JupyterLab frontend. Mirrors chmp.csc's CellScript:
 * the source is re-read before every run, the namespace persists until reset or restart,
 * exports are applied at once and after every complete run.
 */
import type { Contents, Kernel } from '@jupyterlab/services';
import type { PartialJSONValue } from '@lumino/coreutils';
import type { IDisposable } from '@lumino/disposable';
import { type ISignal, Signal } from '@lumino/signaling';
import {
  type CellSelector,
  type IParseOptions,
  type IParsedScript,
  type IScriptCell,
  runOverrides,
  type ParameterValues,
  parseScript,
  selectCell,
  selectCells
} from '../script';
import { KernelBridge } from './bridge';
import { KernelRequestError, ScriptRunError } from './errors';
import type { IOutputSink } from './outputs';
import {
  kernelFileFor,
  normalizeScriptPath,
  type IKernelPathOptions
} from './paths';
import { parseExportSpec } from './exports';
import { sourceCheckOf } from './sourceCheck';
import type {
  IExportResult,
  IExportSpec,
  IHistoryEntry,
  IKernelValue,
  ILineSpan,
  IRequests,
  IResponses,
  IRunCell,
  IRunOverrides,
  IRunResult,
  IScriptRef,
  ISourceCheck,
  IVariableSummary,
  NamespaceMode,
  WorkingDirectoryMode
} from './protocol';

/** Constructor options of CellScriptSession. */
export interface ICellScriptSessionOptions extends IKernelPathOptions {
  /** Contents path of the script (relative to the server root), e.g. `'src/train.py'`. */
  path: string;
  /** The kernel, or a bridge to share with other sessions on the same kernel. */
  kernel: Kernel.IKernelConnection | KernelBridge;
  /**
   * Reads the script when `readSource` gives nothing (the file as saved). `run`/`runCells`
   * need one of the two; a caller that parses and selects itself uses `runParsed` alone.
   */
  contents?: Contents.IManager;
  /**
   * The script's current text, e.g. an open editor's unsaved text; return null to read the
   * file through `contents` instead. Called before every run.
   */
  readSource?: () => string | null | Promise<string | null>;
  /** Own module (default) or the notebook's `__main__`. */
  namespace?: NamespaceMode;
  /** The current directory while the script's code runs (default 'notebook': left alone). */
  workingDirectory?: WorkingDirectoryMode;
  /** Run the script's module with `__name__ == "__main__"` (default false). */
  asMain?: boolean;
  /** Print `> `-prefixed summaries of each cell before it runs (default false). */
  verbose?: boolean;
  /** Display a cell's last expression value as a notebook does (default false). */
  showLastValue?: boolean;
  /**
   * When the script comes from the file (not `readSource`): after the first contents read,
   * let the kernel check the file itself (UTF-8 length and CRC-32) instead of reading it
   * through the contents API before every run; on a mismatch nothing runs and the session
   * reads the file and runs again. Saves a round trip per run when the kernel sees the
   * server's files. Default true; turned off by itself when the kernel cannot read the file.
   */
  checkInKernel?: boolean;
  /** Marker options for parsing. */
  parseOptions?: IParseOptions;
  /** Default sink for outputs of every request (a request may pass its own). */
  sink?: IOutputSink;
}

/** Options of one run. */
export interface IRunOptions {
  /** Where outputs and cell events go (default: the session's sink). */
  sink?: IOutputSink;
  verbose?: boolean;
  showLastValue?: boolean;
  /**
   * Values for the script's parameters by key (text as typed, or JSON values), converted by
   * each parameter's type and assigned right after the cell that defines it runs. A required
   * `Param()` in a cell that runs needs one (else a ParameterError and nothing runs).
   */
  parameters?: ParameterValues;
}

/** Options of a run of cells already parsed and selected (see `runParsed`). */
export interface IParsedRunOptions extends IRunOptions {
  /**
   * Run only if the kernel reads exactly this text from the file (else a KernelRequestError
   * of kind 'stale-source' and nothing runs).
   */
  expect?: ISourceCheck;
  /** Parameter overrides per defining cell, already converted (see `overridesForRun`). */
  overrides?: IRunOverrides;
  /** A notebook cell to keep in the kernel's input history (see IRunResult.executionCount). */
  history?: IHistoryEntry;
}

/**
 * One script driven in one kernel.
 *
 * ```ts
 * const session = new CellScriptSession({ path: 'train.py', kernel, contents });
 * await session.run('Setup', 'Train');
 * const loss = await session.eval('history[-1]');
 * ```
 */
export class CellScriptSession implements IDisposable {
  /**
   * @param options - the script, the kernel and how to read and run.
   */
  constructor(options: ICellScriptSessionOptions) {
    this._options = { ...options, path: normalizeScriptPath(options.path) };
    this._namespace = options.namespace ?? 'module';
    if (options.kernel instanceof KernelBridge) {
      this._bridge = options.kernel;
      this._ownsBridge = false;
    } else {
      this._bridge = new KernelBridge({ kernel: options.kernel });
      this._ownsBridge = true;
    }
    this._checkInKernel = options.checkInKernel ?? true;
  }

  /** Contents path of the script, in one spelling (`./a.py` and `a.py` are one script). */
  get path(): string {
    return this._options.path;
  }

  /** Where the script's variables live; a change applies from the next request on. */
  get namespace(): NamespaceMode {
    return this._namespace;
  }
  set namespace(mode: NamespaceMode) {
    this._namespace = mode;
  }

  /** The current directory while the script's code runs; applies from the next request on. */
  get workingDirectory(): WorkingDirectoryMode {
    return this._options.workingDirectory ?? 'notebook';
  }
  set workingDirectory(mode: WorkingDirectoryMode) {
    this._options.workingDirectory = mode;
  }

  /** The bridge to the kernel. */
  get bridge(): KernelBridge {
    return this._bridge;
  }

  /** Emitted when the kernel restarts: the namespace is gone, every cell is not run. */
  get restarted(): ISignal<KernelBridge, void> {
    return this._bridge.restarted;
  }

  /**
   * Emits what the kernel answered when exports were applied: after `export()` and after
   * every complete run that carried exports (the run result's `exports`), with the specs the
   * request sent, so a listener can tell which declarations the answer covers.
   */
  get exportsApplied(): ISignal<this, CellScriptSession.IExportsApplied> {
    return this._exportsApplied;
  }

  /** The declared exports, `target` to `source`. */
  get exports(): ReadonlyArray<IExportSpec> {
    return Array.from(this._exports, ([target, source]) => ({
      target,
      source
    }));
  }

  /** The script as the kernel sees it: id, absolute (or cwd-relative) file, namespace mode. */
  get scriptRef(): IScriptRef {
    return {
      id: this._options.path,
      file: kernelFileFor(this._options.path, this._options),
      namespace: this._namespace,
      asMain: this._options.asMain ?? false
    };
  }

  /** Whether the session is disposed. */
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Read the script's current text (editor text first, else the file). */
  async readText(): Promise<string> {
    const text = (await this._options.readSource?.()) ?? null;
    return text ?? (await this._readFile());
  }

  /** Read and parse the script now. */
  async read(): Promise<IParsedScript> {
    return this._parse(await this.readText());
  }

  /** The script's cells as they are now. */
  async cells(): Promise<IScriptCell[]> {
    return (await this.read()).cells;
  }

  /**
   * The names of the script's cells as they are now, in order, null for an unnamed cell;
   * every cell, markdown and raw too (chmp.csc's `CellScript.list()`). The variables of the
   * script's namespace are `variables()`.
   */
  async list(): Promise<Array<string | null>> {
    return (await this.cells()).map(cell => cell.name);
  }

  /**
   * The source of one cell as it is now (its body, without the marker), like chmp.csc's
   * `CellScript.get(cell)`: an index, or a name, prefix or index as text. Rejects with the
   * script model's errors (CellNotFoundError, AmbiguousCellError, CellIndexError,
   * CellSelectorError) when the selector names no cell or may name several. Variables are
   * read with `values()`.
   */
  async get(cell: CellSelector): Promise<string> {
    return selectCell(await this.read(), cell).source;
  }

  /**
   * Run cells (all code cells when no selector is given), like CellScript.run.
   * Rejects with ScriptRunError when a cell fails or the run is interrupted.
   */
  async run(...selectors: CellSelector[]): Promise<IRunResult> {
    const { result, cells } = await this._run(selectors, {});
    if (result.status !== 'ok') {
      const failed = cells.find(
        cell => cell.index === result.cells.at(-1)?.index
      );
      throw new ScriptRunError(result, failed?.name);
    }
    return result;
  }

  /**
   * Run cells and resolve with the result even when a cell fails (for UIs that show per-cell
   * status). Rejects only when the run cannot start (bad selector, no kernel, not Python).
   */
  async runCells(
    selectors: CellSelector[],
    options: IRunOptions = {}
  ): Promise<IRunResult> {
    return (await this._run(selectors, options)).result;
  }

  /** Set variables in the script's namespace; values travel as JSON. */
  async assign(values: {
    [name: string]: PartialJSONValue;
  }): Promise<string[]> {
    return (await this._request('assign', { script: this.scriptRef, values }))
      .assigned;
  }

  /**
   * Declare exports (`'name'` or `'target=source'`) and apply them now; they are applied again
   * after every complete run. A name the script does not define (yet) is in `missing`.
   */
  async export(...specs: Array<string | IExportSpec>): Promise<IExportResult> {
    const parsed = specs.map(spec =>
      typeof spec === 'string' ? parseExportSpec(spec) : spec
    );
    const result = await this._request('export', {
      script: this.scriptRef,
      exports: parsed
    });
    for (const spec of parsed) {
      this._exports.set(spec.target, spec.source);
    }
    this._exportsApplied.emit({ specs: parsed, result });
    return result;
  }

  /**
   * Record exports without a kernel request: they are sent with the next run and applied
   * after it completes. For declarations made before this session existed (a new kernel).
   */
  declareExports(specs: Iterable<IExportSpec>): void {
    for (const { target, source } of specs) {
      this._exports.set(target, source);
    }
  }

  /** Stop exporting these targets (all when none given). */
  unexport(...targets: string[]): void {
    if (targets.length === 0) {
      this._exports.clear();
    }
    targets.forEach(target => this._exports.delete(target));
  }

  /**
   * Evaluate an expression in the script's namespace (a trailing comment is fine). What it
   * prints or displays goes to `options.sink` (default: the session's).
   */
  async eval(
    expression: string,
    options: { sink?: IOutputSink } = {}
  ): Promise<IKernelValue> {
    return this._request(
      'eval',
      {
        script: this.scriptRef,
        expression,
        workingDirectory: this.workingDirectory
      },
      options.sink
    );
  }

  /**
   * Run statements in the script's namespace; the text is dedented first. What they print or
   * display goes to `options.sink` (default: the session's).
   */
  async exec(
    source: string,
    options: { sink?: IOutputSink } = {}
  ): Promise<void> {
    await this._request(
      'exec',
      {
        script: this.scriptRef,
        source,
        workingDirectory: this.workingDirectory
      },
      options.sink
    );
  }

  /**
   * Read variables of the script's namespace: exact JSON where possible, else repr and type;
   * `missing` lists the rest. (The kernel operation is 'get'; `get()` reads a cell's source.)
   */
  async values(...names: string[]): Promise<IResponses['get']> {
    return this._request('get', { script: this.scriptRef, names });
  }

  /**
   * The variables of the script's namespace with their types. (The kernel operation is
   * 'list'; `list()` gives the cells' names.)
   */
  async variables(
    options: { includePrivate?: boolean } = {}
  ): Promise<IVariableSummary[]> {
    const script = this.scriptRef;
    return (await this._request('list', { script, ...options })).variables;
  }

  /**
   * Put rows into the notebook's namespace (not the script's) as `name`: a pandas DataFrame
   * when the kernel has pandas, else the list of dicts. Values travel as JSON.
   */
  async table(
    name: string,
    rows: Array<{ [column: string]: PartialJSONValue }>
  ): Promise<IResponses['table']> {
    return this._request('table', { name, rows });
  }

  /** Drop the script's namespace; the next run starts fresh. Resolves whether one existed. */
  async reset(): Promise<boolean> {
    return (await this._request('reset', { script: this.scriptRef })).existed;
  }

  /** Interrupt the kernel (stops a running cell). */
  async interrupt(): Promise<void> {
    await this._bridge.interrupt();
  }

  /** Release the bridge if this session created it. The kernel is left running. Idempotent. */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    if (this._ownsBridge) {
      this._bridge.dispose();
    }
    Signal.clearData(this);
  }

  /**
   * Run exactly `cells` of `script` (a parse the caller made, with its options, and a
   * selection it resolved): the states and outputs the caller keeps belong to these cells.
   * Code cells only; the order is kept. Resolves with the result also when a cell fails;
   * rejects with a KernelRequestError of kind 'stale-source' (nothing ran) when `expect` is
   * given and the kernel reads other bytes from the file.
   */
  async runParsed(
    script: IParsedScript,
    cells: readonly IScriptCell[],
    options: IParsedRunOptions = {}
  ): Promise<IRunResult> {
    const args: IRequests['run'] = {
      script: this.scriptRef,
      cells: cells.filter(cell => cell.type === 'code').map(runCellOf),
      lineCount: script.lineCount,
      verbose: options.verbose ?? this._options.verbose ?? false,
      showLastValue:
        options.showLastValue ?? this._options.showLastValue ?? false,
      exports: this.exports.slice(),
      workingDirectory: this.workingDirectory
    };
    if (options.expect) {
      args.expect = options.expect;
    }
    if (options.overrides && Object.keys(options.overrides).length > 0) {
      args.overrides = options.overrides;
    }
    if (options.history) {
      args.history = options.history;
    }
    const result = await this._request('run', args, options.sink);
    if (args.exports?.length) {
      // Only a complete run applies exports; the answer covers exactly what it carried.
      this._exportsApplied.emit({
        specs: args.exports,
        result: result.exports ?? null
      });
    }
    return result;
  }

  private async _run(
    selectors: CellSelector[],
    options: IRunOptions
  ): Promise<{ result: IRunResult; cells: IScriptCell[] }> {
    const editorText = (await this._options.readSource?.()) ?? null;
    const known = this._fileText;
    if (editorText === null && known !== null && this._checkInKernel) {
      // One request carrying everything: the kernel checks the file is still this text.
      try {
        return await this._runText(known.text, selectors, options, known.check);
      } catch (error) {
        if (
          !(
            error instanceof KernelRequestError && error.kind === 'stale-source'
          )
        ) {
          throw error;
        }
        if (error.details.reason === 'unreadable') {
          this._checkInKernel = false;
        }
      }
    }
    const text = editorText ?? (await this._readFile());
    if (known && editorText === null && text === known.text) {
      // The kernel saw other bytes than the contents API gives: it does not see this file
      // (or not as the server does), so checking there would only add a round trip.
      this._checkInKernel = false;
    }
    return this._runText(text, selectors, options);
  }

  private async _runText(
    text: string,
    selectors: CellSelector[],
    options: IRunOptions,
    expect?: ISourceCheck
  ): Promise<{ result: IRunResult; cells: IScriptCell[] }> {
    const script = this._parse(text);
    const cells = selectCells(script, ...selectors).filter(
      cell => cell.type === 'code'
    );
    const overrides = runOverrides(script, options.parameters ?? {}, cells);
    const result = await this.runParsed(script, cells, {
      ...options,
      expect,
      overrides
    });
    return { result, cells };
  }

  /** Read the file through the contents API; remember it for the kernel-side check. */
  private async _readFile(): Promise<string> {
    if (!this._options.contents) {
      throw new Error(
        `No text for ${this.path}: the session has neither readSource nor a contents manager ` +
          '(give it one to run by selector, or use runParsed).'
      );
    }
    const model = await this._options.contents.get(this.path, {
      type: 'file',
      format: 'text',
      content: true
    });
    if (typeof model.content !== 'string') {
      throw new Error(
        `${this.path} is not a text file; cellscript runs Python text scripts.`
      );
    }
    this._fileText = {
      text: model.content,
      check: sourceCheckOf(model.content)
    };
    return model.content;
  }

  /** Parse, reusing the last parse when the text did not change. */
  private _parse(text: string): IParsedScript {
    if (this._parsed?.text !== text) {
      this._parsed = {
        text,
        script: parseScript(text, this._options.parseOptions)
      };
    }
    return this._parsed.script;
  }

  private _request<K extends keyof IRequests>(
    op: K,
    args: IRequests[K],
    sink?: IOutputSink
  ): Promise<IResponses[K]> {
    if (this._isDisposed) {
      return Promise.reject(
        new KernelRequestError('The session is disposed.', 'no-kernel')
      );
    }
    return this._bridge.sendRequest(op, args, sink ?? this._options.sink);
  }

  private _options: ICellScriptSessionOptions;
  private _bridge: KernelBridge;
  private _ownsBridge: boolean;
  private _exports = new Map<string, string>();
  private _fileText: { text: string; check: ISourceCheck } | null = null;
  private _parsed: { text: string; script: IParsedScript } | null = null;
  private _checkInKernel: boolean;
  private _namespace: NamespaceMode;
  private _isDisposed = false;
  private _exportsApplied = new Signal<this, CellScriptSession.IExportsApplied>(
    this
  );
}

/**
 * A cell as a run request carries it: its place, source and hash, and the lines it stands
 * for when it is a selection of a cell's lines (see `RunCell` in run/runStates).
 */
export function runCellOf(
  cell: IScriptCell & { readonly selection?: ILineSpan }
): IRunCell {
  const { index, name, source, firstLine, hash, selection } = cell;
  const sent: IRunCell = { index, name, source, firstLine, hash };
  if (selection) {
    sent.selection = {
      firstLine: selection.firstLine,
      lastLine: selection.lastLine
    };
  }
  return sent;
}

/** Types for CellScriptSession. */
export namespace CellScriptSession {
  /** An answer of the kernel to exports being applied. */
  export interface IExportsApplied {
    /** The exports the request carried. */
    specs: ReadonlyArray<IExportSpec>;
    /**
     * What was copied, and the source names the script's namespace lacked; null when a run
     * that carried them did not complete (an error or an interrupt), so nothing was applied.
     */
    result: IExportResult | null;
  }
}
