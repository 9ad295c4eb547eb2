import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  ICommandPalette,
  IThemeManager,
  Notification,
  WidgetTracker
} from '@jupyterlab/apputils';
import { PageConfig } from '@jupyterlab/coreutils';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import {
  ITranslator,
  nullTranslator,
  type TranslationBundle
} from '@jupyterlab/translation';
import { runIcon } from '@jupyterlab/ui-components';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { chooseScriptNotice } from './runNotices';
import { CommandIDs, pathArgSchema } from '../commands';
import { readSnapshotNow } from '../document/readScriptNow';
import { normalizeScriptPath } from '../kernel/paths';
import {
  DEFAULT_CONCURRENCY,
  findLeftoverSweepKernels,
  listRecords,
  SessionSweepKernels,
  shutdownSweepKernels,
  startSweep,
  SWEEP_SESSION_TYPE,
  type ISweepProgress,
  type Sweep,
  type SweepIsolation
} from '../sweep';
import {
  ICellScriptRunner,
  ICellScriptSidebar,
  IScriptService,
  ISweepService
} from '../tokens';
import { durationText } from '../widgets/sweepModel';
import { SweepPanel, type ISweepActions } from '../widgets/sweepPanel';

/**
 * Sweeps in JupyterLab: the sweep panel of a script (`cellscript:sweep`, also from the
 * parameters form), its progress as a notification with Cancel, and no kernel left behind:
 * running sweeps give their kernels back when the page goes away, sweep kernels a closed page
 * left are shut down once the app has restored, and `cellscript:shutdown-sweep-kernels` shuts
 * down every sweep kernel no running sweep of this page owns.
 */
