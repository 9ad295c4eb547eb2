import { Notification } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ReadonlyJSONValue } from '@lumino/coreutils';
import type { IRunResult } from '../kernel/protocol';
import { formatDuration } from '../run/shownStatus';

/** What a run notice needs to know of the page. */
/** A command that needs a script got none: say how to give one. */
export function chooseScriptNotice(trans: TranslationBundle): void {
  Notification.warning(
    trans.__(
      'Choose a script first: open one in the CellScript sidebar or pass a path.'
    ),
    { autoClose: 5000 }
  );
}

export interface IRunNoticeHost {
  /** Whether the sidebar (which shows runs already) is visible. */
  sidebarVisible(): boolean;
  /** Bring the sidebar to front and open the script at a line (when known). */
  show(path: string, line: number | null): void;
}

/** A run still going after this long gets an in-progress notification. */
const SHOW_PROGRESS_AFTER_MS = 800;
/**
 * An in-progress notification is changed into the result no sooner than this after it was
 * shown: JupyterLab drops an update that arrives before the toast has rendered, which would
 * leave "Running…" on screen for good.
 */
const UPDATE_NOT_BEFORE_MS = 300;

/**
 * Tells the user how a run ended when they cannot see it: a run started while the sidebar is
 * hidden (from the palette, a menu or a shortcut) ends with a notification, "ran N cells in T"
 * or the error with its script line and a "Show" action; a run that takes a while shows an
 * in-progress notification meanwhile, which becomes that result. Runs that cannot start always
 * say why.
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
    const hidden = !this._host.sidebarVisible();
    let progress: { id: string; shownAt: number } | null = null;
    const timer = hidden
      ? setTimeout(() => {
          const id = Notification.emit(
            trans.__('Running %1…', file),
            'in-progress',
            {
              autoClose: false
            }
          );
          progress = { id, shownAt: Date.now() };
        }, SHOW_PROGRESS_AFTER_MS)
      : null;
    let notice: Private.INotice | null;
    let result: IRunResult | undefined;
    try {
      result = await run();
      notice = hidden ? this._noticeOf(path, file, result) : null;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      notice = {
        message: trans.__('Could not run %1: %2', path, reason),
        type: 'error',
        options: { autoClose: false }
      };
    } finally {
      if (timer !== null) {
        clearTimeout(timer);
      }
    }
    if (notice) {
      Private.tell(notice, progress);
    }
    return result;
  }

  /** What to say of a run that ended. */
  private _noticeOf(
    path: string,
    file: string,
    result: IRunResult
  ): Private.INotice {
    const trans = this._trans;
    const ms = result.cells.reduce((sum, cell) => sum + cell.durationMs, 0);
    if (result.status === 'ok') {
      return {
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
        options: { autoClose: 5000 }
      };
    }
    const last = result.cells[result.cells.length - 1];
    const error = last?.error;
    const line = error?.line ?? null;
    const where = line !== null ? trans.__('%1 line %2', file, line) : file;
    return {
      message:
        result.status === 'interrupted'
          ? trans.__('The run of %1 was interrupted at %2.', file, where)
          : trans.__(
              '%1: %2 (at %3)',
              error?.ename ?? trans.__('Error'),
              shorten(error?.evalue ?? '', 200),
              where
            ),
      type: result.status === 'interrupted' ? 'warning' : 'error',
      options: {
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
      }
    };
  }

  private _trans: TranslationBundle;
  private _host: IRunNoticeHost;
}

/** At most `max` characters, with an ellipsis when cut. */
function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

namespace Private {
  /** A notification to show. */
  export interface INotice {
    message: string;
    type: Notification.TypeOptions;
    options: Notification.IOptions<ReadonlyJSONValue>;
  }

  /**
   * Show a notice: as a new notification, or as the in-progress one changed into it (not
   * before it had time to render, see UPDATE_NOT_BEFORE_MS).
   */
  export function tell(
    notice: INotice,
    progress: { id: string; shownAt: number } | null
  ): void {
    if (!progress) {
      Notification.emit(notice.message, notice.type, notice.options);
      return;
    }
    const update = () =>
      Notification.update({
        id: progress.id,
        message: notice.message,
        type: notice.type,
        ...notice.options
      });
    const wait = progress.shownAt + UPDATE_NOT_BEFORE_MS - Date.now();
    if (wait > 0) {
      setTimeout(update, wait);
    } else {
      update();
    }
  }
}
