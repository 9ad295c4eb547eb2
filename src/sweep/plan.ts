/**
 * Planning a sweep without running anything: which parameters vary, the values (converted by
 * each parameter's type), the iterations, and which cells are set-up (run once per worker
 * kernel with fork isolation). Every mistake in a spec is found here, before a kernel starts.
 */
import {
  convertParameterValue,
  inferParameters,
  type IParsedScript,
  type IScriptCell,
  type IScriptParameter,
  type JSONValue
} from '../script';
import { SweepError } from './errors';
import type {
  ISweepIteration,
  ISweepOptions,
  SweepIsolation,
  SweepMode,
  SweepValues
} from './types';

/** What a sweep will run. */
export interface ISweepPlan {
  mode: SweepMode;
  isolation: SweepIsolation;
  concurrency: number;
  outputs: string[];
  stopAfterOutputs: boolean;
  /** The swept parameters, in script order. */
  swept: IScriptParameter[];
  /** Each swept parameter's values, converted and de-duplicated (independent: nominal first). */
  values: { [key: string]: JSONValue[] };
  /** The values given for parameters, converted (swept ones: their centre). */
  nominal: { [key: string]: JSONValue };
  iterations: ISweepIteration[];
  /** Every code cell of the script, in order. */
  cells: IScriptCell[];
  /** How many of `cells` come before the first cell that defines a swept parameter. */
  setupCount: number;
}

/** Default number of kernels a sweep runs at once. */
export const DEFAULT_CONCURRENCY = 2;

const MODES: readonly SweepMode[] = ['independent', 'grid'];
const ISOLATIONS: readonly SweepIsolation[] = ['kernel', 'fork'];

/**
 * Plan a sweep of `script` (named `scriptName` in messages).
 *
 * @throws SweepError or ParameterError (with the parameter's line) for an unknown parameter,
 *   an empty value list, a value of the wrong type, a script without parameters, a required
 *   parameter with no value, a bad output name, mode, isolation or concurrency.
 */
