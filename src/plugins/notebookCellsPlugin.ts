import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { IEditorTracker } from '@jupyterlab/fileeditor';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { CommandIDs, cellRefArgSchema, pathArgSchema } from '../commands';
import { cellAt } from '../run/cellPickers';
import { findOriginCell } from '../script';
import {
  type INotebookCellOrigin,
  notebookCellOf,
  originLabel,
  originOf,
  ORIGIN_KEY,
  readOrigin
} from '../notebook/cellOrigin';
import { type LoadTarget, loadCellIntoNotebook } from '../notebook/loadCell';
import { OriginLabels } from '../notebook/originLabels';
import { ICellScriptSidebar, IScriptService } from '../tokens';
import { atArgSchema, CellTargets } from './cellTargets';
import { cellSaverFor } from './cellSaverFor';

const LOAD_TARGETS: LoadTarget[] = ['replace-empty', 'below', 'replace'];

/** JSON schema of the arguments that name a notebook cell (save-cell, reveal-origin). */
const notebookCellArgs = {
  notebook: {
    type: 'string',
    description: 'Contents path of an open notebook (default: the current one)'
  },
  cell: {
    type: 'integer',
    minimum: 0,
    description: 'Index of the notebook cell (default: the active cell)'
  }
} as const;

/**
 * Script cells in notebooks, both ways: load a script cell into the notebook (it remembers its
 * origin and shows it), save it back into the script with a conflict check, reveal its origin.
 */
