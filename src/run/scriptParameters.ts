/**
 * The parameter overrides a user set per script, kept by the runner: converted by the
 * parameter's type when set, carried by every run of the defining cell, kept across page loads.
 * The form, the commands, and later magics and sweeps all set them here.
 */
import type { IDisposable } from '@lumino/disposable';
import { type ISignal, Signal } from '@lumino/signaling';
import {
  type IStateStore,
  keepInStateStore,
  savedScripts,
  scriptKey
} from './perScriptState';
import { normalizeScriptPath } from '../kernel/paths';
import {
  convertParameterValue,
  inferParameters,
  type IParsedScript,
  type JSONValue,
  ParameterError
} from '../script';
import type { IScriptParameters } from '../tokens';

/** Where the overrides are kept in the state database. */
export const PARAMETERS_STATE_KEY = 'jupyterlab-cellscript:parameters';

/**
 * Overrides per script (by normalised path) and parameter key. An override whose parameter
 * is no longer in the script (renamed, removed) is kept, so renaming it back brings it back;
 * runs leave it out and the form shows it as orphaned, with a reset button.
 */
export class ScriptParameters implements IScriptParameters, IDisposable {
  constructor(options: ScriptParameters.IOptions) {
    this._readScript = options.readScript;
  }

  /** Emits the normalised path of a script whose overrides changed. */
  get changed(): ISignal<this, string> {
    return this._changed;
  }

  /** Whether the store is disposed. */
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Set a parameter of a script: `input` is text as typed (a Python or JSON literal; for a str
   * parameter the text itself) or a JSON value. It is converted by the parameter's type, as
   * the script is now; resolves with the value stored.
   *
   * @throws ParameterError naming the parameter and its line when the script has no such
   *   parameter or the value does not fit its type (3.5 for an int); nothing changes then.
   */
  async set(path: string, name: string, input: unknown): Promise<JSONValue> {
    const key = scriptKey(path);
    const parameters = inferParameters(await this._readScript(key));
    const parameter = parameters.find(candidate => candidate.name === name);
    if (!parameter) {
      const known = parameters.map(candidate => candidate.name).join(', ');
      throw new ParameterError(
        known
          ? `${key} has no parameter ${name}: its parameters are ${known}.`
          : `${key} has no parameters: declare one as a module-level "name = value", or with Param().`,
        name
      );
    }
    if (input === undefined) {
      throw new ParameterError(
        `${name} (line ${parameter.line}): no value given. Give a value, or reset the parameter to use the script's default.`,
        name,
        { line: parameter.line }
      );
    }
    const value = convertParameterValue(parameter, input);
    const values = this._values.get(key) ?? new Map<string, JSONValue>();
    values.set(name, value);
    this._values.set(key, values);
    this._changed.emit(key);
    return value;
  }

  /** Go back to the script's defaults for these parameters (all when none given); returns the keys reset. */
  reset(path: string, names?: readonly string[]): string[] {
    const key = normalizeScriptPath(path);
    const values = this._values.get(key);
    if (!values) {
      return [];
    }
    const reset = [...values.keys()].filter(
      name => !names?.length || names.includes(name)
    );
    reset.forEach(name => values.delete(name));
    if (values.size === 0) {
      this._values.delete(key);
    }
    if (reset.length > 0) {
      this._changed.emit(key);
    }
    return reset;
  }

  /** The overrides of a script by parameter key, orphaned ones included. */
  overridesFor(path: string): { [name: string]: JSONValue } {
    const values = this._values.get(normalizeScriptPath(path));
    return values ? Object.fromEntries(values) : {};
  }

  /** The scripts with overrides (normalised paths). */
  paths(): string[] {
    return [...this._values.keys()];
  }

  /** The overrides as JSON, for the state database. */
  toJSON(): ScriptParameters.IState {
    const scripts: ScriptParameters.IState['scripts'] = {};
    for (const path of this._values.keys()) {
      scripts[path] = this.overridesFor(path);
    }
    return { version: 1, scripts };
  }

  /**
   * Add saved overrides (from {@link toJSON}) under the ones set since. A value that is not
   * such a state is ignored with a warning. Saved values are checked against the script at
   * each run, so a script that changed meanwhile cannot receive a value of the wrong type.
   */
  restore(saved: unknown): void {
    const scripts = savedScripts(saved, 'parameters', PARAMETERS_STATE_KEY);
    if (!scripts) {
      return;
    }
    for (const [path, values] of Object.entries(scripts)) {
      if (
        typeof values !== 'object' ||
        values === null ||
        Array.isArray(values)
      ) {
        console.warn(`CellScript: ignoring the saved parameters of ${path}.`);
        continue;
      }
      const key = normalizeScriptPath(path);
      const merged = new Map<string, JSONValue>(Object.entries(values));
      this._values.get(key)?.forEach((value, name) => merged.set(name, value));
      if (merged.size > 0) {
        this._values.set(key, merged);
        this._changed.emit(key);
      }
    }
  }

  /** Stop emitting. Idempotent. */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    Signal.clearData(this);
  }

  private _readScript: ScriptParameters.IOptions['readScript'];
  private _values = new Map<string, Map<string, JSONValue>>();
  private _isDisposed = false;
  private _changed = new Signal<this, string>(this);
}

/** Types for ScriptParameters. */
export namespace ScriptParameters {
  /** Options to create a ScriptParameters. */
  export interface IOptions {
    /** The script as it is now (an open editor's text first), parsed with the user's settings. */
    readScript: (path: string) => Promise<IParsedScript>;
  }

  /** The saved form of the overrides. */
  export type IState = {
    version: 1;
    scripts: { [path: string]: { [name: string]: JSONValue } };
  };
}

/** Keep the overrides in a state database (see {@link keepInStateStore}). */
export function keepParametersIn(
  overrides: ScriptParameters,
  state: IStateStore,
  key: string = PARAMETERS_STATE_KEY
): Promise<void> {
  return keepInStateStore(overrides, state, key, 'parameters');
}
