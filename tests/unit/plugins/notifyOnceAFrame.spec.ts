/**
 * @jest-environment jsdom
 *
 * Toolbars hear about a command once a frame at most, and only when what they show of it
 * changed: a kernel going busy and idle at every request of a run re-renders nothing.
 */
import { CommandRegistry } from '@lumino/commands';
import { notifyOnceAFrame } from '../../../src/plugins/notifyOnceAFrame';
import { fakeAnimationFrames, type IFakeFrames } from '../fakeFrames';

const otherLabel = 'Other';

describe('notifyOnceAFrame', () => {
  let frames: IFakeFrames;
  let commands: CommandRegistry;
  let enabled: boolean;
  let label: string;
  let notices: string[];

  beforeEach(() => {
    frames = fakeAnimationFrames();
    commands = new CommandRegistry();
    enabled = true;
    label = 'Run All';
    notices = [];
    const describedBy = { args: { type: 'object' as const } };
    commands.addCommand('run', {
      describedBy,
      label: () => label,
      isEnabled: () => enabled,
      execute: () => undefined
    });
    commands.addCommand('other', {
      describedBy,
      label: () => otherLabel,
      execute: () => undefined
    });
    commands.commandChanged.connect((_, change) => {
      notices.push(change.id ?? '');
    });
  });
  afterEach(() => frames.restore());

  it('tells once a frame, and only about the commands that look different', () => {
    const notify = notifyOnceAFrame(commands, ['run', 'other', 'missing']);
    notify();
    notify();
    expect(notices).toEqual([]);
    frames.frame();
    expect(notices).toEqual(['run', 'other']); // first look: every command there is

    notices = [];
    for (let i = 0; i < 10; i++) {
      notify(); // busy, idle, busy, … : nothing a toolbar shows
      frames.frame();
    }
    expect(notices).toEqual([]);

    enabled = false;
    notify();
    frames.frame();
    expect(notices).toEqual(['run']);

    label = 'Run All (2)';
    notify();
    frames.frame();
    expect(notices).toEqual(['run', 'run']);
  });
});