export const sweepPlugin: JupyterFrontEndPlugin<ISweepService> = {
  id: 'jupyterlab-cellscript:sweeps',
  description:
    'The sweep panel: run a script over lists of parameter values in fresh kernels, with progress, a results table, plots, history, and the results sent to the notebook.',
  autoStart: true,
  provides: ISweepService,
  requires: [IScriptService, ICellScriptRunner, IRenderMimeRegistry],
  optional: [
    ICellScriptSidebar,
    ICommandPalette,
    ISettingRegistry,
    ITranslator,
    IThemeManager
  ],
  activate: (
    app: JupyterFrontEnd,
    scripts: IScriptService,
    runner: ICellScriptRunner,
    rendermime: IRenderMimeRegistry,
    sidebar: ICellScriptSidebar | null,
    palette: ICommandPalette | null,
    settingRegistry: ISettingRegistry | null,
    translator: ITranslator | null,
    themes: IThemeManager | null
  ): ISweepService => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_cellscript');
    const { sessions, contents } = app.serviceManager;
    const settings = {
      concurrency: DEFAULT_CONCURRENCY,
      isolation: 'kernel' as SweepIsolation,
      stopAfterOutputs: false
    };
    if (settingRegistry) {
      void settingRegistry
        .load(sweepPlugin.id)
        .then(loaded => {
          const apply = () => {
            const composite = loaded.composite;
            settings.concurrency =
              typeof composite.concurrency === 'number'
                ? composite.concurrency
                : DEFAULT_CONCURRENCY;
            settings.isolation =
              composite.isolation === 'fork' ? 'fork' : 'kernel';
            settings.stopAfterOutputs = composite.stopAfterOutputs === true;
          };
          apply();
          loaded.changed.connect(apply);
        })
        .catch(reason =>
          console.error(
            'CellScript: could not load the sweep settings; using the defaults.',
            reason
          )
        );
    }

    /** The sweeps of this page that are running (they give their kernels back on unload). */
    const sweeps = new Set<Sweep>();
    const ourSessions = async (): Promise<Set<string>> => {
      const kernels = new Set<string>();
      sweeps.forEach(sweep =>
        sweep.liveKernels.forEach(lease => kernels.add(lease.kernel.id))
      );
      await sessions.refreshRunning();
      return new Set(
        [...sessions.running()]
          .filter(model => model.kernel && kernels.has(model.kernel.id))
          .map(model => model.id)
      );
    };
    const abandonAll = () => sweeps.forEach(sweep => sweep.abandon());
    window.addEventListener('pagehide', abandonAll);
    window.addEventListener('beforeunload', abandonAll);

    const tracker = new WidgetTracker<SweepPanel>({
      namespace: 'cellscript-sweeps'
    });

    const actions: ISweepActions = {
      start: async (path, values, options) => {
        const kernelName = runner.target?.kernel?.name ?? 'python3';
        const rootDir = PageConfig.getOption('serverRoot') || undefined;
        const sweep = await startSweep(
          {
            path,
            contents,
            kernels: new SessionSweepKernels(sessions, kernelName),
            rootDir,
            parseOptions: scripts.parseOptions,
            readSource: async () => (await readSnapshotNow(scripts, path)).text
          },
          values,
          { ...settings, ...options }
        );
        // Kept while it runs (a retry runs it again), so the page can give its kernels back.
        sweeps.add(sweep);
        sweep.progress.connect((running, progress) =>
          progress.status === 'running'
            ? sweeps.add(running)
            : sweeps.delete(running)
        );
        followInNotification(sweep, trans);
        void sweep.done.finally(() => {
          tracker.forEach(panel => {
            if (panel.path === path) {
              void panel.refreshHistory();
            }
          });
        });
        return sweep;
      },
      history: path => listRecords(contents, path),
      sendToNotebook: async (path, name, rows) => {
        const target = runner.target;
        if (!target || !(await target.ready())) {
          throw new Error(
            trans.__(
              'No notebook kernel to send the results to: open a notebook with a running kernel first.'
            )
          );
        }
        // The runner's session of the script in the notebook's kernel: its bridge is shared.
        const session = await runner.session(path);
        const sent = await session.table(name, rows);
        return { type: sent.type, notebook: target.notebookPath };
      },
      defaults: () => ({ ...settings }),
      reveal: (path, line) =>
        void app.commands
          .execute(CommandIDs.revealLine, { path, line })
          .catch(reason => console.error(reason))
    };

    const pathOf = (args: ReadonlyPartialJSONObject): string | null =>
      typeof args.path === 'string' && args.path.trim() !== ''
        ? normalizeScriptPath(args.path)
        : (sidebar?.path ?? null);

    app.commands.addCommand(CommandIDs.sweep, {
      label: args =>
        args.isContextMenu || args.isPalette
          ? trans.__('Sweep Parameters…')
          : trans.__('Sweep…'),
      caption: trans.__(
        'Open the sweep panel: run the script over lists of parameter values, each iteration in a fresh kernel'
      ),
      icon: args => (args.isPalette ? undefined : runIcon),
      describedBy: {
        args: { type: 'object', properties: { path: pathArgSchema } }
      },
      isEnabled: args => pathOf(args) !== null,
      execute: args => {
        const path = pathOf(args);
        if (!path) {
          chooseScriptNotice(trans);
          return;
        }
        let panel = tracker.find(open => open.path === path);
        if (!panel) {
          panel = new SweepPanel({
            path,
            trans,
            scripts,
            actions,
            rendermime,
            themeChanged: themes?.themeChanged
          });
          app.shell.add(panel, 'main');
          void tracker.add(panel);
        }
        app.shell.activateById(panel.id);
        return panel.id;
      }
    });

    app.commands.addCommand(CommandIDs.shutdownSweepKernels, {
      label: trans.__('Shut Down Leftover Sweep Kernels'),
      caption: trans.__(
        'Shut down every sweep kernel that no running sweep of this page uses'
      ),
      describedBy: { args: { type: 'object', properties: {} } },
      execute: async () => {
        const ours = await ourSessions();
        const leftovers = [...sessions.running()].filter(
          model => model.type === SWEEP_SESSION_TYPE && !ours.has(model.id)
        );
        const count = await shutdownSweepKernels(sessions, leftovers);
        Notification.info(
          trans._n(
            'Shut down %1 sweep kernel.',
            'Shut down %1 sweep kernels.',
            count
          ),
          { autoClose: 5000 }
        );
        return count;
      }
    });

    sidebar?.pathChanged.connect(() =>
      app.commands.notifyCommandChanged(CommandIDs.sweep)
    );
    palette?.addItem({
      command: CommandIDs.sweep,
      category: trans.__('CellScript')
    });
    palette?.addItem({
      command: CommandIDs.shutdownSweepKernels,
      category: trans.__('CellScript')
    });

    // Kernels of sweeps of a page that went away (closed, reloaded, crashed): idle ones are
    // shut down once this page has restored.
    void app.restored
      .then(async () => {
        const leftovers = await findLeftoverSweepKernels(
          sessions,
          await ourSessions()
        );
        if (leftovers.length > 0) {
          await shutdownSweepKernels(sessions, leftovers);
        }
      })
      .catch(reason =>
        console.warn(
          'CellScript: could not look for leftover sweep kernels.',
          reason
        )
      );

    return {
      start: (path, values, options = {}) =>
        actions.start(normalizeScriptPath(path), values, options),
      get running() {
        return [...sweeps].filter(sweep => sweep.isRunning);
      }
    };
  }
};

