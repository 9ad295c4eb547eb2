/**
 * What the sweep panel shows, without a DOM: the spec form's text turned into a sweep's values
 * and options, errors placed next to the parameter they are about, the columns of the results
 * table, the Vega-Lite spec of each plot and the compare table of two sweeps.
 */
import { ParameterError, type JSONValue } from '../script';
import { stableKey } from '../sweep/plan';
import { cellText, SweepResults } from '../sweep/results';
import { splitNameList, splitValueList } from '../sweep/valueList';
import type {
  IIterationResult,
  ISweepOptions,
  ISweepRecord,
  SweepIsolation,
  SweepMode
} from '../sweep/types';

/** The MIME type of JupyterLab's Vega-Lite 5 renderer. */
export const VEGALITE_MIME = 'application/vnd.vegalite.v5+json';

/** The spec form as the user filled it in: text, as typed. */
export interface ISweepFormState {
  /** Per parameter key, its list of values as typed (comma separated). */
  values: { [key: string]: string };
  mode: SweepMode;
  isolation: SweepIsolation;
  concurrency: string;
  /** Output names, separated by commas or spaces. */
  outputs: string;
  stopAfterOutputs: boolean;
}

/** A spec ready for startSweep, or the errors that keep it from starting. */
export interface ISweepSpec {
  values: { [key: string]: string[] };
  options: ISweepOptions;
}

/**
 * The sweep a form asks for: only parameters with values typed are swept. Concurrency that is
 * not a whole number is passed on as it is, so that planSweep says what is wrong with it.
 *
 * @throws ParameterError naming the parameter whose list cannot be read (an unclosed quote or
 *   bracket, an empty item), so the form shows it next to that field.
 */
export function specOf(form: ISweepFormState): ISweepSpec {
  const values: { [key: string]: string[] } = {};
  for (const [key, text] of Object.entries(form.values)) {
    let items: string[];
    try {
      items = splitValueList(text);
    } catch (error) {
      throw new ParameterError((error as Error).message, key);
    }
    if (items.length > 0) {
      values[key] = items;
    }
  }
  const concurrencyText = form.concurrency.trim();
  const concurrency = /^-?\d+$/.test(concurrencyText)
    ? Number(concurrencyText)
    : concurrencyText === ''
      ? undefined
      : Number.NaN;
  const options: ISweepOptions = {
    mode: form.mode,
    isolation: form.isolation,
    outputs: splitNameList(form.outputs),
    stopAfterOutputs: form.stopAfterOutputs
  };
  if (concurrency !== undefined) {
    options.concurrency = concurrency;
  }
  return { values, options };
}

/** An error of the spec, placed where the form shows it. */
export interface ISpecError {
  /** The parameter it is about (shown next to its field), or null (shown above Start). */
  parameter: string | null;
  message: string;
  /** The script line it is about, when known. */
  line: number | null;
}

/**
 * Where an error of planSweep goes: a ParameterError (kind 'parameter') names its parameter;
 * a SweepError about empty values or a required parameter names its line, matched to the
 * parameter declared there.
 */
export function specErrorOf(
  error: unknown,
  parameters: ReadonlyArray<{ name: string; line: number }>
): ISpecError {
  const message = error instanceof Error ? error.message : String(error);
  const details = (error ?? {}) as {
    parameter?: unknown;
    line?: unknown;
  };
  const line = typeof details.line === 'number' ? details.line : null;
  if (typeof details.parameter === 'string') {
    const declared = parameters.find(p => p.name === details.parameter);
    return {
      parameter: details.parameter,
      message,
      line: line ?? declared?.line ?? null
    };
  }
  const atLine =
    line === null ? undefined : parameters.find(p => p.line === line);
  return { parameter: atLine?.name ?? null, message, line };
}

/** What a column of the results table shows. */
export interface IResultColumn {
  kind: 'parameter' | 'status' | 'duration' | 'output';
  /** Parameter key or output name; '' for status and duration. */
  key: string;
}

/** The columns of the results table: differing parameters, status, duration, each output. */
export function resultColumns(
  differing: readonly string[],
  outputs: readonly string[]
): IResultColumn[] {
  return [
    ...differing.map(key => ({ kind: 'parameter' as const, key })),
    { kind: 'status', key: '' },
    { kind: 'duration', key: '' },
    ...outputs.map(key => ({ kind: 'output' as const, key }))
  ];
}