export const notebookCellsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-cellscript:notebook-cells',
  description:
    'Loads script cells into notebooks and saves them back into their script, never overwriting an edit unseen.',
  autoStart: true,
  requires: [IScriptService, INotebookTracker],
  optional: [
    ICellScriptSidebar,
    IEditorTracker,
    ISettingRegistry,
    ITranslator,
    ICommandPalette
  ],
  activate: (
    app: JupyterFrontEnd,
    scripts: IScriptService,
    notebooks: INotebookTracker,
    sidebar: ICellScriptSidebar | null,
    editors: IEditorTracker | null,
    settingRegistry: ISettingRegistry | null,
    translator: ITranslator | null,
    palette: ICommandPalette | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_cellscript');
    const targets = new CellTargets({ app, sidebar, editors });
    const { saver, files } = cellSaverFor(app, scripts, editors, trans);
    new OriginLabels(notebooks);

    let loadTarget: LoadTarget = 'replace-empty';
    if (settingRegistry) {
      void settingRegistry
        .load(notebookCellsPlugin.id)
        .then(settings => {
          const apply = () => {
            const value = settings.composite.loadTarget as LoadTarget;
            loadTarget = LOAD_TARGETS.includes(value) ? value : 'replace-empty';
          };
          apply();
          settings.changed.connect(apply);
        })
        .catch(reason =>
          console.error(
            'CellScript: could not load the notebook cell settings.',
            reason
          )
        );
    }

    /** The notebook of `args.notebook` (a path), else the current one. */
    const notebookOf = (
      args: ReadonlyPartialJSONObject
    ): NotebookPanel | null =>
      typeof args.notebook === 'string'
        ? (notebooks.find(panel => panel.context.path === args.notebook) ??
          null)
        : notebooks.currentWidget;

    /** The notebook cell of `args.cell` (an index), else the active one, with its origin. */
    const loadedCellOf = (args: ReadonlyPartialJSONObject) => {
      const panel = notebookOf(args);
      const notebook = panel?.content;
      const cell =
        notebook && typeof args.cell === 'number'
          ? notebook.widgets[args.cell]
          : notebook?.activeCell;
      if (!panel || !cell) {
        return null;
      }
      return {
        panel,
        cell,
        origin: readOrigin(cell.model.getMetadata(ORIGIN_KEY))
      };
    };

    const fail = (message: string) =>
      Notification.error(message, { autoClose: false });

    app.commands.addCommand(CommandIDs.loadCell, {
      label: args =>
        args.at === 'cursor'
          ? trans.__('Load Cell at Cursor into Notebook')
          : trans.__('Load Cell into Notebook'),
      caption: trans.__(
        'Put a script cell into the active notebook; it remembers where it came from, so it can be saved back'
      ),
      describedBy: {
        args: {
          type: 'object',
          properties: {
            path: pathArgSchema,
            cell: cellRefArgSchema,
            at: atArgSchema,
            notebook: notebookCellArgs.notebook
          }
        }
      },
      isEnabled: args =>
        notebookOf(args) !== null && targets.targetOf(args) !== null,
      execute: async args => {
        const target = targets.targetOf(args);
        if (!target) {
          Notification.warning(
            trans.__(
              "Choose a cell: right-click a cell in the CellScript sidebar, or put the cursor in a cell of the script's editor."
            ),
            { autoClose: 5000 }
          );
          return;
        }
        const panel = notebookOf(args);
        if (!panel) {
          fail(
            typeof args.notebook === 'string'
              ? trans.__(
                  '%1 is not open. Open it, then load the cell again.',
                  args.notebook
                )
              : trans.__(
                  'No notebook is open. Open a notebook to load the cell into.'
                )
          );
          return;
        }
        const reference = scripts.open(target.path);
        try {
          await reference.document.ready;
          const cell = cellAt(
            reference.document.snapshot().script,
            target.cell
          );
          await panel.context.ready;
          loadCellIntoNotebook(
            panel.content,
            { ...notebookCellOf(cell), origin: originOf(target.path, cell) },
            loadTarget
          );
          app.shell.activateById(panel.id);
        } catch (error) {
          fail(
            trans.__(
              'Could not load the cell from %1: %2',
              target.path,
              messageOf(error)
            )
          );
        } finally {
          reference.dispose();
        }
      }
    });

    app.commands.addCommand(CommandIDs.saveCell, {
      label: trans.__('Save Cell Back to Script'),
      caption: trans.__(
        'Write this notebook cell into the script cell it was loaded from, keeping the rest of the script as it is'
      ),
      describedBy: {
        args: {
          type: 'object',
          properties: notebookCellArgs
        }
      },
      isEnabled: args => !!loadedCellOf(args)?.origin,
      execute: async args => {
        const found = loadedCellOf(args);
        if (!found) {
          fail(
            trans.__(
              'No notebook cell is selected. Select the cell to save, then try again.'
            )
          );
          return;
        }
        const { cell, origin } = found;
        if (!origin) {
          fail(
            trans.__(
              'This cell was not loaded from a script, so there is nowhere to save it. Load a script cell with "Load Cell into Notebook" first, or copy this code into the script yourself.'
            )
          );
          return;
        }
        const label = originLabel(origin);
        try {
          const outcome = await saver.save(
            origin,
            cell.model.sharedModel.getSource()
          );
          switch (outcome.kind) {
            case 'cancelled':
              return;
            case 'took-script':
              cell.model.sharedModel.setSource(outcome.text);
              setOrigin(cell.model, outcome.origin);
              return;
            case 'unchanged':
              setOrigin(cell.model, outcome.origin);
              Notification.info(
                trans.__('%1 already holds this text: nothing to save.', label),
                {
                  autoClose: 4000
                }
              );
              return;
            case 'saved':
              setOrigin(cell.model, outcome.origin);
              Notification.success(
                outcome.inEditor
                  ? trans.__(
                      'Saved into %1 in its editor. Save the file to keep it.',
                      label
                    )
                  : trans.__('Saved into %1.', label),
                { autoClose: 4000 }
              );
          }
        } catch (error) {
          fail(
            trans.__(
              'Could not save into %1: %2 Nothing was written.',
              label,
              messageOf(error)
            )
          );
        }
      }
    });

    app.commands.addCommand(CommandIDs.revealOrigin, {
      label: trans.__('Reveal Cell in Script'),
      caption: trans.__(
        'Open the script this cell was loaded from, at that cell'
      ),
      describedBy: {
        args: {
          type: 'object',
          properties: notebookCellArgs
        }
      },
      isEnabled: args => !!loadedCellOf(args)?.origin,
      execute: async args => {
        const origin = loadedCellOf(args)?.origin;
        if (!origin) {
          return;
        }
        try {
          const file = await files.read(origin.path);
          const cell = findOriginCell(file.text, origin, scripts.parseOptions);
          await app.commands.execute(CommandIDs.revealLine, {
            path: origin.path,
            line: cell.markerLine ?? cell.firstLine
          });
        } catch (error) {
          fail(
            trans.__(
              'Could not show %1: %2',
              originLabel(origin),
              messageOf(error)
            )
          );
        }
      }
    });

    const followed = [
      CommandIDs.saveCell,
      CommandIDs.revealOrigin,
      CommandIDs.loadCell
    ];
    const refresh = () =>
      followed.forEach(id => app.commands.notifyCommandChanged(id));
    notebooks.activeCellChanged.connect(refresh);
    notebooks.currentChanged.connect(refresh);
    sidebar?.pathChanged.connect(refresh);

    for (const command of followed) {
      palette?.addItem({ command, category: trans.__('CellScript') });
    }
  }
};

/** Keep where a notebook cell came from in its metadata (also after a save). */
function setOrigin(
  model: { setMetadata(key: string, value: unknown): void },
  origin: INotebookCellOrigin
): void {
  model.setMetadata(ORIGIN_KEY, { ...origin });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
