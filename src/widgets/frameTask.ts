/**
 * Work done at most once a frame. Lumino's `update()` does not wait for a frame (its message
 * loop runs on a microtask, in the same task), so what must not run more than once a frame,
 * or must let the page paint first, asks for one here.
 */
export class FrameTask {
  /** @param run - the work, run at the next animation frame after `schedule()`. */
  constructor(run: () => void) {
    this._run = run;
  }

  /** Whether a run waits for the next frame. */
  get isPending(): boolean {
    return this._frame !== 0;
  }

  /** Run at the next animation frame (asking again before then changes nothing). */
  schedule(): void {
    if (this._frame === 0) {
      this._frame = requestAnimationFrame(() => {
        this._frame = 0;
        this._run();
      });
    }
  }

  /** Forget a waiting run. */
  cancel(): void {
    cancelAnimationFrame(this._frame);
    this._frame = 0;
  }

  private _run: () => void;
  private _frame = 0;
}
