/**
 * The built-in `%cellscript` (alias `%cs`) line magic and `%%cellscript` cell magic, with
 * chmp.csc's operations as subcommands: open, list, run, get, load, assign, export, eval,
 * exec, save, params, vars. Everything runs through the runner, in the kernel of the notebook
 * running the magic, with the script cells' outputs in that notebook cell.
 */
import { PathExt } from '@jupyterlab/coreutils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IDisposable } from '@lumino/disposable';
import type { PartialJSONValue } from '@lumino/coreutils';
import type {
  IScriptSnapshot,
  ScriptDocument
} from '../document/scriptDocument';
import type { IKernelValue } from '../kernel/protocol';
import {
  type INotebookCellOrigin,
  notebookCellOf,
  originLabel,
  originOf,
  ORIGIN_KEY,
  readOrigin
} from '../notebook/cellOrigin';
import type { SaveOutcome } from '../notebook/cellSaver';
import type { IRunKernel } from '../run/scriptRunner';
import { shownStatus, statusText } from '../run/shownStatus';
import {
  convertParameterValue,
  inferParameters,
  type IScriptCell,
  type JSONValue,
  parseLiteral,
  selectCell
} from '../script';
import { isLiteralFailure } from '../script/literal';
import type { ICellScriptRunner, IScriptService } from '../tokens';
import { MagicShownError, MagicUsageError, noKernel } from './errors';
import {
  formatHelp,
  type IMagicArg,
  type IOptionSpec,
  parseArgs,
  readArg,
  splitArgs
} from './magicArgs';
import { pythonRepr, tableBundle } from './magicDisplay';
import {
  runSweepMagic,
  SWEEP_OPTIONS,
  type ISweepStarter
} from './sweepSubcommand';
import { CurrentScripts, resolveScriptPath } from './scriptPaths';
import type {
  IMagicContext,
  IMagicRegistry,
  IMagicSpec,
  MagicResult
} from './types';

/** Where a notebook cell saved by `%%cellscript save` was last saved to (conflict checks). */
export const MAGIC_SAVE_KEY = 'cellscript_saved';

/** What the magic needs of the page. */
export interface ICellScriptMagicHost {
  readonly runner: ICellScriptRunner;
  readonly scripts: IScriptService;
  /** The sidebar's script (the default) and a way to show one; null without a sidebar. */
  readonly sidebar: {
    readonly path: string | null;
    open(path: string | null): Promise<void>;
  } | null;
  /** The words of run states, as the sidebar shows them. */
  readonly trans: TranslationBundle;
  /** Saves text into a script cell with the conflict check of "Save Cell Back to Script". */
  save(origin: INotebookCellOrigin, text: string): Promise<SaveOutcome>;
  /** Starts sweeps (`sweep`); null when the sweeps plugin is not there. */
  readonly sweeps: ISweepStarter | null;
}

/** The names the magic answers to. */
export const CELLSCRIPT_MAGIC_NAMES = ['cellscript', 'cs'];

const SCRIPT_OPTION: IOptionSpec = {
  long: 'script',
  short: 's',
  value: 'PATH',
  help: "the script to use instead of the notebook's current one"
};

/** Register `%cellscript`, `%cs`, `%%cellscript` and `%%cs`; dispose to remove them. */
export function addCellScriptMagic(
  registry: IMagicRegistry,
  host: ICellScriptMagicHost
): IDisposable {
  const magic = new CellScriptMagic(host);
  const spec: IMagicSpec = {
    handler: context => magic.handle(context),
    summary: "Drive a # %% script from this notebook (chmp.csc's operations).",
    usage: [
      '%cellscript [-s PATH] SUBCOMMAND [ARGS...]',
      '%%cellscript [-s PATH] exec|save [CELL]   (the body is code)'
    ]
  };
  const group = Object.fromEntries(
    CELLSCRIPT_MAGIC_NAMES.map(name => [name, spec])
  );
  return registry.addMagics({ line: group, cell: group });
}

