/**
 * What the parameters form shows, without a DOM: each parameter of the script as it is now
 * with the value set for it, the lines that assign it again later, and the values set for
 * names the script no longer declares.
 */
import {
  findReassignments,
  inferParameters,
  type IParsedScript,
  type IScriptParameter,
  type JSONValue
} from '../script';

/** One parameter as the form shows it. */
export interface IParameterRow {
  readonly parameter: IScriptParameter;
  /** The value set for it; undefined when it has the script's default. */
  readonly override: JSONValue | undefined;
  /** 1-based lines of later module-level assignments of its variable (empty when none). */
  readonly reassignedAt: readonly number[];
}

/** The form's content for one script. */
export interface IParametersView {
  readonly rows: readonly IParameterRow[];
  /** Values set for names that are no parameter of the script now (kept, not sent). */
  readonly orphaned: ReadonlyArray<{ name: string; value: JSONValue }>;
}

/** The rows of a script's parameters and its orphaned overrides. */
export function parametersView(
  script: IParsedScript,
  overrides: { readonly [name: string]: JSONValue }
): IParametersView {
  const parameters = inferParameters(script);
  const reassigned = findReassignments(script, parameters);
  const has = (name: string) =>
    Object.prototype.hasOwnProperty.call(overrides, name);
  const rows = parameters.map(parameter => ({
    parameter,
    override: has(parameter.name) ? overrides[parameter.name] : undefined,
    reassignedAt: reassigned.get(parameter.name) ?? []
  }));
  const names = new Set(parameters.map(parameter => parameter.name));
  const orphaned = Object.keys(overrides)
    .filter(name => !names.has(name))
    .map(name => ({ name, value: overrides[name] }));
  return { rows, orphaned };
}

/**
 * A value as a user would type it back: a str parameter's text as it is, anything else as a
 * Python literal (`True`, `None`, `[1, 'a']`, `{'k': 2.5}`), which converting reads again.
 */
export function valueText(value: JSONValue | undefined, type: string): string {
  if (value === undefined) {
    return '';
  }
  if (type === 'str' && typeof value === 'string') {
    return value;
  }
  return pythonLiteral(value);
}

function pythonLiteral(value: JSONValue): string {
  if (value === null) {
    return 'None';
  }
  if (value === true || value === false) {
    return value ? 'True' : 'False';
  }
  if (typeof value === 'number' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(pythonLiteral).join(', ')}]`;
  }
  const items = Object.keys(value).map(
    key => `${JSON.stringify(key)}: ${pythonLiteral(value[key])}`
  );
  return `{${items.join(', ')}}`;
}
