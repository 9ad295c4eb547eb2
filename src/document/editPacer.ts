/**
 * When to re-read an editor's text after an edit. Pure timing: no DOM, no JupyterLab.
 */
import type { IDisposable } from '@lumino/disposable';

/** Shortest wait after an edit: about a frame, so a burst of keystrokes is read once. */
const MIN_DELAY_MS = 16;
/**
 * A read that waits for the next frame runs after this long if no frame comes first (a
 * hidden page paints none).
 */
const FRAME_FALLBACK_MS = 100;
/** Longest wait, for scripts whose re-read costs a lot (the fixed delay this replaced). */
const MAX_DELAY_MS = 150;
/**
 * The wait is this many times the last re-read's cost (the parse and the listeners it woke,
 * the sidebar among them): while the user types, re-reads take at most a third of the time.
 */
const COST_FACTOR = 2;

/**
 * Paces the re-reads of a script's editor text: the first edit after a re-read starts one
 * wait, later edits join it (a keystroke does not push the re-read back, so the sidebar
 * follows typing within one wait), and the wait scales with what the last re-read cost
 * (the parse and whoever listens to it), between about a frame and 150 ms: a small script
 * follows at once, a big one is re-read less often while the user types.
 *
 * The shortest wait is the next animation frame, where there are frames: the re-read then
 * runs just before the page paints, and what it changes (the sidebar's rows) shows in that
 * same frame instead of one frame later.
 */
export class EditPacer implements IDisposable {
  /**
   * @param read - the re-read; its synchronous cost paces the next wait, unless it returns
   *   false (it found nothing new to parse: its cost says nothing of the next one).
   * @param options - timing, for tests.
   */
  constructor(read: () => boolean, options: EditPacer.IOptions = {}) {
    this._read = read;
    this._now = options.now ?? (() => performance.now());
    this._minDelay = options.minDelay ?? MIN_DELAY_MS;
    this._maxDelay = options.maxDelay ?? MAX_DELAY_MS;
    this._nextFrame = options.nextFrame ?? defaultNextFrame(this._minDelay);
    this._delay = this._minDelay;
  }

  /** The wait after the next edit, in milliseconds. */
  get delay(): number {
    return this._delay;
  }

  /** Whether a re-read is waiting. */
  get isPending(): boolean {
    return this._cancel !== null;
  }

  /** Whether the pacer is disposed. */
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** The text was edited: re-read after the current wait (one re-read per wait). */
  edited(): void {
    if (this._isDisposed || this._cancel !== null) {
      return;
    }
    if (this._delay <= this._minDelay) {
      this._cancel = this._nextFrame(() => this._fire());
    } else {
      const timer = setTimeout(() => this._fire(), this._delay);
      this._cancel = () => clearTimeout(timer);
    }
  }

  /** Cancel a waiting re-read. Idempotent. */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._cancel?.();
    this._cancel = null;
  }

  private _fire(): void {
    this._cancel = null;
    if (this._isDisposed) {
      return;
    }
    const start = this._now();
    if (this._read()) {
      const cost = this._now() - start;
      this._delay = Math.min(
        this._maxDelay,
        Math.max(this._minDelay, Math.round(COST_FACTOR * cost))
      );
    }
  }

  private _read: () => boolean;
  private _now: () => number;
  private _minDelay: number;
  private _maxDelay: number;
  private _nextFrame: EditPacer.NextFrame;
  private _delay: number;
  /** Cancels the waiting re-read (null: none waits). */
  private _cancel: (() => void) | null = null;
  private _isDisposed = false;
}

/**
 * The next animation frame, or the fallback time if none comes first; where there are no
 * frames (Node), the shortest wait.
 */
function defaultNextFrame(minDelay: number): EditPacer.NextFrame {
  if (typeof requestAnimationFrame !== 'function') {
    return run => {
      const timer = setTimeout(run, minDelay);
      return () => clearTimeout(timer);
    };
  }
  return run => {
    const cancel = () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
    const once = () => {
      cancel();
      run();
    };
    const frame = requestAnimationFrame(once);
    const timer = setTimeout(once, FRAME_FALLBACK_MS);
    return cancel;
  };
}

/** Types for EditPacer. */
export namespace EditPacer {
  /** Runs a function at the next frame; returns what cancels it. */
  export type NextFrame = (run: () => void) => () => void;

  /** Timing options (defaults: a frame to 150 ms, performance.now). */
  export interface IOptions {
    /** The clock, in milliseconds. */
    now?: () => number;
    /** Shortest wait. */
    minDelay?: number;
    /** Longest wait. */
    maxDelay?: number;
    /**
     * How the shortest wait is waited (default: the next animation frame, at most 100 ms;
     * without frames, `minDelay`).
     */
    nextFrame?: NextFrame;
  }
}
