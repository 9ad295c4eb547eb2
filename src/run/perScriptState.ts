/**
 * What the runner keeps per script across page loads (the exports declared, the parameter
 * values set), saved in the state database as `{ version: 1, scripts: { [path]: value } }`.
 */
import type { ReadonlyPartialJSONValue } from '@lumino/coreutils';
import type { ISignal } from '@lumino/signaling';
import { normalizeScriptPath } from '../kernel/paths';

/** Something that keeps JSON under a key across page loads (IStateDB). */
export interface IStateStore {
  fetch(id: string): Promise<ReadonlyPartialJSONValue | undefined>;
  save(id: string, value: ReadonlyPartialJSONValue): Promise<void>;
}

/** A per-script store that can be saved and restored. */
export interface IPerScriptStore {
  /** Emits a script's path when what is kept for it changed. */
  readonly changed: ISignal<unknown, string>;
  /** The scripts something is kept for. */
  paths(): string[];
  /** The saved form: `{ version: 1, scripts }`. */
  toJSON(): ReadonlyPartialJSONValue;
  /** Add a saved form under what was set since. */
  restore(saved: unknown): void;
}

/**
 * The scripts of a saved form, or null when there is none; a value that is not such a form
 * is ignored with a warning naming `what` was saved and its key.
 */
export function savedScripts(
  saved: unknown,
  what: string,
  key: string
): { [path: string]: unknown } | null {
  if (saved === undefined || saved === null) {
    return null;
  }
  const state = saved as { version?: unknown; scripts?: unknown };
  if (
    typeof saved !== 'object' ||
    state.version !== 1 ||
    typeof state.scripts !== 'object' ||
    state.scripts === null ||
    Array.isArray(state.scripts)
  ) {
    console.warn(
      `CellScript: ignoring the saved ${what} (${key}), which are not in a form this version reads.`,
      saved
    );
    return null;
  }
  return state.scripts as { [path: string]: unknown };
}

/**
 * Keep a store in a state database: restore what was saved (merged under what was set
 * meanwhile), then save after every change that changes the saved form. Resolves once
 * restored; a fetch or save that fails is a warning naming `what` is kept, never a failure.
 */
export async function keepInStateStore(
  store: IPerScriptStore,
  state: IStateStore,
  key: string,
  what: string
): Promise<void> {
  try {
    store.restore(await state.fetch(key));
  } catch (error) {
    console.warn(`CellScript: could not read the saved ${what}.`, error);
  }
  let saved = '';
  const save = () => {
    const value = store.toJSON();
    const text = JSON.stringify(value);
    if (text === saved) {
      return; // e.g. only an export's result changed: nothing to save.
    }
    saved = text;
    state.save(key, value).catch(error => {
      console.warn(`CellScript: could not save the ${what}.`, error);
    });
  };
  // Saving starts after the restore, so a value set meanwhile cannot erase the saved ones: it
  // was merged above and is saved now.
  saved = store.paths().length > 0 ? '' : JSON.stringify(store.toJSON());
  save();
  store.changed.connect(save);
}

/** A script's key, or an error that says what to do without one. */
export function scriptKey(path: string): string {
  const key = normalizeScriptPath(path);
  if (!key) {
    throw new Error(
      'No script given: choose a script in the CellScript sidebar or pass its path.'
    );
  }
  return key;
}
