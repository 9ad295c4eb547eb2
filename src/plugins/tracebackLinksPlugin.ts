import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { PageConfig, PathExt } from '@jupyterlab/coreutils';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { CommandIDs } from '../commands';
import {
  STDERR_MIME_TYPE,
  tracebackRendererFactory
} from '../editor/renderedTraceback';
import { contentsPathOf } from '../editor/tracebackLinks';

/**
 * Traceback links: in every output rendered with the app's rendermime (notebook cells, the
 * CellScript sidebar, consoles), a traceback frame whose file is under the server root opens
 * that file's editor at the frame's line (`cellscript:reveal-line`).
 */
export const tracebackLinksPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-cellscript:traceback-links',
  description:
    'Turns traceback frames of files under the server root into links that open the file at the line.',
  autoStart: true,
  requires: [IRenderMimeRegistry],
  optional: [ITranslator],
  activate: (
    app: JupyterFrontEnd,
    rendermime: IRenderMimeRegistry,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_cellscript');
    // jupyter_server writes a root under its home folder as `~/...`, as IPython writes files.
    const root = PageConfig.getOption('serverRoot');
    const factory = tracebackRendererFactory({
      contentsPath: file => (root ? contentsPathOf(file, { root }) : null),
      open: (path, line) =>
        void app.commands
          .execute(CommandIDs.revealLine, { path, line })
          .catch(reason => console.error(reason)),
      title: (path, line) =>
        trans.__('Open %1 at line %2', PathExt.basename(path), line)
    });
    // Notebooks copy the app's factories when they open: registered at start, before any.
    rendermime.addFactory(
      factory,
      rendermime.getRank(STDERR_MIME_TYPE) ?? factory.defaultRank
    );
  }
};