/** One call of a subcommand: what it was given and how to reach the script and kernel. */
interface ICall {
  readonly magic: IMagicContext;
  /** Positional arguments after the subcommand. */
  readonly args: IMagicArg[];
  /** The subcommand's own options by long name (flags are `'true'`). */
  readonly options: ReadonlyMap<string, string>;
  /** For code subcommands the rest of the line or the body; for `save` the body. */
  readonly code: string;
  /** The script path in use (`-s`, else the notebook's current one). */
  path(): string;
  /** A typed path as seen from the notebook's folder (see resolveScriptPath). */
  resolve(typed: string): string;
  /** Read the script now; the reference is released after the call. */
  read(path?: string): Promise<IReadScript>;
  /** The notebook's kernel, or an error saying to choose one. */
  kernel(): IRunKernel;
}

interface IReadScript {
  readonly path: string;
  readonly document: ScriptDocument;
  readonly snapshot: IScriptSnapshot;
}

interface ISubcommand {
  /** Arguments as usage shows them, after the subcommand's name. */
  readonly usage: string;
  readonly summary: string;
  /** The rest of the line (or the cell magic's body) is code, not arguments. */
  readonly code?: boolean;
  /** For a cell magic: whether the body is needed (save) or allowed (exec, code). */
  readonly body?: 'required' | 'allowed';
  readonly details?: string;
  /** Options of its own, besides -s PATH. */
  readonly options?: readonly IOptionSpec[];
  run(call: ICall): Promise<MagicResult>;
}

/** The magic: reads the subcommand and its options, then runs it. */
class CellScriptMagic {
  constructor(private readonly _host: ICellScriptMagicHost) {}

  async handle(magic: IMagicContext): Promise<MagicResult> {
    const sign = magic.kind === 'cell' ? '%%' : '%';
    const command = `${sign}${magic.name}`;
    const head = readHead(magic.line, command);
    if (!head.subcommand) {
      return this._help(command, magic);
    }
    // Own keys only: `%cs toString` is not a subcommand.
    const subcommand = Object.prototype.hasOwnProperty.call(
      this._subcommands,
      head.subcommand
    )
      ? this._subcommands[head.subcommand]
      : undefined;
    if (!subcommand) {
      throw new MagicUsageError(
        `Unknown subcommand ${JSON.stringify(head.subcommand)} for ${command}. Use one of: ${Object.keys(this._subcommands).join(', ')} (${command} --help says what each does).`
      );
    }
    const full = `${command} ${head.subcommand}`;
    let script = head.script;
    let args: IMagicArg[] = [];
    let options: ReadonlyMap<string, string> = new Map();
    let code = '';
    let help = head.help;
    const specs = [SCRIPT_OPTION, ...(subcommand.options ?? [])];
    if (subcommand.code) {
      code = head.rest.trim();
      help = help || code === '--help' || code === '-h';
    } else {
      const parsed = parseArgs(splitArgs(head.rest), specs, full);
      args = parsed.positionals;
      options = parsed.options;
      script = parsed.options.get('script') ?? script;
      help = help || parsed.help;
    }
    if (help) {
      return formatHelp({
        summary: subcommand.summary,
        usage: [`${full} ${subcommand.usage}`.trim()],
        details: subcommand.details,
        options: subcommand.code ? [] : specs
      });
    }
    const body = magic.body ?? '';
    if (magic.kind === 'cell') {
      if (!subcommand.body && body.trim() !== '') {
        throw new MagicUsageError(
          `${full} takes no body. Put the magic on a line of its own (%${magic.name} ${head.subcommand} ...), and the code in another cell.`
        );
      }
      if (subcommand.code) {
        if (code !== '' && body.trim() !== '') {
          throw new MagicUsageError(
            `${full}: give the code either after ${head.subcommand} or in the body, not both.`
          );
        }
        code = code || body;
      }
      if (subcommand.body === 'required') {
        code = body;
      }
    } else if (subcommand.body === 'required') {
      throw new MagicUsageError(
        `${head.subcommand} needs a body: write %%${magic.name} ${head.subcommand} ... on the first line of a cell, and the code below it.`
      );
    }
    const references: IDisposable[] = [];
    const notebookPath =
      magic.notebook?.context.path ?? magic.sessionContext.path;
    const call: ICall = {
      magic,
      args,
      options,
      code,
      path: () => {
        if (script !== undefined) {
          return call.resolve(script);
        }
        const current = this._currentOf(magic);
        if (!current) {
          throw new MagicUsageError(
            `No script is open for this notebook. Open one with %${magic.name} open PATH (or choose one in the CellScript sidebar), or name it with -s PATH.`
          );
        }
        return current;
      },
      resolve: typed => resolveScriptPath(notebookPath, typed),
      read: async path => {
        const at = path ?? call.path();
        const reference = this._host.scripts.open(at);
        references.push(reference);
        await reference.document.ready;
        return {
          path: at,
          document: reference.document,
          snapshot: reference.document.snapshot()
        };
      },
      kernel: () => {
        if (!magic.kernel) {
          throw noKernel();
        }
        return {
          connection: magic.kernel,
          cwd: PathExt.dirname(notebookPath)
        };
      }
    };
    try {
      return await subcommand.run(call);
    } finally {
      references.forEach(reference => reference.dispose());
    }
  }

