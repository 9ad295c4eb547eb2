/**
 * Work done at most once a frame: asking again before the frame changes nothing, and a
 * cancelled run does not happen.
 */
import { FrameTask } from '../../../src/widgets/frameTask';
import { fakeAnimationFrames, type IFakeFrames } from '../fakeFrames';

describe('FrameTask', () => {
  let frames: IFakeFrames;
  const frame = () => frames.frame();

  beforeEach(() => {
    frames = fakeAnimationFrames();
  });
  afterEach(() => frames.restore());

  it('runs once at the next frame however often it is asked', () => {
    let runs = 0;
    const task = new FrameTask(() => runs++);
    task.schedule();
    task.schedule();
    task.schedule();
    expect(runs).toBe(0);
    expect(task.isPending).toBe(true);
    frame();
    expect(runs).toBe(1);
    expect(task.isPending).toBe(false);
    frame();
    expect(runs).toBe(1);
  });

  it('can be asked again from its own run, for the frame after', () => {
    let runs = 0;
    const task: FrameTask = new FrameTask(() => {
      if (++runs < 3) {
        task.schedule();
      }
    });
    task.schedule();
    frame();
    expect(runs).toBe(1);
    frame();
    frame();
    frame();
    expect(runs).toBe(3);
  });

  it('does not run once cancelled', () => {
    let runs = 0;
    const task = new FrameTask(() => runs++);
    task.schedule();
    task.cancel();
    frame();
    expect(runs).toBe(0);
    expect(task.isPending).toBe(false);
  });
});
