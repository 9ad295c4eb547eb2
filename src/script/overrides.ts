/**
 * Which parameter overrides a run carries: a value set for a parameter is assigned right after
 * the cell that defines it runs (as papermill injects its parameters cell), so the cells after
 * it compute with it. Pure: the runner and the headless session both use it.
 */
import { convertParameterValue } from './convert';
import { ParameterError } from './errors';
import { inferParameters } from './parameters';
import type { IParsedScript, IScriptParameter, JSONValue } from './types';

/** A cell a run sends: its index, and the lines it runs when it is a selection of the cell. */
export interface IOverrideCell {
  readonly index: number;
  readonly selection?: {
    readonly firstLine: number;
    readonly lastLine: number;
  };
}

/**
 * The overrides of a run, per defining cell index (as a string, JSON's object keys), each the
 * variables to assign after that cell: `{ "1": { "lr": 0.5 } }`. Values are JSON, never code.
 */
export type RunOverrides = {
  [cellIndex: string]: { [variable: string]: JSONValue };
};

/** Values set per parameter key (the form's, a magic's or a sweep's), before conversion. */
export type ParameterValues = { readonly [name: string]: unknown };

/**
 * The overrides a run of `cells` carries: each value set for a parameter defined in one of
 * those cells, converted by the parameter's type. A selection of a cell carries the overrides
 * of the parameters defined on its lines only. Values set for names that are no parameter now
 * are left out (see {@link orphanedOverrides}).
 *
 * @throws ParameterError, before anything runs, when a required `Param()` defined in one of
 *   the cells has no value, or a value no longer fits its parameter's type.
 */
export function overridesForRun(
  parameters: readonly IScriptParameter[],
  values: ParameterValues,
  cells: readonly IOverrideCell[]
): RunOverrides {
  const overrides: RunOverrides = {};
  // By defining cell, so a run of every cell of a big script stays linear.
  const byCell = new Map<number, IScriptParameter[]>();
  for (const parameter of parameters) {
    const defined = byCell.get(parameter.cellIndex);
    if (defined) {
      defined.push(parameter);
    } else {
      byCell.set(parameter.cellIndex, [parameter]);
    }
  }
  for (const cell of cells) {
    for (const parameter of byCell.get(cell.index) ?? []) {
      if (!defines(cell, parameter)) {
        continue;
      }
      const has = Object.prototype.hasOwnProperty.call(values, parameter.name);
      if (!has && parameter.required) {
        throw new ParameterError(
          `${parameter.name} (line ${parameter.line}) is required and has no value: ` +
            'set it in the parameters form of the CellScript sidebar (or with the command ' +
            '"Set Parameter"), then run again. Nothing ran.',
          parameter.name,
          { line: parameter.line }
        );
      }
      if (!has) {
        continue;
      }
      const value = convertParameterValue(parameter, values[parameter.name]);
      const key = String(cell.index);
      overrides[key] = { ...overrides[key], [parameter.variable]: value };
    }
  }
  return overrides;
}

/**
 * The overrides a run of `cells` of `script` carries ({@link overridesForRun}). The script's
 * parameters are read only when the run can carry one: a value is set, or one of the cells
 * calls `Param(` (which may declare a required parameter). A run of a big script with
 * neither costs no reading.
 */
export function runOverrides(
  script: IParsedScript,
  values: ParameterValues,
  cells: ReadonlyArray<IOverrideCell & { readonly source: string }>
): RunOverrides {
  if (
    Object.keys(values).length === 0 &&
    !cells.some(cell => cell.source.includes('Param'))
  ) {
    return {};
  }
  return overridesForRun(inferParameters(script), values, cells);
}

/** Whether a run of `cell` runs the statement that defines `parameter`. */
function defines(cell: IOverrideCell, parameter: IScriptParameter): boolean {
  if (cell.index !== parameter.cellIndex) {
    return false;
  }
  const lines = cell.selection;
  return (
    !lines ||
    (parameter.line >= lines.firstLine && parameter.line <= lines.lastLine)
  );
}

/** The keys of values set for names the script no longer declares as parameters. */
export function orphanedOverrides(
  parameters: readonly IScriptParameter[],
  values: ParameterValues
): string[] {
  const names = new Set(parameters.map(parameter => parameter.name));
  return Object.keys(values).filter(name => !names.has(name));
}

/**
 * The values set for parameters by variable, converted by type, to assign at once (no run):
 * those of `names` (every value set when none given) whose parameter the script declares now.
 *
 * @throws ParameterError when a value no longer fits its parameter's type.
 */
export function overridesByVariable(
  parameters: readonly IScriptParameter[],
  values: ParameterValues,
  names?: readonly string[]
): { [variable: string]: JSONValue } {
  const assigned: { [variable: string]: JSONValue } = {};
  for (const parameter of parameters) {
    const wanted = !names?.length || names.includes(parameter.name);
    if (
      wanted &&
      Object.prototype.hasOwnProperty.call(values, parameter.name)
    ) {
      assigned[parameter.variable] = convertParameterValue(
        parameter,
        values[parameter.name]
      );
    }
  }
  return assigned;
}
