import {
  findOriginCell,
  type IParseOptions,
  WriteBackConflictError
} from '../script';
import {
  type INotebookCellOrigin,
  notebookCellOf,
  originLabel,
  originOf,
  planSave
} from './cellOrigin';
import type { ConflictChoice, IConflict } from './conflictDialog';
import type { IScriptText } from './scriptFiles';

/** Reads and writes script text (ScriptFiles, or a fake in tests). */
export interface IScriptTextStore {
  read(path: string): Promise<IScriptText>;
  write(from: IScriptText, text: string): Promise<void>;
}

/** How a save ended. */
export type SaveOutcome =
  /** Written into the script (into its open editor when `inEditor`). */
  | { kind: 'saved'; origin: INotebookCellOrigin; inEditor: boolean }
  /** The script already holds this text: nothing written. */
  | { kind: 'unchanged'; origin: INotebookCellOrigin }
  /** The user chose the script's version: the notebook cell should get `text`. */
  | { kind: 'took-script'; origin: INotebookCellOrigin; text: string }
  /** The user cancelled: nothing written anywhere. */
  | { kind: 'cancelled' };

/**
 * Saves a notebook cell's text back into the script cell it came from, keeping every other
 * byte of the script. When the script cell changed since it was loaded, it asks (both versions
 * shown) and writes only what the user chose; the script is read again after the question, and
 * asked again if it changed meanwhile, so no edit is ever overwritten unseen.
 */
export class CellSaver {
  constructor(options: CellSaver.IOptions) {
    this._files = options.files;
    this._parseOptions = options.parseOptions;
    this._ask = options.ask;
  }

  /**
   * Save `text` (the notebook cell's) into the script cell `origin` names.
   * @throws ScriptUnavailableError (missing, not UTF-8...), ScriptWriteError (read-only...),
   *   CellNotFoundError (deleted cell), AmbiguousCellError (its name is now duplicated).
   */
  async save(origin: INotebookCellOrigin, text: string): Promise<SaveOutcome> {
    for (;;) {
      const file = await this._files.read(origin.path);
      const options = this._parseOptions();
      let plan;
      try {
        plan = planSave(file.text, origin, text, options);
      } catch (error) {
        if (!(error instanceof WriteBackConflictError)) {
          throw error;
        }
        const now = findOriginCell(file.text, origin, options);
        const choice = await this._ask({
          label: originLabel(origin),
          line: now.markerLine ?? now.firstLine,
          scriptText: notebookCellOf(now).source,
          notebookText: text
        });
        if (choice === 'cancel') {
          return { kind: 'cancelled' };
        }
        if (choice === 'load-script') {
          return {
            kind: 'took-script',
            origin: originOf(origin.path, now),
            text: notebookCellOf(now).source
          };
        }
        // Overwrite what the user saw, not a later edit: from the hash shown on.
        origin = { ...origin, hash: now.hash };
        continue;
      }
      if (plan.kind === 'unchanged') {
        return plan;
      }
      await this._files.write(file, plan.text);
      return {
        kind: 'saved',
        origin: plan.origin,
        inEditor: file.editor !== null
      };
    }
  }

  private _files: IScriptTextStore;
  private _parseOptions: () => IParseOptions;
  private _ask: (conflict: IConflict) => Promise<ConflictChoice>;
}

/** Types for CellSaver. */
export namespace CellSaver {
  /** Options to create a CellSaver. */
  export interface IOptions {
    /** Where script text is read and written. */
    files: IScriptTextStore;
    /** How markers are read (the settings at the time of the save). */
    parseOptions: () => IParseOptions;
    /** Asks the user what to do about a script cell changed since it was loaded. */
    ask: (conflict: IConflict) => Promise<ConflictChoice>;
  }
}
