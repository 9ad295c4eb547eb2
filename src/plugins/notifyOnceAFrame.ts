import type { CommandRegistry } from '@lumino/commands';
import { FrameTask } from '../widgets/frameTask';

/**
 * A function that tells menus and toolbars to ask again about these commands, at the next
 * frame and once however often it is called before then, and only about the commands whose
 * label, caption, enabled, toggled or visible state (asked without arguments, as toolbar
 * buttons do) changed: what they depend on (the kernel's status) changes at every request of
 * a run, and each notice re-renders every toolbar button of the command. Menus and the
 * palette ask again whenever they open.
 */
export function notifyOnceAFrame(
  commands: CommandRegistry,
  ids: readonly string[]
): () => void {
  const shown = new Map<string, string>();
  const task = new FrameTask(() => {
    for (const id of ids) {
      if (!commands.hasCommand(id)) {
        continue;
      }
      const state = JSON.stringify([
        commands.label(id),
        commands.caption(id),
        commands.isEnabled(id),
        commands.isToggled(id),
        commands.isVisible(id)
      ]);
      if (shown.get(id) !== state) {
        shown.set(id, state);
        commands.notifyCommandChanged(id);
      }
    }
  });
  return () => task.schedule();
}
