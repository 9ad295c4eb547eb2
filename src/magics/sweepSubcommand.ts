/**
 * `%cellscript sweep NAME=V1,V2 ... [options]`: sweep the script's parameters over fresh
 * processes from a notebook cell. One line per iteration as it ends, then the results table;
 * `--to NAME` puts the rows into the notebook (a pandas DataFrame, a list of dicts without
 * pandas). Interrupting the cell cancels the sweep (its kernels are shut down).
 */
import type { PartialJSONValue } from '@lumino/coreutils';
import type { IRunKernel } from '../run/scriptRunner';
import { parseLiteral, type JSONValue } from '../script';
import { isLiteralFailure } from '../script/literal';
import {
  cellText,
  errorText,
  outputText,
  splitNameList,
  splitValueList,
  SweepError,
  type IIterationResult,
  type ISweepOptions,
  type Sweep,
  type SweepIsolation,
  type SweepResults,
  type SweepValues
} from '../sweep';
import type { ICellScriptRunner } from '../tokens';
import { MagicUsageError } from './errors';
import type { IMagicArg, IOptionSpec } from './magicArgs';
import { tableBundle } from './magicDisplay';
import type { IMagicContext, MagicResult } from './types';

/** Starts sweeps for the magic (the page's sweep service). */
export interface ISweepStarter {
  /**
   * Plan and start a sweep of the script at `path` (its current text, editor first); rejects
   * before any kernel starts when the spec does not fit.
   */
  start(
    path: string,
    values: SweepValues,
    options: ISweepOptions
  ): Promise<Sweep>;
}

/** The options `sweep` takes. */
export const SWEEP_OPTIONS: readonly IOptionSpec[] = [
  {
    long: 'grid',
    help: 'every combination (default: one parameter at a time)'
  },
  {
    long: 'isolation',
    value: 'kernel|fork',
    help: 'a fresh kernel per iteration, or a forked child of a kernel that ran the set-up'
  },
  { long: 'concurrency', short: 'j', value: 'N', help: 'kernels at once' },
  {
    long: 'outputs',
    short: 'o',
    value: 'A,B',
    help: 'Output(..., name=) names or variables to capture'
  },
  {
    long: 'stop-after-outputs',
    help: 'end each iteration once every output is captured'
  },
  {
    long: 'to',
    value: 'NAME',
    help: 'put the results into the notebook as NAME (a DataFrame)'
  }
];

/** What `sweep` needs of the magic. */
export interface ISweepCall {
  readonly magic: IMagicContext;
  readonly args: IMagicArg[];
  readonly options: ReadonlyMap<string, string>;
  path(): string;
  kernel(): IRunKernel;
}

/** Run `%cellscript sweep`. */
export async function runSweepMagic(
  call: ISweepCall,
  sweeps: ISweepStarter | null,
  runner: ICellScriptRunner
): Promise<MagicResult> {
  if (!sweeps) {
    throw new MagicUsageError(
      'Sweeps are not available on this page (the jupyterlab-cellscript:sweeps plugin is disabled).'
    );
  }
  const values = sweepValues(call.args);
  const options = sweepOptions(call.options);
  const target = call.options.get('to');
  const kernel = target === undefined ? null : call.kernel();
  const path = call.path();
  options.nominal = runner.parameters.overridesFor(path);
  const sweep = await sweeps.start(path, values, options);
  const output = call.magic.output;
  const total = sweep.plan.iterations.length;
  output.stream(
    'stdout',
    `Sweeping ${path}: ${total} iteration${total === 1 ? '' : 's'} (${sweep.plan.mode}, ` +
      `${sweep.plan.isolation} isolation, ${sweep.plan.concurrency} at once). Interrupt the kernel to cancel.\n`
  );
  sweep.progress.connect((_, progress) => {
    if (progress.ended) {
      output.stream(
        progress.ended.status === 'error' ? 'stderr' : 'stdout',
        // Not "1/4": JupyterLab reads a "/4" in output text as a path and looks it up.
        `[${progress.finished} of ${progress.total}] ${endedLine(progress.ended)}\n`
      );
    }
  });
  const cancel = () => void sweep.cancel();
  call.magic.signal.addEventListener('abort', cancel);
  let results: SweepResults;
  try {
    results = await sweep.done;
  } finally {
    call.magic.signal.removeEventListener('abort', cancel);
  }
  if (sweep.record.status === 'failed') {
    throw new SweepError(sweep.record.message ?? 'The sweep stopped.');
  }
  const notes: string[] = [];
  if (sweep.record.status === 'cancelled') {
    notes.push('Cancelled: the results so far are kept.');
  }
  if (sweep.savedAt) {
    notes.push(`Saved as ${sweep.savedAt}.`);
  } else if (sweep.saveError) {
    notes.push(`Not saved: ${sweep.saveError.message}`);
  }
  if (kernel && target !== undefined) {
    const session = await runner.session(path, { kernel });
    const table = await session.table(
      target,
      results.rows() as Array<{ [column: string]: PartialJSONValue }>
    );
    notes.push(
      `${target} holds the results (${table.type === 'DataFrame' ? 'a pandas DataFrame' : 'a list of dicts: pandas is not installed'}).`
    );
  }
  if (notes.length > 0) {
    output.stream('stdout', notes.join('\n') + '\n');
  }
  return { data: resultsTable(results) };
}