/** A duration in ms as people read it: 850 ms, 2.4 s, 3 min 5 s. */
export function durationText(ms: number): string {
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  const seconds = ms / 1000;
  if (seconds < 60) {
    return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  }
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

/** One plot: a scalar output against a swept parameter. */
export interface IPlot {
  output: string;
  parameter: string;
  /** The Vega-Lite 5 spec, for JupyterLab's renderer. */
  spec: { [key: string]: JSONValue };
}

/** An output is a scalar when every ok iteration that has it gave a finite number. */
export function scalarOutputs(
  iterations: readonly IIterationResult[],
  names: readonly string[]
): string[] {
  return names.filter(name => {
    const values = iterations
      .filter(result => result.status === 'ok' && result.outputs[name])
      .map(result => result.outputs[name]);
    return (
      values.length > 0 &&
      values.every(
        value =>
          value.kind === 'json' &&
          typeof value.value === 'number' &&
          Number.isFinite(value.value)
      )
    );
  });
}

/**
 * A plot of each scalar output against each differing parameter, from the ok iterations.
 * Independent sweeps plot the iterations that vary only that parameter (the others at their
 * nominal values); a grid plots every iteration, one line per combination of the others.
 */
export function plotsOf(
  record: Pick<ISweepRecord, 'iterations'> & {
    spec: Pick<ISweepRecord['spec'], 'mode' | 'nominal'>;
  },
  differing: readonly string[],
  outputs: readonly string[]
): IPlot[] {
  const ok = record.iterations.filter(result => result.status === 'ok');
  const scalars = scalarOutputs(ok, outputs);
  const plots: IPlot[] = [];
  for (const parameter of differing) {
    const others = differing.filter(key => key !== parameter);
    const rows =
      record.spec.mode === 'independent'
        ? ok.filter(result =>
            others.every(
              key =>
                stableKey({ v: result.varied[key] }) ===
                stableKey({ v: record.spec.nominal[key] })
            )
          )
        : ok;
    const xs = rows.map(result => result.varied[parameter]);
    const numeric = xs.every(x => typeof x === 'number' && Number.isFinite(x));
    const grouped = record.spec.mode === 'grid' && others.length > 0;
    for (const output of scalars) {
      const values = rows
        .filter(result => result.outputs[output])
        .map(result => {
          const point: { [key: string]: JSONValue } = {
            [parameter]: numeric
              ? result.varied[parameter]
              : cellText(result.varied[parameter]),
            [output]: plainValue(result, output)
          };
          if (grouped) {
            point[GROUP_FIELD] = others
              .map(key => `${key}=${cellText(result.varied[key])}`)
              .join(', ');
          }
          return point;
        });
      if (values.length === 0) {
        continue;
      }
      const encoding: { [key: string]: JSONValue } = {
        x: {
          field: parameter,
          type: numeric ? 'quantitative' : 'ordinal',
          title: parameter,
          ...(numeric ? { scale: { zero: false } } : {})
        },
        y: {
          field: output,
          type: 'quantitative',
          title: output,
          scale: { zero: false }
        },
        tooltip: [
          { field: parameter, type: numeric ? 'quantitative' : 'ordinal' },
          { field: output, type: 'quantitative' }
        ]
      };
      if (grouped) {
        encoding.color = {
          field: GROUP_FIELD,
          type: 'nominal',
          title: others.join(', ')
        };
      }
      plots.push({
        output,
        parameter,
        spec: {
          $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
          title: `${output} vs ${parameter}`,
          width: 260,
          height: 180,
          data: { values },
          mark: { type: 'line', point: true },
          encoding
        }
      });
    }
  }
  return plots;
}

/** The field of a grid plot's series: the values of the other parameters. */
export const GROUP_FIELD = 'others';

function plainValue(result: IIterationResult, name: string): JSONValue {
  const output = result.outputs[name];
  return output.kind === 'json' ? (output.value as JSONValue) : output.repr;
}

/** One row of the compare table: a combination, and each sweep's iteration of it. */
export interface ICompareRow {
  key: string;
  varied: { [key: string]: JSONValue };
  left: IIterationResult | null;
  right: IIterationResult | null;
}

/** Two sweeps side by side. */
export interface ICompareView {
  /** The parameters whose values differ between the rows (of both sweeps). */
  differing: string[];
  outputs: string[];
  rows: ICompareRow[];
}

/**
 * Two sweeps side by side, one row per combination (the left sweep's order, then the right's
 * new ones), showing only the parameters that differ.
 */
export function compareRecords(
  left: ISweepRecord,
  right: ISweepRecord
): ICompareView {
  const rows = new Map<string, ICompareRow>();
  const add = (result: IIterationResult, side: 'left' | 'right') => {
    const key = stableKey(result.values);
    let row = rows.get(key);
    if (!row) {
      row = { key, varied: result.values, left: null, right: null };
      rows.set(key, row);
    }
    row[side] = result;
  };
  left.iterations.forEach(result => add(result, 'left'));
  right.iterations.forEach(result => add(result, 'right'));
  const all = [...rows.values()];
  const keys = new Set<string>();
  all.forEach(row => Object.keys(row.varied).forEach(key => keys.add(key)));
  const differing = [...keys].filter(
    key => new Set(all.map(row => stableKey({ v: row.varied[key] }))).size > 1
  );
  const outputs = new SweepResults(
    [],
    [...left.iterations, ...right.iterations]
  ).outputNames;
  return { differing, outputs, rows: all };
}

/** A record's spec as the form shows it: each swept parameter's values as text. */
export function formStateOf(
  record: ISweepRecord,
  textOf: (key: string, value: JSONValue) => string
): ISweepFormState {
  const values: { [key: string]: string } = {};
  for (const [key, list] of Object.entries(record.spec.values)) {
    values[key] = list.map(value => textOf(key, value)).join(', ');
  }
  return {
    values,
    mode: record.spec.mode,
    isolation: record.spec.isolation,
    concurrency: String(record.spec.concurrency),
    outputs: record.spec.outputs.join(', '),
    stopAfterOutputs: record.spec.stopAfterOutputs
  };
}
