/**
 * The contract of frontend magics: what a handler receives and may return, and the registry
 * other extensions add magics to (through the IMagicRegistry token). Types only.
 */
import type { ISessionContext } from '@jupyterlab/apputils';
import type { CodeCell } from '@jupyterlab/cells';
import type * as nbformat from '@jupyterlab/nbformat';
import type { NotebookPanel } from '@jupyterlab/notebook';
import type { Kernel } from '@jupyterlab/services';
import type { PartialJSONObject } from '@lumino/coreutils';
import type { IDisposable } from '@lumino/disposable';
import type { ISignal } from '@lumino/signaling';
import type { IOutputSink } from '../kernel/outputs';
import type { IMagicArg } from './magicArgs';

/** Where a magic's output goes: the output area of the cell that runs it. */
export interface IMagicOutput {
  /** Append text to stdout or stderr (merged with the stream before, as the kernel's are). */
  stream(name: 'stdout' | 'stderr', text: string): void;
  /** Show a mime bundle, e.g. `{ 'text/plain': '...', 'text/html': '...' }`. */
  display(data: nbformat.IMimeBundle, metadata?: PartialJSONObject): void;
  /** Show an error as the kernel would (the cell still runs on unless the handler throws). */
  error(ename: string, evalue: string, traceback?: readonly string[]): void;
  /** Clear the cell's outputs (`wait`: at the next output, as `clear_output(wait=True)`). */
  clear(wait?: boolean): void;
  /** The same output area as a run's sink: outputs of script cells run by the magic. */
  readonly sink: IOutputSink;
}

/**
 * The cell's entry in the kernel's input history (`In`, `%history`), which gives the cell its
 * execution count. By default CellScript records it with a request of its own after the magic.
 */
export interface IMagicHistory {
  /**
   * For a magic that sends a kernel request anyway: take the entry (once; null after) to
   * record with that request, and report the count it took with `recorded`. Saves a kernel
   * round trip. Not reported (e.g. the request failed first): CellScript records it itself.
   */
  take(): { readonly source: string; recorded(count: number): void } | null;
}

/** What a magic handler receives. */
export interface IMagicContext {
  /** `'line'` for `%name`, `'cell'` for `%%name`. */
  readonly kind: 'line' | 'cell';
  /** The name as typed (an alias shows as itself). */
  readonly name: string;
  /** The rest of the magic's line, trimmed. */
  readonly line: string;
  /**
   * That rest split into arguments (quotes and brackets respected); reading it throws a
   * usage error for an unclosed quote or bracket.
   */
  readonly args: readonly IMagicArg[];
  /** A cell magic's body (the lines after the first); null for a line magic. */
  readonly body: string | null;
  /** The cell running the magic. */
  readonly cell: CodeCell;
  /** The notebook the cell is in (null when the cell is not in a notebook panel). */
  readonly notebook: NotebookPanel | null;
  /** The notebook's session. */
  readonly sessionContext: ISessionContext;
  /** The notebook's kernel, or null when it has none. */
  readonly kernel: Kernel.IKernelConnection | null;
  /** The cell's output area. */
  readonly output: IMagicOutput;
  /** The cell's entry in the kernel's input history. */
  readonly history: IMagicHistory;
  /** Aborts when the user interrupts or restarts the kernel while the magic runs. */
  readonly signal: AbortSignal;
}

/**
 * What a handler may return: nothing, text (shown as text/plain), or a mime bundle with
 * optional metadata (shown as rich output). Shown as the cell's result (`Out[n]`).
 */
export type MagicResult =
  | void
  | null
  | undefined
  | string
  | { data: nbformat.IMimeBundle; metadata?: PartialJSONObject };

/**
 * A magic's handler: may be async; what it throws becomes the cell's error output and stops
 * "Run All" as a failing cell does.
 */
export type MagicHandler = (
  context: IMagicContext
) => MagicResult | Promise<MagicResult>;

/** A magic: its handler and what `--help` and listings say of it. */
export interface IMagicSpec {
  readonly handler: MagicHandler;
  /** One line: what the magic does. */
  readonly summary: string;
  /** Usage lines, e.g. `%%mymagic [--flag] NAME`. */
  readonly usage?: readonly string[];
  /** More text for `--help`. */
  readonly details?: string;
}

/**
 * A group of magics added and removed together, as IPython's `Magics` classes declare their
 * line and cell magics; the same name may be in both.
 */
export interface IMagicGroup {
  readonly line?: { readonly [name: string]: IMagicSpec };
  readonly cell?: { readonly [name: string]: IMagicSpec };
}

/** Options of adding magics. */
export interface IAddMagicOptions {
  /**
   * Take a name another frontend magic has (that one comes back when this one is disposed).
   * Without it, a taken name is an error.
   */
  readonly replace?: boolean;
}

/** A registered magic, as the registry lists it. */
export interface IRegisteredMagic extends IMagicSpec {
  readonly kind: 'line' | 'cell';
  readonly name: string;
}

/**
 * The frontend magics of the page: line magics (`%name rest`) and cell magics (`%%name rest`
 * then a body), run by CellScript's notebook cell executor without anything installed in the
 * kernel. A cell with none goes to the kernel unchanged, so IPython's magics keep working; a
 * frontend magic shadows a kernel magic of the same name.
 */
export interface IMagicRegistry {
  /** Emits after a magic was added or removed. */
  readonly changed: ISignal<IMagicRegistry, void>;
  /** Add a line magic; dispose the result to remove it. Throws for a bad or taken name. */
  addLineMagic(
    name: string,
    spec: IMagicSpec,
    options?: IAddMagicOptions
  ): IDisposable;
  /** Add a cell magic; dispose the result to remove it. Throws for a bad or taken name. */
  addCellMagic(
    name: string,
    spec: IMagicSpec,
    options?: IAddMagicOptions
  ): IDisposable;
  /** Add a group at once: all of it, or (on an error) none of it. */
  addMagics(group: IMagicGroup, options?: IAddMagicOptions): IDisposable;
  /** The line magic of a name, if any. */
  lineMagic(name: string): IRegisteredMagic | undefined;
  /** The cell magic of a name, if any. */
  cellMagic(name: string): IRegisteredMagic | undefined;
  /** Every magic, line magics first, each sorted by name. */
  magics(): IRegisteredMagic[];
}
