import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import {
  cellArgSchema,
  cellRefArgSchema,
  cellRefOf,
  CommandIDs,
  pathArgSchema,
  selectionOf
} from '../commands';
import type { ScriptDocument } from '../document/scriptDocument';
import { normalizeScriptPath } from '../kernel/paths';
import type { IRunResult } from '../kernel/protocol';
import type { CellSelector } from '../script';
import {
  ICellScriptRunner,
  ICellScriptSidebar,
  IScriptService
} from '../tokens';

/**
 * Commands that run a script's cells in the active notebook's kernel: run cell, run to here,
 * run all, interrupt, reset namespace. The script is `args.path`, else the sidebar's.
 */
export const runCommandsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-cellscript:run-commands',
  description:
    "Commands to run a script's cells, interrupt the kernel and reset the script's namespace.",
  autoStart: true,
  requires: [IScriptService, ICellScriptRunner],
  optional: [ICellScriptSidebar, ITranslator, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    scripts: IScriptService,
    runner: ICellScriptRunner,
    sidebar: ICellScriptSidebar | null,
    translator: ITranslator | null,
    palette: ICommandPalette | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_cellscript');
    const category = trans.__('CellScript');

    const pathOf = (args: ReadonlyPartialJSONObject): string | null =>
      typeof args.path === 'string' && args.path.trim() !== ''
        ? normalizeScriptPath(args.path)
        : (sidebar?.path ?? null);

    const hasScript = (args: ReadonlyPartialJSONObject) =>
      pathOf(args) !== null && runner.target !== null;

    /**
     * Do something with the script of `args` (its document read); a failure becomes a
     * notification that names the script and says what went wrong.
     */
    const withScript = async <T>(
      args: ReadonlyPartialJSONObject,
      failure: (path: string, reason: string) => string,
      action: (document: ScriptDocument) => Promise<T>
    ): Promise<T | undefined> => {
      const path = pathOf(args);
      if (!path) {
        Notification.warning(
          trans.__(
            'Choose a script first: open one in the CellScript sidebar or pass a path.'
          ),
          { autoClose: 5000 }
        );
        return;
      }
      const reference = scripts.open(path);
      try {
        await reference.document.ready;
        return await action(reference.document);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        Notification.error(failure(path, reason), { autoClose: false });
        return;
      } finally {
        reference.dispose();
      }
    };

    /** Run selected cells of the script. */
    const run = (
      args: ReadonlyPartialJSONObject,
      selection: CellSelector[]
    ): Promise<IRunResult | undefined> =>
      withScript(
        args,
        (path, reason) => trans.__('Could not run %1: %2', path, reason),
        document => runner.run(document, selection)
      );

    const withPath = {
      type: 'object',
      properties: { path: pathArgSchema }
    } as const;
    const withCell = {
      type: 'object',
      properties: { path: pathArgSchema, cell: cellArgSchema },
      required: ['cell']
    } as const;
    const withOneCell = {
      type: 'object',
      properties: { path: pathArgSchema, cell: cellRefArgSchema },
      required: ['cell']
    } as const;

    app.commands.addCommand(CommandIDs.runCell, {
      label: trans.__('Run Script Cell'),
      caption: trans.__("Run one cell of the script in the notebook's kernel"),
      describedBy: { args: withCell },
      isEnabled: hasScript,
      execute: args => run(args, [selectionOf(args.cell)])
    });

    app.commands.addCommand(CommandIDs.runTo, {
      label: trans.__('Run Script Cells up to Here'),
      caption: trans.__(
        'Run every code cell of the script up to and including this one'
      ),
      describedBy: { args: withOneCell },
      isEnabled: hasScript,
      // A range from the first cell to this one: an index stays an index, a name a name.
      execute: args => run(args, [{ to: cellRefOf(args.cell) }])
    });

    app.commands.addCommand(CommandIDs.runAll, {
      label: trans.__('Run All Script Cells'),
      caption: trans.__(
        "Run every code cell of the script in the notebook's kernel"
      ),
      describedBy: { args: withPath },
      isEnabled: hasScript,
      execute: args => run(args, [])
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
      execute: args =>
        withScript(
          args,
          (path, reason) => trans.__('Could not reset %1: %2', path, reason),
          document => runner.reset(document.path)
        )
    });

    for (const command of [
      CommandIDs.runAll,
      CommandIDs.interrupt,
      CommandIDs.resetNamespace
    ]) {
      palette?.addItem({ command, category });
    }
  }
};
