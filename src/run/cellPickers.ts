/**
 * Runs that are not a plain selection: the cells above or below one, and the cells that
 * changed since they ran with the cells that ran on their old results. Each picks from the
 * script as parsed for the run itself, so the pick and the run never see two texts.
 */
import {
  type CellRef,
  type IParsedScript,
  type IScriptCell,
  selectCell,
  selectCells,
  type CellSelector
} from '../script';
import type { ICellRunState, IRunMark } from './runStates';

/** What a picker reads of a script's run states. */
export interface IRunStatesView {
  /** The state of a cell (not run when unknown). */
  get(cell: Pick<IScriptCell, 'index' | 'name'>): ICellRunState;
  /** Whether the cell ran and its source changed since. */
  isChanged(cell: IScriptCell): boolean;
  /**
   * The cell's runs known, oldest first: the hash each ran and when it started. Without it,
   * only a cell's last run tells what is stale.
   */
  runsOf?(cell: Pick<IScriptCell, 'index' | 'name'>): readonly IRunMark[];
}

/**
 * Picks the cells of a run from the script as parsed for that run and the cells' last runs.
 * May throw a script-model error (e.g. a cell that is not there): the run then does not start.
 */
export type CellPicker = (
  script: IParsedScript,
  states: IRunStatesView
) => readonly IScriptCell[];

/** The code cells a selection names, in the selection's order (all for an empty one). */
export function selectionPicker(
  selection: readonly CellSelector[]
): CellPicker {
  return script => codeOnly(selectCells(script, ...selection));
}

/** One cell: by index or name, or the cell a 1-based line of the script is in. */
export type CellPosition = CellRef | { line: number };

/**
 * The cell at a position. A line in the file header or before the first cell gives the first
 * cell; a line past the end gives the last.
 * @throws CellNotFoundError (from the script model) for a ref that names no cell, or an empty
 *   script.
 */
export function cellAt(script: IParsedScript, at: CellPosition): IScriptCell {
  if (!('line' in at)) {
    return selectCell(script, at);
  }
  const cells = script.cells;
  let found = cells[0];
  for (const cell of cells) {
    if ((cell.markerLine ?? cell.firstLine) <= at.line) {
      found = cell;
    } else {
      break;
    }
  }
  return found ?? selectCell(script, { index: 0 });
}

/** The code cell at a position (none when it is a markdown or raw cell). */
export function cellAtPicker(at: CellPosition): CellPicker {
  return script => codeOnly([cellAt(script, at)]);
}

/** Every code cell up to and including the cell at `ref`. */
export function cellsUpTo(ref: CellPosition): CellPicker {
  return script => {
    const cell = cellAt(script, ref);
    return codeOnly(script.cells.slice(0, cell.index + 1));
  };
}

/** Every code cell before `ref` (not the cell itself). */
export function cellsAbove(ref: CellPosition): CellPicker {
  return script => {
    const cell = cellAt(script, ref);
    return codeOnly(script.cells.slice(0, cell.index));
  };
}

/** The code cell `ref` (when it is code) and every code cell after it. */
export function cellsBelow(ref: CellPosition): CellPicker {
  return script => {
    const cell = cellAt(script, ref);
    return codeOnly(script.cells.slice(cell.index));
  };
}

/**
 * Code cells that ran on old results: each ran while a cell above it had last run text that
 * is no longer that cell's source (it changed since, whether or not it ran again). Running
 * the changed cell alone leaves them holding results of code that is no longer in the script.
 * A changed cell itself is not stale (it shows as changed).
 */
export function staleCells(
  cells: readonly IScriptCell[],
  states: IRunStatesView
): IScriptCell[] {
  const stale: IScriptCell[] = [];
  // Spans of run order (exclusive) during which a cell above had last run old text.
  const oldSpans: Array<[number, number]> = [];
  for (const cell of cells) {
    if (cell.type !== 'code') {
      continue;
    }
    const order = states.get(cell).runOrder;
    if (
      order !== null &&
      !states.isChanged(cell) &&
      oldSpans.some(([from, to]) => order > from && order < to)
    ) {
      stale.push(cell);
    }
    oldSpans.push(...spansOfOldText(cell, states));
  }
  return stale;
}

/** When the cell's latest run was of text other than its source now. */
function spansOfOldText(
  cell: IScriptCell,
  states: IRunStatesView
): Array<[number, number]> {
  const runs = states.runsOf?.(cell) ?? [];
  if (runs.length === 0) {
    const order = states.get(cell).runOrder;
    return order !== null && states.isChanged(cell) ? [[order, Infinity]] : [];
  }
  const spans: Array<[number, number]> = [];
  runs.forEach((run, i) => {
    if (run.hash !== cell.hash) {
      spans.push([run.order, runs[i + 1]?.order ?? Infinity]);
    }
  });
  return spans;
}

/**
 * The cells changed since their last run and the cells that ran on their old results
 * ({@link staleCells}), in script order. Empty when nothing changed.
 */
export const changedCells: CellPicker = (script, states) => {
  const stale = new Set(staleCells(script.cells, states));
  return script.cells.filter(
    cell => cell.type === 'code' && (states.isChanged(cell) || stale.has(cell))
  );
};

function codeOnly(cells: readonly IScriptCell[]): IScriptCell[] {
  return cells.filter(cell => cell.type === 'code');
}
