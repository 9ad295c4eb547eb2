import { exportsPlugin } from './plugins/exportsPlugin';
import { cellscriptMagicPlugin } from './plugins/cellscriptMagicPlugin';
import {
  cellExecutorPlugin,
  magicRegistryPlugin
} from './plugins/magicsPlugin';
import { notebookCellsPlugin } from './plugins/notebookCellsPlugin';
import { parametersPlugin } from './plugins/parametersPlugin';
import { outputsPlugin } from './plugins/outputsPlugin';
import { runCommandsPlugin } from './plugins/runCommandsPlugin';
import { runnerPlugin } from './plugins/runnerPlugin';
import { scriptEditorPlugin } from './plugins/scriptEditorPlugin';
import { scriptsPlugin } from './plugins/scriptsPlugin';
import { sidebarPlugin } from './plugins/sidebarPlugin';
import { sweepPlugin } from './plugins/sweepPlugin';
import { tracebackLinksPlugin } from './plugins/tracebackLinksPlugin';

export * from './tokens';

/** The plugins of jupyterlab-cellscript, one per concern. */
export default [
  scriptsPlugin,
  runnerPlugin,
  sidebarPlugin,
  runCommandsPlugin,
  notebookCellsPlugin,
  exportsPlugin,
  parametersPlugin,
  scriptEditorPlugin,
  tracebackLinksPlugin,
  outputsPlugin,
  magicRegistryPlugin,
  cellExecutorPlugin,
  cellscriptMagicPlugin,
  sweepPlugin
];
