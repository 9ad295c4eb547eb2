/**
 * The results of a sweep, keyed by parameter combination (as py3r's ScriptResults):
 * `results.get({ lr: 0.1 }).outputs.loss`, `results.errors`, `results.rows()`.
 */
import type { JSONValue } from '../script';
import { SweepError } from './errors';
import { stableKey } from './plan';
import type { IIterationError, IIterationResult, OutputValue } from './types';

/** One row of the results table: the swept values, status, duration and each output. */
export type SweepRow = { [column: string]: JSONValue };

/** The results of a sweep so far (a view: it follows the sweep as iterations end). */
export class SweepResults {
  /**
   * @param swept - the swept parameters' keys, in script order.
   * @param iterations - one result per planned iteration, in plan order.
   */
  constructor(
    readonly swept: readonly string[],
    private readonly _iterations: readonly IIterationResult[]
  ) {}

  /** Every iteration's result, in plan order. */
  get iterations(): readonly IIterationResult[] {
    return this._iterations;
  }

  /** The iterations that failed (not the cancelled or skipped ones). */
  get errors(): IIterationResult[] {
    return this._iterations.filter(result => result.status === 'error');
  }

  /** Iterations that have not completed: failed, cancelled or skipped (what a retry runs). */
  get unfinished(): IIterationResult[] {
    return this._iterations.filter(result => result.status !== 'ok');
  }

  /** The names of every output any iteration captured, in first-seen order, then `asked`. */
  outputNamesWith(asked: readonly string[]): string[] {
    const names = new Set<string>();
    for (const result of this._iterations) {
      Object.keys(result.outputs).forEach(name => names.add(name));
    }
    asked.forEach(name => names.add(name));
    return [...names];
  }

  /** The names of every output any iteration captured, in first-seen order. */
  get outputNames(): string[] {
    return this.outputNamesWith([]);
  }

  /** The swept parameters whose values differ between iterations (the ones worth a column). */
  get differing(): string[] {
    return this.swept.filter(key => {
      const seen = new Set(
        this._iterations.map(result => stableKey({ v: result.varied[key] }))
      );
      return seen.size > 1;
    });
  }

  /**
   * All iterations whose swept values include `combination` (values as JSON, e.g.
   * `{ lr: 0.1 }`).
   */
  find(combination: { readonly [key: string]: JSONValue }): IIterationResult[] {
    const wanted = Object.entries(combination).map(
      ([key, value]) => [key, stableKey({ v: value })] as const
    );
    return this._iterations.filter(result =>
      wanted.every(
        ([key, value]) =>
          key in result.varied && stableKey({ v: result.varied[key] }) === value
      )
    );
  }

  /**
   * The one iteration of `combination`: with an independent sweep a single parameter's value
   * names it when that value is not its nominal one; otherwise give every swept parameter.
   *
   * @throws SweepError when no iteration or several have these values.
   */
  get(combination: { readonly [key: string]: JSONValue }): IIterationResult {
    const found = this.find(combination);
    if (found.length === 1) {
      return found[0];
    }
    const shown = JSON.stringify(combination);
    if (found.length === 0) {
      throw new SweepError(
        `No iteration of this sweep has ${shown}. Swept: ${this.swept.join(', ')}.`
      );
    }
    throw new SweepError(
      `${found.length} iterations have ${shown}: give values for more of ${this.swept.join(', ')}.`
    );
  }

  /** A table: the swept values, status, duration (ms), each output and the error. */
  rows(): SweepRow[] {
    const outputs = this.outputNames;
    return this._iterations.map(result => {
      const row: SweepRow = { ...result.varied };
      row.status = result.status;
      row.duration_ms = result.durationMs;
      for (const name of outputs) {
        row[name] = plainOutput(result.outputs[name]);
      }
      row.error = result.error
        ? `${result.error.ename}: ${result.error.evalue}`
        : null;
      return row;
    });
  }
}

/** An output as a table cell: its JSON value, its repr when it has none, null when missing. */
export function plainOutput(output: OutputValue | undefined): JSONValue {
  if (!output) {
    return null;
  }
  return output.kind === 'json' ? (output.value as JSONValue) : output.repr;
}

/**
 * A value as a table cell shows it: text as it is, None, True and False as Python writes them,
 * anything else as JSON; '' when missing.
 */
export function cellText(value: JSONValue | undefined): string {
  if (value === undefined) {
    return '';
  }
  if (value === null) {
    return 'None';
  }
  if (typeof value === 'boolean') {
    return value ? 'True' : 'False';
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** An output as text: its JSON value (as cellText shows it), or its repr; '' if missing. */
export function outputText(output: OutputValue | undefined): string {
  if (!output) {
    return '';
  }
  return output.kind === 'json'
    ? cellText(output.value as JSONValue)
    : output.repr;
}

/** An iteration's error in one line: `ename: evalue (line N)`; '' without one. */
export function errorText(error: IIterationError | undefined): string {
  if (!error) {
    return '';
  }
  const head = `${error.ename}: ${error.evalue}`;
  return error.line === null ? head : `${head} (line ${error.line})`;
}
