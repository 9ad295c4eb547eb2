/**
 * Where a notebook cell came from: the script cell it was loaded from, kept in the notebook
 * cell's metadata so it can be written back. Pure: no DOM, no JupyterLab.
 */
import {
  commentText,
  findOriginCell,
  type IParseOptions,
  type IScriptCell,
  parseScript,
  replaceCellSource
} from '../script';

/** The notebook cell metadata key holding the origin. */
export const ORIGIN_KEY = 'cellscript';

/** The script cell a notebook cell was loaded from, as kept in its metadata. */
export interface INotebookCellOrigin {
  /** Contents path of the script. */
  path: string;
  /** The cell's name when it was loaded (null when unnamed). */
  name: string | null;
  /** The cell's position when it was loaded. */
  index: number;
  /** Hash of the cell's body in the script when it was loaded (or last saved). */
  hash: string;
}

/** The origin kept in a cell's metadata value, or null when there is none or it is damaged. */
export function readOrigin(value: unknown): INotebookCellOrigin | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return null;
  }
  const { path, name, index, hash } = value as Record<string, unknown>;
  const valid =
    typeof path === 'string' &&
    path !== '' &&
    (name === null || typeof name === 'string') &&
    typeof index === 'number' &&
    Number.isInteger(index) &&
    index >= 0 &&
    typeof hash === 'string';
  return valid
    ? { path, name: name as string | null, index: index as number, hash }
    : null;
}

/** The origin of a script cell of the script at `path`. */
export function originOf(path: string, cell: IScriptCell): INotebookCellOrigin {
  return { path, name: cell.name, index: cell.index, hash: cell.hash };
}

/** The label a loaded cell shows: `pipeline.py › Train`, or `pipeline.py › cell 3`. */
export function originLabel(origin: INotebookCellOrigin): string {
  const file = origin.path.split('/').pop() || origin.path;
  return `${file} › ${origin.name ?? `cell ${origin.index}`}`;
}

/** A notebook cell's type and text for a script cell: markdown and raw cells uncommented. */
export function notebookCellOf(cell: IScriptCell): {
  cellType: 'code' | 'markdown' | 'raw';
  source: string;
} {
  return cell.type === 'code'
    ? { cellType: 'code', source: cell.source }
    : { cellType: cell.type, source: cell.text ?? '' };
}

/**
 * The script body for a notebook cell's text: code as it is; for a markdown or raw script
 * cell, the text commented as Jupytext writes it, or the body as it was when the text is
 * unchanged (so saving an unchanged cell writes nothing, whatever its comment style).
 */
export function scriptBodyOf(scriptCell: IScriptCell, text: string): string {
  if (scriptCell.type === 'code') {
    return text;
  }
  return text === (scriptCell.text ?? '')
    ? scriptCell.source
    : commentText(text);
}

/** What saving a notebook cell into a script text gives. */
export type SavePlan =
  | { kind: 'unchanged'; origin: INotebookCellOrigin }
  | { kind: 'write'; text: string; origin: INotebookCellOrigin };

/**
 * The script text with a notebook cell's text written into its origin cell, every other byte
 * kept, and the origin the notebook cell has once it is written.
 *
 * @param text - the script text now.
 * @param origin - where the notebook cell came from.
 * @param notebookText - the notebook cell's text.
 * @param options - how markers are read; `force` overwrites a cell changed in the script.
 * @throws the script model's errors: WriteBackConflictError when the script cell changed since
 *   it was loaded (unless `force`), CellNotFoundError when it is gone, AmbiguousCellError.
 */
export function planSave(
  text: string,
  origin: INotebookCellOrigin,
  notebookText: string,
  options: IParseOptions & { force?: boolean } = {}
): SavePlan {
  const current = findOriginCell(text, origin, options);
  const body = scriptBodyOf(current, notebookText);
  if (body === current.source) {
    // Already what the script holds (also when both sides made the same edit): no conflict.
    return { kind: 'unchanged', origin: originOf(origin.path, current) };
  }
  const next = replaceCellSource(text, origin, body, options);
  // Write-back replaces a body only: the cell keeps its position, marker and name.
  const saved = parseScript(next, options).cells[current.index];
  return { kind: 'write', text: next, origin: originOf(origin.path, saved) };
}
