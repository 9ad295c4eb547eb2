import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { IEditorTracker } from '@jupyterlab/fileeditor';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { EditorTextSource } from '../document/editorTextSource';
import { ScriptService } from '../document/scriptService';
import { parseOptionsFromSettings } from '../document/parseSettings';
import { IScriptService } from '../tokens';

/**
 * The script service: opens scripts through the contents API, follows saves, unsaved editor
 * text and changes on disk, and reads markers as the settings say.
 */
export const scriptsPlugin: JupyterFrontEndPlugin<IScriptService> = {
  id: 'jupyterlab-cellscript:scripts',
  description:
    'Opens Python scripts split into "# %%" cells through the contents API and follows their changes.',
  autoStart: true,
  provides: IScriptService,
  optional: [IEditorTracker, ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    editors: IEditorTracker | null,
    settingRegistry: ISettingRegistry | null
  ): IScriptService => {
    const unsaved = editors ? new EditorTextSource(editors) : undefined;
    const service = new ScriptService({
      contents: app.serviceManager.contents,
      unsaved
    });
    if (settingRegistry) {
      void settingRegistry
        .load(scriptsPlugin.id)
        .then(settings => {
          const apply = () =>
            service.setParseOptions(
              parseOptionsFromSettings(settings.composite)
            );
          apply();
          settings.changed.connect(apply);
        })
        .catch(reason => {
          console.error(
            'CellScript: could not load the script settings; using the defaults.',
            reason
          );
        });
    }
    return service;
  }
};
