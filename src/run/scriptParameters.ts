/**
 * The parameter overrides a user set per script, kept by the runner: converted by the
 * parameter's type when set, carried by every run of the defining cell, kept across page loads.
 * The form, the commands, and later magics and sweeps all set them here.
 */
import type { ReadonlyPartialJSONValue } from '@lumino/coreutils';
import type { IDisposable } from '@lumino/disposable';
import { type ISignal, Signal } from '@lumino/signaling';
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
    const key = Private.keyOf(path);
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
    if (saved === undefined || saved === null) {
      return;
    }
    const state = saved as Partial<ScriptParameters.IState>;
    if (
      typeof saved !== 'object' ||
      state.version !== 1 ||
      typeof state.scripts !== 'object' ||
      state.scripts === null ||
      Array.isArray(state.scripts)
    ) {
      console.warn(
        `CellScript: ignoring the saved parameters (${PARAMETERS_STATE_KEY}), which are not in a form this version reads.`,
        saved
      );
      return;
    }
    for (const [path, values] of Object.entries(state.scripts)) {
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

/** Something that keeps JSON under a key across page loads (IStateDB). */
export interface IParametersStateStore {
  fetch(id: string): Promise<ReadonlyPartialJSONValue | undefined>;
  save(id: string, value: ReadonlyPartialJSONValue): Promise<void>;
}

/**
 * Keep the overrides in a state database: restore what was saved (under what was set
 * meanwhile), then save after every change. A fetch or save that fails is a warning.
 */
export async function keepParametersIn(
  overrides: ScriptParameters,
  state: IParametersStateStore,
  key: string = PARAMETERS_STATE_KEY
): Promise<void> {
  try {
    overrides.restore(await state.fetch(key));
  } catch (error) {
    console.warn('CellScript: could not read the saved parameters.', error);
  }
  const save = () => {
    state.save(key, overrides.toJSON()).catch(error => {
      console.warn('CellScript: could not save the parameters.', error);
    });
  };
  if (overrides.paths().length > 0) {
    save(); // set before the restore finished: merged above, saved now
  }
  overrides.changed.connect(save);
}

namespace Private {
  /** A script's key, or an error that says what to do without one. */
  export function keyOf(path: string): string {
    const key = normalizeScriptPath(path);
    if (!key) {
      throw new Error(
        'No script given: choose a script in the CellScript sidebar or pass its path.'
      );
    }
    return key;
  }
}
