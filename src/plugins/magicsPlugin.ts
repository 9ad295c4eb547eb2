import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { Notification, type ISessionContext } from '@jupyterlab/apputils';
import {
  INotebookCellExecutor,
  KernelError,
  NotebookPanel,
  runCell
} from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { MagicCellExecutor } from '../magics/cellExecutor';
import { MagicRegistry } from '../magics/registry';
import { IMagicRegistry } from '../tokens';
import { CommandIDs } from '../commands';

/** The commands that interrupt the current notebook's kernel (JupyterLab's and ours). */
const INTERRUPT_COMMANDS = new Set([
  'notebook:interrupt-kernel',
  'kernelmenu:interrupt',
  CommandIDs.interrupt
]);

/** The frontend magic registry: other extensions add their magics through IMagicRegistry. */
export const magicRegistryPlugin: JupyterFrontEndPlugin<IMagicRegistry> = {
  id: 'jupyterlab-cellscript:magics',
  description:
    'Provides the registry of frontend line and cell magics (run in the page, nothing installed in the kernel).',
  autoStart: true,
  provides: IMagicRegistry,
  activate: (): IMagicRegistry => new MagicRegistry()
};

/**
 * The notebook cell executor: cells with a frontend magic run in the page, every other cell
 * as JupyterLab runs it. Replaces `@jupyterlab/notebook-extension:cell-executor` (disabled in
 * package.json); another extension providing an executor too would win or lose silently.
 */
export const cellExecutorPlugin: JupyterFrontEndPlugin<INotebookCellExecutor> =
  {
    id: 'jupyterlab-cellscript:cell-executor',
    description:
      "Runs notebook cells: a cell with a frontend magic (%cellscript, or one another extension added) runs in the page; every other cell as JupyterLab's own executor runs it.",
    autoStart: true,
    provides: INotebookCellExecutor,
    requires: [IMagicRegistry],
    optional: [ISettingRegistry, ITranslator],
    activate: (
      app: JupyterFrontEnd,
      registry: IMagicRegistry,
      settingRegistry: ISettingRegistry | null,
      translator: ITranslator | null
    ): INotebookCellExecutor => {
      const trans = (translator ?? nullTranslator).load(
        'jupyterlab_cellscript'
      );
      let enabled = true;
      if (settingRegistry) {
        void settingRegistry
          .load(cellExecutorPlugin.id)
          .then(settings => {
            const apply = () => {
              enabled = settings.composite.frontendMagics !== false;
            };
            apply();
            settings.changed.connect(apply);
          })
          .catch(reason =>
            console.error(
              'CellScript: could not load the frontend magics setting; magics stay on.',
              reason
            )
          );
      }
      const executor = new MagicCellExecutor({
        registry,
        fallback: runCell,
        kernelError: content => new KernelError(content),
        notebookOf: cell => {
          const panel = cell.parent?.parent;
          return panel instanceof NotebookPanel ? panel : null;
        },
        enabled: () => enabled,
        onMagicOff: magic =>
          Notification.warning(
            trans.__(
              'Frontend magics are turned off (Settings › CellScript: frontend magics), so %1 went to the kernel, which does not know it. Turn them on to run it.',
              magic
            ),
            { autoClose: 8000 }
          )
      });
      app.commands.commandExecuted.connect((_, { id }) => {
        if (INTERRUPT_COMMANDS.has(id)) {
          const current = app.shell.currentWidget as {
            sessionContext?: ISessionContext;
          } | null;
          if (current?.sessionContext) {
            executor.interrupt(current.sessionContext);
          }
        }
      });
      return executor;
    }
  };
