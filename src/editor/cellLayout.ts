/**
 * What the script editor draws for each cell, computed from a parse and the cells' last runs:
 * pure data, no DOM and no CodeMirror, so it is unit-tested in Node.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { type IRunStatesView, staleCells } from '../run/cellPickers';
import {
  formatDuration,
  ranLinesText,
  shownStatus,
  type ShownStatus,
  statusText
} from '../run/shownStatus';
import type { CellType, IParsedScript } from '../script';

/** One marked cell as the editor draws it. */
export interface IEditorCell {
  /** Index of the cell in the script. */
  readonly index: number;
  /** The cell's name, or null. */
  readonly name: string | null;
  readonly type: CellType;
  /** 1-based line of the cell's marker. */
  readonly markerLine: number;
  /**
   * The run status shown in the gutter (code cells; markdown and raw are never run), "stale"
   * when the cell ran on the results of a cell changed since.
   */
  readonly status: ShownStatus;
  /**
   * Words for the status, e.g. "Train: ok in 85 ms", for the gutter's tooltip; a state read
   * back after a page reload says "ran before reload".
   */
  readonly statusTitle: string;
}

/**
 * The cells the editor draws: every cell that starts with a marker (an unmarked first cell has
 * no boundary to draw).
 */
export function editorCells(
  script: IParsedScript,
  states: IRunStatesView | null,
  trans: TranslationBundle
): IEditorCell[] {
  const cells: IEditorCell[] = [];
  const stale = new Set(states ? staleCells(script.cells, states) : []);
  for (const cell of script.cells) {
    if (cell.markerLine === null) {
      continue;
    }
    const state = states?.get(cell) ?? null;
    const status =
      cell.type !== 'code' || !state
        ? 'not-run'
        : shownStatus(state, states!.isChanged(cell), stale.has(cell));
    const label = cell.name ?? trans.__('Cell %1', cell.index);
    let detail = statusText(status, trans);
    if (
      state &&
      state.durationMs !== null &&
      status !== 'running' &&
      status !== 'queued'
    ) {
      detail = trans.__('%1 in %2', detail, formatDuration(state.durationMs));
    }
    const part = state ? ranLinesText(state, trans) : null;
    if (part && status !== 'running' && status !== 'queued') {
      detail = `${detail} (${part})`;
    }
    if (state?.restored && status !== 'running' && status !== 'queued') {
      // Read back from the kernel after a page reload: how it ended, not what it showed.
      detail = trans.__('%1, ran before reload', detail);
    }
    if (state?.error && status === 'error') {
      detail = trans.__(
        '%1: %2: %3',
        detail,
        state.error.ename,
        state.error.evalue
      );
    }
    cells.push({
      index: cell.index,
      name: cell.name,
      type: cell.type,
      markerLine: cell.markerLine,
      status,
      statusTitle: `${label}: ${detail}`
    });
  }
  return cells;
}

/**
 * Whether two layouts draw the same cells: the same names, types, statuses and tooltips, in
 * the same order, wherever their marker lines are (what the editor drew moves with the text,
 * see `drawnMarkerLines`). A parse after typing inside a cell, Enter included, gives the same
 * cells, so the editor need not draw again.
 */
export function sameEditorCells(
  a: readonly IEditorCell[],
  b: readonly IEditorCell[]
): boolean {
  if (a === b) {
    return true;
  }
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (
      x.index !== y.index ||
      x.name !== y.name ||
      x.type !== y.type ||
      x.status !== y.status ||
      x.statusTitle !== y.statusTitle
    ) {
      return false;
    }
  }
  return true;
}

/**
 * Where a cell's name is in its marker line: after the comment sign and the marker token, so
 * a name that repeats the marker's letters (`# %% %%time`) is found where it was written.
 */
export function nameColumns(
  line: string,
  name: string
): readonly [number, number] | null {
  const marker = /^\s*#+\s*\S+/.exec(line);
  const from = line.indexOf(name, marker ? marker[0].length : 0);
  return from < 0 ? null : [from, from + name.length];
}
