import {
  ILabShell,
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  createToolbarFactory,
  ICommandPalette,
  InputDialog,
  IToolbarWidgetRegistry,
  setToolbar
} from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { IFileBrowserFactory } from '@jupyterlab/filebrowser';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStateDB } from '@jupyterlab/statedb';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { DisposableDelegate } from '@lumino/disposable';
import { CommandIDs, pathArgSchema } from '../commands';
import { isPythonScriptPath } from '../document/problems';
import { revealLine } from '../document/revealLine';
import { cellScriptIcon } from '../icons';
import {
  ICellScriptRunner,
  ICellScriptSidebar,
  IScriptService
} from '../tokens';
import { SidebarModel } from '../widgets/sidebarModel';
import { SidebarPanel } from '../widgets/sidebarPanel';
import {
  addSidebarToolbarItems,
  refreshWhenReadyChanges,
  SIDEBAR_TOOLBAR
} from './sidebarToolbar';

/** The plugin's id, also its settings' (the toolbar is declared there). */
const PLUGIN_ID = 'jupyterlab-cellscript:sidebar';

/** Where the sidebar keeps the chosen script across reloads. */
const STATE_KEY = 'jupyterlab-cellscript:sidebar';

/**
 * The CellScript sidebar in the left area: choose a script, see its cells, jump to a cell in
 * the editor. Adds the "Open in CellScript Sidebar" command (file browser, palette).
 */
export const sidebarPlugin: JupyterFrontEndPlugin<ICellScriptSidebar> = {
  id: PLUGIN_ID,
  description:
    'Shows a script and its cells in the left sidebar, with a toolbar declared in its settings; opens scripts in it from the file browser and the palette.',
  autoStart: true,
  provides: ICellScriptSidebar,
  requires: [IScriptService, IDocumentManager],
  optional: [
    ITranslator,
    ILayoutRestorer,
    IStateDB,
    ICommandPalette,
    IFileBrowserFactory,
    ILabShell,
    ICellScriptRunner,
    IRenderMimeRegistry,
    IToolbarWidgetRegistry,
    ISettingRegistry
  ],
  activate: (
    app: JupyterFrontEnd,
    scripts: IScriptService,
    docManager: IDocumentManager,
    translator: ITranslator | null,
    restorer: ILayoutRestorer | null,
    state: IStateDB | null,
    palette: ICommandPalette | null,
    browsers: IFileBrowserFactory | null,
    labShell: ILabShell | null,
    runner: ICellScriptRunner | null,
    rendermime: IRenderMimeRegistry | null,
    toolbarRegistry: IToolbarWidgetRegistry | null,
    settingRegistry: ISettingRegistry | null
  ): ICellScriptSidebar => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_cellscript');
    const model = new SidebarModel({ scripts });
    const panel = new SidebarPanel({
      model,
      trans,
      commands: app.commands,
      runner,
      rendermime,
      onOpenCell: (path, cell) =>
        void app.commands.execute(CommandIDs.revealLine, {
          path,
          line: cell.markerLine ?? cell.firstLine
        })
    });
    panel.id = 'jupyterlab-cellscript-sidebar';
    panel.title.icon = cellScriptIcon;
    panel.title.caption = trans.__('CellScript');
    if (toolbarRegistry && settingRegistry) {
      addSidebarToolbarItems(toolbarRegistry, app.commands, trans);
      setToolbar(
        panel,
        createToolbarFactory(
          toolbarRegistry,
          settingRegistry,
          SIDEBAR_TOOLBAR,
          PLUGIN_ID,
          translator ?? nullTranslator
        )
      );
    }
    // Run All and the other script commands act only on a script that can run: tell menus
    // and toolbars when that changes (the runner's own changes are told by the run commands).
    refreshWhenReadyChanges(
      app.commands,
      () => model.canRun,
      listener => {
        model.changed.connect(listener);
        return new DisposableDelegate(() => model.changed.disconnect(listener));
      }
    );
    // Commands registered by plugins that start after this one (e.g. the outputs view).
    void app.restored.then(() => app.commands.notifyCommandChanged());
    app.shell.add(panel, 'left', { rank: 600, type: 'CellScript' });
    restorer?.add(panel, STATE_KEY);

    if (state) {
      model.pathChanged.connect((_, path) => {
        void state.save(STATE_KEY, { path });
      });
      void Promise.all([state.fetch(STATE_KEY), app.restored]).then(
        ([saved]) => {
          const path = (saved as { path?: unknown } | undefined)?.path;
          if (typeof path === 'string' && model.path === null) {
            void model.setPath(path);
          }
        }
      );
    }

    /** The .py file selected in the file browser, or the active editor's script. */
    const scriptInFocus = (): string | null => {
      const browser = browsers?.tracker.currentWidget;
      if (browser) {
        for (const item of browser.selectedItems()) {
          if (item.type !== 'directory' && isPythonScriptPath(item.path)) {
            return item.path;
          }
        }
      }
      const current = labShell?.currentWidget ?? app.shell.currentWidget;
      const path = current ? docManager.contextForWidget(current)?.path : null;
      return path && isPythonScriptPath(path) ? path : null;
    };

    app.commands.addCommand(CommandIDs.openScript, {
      label: trans.__('Open in CellScript Sidebar'),
      caption: trans.__(
        'Show a Python script split into "%1" cells in the CellScript sidebar',
        model.marker
      ),
      icon: cellScriptIcon,
      describedBy: {
        args: {
          type: 'object',
          properties: { path: pathArgSchema }
        }
      },
      execute: async args => {
        let path = typeof args.path === 'string' ? args.path : scriptInFocus();
        if (!path) {
          const answer = await InputDialog.getText({
            title: trans.__('Open Script in CellScript Sidebar'),
            label: trans.__('Path of a Python script, from the server root'),
            placeholder: trans.__('examples/pipeline.py'),
            text: model.path ?? ''
          });
          path = answer.button.accept ? (answer.value ?? '').trim() : '';
        }
        if (!path) {
          return;
        }
        app.shell.activateById(panel.id);
        await model.setPath(path);
      }
    });

    app.commands.addCommand(CommandIDs.revealLine, {
      label: trans.__('Open Script at Line'),
      describedBy: {
        args: {
          type: 'object',
          properties: {
            path: pathArgSchema,
            line: { type: 'integer', minimum: 1, description: '1-based line' }
          },
          required: ['path']
        }
      },
      execute: args =>
        revealLine(
          docManager,
          String(args.path),
          typeof args.line === 'number' ? args.line : 1
        )
    });

    palette?.addItem({
      command: CommandIDs.openScript,
      category: trans.__('CellScript')
    });

    return {
      get path() {
        return model.path;
      },
      get canRun() {
        return model.canRun;
      },
      pathChanged: model.pathChanged,
      open: path => model.setPath(path),
      showExports: () => {
        app.shell.activateById(panel.id);
        panel.exportsView?.focusInput();
      },
      widget: panel,
      addSection: (widget, options) => panel.addSection(widget, options)
    };
  }
};
