import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { Clipboard, ICommandPalette, Notification } from '@jupyterlab/apputils';
import { IEditorTracker } from '@jupyterlab/fileeditor';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import {
  cellArgSchema,
  CommandIDs,
  pathArgSchema,
  selectionOf
} from '../commands';
import type { ScriptDocument } from '../document/scriptDocument';
import {
  type ISelectedLines,
  selectedLines,
  linesPicker
} from '../editor/selectionRun';
import {
  cellAt,
  cellAtPicker,
  type CellPicker,
  cellsAbove,
  cellsBelow,
  cellsUpTo,
  changedCells
} from '../run/cellPickers';
import type { CellSelector, IScriptCell } from '../script';
import {
  ICellScriptRunner,
  ICellScriptSidebar,
  IScriptService
} from '../tokens';
import { atArgSchema, CellTargets, type ICellTarget } from './cellTargets';
import { notifyOnceAFrame } from './notifyOnceAFrame';
import { chooseScriptNotice, RunNotices } from './runNotices';

/**
 * Commands that run a script's cells in the active notebook's kernel (cell, to here, above,
 * below, all, changed), interrupt, reset the namespace, and act on one cell (reveal it, copy
 * its name). The script is `args.path`, else the sidebar's; the cell is `args.cell`, else the
 * sidebar cell a context menu was opened on (`at: 'menu'`) or the cell at the cursor of the
 * script's editor (`at: 'cursor'`).
 */