  private _help(command: string, magic: IMagicContext): string {
    const rows = Object.entries(this._subcommands).map(([name, sub]) => [
      `${name} ${sub.usage}`.trim(),
      sub.summary
    ]);
    const width = Math.max(...rows.map(([left]) => left.length));
    const current = this._currentOf(magic);
    return [
      `${command}: drive a # %% script from this notebook (alias %cs).`,
      `Usage: %${magic.name} [-s PATH] SUBCOMMAND [ARGS...]\n       %%${magic.name} [-s PATH] exec|save [CELL]   (the body is code)`,
      'Subcommands:\n' +
        rows
          .map(([left, right]) => `  ${left.padEnd(width)}  ${right}`)
          .join('\n'),
      `Cells are named as in the sidebar: a name or a unique prefix, an index (0 is the first cell, -1 the last), A:B for a range, #tag for tagged cells. ${command} SUBCOMMAND --help says more.`,
      `This notebook's script: ${current ?? `none yet (%${magic.name} open PATH)`}.`
    ].join('\n\n');
  }

  /** The notebook's script: the one `open` chose for it, else the sidebar's. */
  private _currentOf(magic: IMagicContext): string | null {
    return this._current.get(
      magic.sessionContext,
      () => this._host.sidebar?.path ?? null
    );
  }

  private readonly _current = new CurrentScripts<object>();