export function planSweep(
  script: IParsedScript,
  values: SweepValues,
  options: ISweepOptions = {},
  scriptName = 'the script'
): ISweepPlan {
  const mode = options.mode ?? 'independent';
  const isolation = options.isolation ?? 'kernel';
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!MODES.includes(mode)) {
    throw new SweepError(
      `Unknown sweep mode ${JSON.stringify(mode)}: use 'independent' or 'grid'.`
    );
  }
  if (!ISOLATIONS.includes(isolation)) {
    throw new SweepError(
      `Unknown isolation ${JSON.stringify(isolation)}: use 'kernel' or 'fork'.`
    );
  }
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new SweepError(
      `Concurrency is the number of kernels at once: a whole number, 1 or more (got ${String(concurrency)}).`
    );
  }
  const outputs = [...(options.outputs ?? [])];
  for (const name of outputs) {
    if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
      throw new SweepError(
        `Output ${JSON.stringify(name)} is not a Python name: give the name of an Output(value, name=...) or of a variable of the script.`
      );
    }
  }

  const parameters = inferParameters(script);
  if (parameters.length === 0) {
    throw new SweepError(
      `${scriptName} has no parameters to sweep. Declare them as module-level assignments of ` +
        'literals (lr = 0.1) or with Param (lr = Param(0.1)), ideally in a cell named Parameters.'
    );
  }
  const byKey = new Map(parameters.map(p => [p.name, p]));
  const find = (key: string): IScriptParameter => {
    const parameter = byKey.get(key);
    if (!parameter) {
      const known = parameters.map(p => `${p.name} (line ${p.line})`);
      throw new SweepError(
        `${scriptName} has no parameter ${JSON.stringify(key)}. Its parameters are: ${known.join(', ')}.`,
        'unknown-parameter'
      );
    }
    return parameter;
  };

  const nominal: { [key: string]: JSONValue } = {};
  for (const [key, value] of Object.entries(options.nominal ?? {})) {
    nominal[key] = convertParameterValue(find(key), value);
  }

  const keys = Object.keys(values);
  if (keys.length === 0) {
    throw new SweepError(
      'Nothing to sweep: give a list of values for at least one parameter.'
    );
  }
  const swept = keys
    .map(find)
    .sort((a, b) => a.line - b.line || a.name.localeCompare(b.name));
  const lists: { [key: string]: JSONValue[] } = {};
  for (const parameter of swept) {
    const given = values[parameter.name];
    if (!Array.isArray(given) || given.length === 0) {
      throw new SweepError(
        `The values of ${parameter.name} (line ${parameter.line}) are empty: give at least one value.`,
        'empty-values',
        { line: parameter.line }
      );
    }
    const converted = given.map(value =>
      convertParameterValue(parameter, value)
    );
    if (mode === 'independent') {
      const centre = Object.prototype.hasOwnProperty.call(
        nominal,
        parameter.name
      )
        ? nominal[parameter.name]
        : parameter.required
          ? converted[0]
          : (parameter.value as JSONValue);
      nominal[parameter.name] = centre;
      converted.unshift(centre);
    }
    lists[parameter.name] = unique(converted);
  }

  for (const parameter of parameters) {
    if (
      parameter.required &&
      !(parameter.name in nominal) &&
      !lists[parameter.name]
    ) {
      throw new SweepError(
        `${parameter.name} (line ${parameter.line}) is a required Param: give it a value in ` +
          'the nominal values, or sweep it.',
        'required-parameter',
        { line: parameter.line }
      );
    }
  }

  const combinations =
    mode === 'grid'
      ? gridOf(swept, lists)
      : independentOf(swept, lists, nominal);
  const fixed = { ...nominal };
  const iterations = uniqueBy(combinations, stableKey).map(
    (varied, position) => ({
      position,
      key: stableKey(varied),
      varied,
      values: { ...fixed, ...varied }
    })
  );

  const cells = script.cells.filter(cell => cell.type === 'code');
  const firstSwept = Math.min(...swept.map(p => p.cellIndex));
  const setupCount = cells.filter(cell => cell.index < firstSwept).length;
  return {
    mode,
    isolation,
    concurrency,
    outputs,
    stopAfterOutputs: options.stopAfterOutputs ?? false,
    swept,
    values: lists,
    nominal,
    iterations,
    cells,
    setupCount
  };
}

/** Each swept parameter through its values, the others at their nominal values. */
function independentOf(
  swept: IScriptParameter[],
  lists: { [key: string]: JSONValue[] },
  nominal: { [key: string]: JSONValue }
): Array<{ [key: string]: JSONValue }> {
  const centre: { [key: string]: JSONValue } = {};
  for (const parameter of swept) {
    centre[parameter.name] = nominal[parameter.name];
  }
  const combinations: Array<{ [key: string]: JSONValue }> = [];
  for (const parameter of swept) {
    for (const value of lists[parameter.name]) {
      combinations.push({ ...centre, [parameter.name]: value });
    }
  }
  return combinations;
}

/** Every combination, the last parameter varying fastest. */
function gridOf(
  swept: IScriptParameter[],
  lists: { [key: string]: JSONValue[] }
): Array<{ [key: string]: JSONValue }> {
  let combinations: Array<{ [key: string]: JSONValue }> = [{}];
  for (const parameter of swept) {
    combinations = combinations.flatMap(partial =>
      lists[parameter.name].map(value => ({
        ...partial,
        [parameter.name]: value
      }))
    );
  }
  return combinations;
}

/** JSON of a combination with its keys sorted: the same values give the same key. */
export function stableKey(values: { readonly [key: string]: unknown }): string {
  return JSON.stringify(sortKeys(values));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map(key => [key, sortKeys((value as Record<string, unknown>)[key])])
    );
  }
  return value;
}

function unique(values: JSONValue[]): JSONValue[] {
  return uniqueBy(values, value => JSON.stringify(sortKeys(value)));
}

function uniqueBy<T>(items: T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter(item => {
    const key = keyOf(item);
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;
