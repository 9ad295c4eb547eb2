/**
 * The output area of a cell running frontend magics: what handlers write, what they return,
 * what they throw, and the outputs of script runs they start (as a run sink).
 */
import type * as nbformat from '@jupyterlab/nbformat';
import type { IOutputAreaModel } from '@jupyterlab/outputarea';
import type { PartialJSONObject } from '@lumino/coreutils';
import type { IOutputSink } from '../kernel/outputs';
import { CellScriptError } from '../script/errors';
import { MagicShownError } from './errors';
import type { IMagicOutput, MagicResult } from './types';

/** An error as a cell shows it. */
export interface IErrorContent {
  readonly ename: string;
  readonly evalue: string;
  readonly traceback: string[];
}

/**
 * An error as the cell's error output: ours (about what the user typed or the script) show
 * their name and message, and the script line when the message does not say it; anything else
 * also shows its stack, which helps whoever wrote the magic.
 */
export function errorContentOf(error: unknown): IErrorContent {
  if (!(error instanceof Error)) {
    const evalue = String(error);
    return { ename: 'Error', evalue, traceback: [red('Error', evalue)] };
  }
  const ename = error.name || 'Error';
  let evalue = error.message;
  if (error instanceof CellScriptError) {
    const line = error.line;
    if (line !== undefined && !/\bline \d+/.test(evalue)) {
      evalue = `${evalue} (script line ${line})`;
    }
    return { ename, evalue, traceback: [red(ename, evalue)] };
  }
  const stack = (error.stack ?? '')
    .split('\n')
    .filter(line => /^\s+at /.test(line));
  return { ename, evalue, traceback: [red(ename, evalue), ...stack] };
}

function red(ename: string, evalue: string): string {
  return `\x1b[31m${ename}\x1b[0m: ${evalue}`;
}

/**
 * What a handler's return value shows: text as text/plain, a bundle as rich output, both as
 * the cell's result; nothing for nothing. Anything else is a mistake of the handler.
 */
export function resultOutput(
  result: MagicResult,
  executionCount: number | null
): nbformat.IExecuteResult | null {
  if (result === undefined || result === null) {
    return null;
  }
  if (typeof result === 'string') {
    return {
      output_type: 'execute_result',
      execution_count: executionCount,
      data: { 'text/plain': result },
      metadata: {}
    };
  }
  if (
    typeof result === 'object' &&
    typeof result.data === 'object' &&
    result.data !== null
  ) {
    return {
      output_type: 'execute_result',
      execution_count: executionCount,
      data: result.data,
      metadata: result.metadata ?? {}
    };
  }
  throw new TypeError(
    `A magic returned ${typeof result}: return text, { data: { mimeType: value } } or nothing.`
  );
}

/**
 * Writes into a cell's output area model: a handler's streams, displays and errors, and the
 * outputs of script cells a magic runs (with their display updates and `clear_output`).
 */
export class OutputAreaSink implements IMagicOutput {
  constructor(private readonly _model: IOutputAreaModel) {}

  stream(name: 'stdout' | 'stderr', text: string): void {
    this._model.add({ output_type: 'stream', name, text });
  }

  display(data: nbformat.IMimeBundle, metadata: PartialJSONObject = {}): void {
    this._model.add({ output_type: 'display_data', data, metadata });
  }

  error(ename: string, evalue: string, traceback?: readonly string[]): void {
    this._model.add({
      output_type: 'error',
      ename,
      evalue,
      traceback: traceback ? [...traceback] : [red(ename, evalue)]
    });
  }

  clear(wait = false): void {
    this._displays.clear();
    this._model.clear(wait);
  }

  /** Show what a handler threw (nothing when its cell already shows why it failed). */
  fail(error: unknown): void {
    if (!(error instanceof MagicShownError)) {
      const { ename, evalue, traceback } = errorContentOf(error);
      this.error(ename, evalue, traceback);
    }
  }

  /** Show what a handler returned as the cell's result. */
  result(result: MagicResult, executionCount: number | null): void {
    const output = resultOutput(result, executionCount);
    if (output) {
      this._model.add(output);
    }
  }

  readonly sink: IOutputSink = {
    output: (_index, output, extra) => {
      const shown = extra.displayId
        ? this._displays.get(extra.displayId)
        : undefined;
      if (extra.update) {
        // An update replaces every output showing that display, and adds nothing.
        shown?.forEach(at => this._model.set(at, output));
        return;
      }
      const at = this._add(output);
      if (extra.displayId) {
        this._displays.set(extra.displayId, [...(shown ?? []), at]);
      }
    },
    clearOutput: (_index, wait) => this.clear(wait)
  };

  /** Add an output; its index (the model's `add` answers how many there are). */
  private _add(output: nbformat.IOutput): number {
    return this._model.add(output) - 1;
  }

  private _displays = new Map<string, number[]>();
}
