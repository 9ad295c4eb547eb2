import type { IToolbarWidgetRegistry } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import {
  cleaningIcon,
  CommandToolbarButton,
  fastForwardIcon,
  type LabIcon,
  listIcon,
  runIcon,
  stopIcon
} from '@jupyterlab/ui-components';
import type { CommandRegistry } from '@lumino/commands';
import type { IDisposable } from '@lumino/disposable';
import { CommandIDs } from '../commands';

/** The toolbar's name in `jupyter.lab.toolbars` (schema/sidebar.json). */
export const SIDEBAR_TOOLBAR = 'CellScriptSidebar';

/** The sidebar's own toolbar items by their schema name: command, icon, short label. */
const ITEMS: Array<{
  name: string;
  command: string;
  icon: LabIcon;
  label: (trans: TranslationBundle) => string;
}> = [
  {
    name: 'run-all',
    command: CommandIDs.runAll,
    icon: fastForwardIcon,
    label: trans => trans.__('Run all')
  },
  {
    name: 'run-changed',
    command: CommandIDs.runChanged,
    icon: runIcon,
    label: trans => trans.__('Run changed')
  },
  {
    name: 'interrupt',
    command: CommandIDs.interrupt,
    icon: stopIcon,
    label: trans => trans.__('Interrupt')
  },
  {
    name: 'reset-namespace',
    command: CommandIDs.resetNamespace,
    icon: cleaningIcon,
    label: trans => trans.__('Reset')
  },
  {
    name: 'show-outputs',
    command: CommandIDs.showOutputs,
    icon: listIcon,
    label: trans => trans.__('Outputs')
  }
];

/**
 * Teach the toolbar registry the sidebar's items: command buttons with an icon, a short
 * visible label and the command's caption as tooltip. Which items show, and in what order,
 * comes from the settings (`jupyter.lab.toolbars` → `CellScriptSidebar`). A button whose
 * command is not registered (no outputs view installed) renders nothing.
 */
export function addSidebarToolbarItems(
  registry: IToolbarWidgetRegistry,
  commands: CommandRegistry,
  trans: TranslationBundle
): void {
  for (const item of ITEMS) {
    registry.addFactory(SIDEBAR_TOOLBAR, item.name, () => {
      const button = new CommandToolbarButton({
        commands,
        id: item.command,
        icon: item.icon,
        label: item.label(trans),
        caption: undefined
      });
      button.addClass('jp-CellScript-toolbarButton');
      return button;
    });
  }
}

/** The commands of the sidebar's toolbar and rows, to refresh when its script changes. */
export const SIDEBAR_COMMANDS = [
  ...ITEMS.map(item => item.command),
  CommandIDs.runCell,
  CommandIDs.runTo,
  CommandIDs.loadCell
];

/**
 * Ask menus and toolbars to re-read the sidebar's commands (enabled or not) whenever
 * `isReady()` flips; also once now, for commands registered after the toolbar was built.
 */
export function refreshWhenReadyChanges(
  commands: CommandRegistry,
  isReady: () => boolean,
  subscribe: (listener: () => void) => IDisposable
): IDisposable {
  let ready = isReady();
  const notify = () =>
    SIDEBAR_COMMANDS.forEach(id => {
      if (commands.hasCommand(id)) {
        commands.notifyCommandChanged(id);
      }
    });
  notify();
  return subscribe(() => {
    const now = isReady();
    if (now !== ready) {
      ready = now;
      notify();
    }
  });
}
