import { Notification } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IRunResult } from '../kernel/protocol';
import { formatDuration } from '../widgets/cellList';

/** What a run notice needs to know of the page. */
export interface IRunNoticeHost {
  /** Whether the sidebar (which shows runs already) is visible. */
  sidebarVisible(): boolean;
  /** Bring the sidebar to front and open the script at a line (when known). */
  show(path: string, line: number | null): void;
}

/**
 * Tells the user how a run ended when they cannot see it: a run started while the sidebar is
 * hidden (from the palette, a menu or a shortcut) shows an in-progress notification that ends
 * as "ran N cells in T" or as the error with its script line and a "Show" action. Runs that
 * cannot start always say why.
 */
export class RunNotices {
  constructor(trans: TranslationBundle, host: IRunNoticeHost) {
    this._trans = trans;
    this._host = host;
  }

  /** Follow one run of the script at `path`; resolves with the run's result (or undefined). */
  async follow(
    path: string,
    run: () => Promise<IRunResult>
  ): Promise<IRunResult | undefined> {
    const trans = this._trans;
    const file = path.split('/').pop() || path;
    const id = this._host.sidebarVisible()
      ? null
      : Notification.emit(trans.__('Running %1…', file), 'in-progress', {
          autoClose: false
        });
    let result: IRunResult;
    try {
      result = await run();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const message = trans.__('Could not run %1: %2', path, reason);
      if (id) {
        Notification.update({ id, message, type: 'error', autoClose: false });
      } else {
        Notification.error(message, { autoClose: false });
      }
      return undefined;
    }
    if (id) {
      this._ended(id, path, file, result);
    }
    return result;
  }

  private _ended(
    id: string,
    path: string,
    file: string,
    result: IRunResult
  ): void {
    const trans = this._trans;
    const ms = result.cells.reduce((sum, cell) => sum + cell.durationMs, 0);
    if (result.status === 'ok') {
      Notification.update({
        id,
        message:
          result.cells.length === 0
            ? trans.__('Nothing to run in %1.', file)
            : trans._n(
                'Ran %1 cell of %2 in %3.',
                'Ran %1 cells of %2 in %3.',
                result.cells.length,
                file,
                formatDuration(ms)
              ),
        type: 'success',
        autoClose: 5000
      });
      return;
    }
    const last = result.cells[result.cells.length - 1];
    const error = last?.error;
    const line = error?.line ?? null;
    const where = line !== null ? trans.__('%1 line %2', file, line) : file;
    const message =
      result.status === 'interrupted'
        ? trans.__('The run of %1 was interrupted at %2.', file, where)
        : trans.__(
            '%1: %2 (at %3)',
            error?.ename ?? trans.__('Error'),
            shorten(error?.evalue ?? '', 200),
            where
          );
    Notification.update({
      id,
      message,
      type: result.status === 'interrupted' ? 'warning' : 'error',
      autoClose: false,
      actions: [
        {
          label: trans.__('Show'),
          caption: trans.__(
            'Open the CellScript sidebar and the script at the line'
          ),
          callback: () => this._host.show(path, line)
        }
      ]
    });
  }

  private _trans: TranslationBundle;
  private _host: IRunNoticeHost;
}

/** At most `max` characters, with an ellipsis when cut. */
function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
