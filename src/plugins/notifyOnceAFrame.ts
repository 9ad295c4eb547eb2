import type { CommandRegistry } from '@lumino/commands';
import { FrameTask } from '../widgets/frameTask';

/**
 * A function that tells menus and toolbars to ask again about these commands (label,
 * enabled), at the next frame and once however often it is called before then: what they
 * depend on (the kernel's status) changes at every request of a run, and each time every
 * toolbar button re-renders.
 */
export function notifyOnceAFrame(
  commands: CommandRegistry,
  ids: readonly string[]
): () => void {
  const task = new FrameTask(() =>
    ids.forEach(id => commands.notifyCommandChanged(id))
  );
  return () => task.schedule();
}
