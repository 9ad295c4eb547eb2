import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStateDB } from '@jupyterlab/statedb';
import { ActiveNotebookTarget } from '../run/activeNotebook';
import { keepExportsIn } from '../run/scriptExports';
import { IRunSettings, ScriptRunner } from '../run/scriptRunner';
import { ICellScriptRunner } from '../tokens';

/**
 * The runner: runs script cells in the active notebook's kernel, as the settings say
 * (namespace, verbose, last value), keeps each cell's last run and the declared exports.
 */
export const runnerPlugin: JupyterFrontEndPlugin<ICellScriptRunner> = {
  id: 'jupyterlab-cellscript:runner',
  description:
    "Runs script cells in the active notebook's kernel and keeps each cell's status, duration and outputs.",
  autoStart: true,
  provides: ICellScriptRunner,
  requires: [INotebookTracker],
  optional: [ISettingRegistry, IStateDB],
  activate: (
    app: JupyterFrontEnd,
    notebooks: INotebookTracker,
    settingRegistry: ISettingRegistry | null,
    state: IStateDB | null
  ): ICellScriptRunner => {
    const runner = new ScriptRunner({
      targets: new ActiveNotebookTarget(notebooks)
    });
    if (state) {
      // Declared exports outlive the page: restored under any declared meanwhile.
      void keepExportsIn(runner.exports, state);
    }
    if (settingRegistry) {
      void settingRegistry
        .load(runnerPlugin.id)
        .then(settings => {
          const apply = () =>
            runner.setSettings(
              settings.composite as unknown as Partial<IRunSettings>
            );
          apply();
          settings.changed.connect(apply);
        })
        .catch(reason => {
          console.error(
            'CellScript: could not load the run settings; using the defaults.',
            reason
          );
        });
    }
    return runner;
  }
};
