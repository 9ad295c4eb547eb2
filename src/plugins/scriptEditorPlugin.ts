import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import {
  EditorExtensionRegistry,
  IEditorExtensionRegistry
} from '@jupyterlab/codemirror';
import { IConsoleTracker } from '@jupyterlab/console';
import { IEditorTracker } from '@jupyterlab/fileeditor';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { CommandIDs } from '../commands';
import { cellBoundaries } from '../editor/cellBoundaries';
import {
  type IScriptEditorSettings,
  ScriptEditorCells
} from '../editor/scriptEditorCells';
import { cellAt } from '../run/cellPickers';
import { ICellScriptRunner, IScriptService } from '../tokens';
import { CellTargets } from './cellTargets';

const PLUGIN_ID = 'jupyterlab-cellscript:script-editor';

/**
 * The script's own editor as a place to run cells: cell boundaries, names, actions and run
 * status drawn by a CodeMirror extension (through JupyterLab's editor extension registry);
 * Ctrl+Enter and Shift+Enter run the cell at the cursor (or the selection) in the active
 * notebook's kernel, in editors of scripts with markers.
 */
export const scriptEditorPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    "Draws a script's cells in its editor (boundaries, names, actions, run status) and runs the cell at the cursor with Ctrl+Enter and Shift+Enter.",
  autoStart: true,
  requires: [IScriptService, ICellScriptRunner, IEditorTracker],
  optional: [
    IEditorExtensionRegistry,
    ISettingRegistry,
    IConsoleTracker,
    ITranslator,
    ICommandPalette
  ],
  activate: (
    app: JupyterFrontEnd,
    scripts: IScriptService,
    runner: ICellScriptRunner,
    editors: IEditorTracker,
    registry: IEditorExtensionRegistry | null,
    settingRegistry: ISettingRegistry | null,
    consoles: IConsoleTracker | null,
    translator: ITranslator | null,
    palette: ICommandPalette | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_cellscript');
    const targets = new CellTargets({ app, editors });
    let settings: IScriptEditorSettings = {
      drawCells: true,
      cellActions: true,
      shortcutsWithConsole: false
    };

    // Non-inline editors only: notebook cells never hold a script's markers.
    registry?.addExtension({
      name: 'jupyterlab-cellscript:cells',
      factory: options =>
        options.inline
          ? null
          : EditorExtensionRegistry.createImmutableExtension(cellBoundaries())
    });

    const hasConsole = (path: string) =>
      !!consoles?.find(
        console =>
          console.sessionContext.path === path ||
          console.sessionContext.session?.path === path
      );

    const followers = new Set<ScriptEditorCells>();
    const refreshAll = () => followers.forEach(follower => follower.refresh());
    editors.widgetAdded.connect((_, widget) => {
      const follower = new ScriptEditorCells({
        widget,
        scripts,
        runner,
        trans,
        settings: () => settings,
        hasConsole,
        onAction: (path, action, cell) => {
          const args = { path, cell: { index: cell.index } };
          const command =
            action === 'run'
              ? CommandIDs.runCell
              : action === 'run-above'
                ? CommandIDs.runAbove
                : CommandIDs.loadCell;
          void app.commands.execute(command, args);
        }
      });
      followers.add(follower);
      widget.disposed.connect(() => {
        followers.delete(follower);
        follower.dispose();
      });
    });
    consoles?.widgetAdded.connect((_, console) => {
      console.sessionContext.sessionChanged.connect(refreshAll);
      console.disposed.connect(refreshAll);
      refreshAll();
    });

    if (settingRegistry) {
      void settingRegistry
        .load(PLUGIN_ID)
        .then(loaded => {
          const apply = () => {
            settings = {
              ...settings,
              ...(loaded.composite as Partial<IScriptEditorSettings>)
            };
            refreshAll();
          };
          apply();
          loaded.changed.connect(apply);
        })
        .catch(reason =>
          console.error(
            'CellScript: could not load the script editor settings; using the defaults.',
            reason
          )
        );
    }

    /** Put the cursor at the first body line of the cell after the cursor's. */
    const advance = async () => {
      const current = targets.currentEditor();
      if (!current) {
        return;
      }
      const reference = scripts.open(current.path);
      try {
        await reference.document.ready;
        const script = reference.document.snapshot().script;
        const line = current.editor.getCursorPosition().line + 1;
        const next = script.cells[cellAt(script, { line }).index + 1];
        if (next) {
          const position = {
            line: Math.min(next.firstLine - 1, current.editor.lineCount - 1),
            column: 0
          };
          current.editor.setCursorPosition(position);
          current.editor.revealPosition(position);
        }
      } catch {
        // An unreadable or empty script: the run's own notification says what is wrong.
      } finally {
        reference.dispose();
      }
    };

    app.commands.addCommand(CommandIDs.runInEditor, {
      label: args =>
        args.advance
          ? trans.__('Run Script Cell at Cursor and Advance')
          : trans.__('Run Script Cell at Cursor'),
      caption: trans.__(
        "Run the selected lines, or the cell at the cursor when nothing is selected, in the notebook's kernel"
      ),
      describedBy: {
        args: {
          type: 'object',
          properties: {
            advance: {
              type: 'boolean',
              description:
                'After running a cell, move the cursor to the next cell'
            }
          }
        }
      },
      // Enabled without a notebook too: the run then says to open one (a shortcut that
      // silently does nothing is worse).
      isEnabled: () => targets.currentEditor() !== null,
      execute: async args => {
        const current = targets.currentEditor();
        if (!current) {
          return;
        }
        const { start, end } = current.editor.getSelection();
        if (start.line !== end.line || start.column !== end.column) {
          return app.commands.execute(CommandIDs.runSelection);
        }
        const run = app.commands.execute(CommandIDs.runCell, { at: 'cursor' });
        if (args.advance) {
          await advance();
        }
        return run;
      }
    });

    const refreshCommands = () =>
      app.commands.notifyCommandChanged(CommandIDs.runInEditor);
    editors.currentChanged.connect(refreshCommands);
    palette?.addItem({
      command: CommandIDs.runInEditor,
      args: { advance: true },
      category: trans.__('CellScript')
    });
  }
};