/** `NAME=V1,V2` arguments as value lists (each item a Python literal, or text). */
export function sweepValues(args: readonly IMagicArg[]): SweepValues {
  if (args.length === 0) {
    throw new MagicUsageError(
      'Give the values to sweep as NAME=V1,V2,... e.g. sweep lr=0.01,0.1 epochs=5,10.'
    );
  }
  const values: { [key: string]: JSONValue[] } = {};
  for (const arg of args) {
    const match = /^([\p{L}_][\p{L}\p{N}_]*)=([\s\S]*)$/u.exec(arg.raw);
    if (!match) {
      throw new MagicUsageError(
        `sweep takes NAME=V1,V2,... pairs: ${arg.raw} is not one (no spaces around = and between values, or quote the list).`
      );
    }
    const [, name, text] = match;
    values[name] = splitValueList(unquoted(text)).map(item => {
      const literal = parseLiteral(item, { json: true });
      return isLiteralFailure(literal) ? item : (literal.value as JSONValue);
    });
  }
  return values;
}

/** The sweep options of the magic's flags. */
export function sweepOptions(
  options: ReadonlyMap<string, string>
): ISweepOptions {
  const spec: ISweepOptions = {};
  if (options.has('grid')) {
    spec.mode = 'grid';
  }
  const isolation = options.get('isolation');
  if (isolation !== undefined) {
    spec.isolation = isolation as SweepIsolation;
  }
  const concurrency = options.get('concurrency');
  if (concurrency !== undefined) {
    spec.concurrency = /^\d+$/.test(concurrency) ? Number(concurrency) : NaN;
  }
  const outputs = options.get('outputs');
  if (outputs !== undefined) {
    spec.outputs = splitNameList(outputs);
  }
  if (options.has('stop-after-outputs')) {
    spec.stopAfterOutputs = true;
  }
  const target = options.get('to');
  if (target !== undefined && !/^[\p{L}_][\p{L}\p{N}_]*$/u.test(target)) {
    throw new MagicUsageError(
      `--to ${target}: give a Python name for the results, e.g. --to results.`
    );
  }
  return spec;
}

/** The results as a table: the parameters that differ, status, seconds, outputs, error. */
export function resultsTable(
  results: SweepResults
): ReturnType<typeof tableBundle> {
  const swept =
    results.differing.length > 0 ? results.differing : results.swept;
  const outputs = results.outputNames;
  const rows = results.iterations.map(result => [
    ...swept.map(key => cellText(result.varied[key])),
    result.status,
    result.durationMs ? (result.durationMs / 1000).toFixed(2) : '',
    ...outputs.map(name => outputText(result.outputs[name])),
    errorText(result.error)
  ]);
  return tableBundle(
    [...swept, 'status', 'seconds', ...outputs, 'error'],
    rows
  );
}

function endedLine(result: IIterationResult): string {
  const values = Object.entries(result.varied)
    .map(([key, value]) => `${key}=${cellText(value)}`)
    .join(' ');
  if (result.status === 'error' && result.error) {
    return `${values}: ${errorText(result.error)}`;
  }
  const seconds = (result.durationMs / 1000).toFixed(2);
  return `${values}: ${result.status}${result.status === 'ok' ? ` (${seconds} s)` : ''}`;
}

/** A quoted list (`lr="0.1, 0.2"`) without its quotes. */
function unquoted(text: string): string {
  const match = /^(["'])([\s\S]*)\1$/.exec(text);
  return match && !match[2].includes(match[1]) ? match[2] : text;
}
