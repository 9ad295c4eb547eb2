/**
 * The pace of re-reads after edits: one re-read per wait however many keystrokes come, the
 * first wait about a frame, later waits twice what the last re-read cost (a frame to
 * 150 ms), so a small script reaches the sidebar at once and typing in a big one stays cheap.
 */
import { EditPacer } from '../../../src/document/editPacer';
import { fakeAnimationFrames, type IFakeFrames } from '../fakeFrames';

describe('EditPacer', () => {
  let clock: number;
  let cost: number;
  let parsed: boolean;
  let reads: number;
  let pacer: EditPacer;

  beforeEach(() => {
    jest.useFakeTimers();
    clock = 0;
    cost = 1;
    parsed = true;
    reads = 0;
    pacer = new EditPacer(
      () => {
        reads++;
        clock += cost;
        return parsed;
      },
      { now: () => clock }
    );
  });
  afterEach(() => {
    pacer.dispose();
    jest.useRealTimers();
  });

  it('reads once a frame after the first edit, however many edits come meanwhile', () => {
    expect(pacer.delay).toBe(16);
    pacer.edited();
    jest.advanceTimersByTime(10);
    pacer.edited();
    pacer.edited();
    expect(reads).toBe(0);
    jest.advanceTimersByTime(6);
    expect(reads).toBe(1);
    expect(pacer.isPending).toBe(false);
  });

  it('does not let steady typing push the read back', () => {
    for (let t = 0; t < 100; t += 5) {
      pacer.edited();
      jest.advanceTimersByTime(5);
    }
    // 100 ms of a keystroke every 5 ms: read every 16 ms, not once at the end.
    expect(reads).toBeGreaterThanOrEqual(5);
  });

  it.each([
    [0.5, 16],
    [10, 20],
    [30, 60],
    [200, 150]
  ])('after a read that cost %p ms it waits %p ms', (readCost, wait) => {
    cost = readCost;
    pacer.edited();
    jest.advanceTimersByTime(16);
    expect(pacer.delay).toBe(wait);
    pacer.edited();
    jest.advanceTimersByTime(wait - 1);
    expect(reads).toBe(1);
    jest.advanceTimersByTime(1);
    expect(reads).toBe(2);
  });

  it('keeps its pace when a read found nothing new to parse', () => {
    cost = 30;
    pacer.edited();
    jest.advanceTimersByTime(16);
    expect(pacer.delay).toBe(60);
    parsed = false;
    cost = 0;
    pacer.edited();
    jest.advanceTimersByTime(60);
    expect(reads).toBe(2);
    expect(pacer.delay).toBe(60);
  });

  it('reads nothing once disposed', () => {
    pacer.edited();
    pacer.dispose();
    jest.advanceTimersByTime(1000);
    pacer.edited();
    jest.advanceTimersByTime(1000);
    expect(reads).toBe(0);
    expect(pacer.isDisposed).toBe(true);
  });
});

describe('EditPacer at the next frame', () => {
  let frames: Array<() => void>;
  let reads: number;
  let cost: number;
  let clock: number;
  let pacer: EditPacer;

  beforeEach(() => {
    jest.useFakeTimers();
    frames = [];
    reads = 0;
    cost = 1;
    clock = 0;
    pacer = new EditPacer(
      () => {
        reads++;
        clock += cost;
        return true;
      },
      {
        now: () => clock,
        nextFrame: run => {
          frames.push(run);
          return () => frames.splice(frames.indexOf(run), 1);
        }
      }
    );
  });
  afterEach(() => {
    pacer.dispose();
    jest.useRealTimers();
  });

  const frame = () => frames.splice(0).forEach(run => run());

  it('reads a cheap script at the next frame, once for all the edits before it', () => {
    pacer.edited();
    pacer.edited();
    jest.advanceTimersByTime(1000);
    expect(reads).toBe(0);
    frame();
    expect(reads).toBe(1);
    expect(pacer.isPending).toBe(false);
    pacer.edited();
    frame();
    expect(reads).toBe(2);
  });

  it('waits by the clock once a read costs more than half a frame', () => {
    cost = 30;
    pacer.edited();
    frame();
    pacer.edited();
    expect(frames).toHaveLength(0);
    jest.advanceTimersByTime(59);
    expect(reads).toBe(1);
    jest.advanceTimersByTime(1);
    expect(reads).toBe(2);
  });

  it('cancels a read waiting for a frame when disposed', () => {
    pacer.edited();
    pacer.dispose();
    expect(frames).toHaveLength(0);
    expect(reads).toBe(0);
  });
});

describe('EditPacer with animation frames (the default)', () => {
  let frames: IFakeFrames;

  beforeEach(() => {
    jest.useFakeTimers();
    frames = fakeAnimationFrames();
  });
  afterEach(() => {
    frames.restore();
    jest.useRealTimers();
  });

  it('reads at the frame, or after 100 ms when no frame comes (a hidden page)', () => {
    let reads = 0;
    const pacer = new EditPacer(() => {
      reads++;
      return true;
    });
    pacer.edited();
    expect(frames.pending).toBe(1);
    frames.frame();
    expect(reads).toBe(1);
    jest.advanceTimersByTime(1000);
    expect(reads).toBe(1); // the fallback was cancelled

    pacer.edited();
    jest.advanceTimersByTime(99);
    expect(reads).toBe(1);
    jest.advanceTimersByTime(1);
    expect(reads).toBe(2);
    expect(frames.pending).toBe(0); // the frame was cancelled
    pacer.dispose();
  });
});
