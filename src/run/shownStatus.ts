import type { TranslationBundle } from '@jupyterlab/translation';
import type { CellRunStatus, ICellRunState } from './runStates';

/**
 * What a cell's last run looks like to the user, the same in the sidebar and in the editor:
 * its run status, "changed" when its source changed since it ran, or "stale" when it ran on
 * the results of a cell that changed since (see `staleCells`); neither while it runs.
 */
export type ShownStatus = CellRunStatus | 'changed' | 'stale';

/**
 * The status to show for a cell's last run. A run of selected lines shows how it ended (its
 * text differs from the cell's by nature; the lines it ran are shown beside it).
 */
export function shownStatus(
  state: ICellRunState,
  changed: boolean,
  stale = false
): ShownStatus {
  const settled = state.status !== 'running' && state.status !== 'queued';
  if (changed && settled && state.ranLines === null) {
    return 'changed';
  }
  return stale && settled ? 'stale' : state.status;
}

/** "lines 8–9 only" for a run of selected lines, else null. */
export function ranLinesText(
  state: ICellRunState,
  trans: TranslationBundle
): string | null {
  const lines = state.ranLines;
  if (!lines) {
    return null;
  }
  return lines.firstLine === lines.lastLine
    ? trans.__('line %1 only', lines.firstLine)
    : trans.__('lines %1–%2 only', lines.firstLine, lines.lastLine);
}

/** The words for a shown status. */
export function statusText(
  status: ShownStatus,
  trans: TranslationBundle
): string {
  switch (status) {
    case 'queued':
      return trans.__('queued');
    case 'running':
      return trans.__('running…');
    case 'ok':
      return trans.__('ok');
    case 'error':
      return trans.__('error');
    case 'interrupted':
      return trans.__('interrupted');
    case 'changed':
      return trans.__('changed since run');
    case 'stale':
      return trans.__('ran on old results');
    default:
      return trans.__('not run');
  }
}

/** A kernel duration for people: "85 ms", "1.24 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  if (ms < 60000) {
    return `${(ms / 1000).toFixed(2)} s`;
  }
  const minutes = Math.floor(ms / 60000);
  return `${minutes} min ${Math.round((ms % 60000) / 1000)} s`;
}