/** The sweep's progress as an in-progress notification with Cancel, then how it ended. */
function followInNotification(sweep: Sweep, trans: TranslationBundle): void {
  let id: string | null = null;
  const name = sweep.record.script;
  const messageOf = (progress: ISweepProgress) => {
    const parts = [
      trans.__('Sweep of %1: %2/%3', name, progress.finished, progress.total),
      trans._n('%1 failed', '%1 failed', progress.failed)
    ];
    if (progress.etaMs !== null) {
      parts.push(trans.__('about %1 left', durationText(progress.etaMs)));
    }
    return parts.join(' · ');
  };
  const cancel = {
    label: trans.__('Cancel'),
    caption: trans.__('Stop the sweep and shut down its kernels'),
    callback: () => void sweep.cancel()
  };
  sweep.progress.connect((_, progress) => {
    const fraction =
      progress.total > 0 ? progress.finished / progress.total : 0;
    if (progress.status === 'running') {
      if (id === null) {
        id = Notification.emit(messageOf(progress), 'in-progress', {
          autoClose: false,
          progress: fraction,
          actions: [cancel]
        });
      } else {
        Notification.update({
          id,
          message: messageOf(progress),
          type: 'in-progress',
          progress: fraction,
          autoClose: false,
          actions: [cancel]
        });
      }
      return;
    }
    const ended =
      progress.status === 'done'
        ? progress.failed === 0
          ? {
              type: 'success' as const,
              message: trans.__(
                'Sweep of %1 finished: %2 ok.',
                name,
                progress.finished
              )
            }
          : {
              type: 'warning' as const,
              message: trans.__(
                'Sweep of %1 finished: %2 of %3 failed.',
                name,
                progress.failed,
                progress.total
              )
            }
        : progress.status === 'cancelled'
          ? {
              type: 'info' as const,
              message: trans.__(
                'Sweep of %1 cancelled: %2 of %3 done; its kernels are shut down.',
                name,
                progress.finished,
                progress.total
              )
            }
          : {
              type: 'error' as const,
              message: trans.__(
                'Sweep of %1 stopped: %2',
                name,
                sweep.record.message ?? ''
              )
            };
    if (id === null) {
      Notification.emit(ended.message, ended.type, { autoClose: 5000 });
    } else {
      Notification.update({
        id,
        message: ended.message,
        type: ended.type,
        progress: undefined,
        autoClose: 5000,
        actions: []
      });
    }
    id = null;
  });
}
