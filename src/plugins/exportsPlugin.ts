import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  ICommandPalette,
  InputDialog,
  Notification
} from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { CommandIDs, pathArgSchema } from '../commands';
import { specText } from '../kernel/exports';
import { ICellScriptRunner, ICellScriptSidebar } from '../tokens';
import { CellTargets } from './cellTargets';

/**
 * Exports as commands: declare a script's variables to copy into the notebook (at once, and
 * after every complete run), stop exporting them, show them in the sidebar. The sidebar's
 * Exports section does the same with a field and buttons.
 */
export const exportsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-cellscript:exports',
  description:
    "Commands to export a script's variables into the notebook, stop exporting them and show them.",
  autoStart: true,
  requires: [ICellScriptRunner],
  optional: [ICellScriptSidebar, ITranslator, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    runner: ICellScriptRunner,
    sidebar: ICellScriptSidebar | null,
    translator: ITranslator | null,
    palette: ICommandPalette | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_cellscript');
    const exports = runner.exports;

    const targets = new CellTargets({ app, sidebar });
    /** The script of a command: `path`, else the sidebar's. */
    const pathOf = (args: ReadonlyPartialJSONObject) => targets.pathOf(args);
    const noScript = () =>
      new Error(
        trans.__(
          'No script chosen: open one in the CellScript sidebar, or pass its path.'
        )
      );
    const stringsOf = (value: unknown): string[] | null =>
      typeof value === 'string'
        ? [value]
        : Array.isArray(value) && value.every(item => typeof item === 'string')
          ? (value as string[])
          : null;

    app.commands.addCommand(CommandIDs.exportVariables, {
      label: args =>
        args.names
          ? trans.__('Export %1', String(args.names))
          : trans.__('Export Variables…'),
      caption: trans.__(
        'Copy script variables into the notebook now and after every complete run (e.g. "loss, model_v2=model")'
      ),
      describedBy: {
        args: {
          type: 'object',
          properties: {
            path: pathArgSchema,
            names: {
              description:
                'Variables to export: "name" or "target=source", several separated by commas or spaces, or a list of them. Asked for when missing.',
              oneOf: [
                { type: 'string' },
                { type: 'array', items: { type: 'string' } }
              ]
            }
          }
        }
      },
      isEnabled: args => pathOf(args) !== null,
      execute: async args => {
        const path = pathOf(args);
        if (!path) {
          throw noScript();
        }
        let names = stringsOf(args.names);
        const asked = !names;
        if (!names) {
          const answer = await InputDialog.getText({
            title: trans.__('Export Variables of %1', path),
            label: trans.__(
              'Variables to copy into the notebook after every complete run'
            ),
            placeholder: trans.__('loss, model_v2=model')
          });
          if (!answer.button.accept || !answer.value?.trim()) {
            return;
          }
          names = [answer.value];
        }
        let declaration;
        try {
          declaration = await exports.declare(path, names);
        } catch (error) {
          if (!asked) {
            throw error; // The caller passed the names: it gets the reason.
          }
          Notification.error(
            error instanceof Error ? error.message : String(error),
            { autoClose: false }
          );
          return;
        }
        const declared = declaration.declared.map(specText).join(', ');
        if (declaration.notApplied) {
          Notification.info(
            trans.__(
              'Exporting %1 after the next complete run of %2 (%3)',
              declared,
              path,
              declaration.notApplied
            ),
            { autoClose: 8000 }
          );
        }
        return declaration;
      }
    });

    app.commands.addCommand(CommandIDs.unexportVariables, {
      label: args =>
        args.targets
          ? trans.__('Stop Exporting %1', String(args.targets))
          : trans.__('Stop Exporting All Variables'),
      caption: trans.__(
        'Stop copying script variables into the notebook; the notebook keeps the values it has'
      ),
      describedBy: {
        args: {
          type: 'object',
          properties: {
            path: pathArgSchema,
            targets: {
              description:
                'Notebook names to stop exporting (all when missing).',
              type: 'array',
              items: { type: 'string' }
            }
          }
        }
      },
      isEnabled: args => {
        const path = pathOf(args);
        return path !== null && exports.specsFor(path).length > 0;
      },
      execute: args => {
        const path = pathOf(args);
        if (!path) {
          throw noScript();
        }
        const targets = stringsOf(args.targets) ?? undefined;
        return exports.remove(path, targets);
      }
    });

    app.commands.addCommand(CommandIDs.showExports, {
      label: trans.__('Show Exports'),
      caption: trans.__("Show the script's exports in the CellScript sidebar"),
      describedBy: {
        args: { type: 'object', properties: { path: pathArgSchema } }
      },
      isEnabled: () => sidebar !== null,
      execute: async args => {
        if (!sidebar) {
          return;
        }
        const path = pathOf(args);
        if (path && path !== sidebar.path) {
          await sidebar.open(path);
        }
        sidebar.showExports();
      }
    });

    exports.changed.connect(() =>
      app.commands.notifyCommandChanged(CommandIDs.unexportVariables)
    );
    sidebar?.pathChanged.connect(() => {
      app.commands.notifyCommandChanged(CommandIDs.exportVariables);
      app.commands.notifyCommandChanged(CommandIDs.unexportVariables);
    });

    for (const command of [
      CommandIDs.exportVariables,
      CommandIDs.unexportVariables,
      CommandIDs.showExports
    ]) {
      palette?.addItem({ command, category: trans.__('CellScript') });
    }
  }
};
