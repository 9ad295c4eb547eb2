/**
 * What the script outputs view shows, without a DOM: which cells have an entry, in which
 * order, and the words of each entry's header.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { type IRunStatesView, staleCells } from '../run/cellPickers';
import { cellKey, type ICellRunState } from '../run/runStates';
import {
  formatDuration,
  ranLinesText,
  shownStatus,
  type ShownStatus,
  statusText
} from '../run/shownStatus';
import type { IScriptCell } from '../script';

/** One cell's last run as the outputs view shows it. */
export interface IOutputEntry {
  /** The cell's key (see `cellKey`): names the entry across renders. */
  readonly key: string;
  /** The cell as the script reads now. */
  readonly cell: IScriptCell;
  /** Its last run. */
  readonly state: ICellRunState;
  /** The status to show (changed or stale included). */
  readonly status: ShownStatus;
}

/**
 * The entries of a script's outputs view: one per code cell that has run in this kernel,
 * oldest run first, so the newest is last and re-running a cell moves it to the end. A cell
 * queued to run again keeps its place until it starts. When two cells share a key (the same
 * name twice), the first has the entry.
 */
export function outputEntries(
  cells: readonly IScriptCell[],
  states: IRunStatesView
): IOutputEntry[] {
  const stale = new Set(staleCells(cells, states).map(cell => cell.index));
  const seen = new Set<string>();
  const entries: IOutputEntry[] = [];
  for (const cell of cells) {
    const key = cellKey(cell);
    if (cell.type !== 'code' || seen.has(key)) {
      continue;
    }
    seen.add(key);
    const state = states.get(cell);
    if (state.runOrder === null) {
      continue;
    }
    entries.push({
      key,
      cell,
      state,
      status: shownStatus(state, states.isChanged(cell), stale.has(cell.index))
    });
  }
  return entries.sort((a, b) => a.state.runOrder! - b.state.runOrder!);
}

/** The words of an entry's header. */
export interface IEntryHeader {
  /** The cell's name, or "cell N" when it has none. */
  readonly name: string;
  /** The script line the header's link opens: the cell's marker (or first) line. */
  readonly line: number;
  /** "line N". */
  readonly lineText: string;
  /** The status in words ("ok", "error", "running…"). */
  readonly statusText: string;
  /** How long the run took ("85 ms"), or null while it runs or when unknown. */
  readonly duration: string | null;
  /** "lines 8–9 only" for a run of selected lines, else null. */
  readonly ranLines: string | null;
  /** What to say instead of outputs: a run before a reload, a run without output; or null. */
  readonly note: string | null;
  /**
   * The error in one line ("ZeroDivisionError: division by zero (line 6)") when the run
   * failed and its traceback is not among the outputs (a run before a reload); else null.
   */
  readonly error: string | null;
}

/** The header of an entry. */
export function entryHeader(
  entry: IOutputEntry,
  trans: TranslationBundle
): IEntryHeader {
  const { cell, state } = entry;
  const line = cell.markerLine ?? cell.firstLine;
  return {
    name: cell.name ?? trans.__('cell %1', cell.index),
    line,
    lineText: trans.__('line %1', line),
    statusText: statusText(entry.status, trans),
    duration:
      state.durationMs === null ? null : formatDuration(state.durationMs),
    ranLines: ranLinesText(state, trans),
    note: entryNote(state, trans),
    error:
      state.error && state.outputs.length === 0
        ? state.error.line
          ? trans.__(
              '%1: %2 (line %3)',
              state.error.ename,
              state.error.evalue,
              state.error.line
            )
          : trans.__('%1: %2', state.error.ename, state.error.evalue)
        : null
  };
}

/** The note in place of outputs, or null when there are outputs or the cell still runs. */
function entryNote(
  state: ICellRunState,
  trans: TranslationBundle
): string | null {
  if (state.outputs.length > 0) {
    return null;
  }
  if (state.restored) {
    return trans.__('Ran before reload; outputs are not kept across reloads.');
  }
  if (state.status === 'queued' || state.status === 'running') {
    return null;
  }
  return trans.__('No output.');
}

/** The entry of a cell, if it has one. */
export function entryOfCell(
  entries: readonly IOutputEntry[],
  cell: Pick<IScriptCell, 'index' | 'name'>
): IOutputEntry | undefined {
  const key = cellKey(cell);
  return entries.find(entry => entry.key === key);
}
