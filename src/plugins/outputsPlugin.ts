import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  ICommandPalette,
  Notification,
  WidgetTracker
} from '@jupyterlab/apputils';
import { IEditorTracker } from '@jupyterlab/fileeditor';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { consoleIcon } from '@jupyterlab/ui-components';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import {
  cellRefOf,
  cellRefSchema,
  CommandIDs,
  pathArgSchema
} from '../commands';
import { isPythonScriptPath } from '../document/problems';
import { normalizeScriptPath } from '../kernel/paths';
import {
  ICellScriptRunner,
  ICellScriptSidebar,
  IScriptService
} from '../tokens';
import { OutputsView } from '../widgets/outputsView';
import { chooseScriptNotice } from './runNotices';

/**
 * The script outputs view: a main-area tab per script, opened beside the active notebook,
 * with the last outputs of each cell run in the notebook's kernel at full width
 * (`cellscript:show-outputs`). Restored with the layout after a reload.
 */
export const outputsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-cellscript:outputs',
  description:
    "A main-area view beside the notebook with the outputs of a script's cells, newest run last, at full width.",
  autoStart: true,
  requires: [IScriptService, ICellScriptRunner, IRenderMimeRegistry],
  optional: [
    ICellScriptSidebar,
    INotebookTracker,
    IEditorTracker,
    ILayoutRestorer,
    ICommandPalette,
    ITranslator
  ],
  activate: (
    app: JupyterFrontEnd,
    scripts: IScriptService,
    runner: ICellScriptRunner,
    rendermime: IRenderMimeRegistry,
    sidebar: ICellScriptSidebar | null,
    notebooks: INotebookTracker | null,
    editors: IEditorTracker | null,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_cellscript');
    const tracker = new WidgetTracker<OutputsView>({
      namespace: 'cellscript-outputs'
    });

    /** The script of the args, else the sidebar's, else the current script editor's or view's. */
    const pathOf = (args: ReadonlyPartialJSONObject): string | null => {
      if (typeof args.path === 'string' && args.path.trim() !== '') {
        return normalizeScriptPath(args.path);
      }
      if (sidebar?.path) {
        return sidebar.path;
      }
      const current = app.shell.currentWidget;
      if (current && current === tracker.currentWidget) {
        return tracker.currentWidget.path;
      }
      const editor = editors?.currentWidget;
      if (editor && editor === current) {
        const path = editor.context.path;
        return isPythonScriptPath(path) ? normalizeScriptPath(path) : null;
      }
      return null;
    };

    /** The view of a script: the open one, else a new one beside the active notebook. */
    const viewOf = (path: string): OutputsView => {
      const open = tracker.find(view => view.path === path);
      if (open) {
        return open;
      }
      const view = new OutputsView({
        path,
        scripts,
        runner,
        rendermime,
        trans,
        openLine: (script, line) =>
          void app.commands
            .execute(CommandIDs.revealLine, { path: script, line })
            .catch(reason => console.error(reason))
      });
      // Beside the notebook whose kernel ran the cells; with the other views when there are.
      const other = tracker.find(shown => shown.isAttached);
      const notebook = notebooks?.currentWidget;
      const options = other
        ? { mode: 'tab-after' as const, ref: other.id }
        : notebook?.isAttached
          ? { mode: 'split-right' as const, ref: notebook.id }
          : undefined;
      app.shell.add(view, 'main', options);
      void tracker.add(view);
      return view;
    };

    app.commands.addCommand(CommandIDs.showOutputs, {
      label: trans.__('Show Script Outputs'),
      caption: trans.__(
        "Open the outputs of the script's cells beside the notebook, newest run last"
      ),
      icon: consoleIcon,
      describedBy: {
        args: {
          type: 'object',
          properties: { path: pathArgSchema, cell: cellRefSchema }
        }
      },
      isEnabled: args => pathOf(args) !== null,
      execute: async args => {
        const path = pathOf(args);
        if (!path) {
          chooseScriptNotice(trans);
          return;
        }
        const view = viewOf(path);
        app.shell.activateById(view.id);
        if (args.cell === undefined) {
          return;
        }
        try {
          const { shown, cellName } = await view.showCell(cellRefOf(args.cell));
          if (!shown) {
            Notification.info(
              trans.__(
                '%1 has not run in this kernel yet: run it to see its outputs.',
                cellName
              ),
              { autoClose: 4000 }
            );
          }
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          Notification.error(
            trans.__('Could not show the outputs of %1: %2', path, reason),
            { autoClose: false }
          );
        }
      }
    });

    const refresh = () =>
      app.commands.notifyCommandChanged(CommandIDs.showOutputs);
    sidebar?.pathChanged.connect(refresh);
    editors?.currentChanged.connect(refresh);

    palette?.addItem({
      command: CommandIDs.showOutputs,
      category: trans.__('CellScript')
    });

    void restorer?.restore(tracker, {
      command: CommandIDs.showOutputs,
      args: view => ({ path: view.path }),
      name: view => view.path
    });
  }
};
