import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { IEditorTracker } from '@jupyterlab/fileeditor';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { addCellScriptMagic } from '../magics/cellscriptMagic';
import {
  ICellScriptRunner,
  ICellScriptSidebar,
  IMagicRegistry,
  IScriptService,
  ISweepService
} from '../tokens';
import { cellSaverFor } from './cellSaverFor';

/** The built-in `%cellscript` / `%cs` magics. */
export const cellscriptMagicPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-cellscript:cellscript-magic',
  description:
    'Adds %cellscript (alias %cs) and %%cellscript: open, list, run, get, load, assign, export, eval, exec, save, params, vars and sweep from a notebook cell.',
  autoStart: true,
  requires: [IMagicRegistry, ICellScriptRunner, IScriptService],
  optional: [ICellScriptSidebar, IEditorTracker, ITranslator, ISweepService],
  activate: (
    app: JupyterFrontEnd,
    registry: IMagicRegistry,
    runner: ICellScriptRunner,
    scripts: IScriptService,
    sidebar: ICellScriptSidebar | null,
    editors: IEditorTracker | null,
    translator: ITranslator | null,
    sweeps: ISweepService | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_cellscript');
    const { saver } = cellSaverFor(app, scripts, editors, trans);
    addCellScriptMagic(registry, {
      runner,
      scripts,
      sidebar,
      trans,
      save: (origin, text) => saver.save(origin, text),
      sweeps
    });
  }
};