  private readonly _subcommands: { [name: string]: ISubcommand } = {
    open: {
      usage: 'PATH',
      summary:
        "Make a script this notebook's current one (shown in the sidebar).",
      details:
        "PATH is relative to the notebook's folder (a leading / starts from the root JupyterLab serves).",
      run: async call => {
        const path = call.resolve(oneArg(call, 'PATH'));
        const { snapshot } = await call.read(path);
        this._current.set(call.magic.sessionContext, path);
        await this._host.sidebar?.open(path);
        const cells = snapshot.script.cells;
        const code = cells.filter(cell => cell.type === 'code').length;
        return `${path}: ${plural(cells.length, 'cell')} (${code} code).`;
      }
    },
    list: {
      usage: '',
      summary: 'The cells: index, name, type, lines and how each last ran.',
      run: async call => {
        noArgs(call);
        const { path, snapshot } = await call.read();
        const states = call.magic.kernel
          ? this._host.runner.statesFor(path, call.magic.kernel)
          : null;
        const rows = snapshot.script.cells.map(cell => [
          String(cell.index),
          cell.name ?? '(unnamed)',
          cell.type,
          linesOf(cell),
          cell.type === 'code'
            ? statusText(
                states
                  ? shownStatus(states.get(cell), states.isChanged(cell))
                  : 'not-run',
                this._host.trans
              )
            : ''
        ]);
        return {
          data: tableBundle(['#', 'name', 'type', 'lines', 'status'], rows)
        };
      }
    },
    run: {
      usage: '[SELECTOR...]',
      summary:
        'Run cells (all code cells when none is named); their outputs show here.',
      details:
        'A failing cell stops the run and this cell, as a failing cell stops "Run All".',
      run: async call => {
        const { document } = await call.read();
        const kernel = call.kernel();
        // The run's request also keeps this cell in the kernel's history: one round trip.
        const entry = call.magic.history.take();
        const result = await this._host.runner.run(
          document,
          call.args.map(arg => arg.value),
          {
            kernel,
            sink: call.magic.output.sink,
            history: entry ? { source: entry.source } : undefined
          }
        );
        if (entry && result.executionCount !== undefined) {
          entry.recorded(result.executionCount);
        }
        if (result.status !== 'ok') {
          throw new MagicShownError(`The run stopped: ${result.status}.`);
        }
      }
    },
    get: {
      usage: 'CELL',
      summary: "A cell's source.",
      run: async call => {
        const { snapshot } = await call.read();
        return selectCell(snapshot.script, oneArg(call, 'CELL')).source;
      }
    },
    load: {
      usage: 'CELL',
      summary:
        'This notebook cell becomes the script cell (save it back with "Save Cell Back to Script").',
      run: async call => {
        const { path, snapshot } = await call.read();
        const cell = selectCell(snapshot.script, oneArg(call, 'CELL'));
        return loadInto(call.magic, path, cell);
      }
    },
    assign: {
      usage: 'NAME=VALUE...',
      summary:
        "Set variables in the script's namespace; a parameter keeps its value for every run of its cell.",
      details:
        "Values are Python literals (1e-3, 'text', [1, 2], {'a': 1}, None); a parameter's value is converted by its type. Nothing is set when one value is wrong.",
      run: call => this._assign(call)
    },
    export: {
      usage: 'NAME|TARGET=SOURCE...',
      summary:
        "Copy the script's variables into the notebook, now and after every complete run.",
      run: async call => {
        if (call.args.length === 0) {
          throw new MagicUsageError(
            'Name the variables to export, e.g. export model loss=history.'
          );
        }
        const path = call.path();
        const declared = await this._host.runner.exports.declare(
          path,
          call.args.map(arg => arg.value)
        );
        const names = declared.declared
          .map(spec =>
            spec.target === spec.source
              ? spec.target
              : `${spec.target}=${spec.source}`
          )
          .join(', ');
        const missing = declared.applied?.missing ?? [];
        return [
          `Exporting ${names} from ${path}.`,
          missing.length > 0
            ? `Not defined yet: ${missing.join(', ')} (copied after the next complete run).`
            : declared.notApplied
              ? declared.notApplied
              : ''
        ]
          .filter(Boolean)
          .join('\n');
      }
    },
    eval: {
      usage: 'EXPRESSION',
      summary: "Evaluate an expression in the script's namespace.",
      code: true,
      run: async call => {
        if (call.code === '') {
          throw new MagicUsageError('Give an expression, e.g. eval loss[-1].');
        }
        const session = await this._host.runner.session(call.path(), {
          kernel: call.kernel()
        });
        return valueText(
          await session.eval(call.code, { sink: call.magic.output.sink })
        );
      }
    },
    exec: {
      usage: 'CODE',
      summary:
        "Run statements in the script's namespace (the body of %%cellscript exec, dedented).",
      code: true,
      body: 'allowed',
      run: async call => {
        if (call.code.trim() === '') {
          throw new MagicUsageError(
            'Give statements: exec x = 1 on a line, or %%cellscript exec and the code below it.'
          );
        }
        const session = await this._host.runner.session(call.path(), {
          kernel: call.kernel()
        });
        await session.exec(call.code, { sink: call.magic.output.sink });
      }
    },
    save: {
      usage: 'CELL',
      summary:
        'Write the body of this %%cellscript cell into a script cell, keeping the rest of the script.',
      body: 'required',
      details:
        'If the script cell changed since this cell last saved it, you are asked which version to keep.',
      run: call => this._save(call)
    },
    params: {
      usage: '',
      summary:
        "The script's parameters: type, value (yours or the default) and line.",
      run: async call => {
        noArgs(call);
        const { path, snapshot } = await call.read();
        const overrides = this._host.runner.parameters.overridesFor(path);
        const rows = inferParameters(snapshot.script).map(parameter => {
          const set = Object.prototype.hasOwnProperty.call(
            overrides,
            parameter.name
          );
          const fallback =
            parameter.value === undefined
              ? 'required'
              : pythonRepr(parameter.value, parameter.type);
          return [
            parameter.name,
            parameter.type,
            set
              ? pythonRepr(overrides[parameter.name], parameter.type)
              : fallback,
            set ? fallback : '',
            String(parameter.line),
            parameter.help ?? ''
          ];
        });
        if (rows.length === 0) {
          return `${path} has no parameters: declare one as a module-level "name = value", or with Param().`;
        }
        return {
          data: tableBundle(
            ['name', 'type', 'value', 'default', 'line', 'help'],
            rows
          )
        };
      }
    },
    sweep: {
      usage:
        'NAME=V1,V2... [--grid] [--isolation kernel|fork] [-j N] [-o A,B] [--stop-after-outputs] [--to NAME]',
      summary:
        'Sweep parameters over fresh processes: one line per iteration, then the results.',
      details:
        'Values are Python literals or text, separated by commas (quote a list with spaces). One parameter varies at a time around the values set in the parameters form (or the defaults); --grid tests every combination. Interrupt the kernel to cancel. Each sweep is saved next to the script (NAME.sweeps/).',
      options: SWEEP_OPTIONS,
      run: call => runSweepMagic(call, this._host.sweeps, this._host.runner)
    },
    vars: {
      usage: '',
      summary: "The variables of the script's namespace in this kernel.",
      run: async call => {
        noArgs(call);
        const session = await this._host.runner.session(call.path(), {
          kernel: call.kernel()
        });
        const variables = await session.variables();
        if (variables.length === 0) {
          return `${call.path()} has no variables in this kernel yet: run some of its cells.`;
        }
        return {
          data: tableBundle(
            ['name', 'type', 'value'],
            variables.map(v => [v.name, v.type, v.summary])
          )
        };
      }
    }
  };

