/**
 * Animation frames for unit tests in Node: installs requestAnimationFrame and
 * cancelAnimationFrame on the global object; `frame()` runs the callbacks due, as the
 * browser does before a paint.
 */
export interface IFakeFrames {
  /** How many callbacks wait for the next frame. */
  readonly pending: number;
  /** Run the callbacks asked for before this call (those they ask for wait for the next). */
  frame(): void;
  /** Remove the globals. */
  restore(): void;
}

export function fakeAnimationFrames(): IFakeFrames {
  const globals = globalThis as any;
  const callbacks = new Map<number, () => void>();
  let next = 1;
  globals.requestAnimationFrame = (run: () => void) => {
    callbacks.set(next, run);
    return next++;
  };
  globals.cancelAnimationFrame = (id: number) => callbacks.delete(id);
  return {
    get pending() {
      return callbacks.size;
    },
    frame() {
      const due = [...callbacks.values()];
      callbacks.clear();
      due.forEach(run => run());
    },
    restore() {
      delete globals.requestAnimationFrame;
      delete globals.cancelAnimationFrame;
    }
  };
}
