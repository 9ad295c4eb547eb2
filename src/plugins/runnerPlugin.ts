import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStateDB } from '@jupyterlab/statedb';
import { readScriptNow } from '../document/readScriptNow';
import { ActiveNotebookTarget } from '../run/activeNotebook';
import { keepExportsIn } from '../run/scriptExports';
import { keepParametersIn } from '../run/scriptParameters';
import { IRunSettings, ScriptRunner } from '../run/scriptRunner';
import { ICellScriptRunner, IScriptService } from '../tokens';

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
  optional: [ISettingRegistry, IStateDB, IScriptService],
  activate: (
    app: JupyterFrontEnd,
    notebooks: INotebookTracker,
    settingRegistry: ISettingRegistry | null,
    state: IStateDB | null,
    scripts: IScriptService | null
  ): ICellScriptRunner => {
    const runner = new ScriptRunner({
      targets: new ActiveNotebookTarget(notebooks),
      // Parameter values are converted against the script as it is now (unsaved text first).
      readScript: scripts ? path => readScriptNow(scripts, path) : undefined
    });
    if (state) {
      // Declared exports and parameter values outlive the page: restored under newer ones.
      void keepExportsIn(runner.exports, state);
      void keepParametersIn(runner.parameters, state);
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