  /** `assign`: every value checked first; then parameters kept, all assigned now. */
  private async _assign(call: ICall): Promise<MagicResult> {
    if (call.args.length === 0) {
      throw new MagicUsageError(
        "Give NAME=VALUE pairs, e.g. assign lr=1e-3 name='run 2'."
      );
    }
    const { path, snapshot } = await call.read();
    const parameters = inferParameters(snapshot.script);
    const values: { [name: string]: JSONValue } = {};
    const isParameter: string[] = [];
    for (const arg of call.args) {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec(arg.raw);
      if (!match) {
        throw new MagicUsageError(
          `assign takes NAME=VALUE pairs: ${arg.raw} is not one (no spaces around =; quote text with spaces).`
        );
      }
      const [, name, text] = match;
      const literal = parseLiteral(text, { json: true });
      const parameter = parameters.find(p => p.name === name);
      if (parameter) {
        // A literal converted by the parameter's type; else the text (for a str parameter).
        values[name] = convertParameterValue(
          parameter,
          isLiteralFailure(literal) ? text : literal.value
        );
        isParameter.push(name);
        continue;
      }
      if (isLiteralFailure(literal)) {
        throw new MagicUsageError(
          `assign ${name}: ${text === '' ? 'no value' : text} is not a Python literal (${literal.error}). Write numbers, 'quoted text', [lists], {dicts}, True, False or None. Nothing was assigned.`
        );
      }
      values[name] = literal.value;
    }
    const session = await this._host.runner.session(path, {
      kernel: call.kernel()
    });
    for (const name of isParameter) {
      await this._host.runner.parameters.set(path, name, values[name]);
    }
    await session.assign(values as { [name: string]: PartialJSONValue });
    const shown = Object.entries(values).map(
      ([name, value]) => `${name} = ${pythonRepr(value)}`
    );
    return [
      `Assigned in ${path}: ${shown.join(', ')}.`,
      isParameter.length > 0
        ? `Parameters (${isParameter.join(', ')}) keep their value for every run of their cell; reset them in the sidebar's parameters.`
        : ''
    ]
      .filter(Boolean)
      .join('\n');
  }

