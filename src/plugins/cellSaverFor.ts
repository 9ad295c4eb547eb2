import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { IEditorTracker } from '@jupyterlab/fileeditor';
import type { TranslationBundle } from '@jupyterlab/translation';
import { CellSaver } from '../notebook/cellSaver';
import { askOnConflict } from '../notebook/conflictDialog';
import { ScriptFiles } from '../notebook/scriptFiles';
import type { IScriptService } from '../tokens';

/**
 * The saver of notebook cells into scripts, as the page needs it: through the contents API or
 * a script's open editor, asking in a dialog when the script cell changed meanwhile.
 */
export function cellSaverFor(
  app: JupyterFrontEnd,
  scripts: IScriptService,
  editors: IEditorTracker | null,
  trans: TranslationBundle
): { saver: CellSaver; files: ScriptFiles } {
  const files = new ScriptFiles({
    contents: app.serviceManager.contents,
    editors
  });
  const saver = new CellSaver({
    files,
    parseOptions: () => scripts.parseOptions,
    ask: conflict => askOnConflict(trans, conflict)
  });
  return { saver, files };
}