export const runCommandsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-cellscript:run-commands',
  description:
    "Commands to run a script's cells, interrupt the kernel and reset the script's namespace; the Run menu group, context menus and shortcuts.",
  autoStart: true,
  requires: [IScriptService, ICellScriptRunner],
  optional: [ICellScriptSidebar, ITranslator, ICommandPalette, IEditorTracker],
  activate: (
    app: JupyterFrontEnd,
    scripts: IScriptService,
    runner: ICellScriptRunner,
    sidebar: ICellScriptSidebar | null,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    editors: IEditorTracker | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_cellscript');
    const category = trans.__('CellScript');
    const targets = new CellTargets({ app, sidebar, editors });
    const notices = new RunNotices(trans, {
      sidebarVisible: () => sidebar?.widget.isVisible ?? false,
      show: (path, line) => {
        if (sidebar) {
          app.shell.activateById(sidebar.widget.id);
        }
        if (line !== null) {
          void app.commands.execute(CommandIDs.revealLine, { path, line });
        }
      }
    });

    /** A script to act on: the one args name, else the sidebar's when it can run. */
    const hasScript = (args: ReadonlyPartialJSONObject) =>
      targets.pathOf(args) !== null &&
      runner.target !== null &&
      ((typeof args.path === 'string' && args.path.trim() !== '') ||
        (sidebar?.canRun ?? false));
    const hasCell = (args: ReadonlyPartialJSONObject) =>
      runner.target !== null && targets.targetOf(args) !== null;
    /** Context menu and editor entries show only where they can act. */
    const isVisible = (args: ReadonlyPartialJSONObject) =>
      args.at === undefined || targets.targetOf(args) !== null;

    const chooseScript = () => chooseScriptNotice(trans);
    const chooseCell = () =>
      Notification.warning(
        trans.__(
          "Choose a cell: pass one, right-click a cell in the CellScript sidebar, or put the cursor in a cell of the script's editor."
        ),
        { autoClose: 5000 }
      );

    /** Do something with a script's document; a failure becomes a notification. */
    const withDocument = async <T>(
      path: string,
      failure: (reason: string) => string,
      action: (document: ScriptDocument) => Promise<T>
    ): Promise<T | undefined> => {
      const reference = scripts.open(path);
      try {
        await reference.document.ready;
        return await action(reference.document);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        Notification.error(failure(reason), { autoClose: false });
        return;
      } finally {
        reference.dispose();
      }
    };

    /** Do something with the cell a command's args name; a failure becomes a notification. */
    const withTargetCell = (
      args: ReadonlyPartialJSONObject,
      failure: (path: string, reason: string) => string,
      action: (cell: IScriptCell, path: string) => Promise<void> | void
    ) => {
      const target = targets.targetOf(args);
      if (!target) {
        return chooseCell();
      }
      return withDocument(
        target.path,
        reason => failure(target.path, reason),
        async document =>
          action(cellAt(document.snapshot().script, target.cell), target.path)
      );
    };

    /** Run cells of a script; tells how it ended when the sidebar cannot. */
    const run = async (
      path: string,
      selection: readonly CellSelector[] | CellPicker
    ) => {
      const reference = scripts.open(path);
      try {
        return await notices.follow(path, async () => {
          await reference.document.ready;
          return runner.run(reference.document, selection);
        });
      } finally {
        reference.dispose();
      }
    };

    /** Run what `pick` picks around the command's cell. */
    const runAround =
      (pick: (at: ICellTarget['cell']) => CellPicker) =>
      (args: ReadonlyPartialJSONObject) => {
        const target = targets.targetOf(args);
        if (!target) {
          return chooseCell();
        }
        return run(target.path, pick(target.cell));
      };

    const withPath = {
      type: 'object',
      properties: { path: pathArgSchema }
    } as const;
    const withCell = {
      type: 'object',
      properties: { path: pathArgSchema, cell: cellArgSchema, at: atArgSchema }
    } as const;

    app.commands.addCommand(CommandIDs.runCell, {
      label: args =>
        args.at === 'cursor'
          ? trans.__('Run Script Cell at Cursor')
          : trans.__('Run Script Cell'),
      caption: trans.__("Run one cell of the script in the notebook's kernel"),
      describedBy: { args: withCell },
      isEnabled: hasCell,
      isVisible,
      execute: args => {
        if (args.cell !== undefined) {
          const path = targets.pathOf(args);
          return path ? run(path, [selectionOf(args.cell)]) : chooseScript();
        }
        return runAround(cellAtPicker)(args);
      }
    });

    app.commands.addCommand(CommandIDs.runTo, {
      label: trans.__('Run Script Cells up to Here'),
      caption: trans.__(
        'Run every code cell of the script up to and including this one'
      ),
      describedBy: { args: withCell },
      isEnabled: hasCell,
      isVisible,
      execute: runAround(cellsUpTo)
    });

    app.commands.addCommand(CommandIDs.runAbove, {
      label: trans.__('Run Script Cells Above'),
      caption: trans.__('Run every code cell of the script before this one'),
      describedBy: { args: withCell },
      isEnabled: hasCell,
      isVisible,
      execute: runAround(cellsAbove)
    });

    app.commands.addCommand(CommandIDs.runBelow, {
      label: trans.__('Run Script Cell and Below'),
      caption: trans.__(
        'Run this cell of the script and every code cell after it'
      ),
      describedBy: { args: withCell },
      isEnabled: hasCell,
      isVisible,
      execute: runAround(cellsBelow)
    });

    app.commands.addCommand(CommandIDs.runSelection, {
      label: trans.__('Run Selected Script Lines'),
      caption: trans.__(
        "Run the selected lines of the script (the cursor's line when none are selected) in the notebook's kernel"
      ),
      describedBy: {
        args: {
          type: 'object',
          properties: {
            path: pathArgSchema,
            from: {
              type: 'integer',
              minimum: 1,
              description: 'First line (1-based)'
            },
            to: {
              type: 'integer',
              minimum: 1,
              description: 'Last line (1-based, inclusive)'
            }
          }
        }
      },
      isEnabled: args =>
        runner.target !== null &&
        (typeof args.from === 'number'
          ? targets.pathOf(args) !== null
          : targets.editorSelection() !== null),
      isVisible: args =>
        typeof args.from === 'number' || targets.editorSelection() !== null,
      execute: args => {
        let target: { path: string | null; lines: ISelectedLines } | null;
        if (typeof args.from === 'number') {
          const to = typeof args.to === 'number' ? args.to : args.from;
          target = {
            path: targets.pathOf(args),
            lines: { firstLine: args.from, lastLine: Math.max(args.from, to) }
          };
        } else {
          const current = targets.editorSelection();
          target = current && {
            path: current.path,
            lines: selectedLines(current.selection)
          };
        }
        if (!target?.path) {
          return chooseScript();
        }
        const { path, lines } = target;
        return withDocument(
          path,
          reason => trans.__('Could not run lines of %1: %2', path, reason),
          document => run(path, linesPicker(document.snapshot().text, lines))
        );
      }
    });

    app.commands.addCommand(CommandIDs.runAll, {
      label: trans.__('Run All Script Cells'),
      caption: trans.__(
        "Run every code cell of the script in the notebook's kernel"
      ),
      describedBy: { args: withPath },
      isEnabled: hasScript,
      execute: args => {
        const path = targets.pathOf(args);
        return path ? run(path, []) : chooseScript();
      }
    });

    app.commands.addCommand(CommandIDs.runChanged, {
      label: trans.__('Run Changed Script Cells'),
      caption: trans.__(
        'Run the cells changed since their last run, and the cells that ran on their old results'
      ),
      describedBy: { args: withPath },
      isEnabled: hasScript,
      execute: async args => {
        const path = targets.pathOf(args);
        if (!path) {
          return chooseScript();
        }
        const result = await run(path, changedCells);
        if (result && result.cells.length === 0) {
          Notification.info(
            trans.__('No cell of %1 changed since its last run.', path),
            { autoClose: 4000 }
          );
        }
        return result;
      }
    });

    app.commands.addCommand(CommandIDs.interrupt, {
      label: trans.__('Interrupt Script Run'),
      caption: trans.__('Interrupt the kernel the script runs in'),
      describedBy: { args: withPath },
      isEnabled: () => (runner.target?.kernel ?? null) !== null,
      execute: () => runner.interrupt()
    });

    app.commands.addCommand(CommandIDs.resetNamespace, {
      label: trans.__('Reset Script Namespace'),
      caption: trans.__(
        "Forget the script's variables in the kernel; the next run starts fresh"
      ),
      describedBy: { args: withPath },
      isEnabled: hasScript,
      execute: args => {
        const path = targets.pathOf(args);
        return path
          ? withDocument(
              path,
              reason => trans.__('Could not reset %1: %2', path, reason),
              document => runner.reset(document.path)
            )
          : chooseScript();
      }
    });

    app.commands.addCommand(CommandIDs.revealCell, {
      label: trans.__('Reveal Cell in Editor'),
      caption: trans.__("Open the script's editor at this cell"),
      describedBy: { args: withCell },
      isEnabled: args => targets.targetOf(args) !== null,
      isVisible,
      execute: args =>
        withTargetCell(
          args,
          (path, reason) => trans.__('Could not open %1: %2', path, reason),
          (cell, path) =>
            app.commands.execute(CommandIDs.revealLine, {
              path,
              line: cell.markerLine ?? cell.firstLine
            })
        )
    });

    app.commands.addCommand(CommandIDs.copyCellName, {
      label: trans.__('Copy Cell Name'),
      caption: trans.__("Copy the cell's name, to run or load it by name"),
      describedBy: { args: withCell },
      isEnabled: args => targets.targetOf(args) !== null,
      isVisible,
      execute: args =>
        withTargetCell(
          args,
          (path, reason) => trans.__('Could not read %1: %2', path, reason),
          cell => {
            if (cell.name === null) {
              Notification.warning(
                trans.__(
                  'Cell %1 has no name. Name it by writing a title after its marker, e.g. "# %% Train".',
                  cell.index
                ),
                { autoClose: 5000 }
              );
              return;
            }
            Clipboard.copyToSystem(cell.name);
          }
        )
    });

    const all = [
      CommandIDs.runCell,
      CommandIDs.runTo,
      CommandIDs.runAbove,
      CommandIDs.runBelow,
      CommandIDs.runSelection,
      CommandIDs.runAll,
      CommandIDs.runChanged,
      CommandIDs.interrupt,
      CommandIDs.resetNamespace
    ];
    // What they act on changes with the active notebook (the kernel), the sidebar's script
    // and the current editor: menus and toolbars ask again, once a frame (the kernel's
    // status changes at every request of a run, and each ask re-renders the toolbars).
    const refresh = notifyOnceAFrame(app.commands, [
      ...all,
      CommandIDs.revealCell,
      CommandIDs.copyCellName
    ]);
    runner.changed.connect(refresh);
    sidebar?.pathChanged.connect(refresh);
    editors?.currentChanged.connect(refresh);

    for (const command of all) {
      palette?.addItem({ command, category });
    }
  }
};