  /** `%%cellscript save CELL`: the body into the script cell, conflict-checked. */
  private async _save(call: ICall): Promise<MagicResult> {
    const { path, snapshot } = await call.read();
    const target = selectCell(snapshot.script, oneArg(call, 'CELL'));
    const model = call.magic.cell.model;
    const last = readOrigin(model.getMetadata(MAGIC_SAVE_KEY));
    // The version this cell last saved is the base of the conflict check; else the script's now.
    const origin =
      last &&
      last.path === path &&
      last.index === target.index &&
      last.name === target.name
        ? last
        : originOf(path, target);
    const outcome = await this._host.save(origin, call.code);
    const label = originLabel(origin);
    switch (outcome.kind) {
      case 'cancelled':
        return 'Cancelled: nothing was written.';
      case 'unchanged':
        model.setMetadata(MAGIC_SAVE_KEY, { ...outcome.origin });
        return `${label} already holds this text: nothing to save.`;
      case 'took-script': {
        const source = model.sharedModel.getSource();
        const firstLine = source.split(/\r?\n/, 1)[0];
        model.sharedModel.setSource(`${firstLine}\n${outcome.text}`);
        model.setMetadata(MAGIC_SAVE_KEY, { ...outcome.origin });
        return `Kept the script's version of ${label}: this cell's body is now that text.`;
      }
      case 'saved':
        model.setMetadata(MAGIC_SAVE_KEY, { ...outcome.origin });
        return outcome.inEditor
          ? `Saved into ${label} in its editor. Save the file to keep it.`
          : `Saved into ${label}.`;
    }
  }
}

/** The options before the subcommand, the subcommand, and the text after it. */
function readHead(
  line: string,
  command: string
): { script?: string; help: boolean; subcommand?: string; rest: string } {
  let script: string | undefined;
  let help = false;
  let at = 0;
  for (let word = readArg(line, at); word; word = readArg(line, at)) {
    const raw = word.arg.raw;
    at = word.end;
    if (raw === '--help' || raw === '-h') {
      help = true;
    } else if (raw === '-s' || raw === '--script') {
      const value = readArg(line, at);
      if (!value) {
        throw new MagicUsageError(
          `${raw} needs a path: ${command} ${raw} PATH SUBCOMMAND.`
        );
      }
      script = value.arg.value;
      at = value.end;
    } else if (raw.startsWith('--script=')) {
      script = word.arg.value.slice('--script='.length);
    } else if (raw.startsWith('-')) {
      throw new MagicUsageError(
        `Unknown option ${raw} for ${command}. It takes -s PATH and --help.`
      );
    } else {
      return { script, help, subcommand: word.arg.value, rest: line.slice(at) };
    }
  }
  return { script, help, rest: '' };
}

function oneArg(call: ICall, what: string): string {
  if (call.args.length !== 1) {
    throw new MagicUsageError(
      call.args.length === 0
        ? `Give ${what}.`
        : `Give one ${what}, not ${call.args.length} (quote a name with spaces).`
    );
  }
  return call.args[0].value;
}

function noArgs(call: ICall): void {
  if (call.args.length > 0) {
    throw new MagicUsageError(
      `This takes no arguments (got ${call.args.map(a => a.raw).join(' ')}).`
    );
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function linesOf(cell: IScriptCell): string {
  const first = cell.markerLine ?? cell.firstLine;
  return first >= cell.lastLine ? String(first) : `${first}–${cell.lastLine}`;
}

function valueText(value: IKernelValue): MagicResult {
  if (value.kind === 'json') {
    return pythonRepr(value.value, value.type);
  }
  return value.truncated ? `${value.repr}…` : value.repr;
}

/**
 * `load`: a code cell's source replaces this notebook cell's text, remembering where it came
 * from; a markdown or raw cell goes below this one, as its own type.
 */
function loadInto(
  magic: IMagicContext,
  path: string,
  cell: IScriptCell
): string {
  const { cellType, source } = notebookCellOf(cell);
  const origin = { ...originOf(path, cell) };
  const label = originLabel(origin);
  if (cellType === 'code') {
    const model = magic.cell.model;
    model.sharedModel.transact(() => {
      model.sharedModel.setSource(source);
      model.setMetadata(ORIGIN_KEY, origin);
    });
    return `Loaded ${label} into this cell. Run it to run it here; save it back with "Save Cell Back to Script".`;
  }
  const notebook = magic.notebook?.content;
  const shared = notebook?.model?.sharedModel;
  const index = notebook ? notebook.widgets.indexOf(magic.cell) : -1;
  if (!shared || index < 0) {
    throw new MagicUsageError(
      `${label} is a ${cellType} cell and this cell is not in a notebook to add it to.`
    );
  }
  shared.insertCell(index + 1, {
    cell_type: cellType,
    source,
    metadata: { [ORIGIN_KEY]: origin }
  });
  return `${label} is a ${cellType} cell: loaded below this one.`;
}
