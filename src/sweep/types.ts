/**
 * The shapes of a parameter sweep: what is asked (`ISweepOptions`), what each iteration is
 * (`ISweepIteration`) and what it gave (`IIterationResult`), and the record kept next to the
 * script (`ISweepRecord`). Plain JSON data: a record is what `<stem>.sweeps/<id>.json` holds.
 */
import type { IKernelValue } from '../kernel/protocol';
import type { JSONValue } from '../script';

/** `independent`: one parameter at a time around the nominal values; `grid`: every combination. */
export type SweepMode = 'independent' | 'grid';

/**
 * `kernel`: every iteration in a fresh kernel. `fork`: each worker kernel runs the set-up cells
 * once, then every iteration runs in a forked child of it (POSIX kernels only).
 */
export type SweepIsolation = 'kernel' | 'fork';

/** Values to sweep, per parameter key: text as typed or JSON values, converted by type. */
export type SweepValues = { readonly [key: string]: readonly unknown[] };

/** How to sweep. */
export interface ISweepOptions {
  /** Default 'independent'. */
  mode?: SweepMode;
  /** Values of parameters that are not varied (and the centre of an independent sweep). */
  nominal?: { readonly [key: string]: unknown };
  /** Names to capture: `Output(value, name=...)` names or the script's variables. */
  outputs?: readonly string[];
  /** End an iteration once every requested output is captured (default false). */
  stopAfterOutputs?: boolean;
  /** Kernels at once (default 2). */
  concurrency?: number;
  /** Default 'kernel'. */
  isolation?: SweepIsolation;
}

/** One iteration: the full set of values it assigns, and which of them the sweep varied. */
export interface ISweepIteration {
  /** Position in the plan. */
  position: number;
  /** Stable id of the combination: JSON of the varied values, keys sorted. */
  key: string;
  /** The value of every parameter the sweep sets (nominal and varied), converted. */
  values: { [key: string]: JSONValue };
  /** The swept parameters' values (all of them in a grid; one differs from nominal otherwise). */
  varied: { [key: string]: JSONValue };
}

/** How an iteration ended. `skipped`: not run (cancelled, or the set-up failed). */
export type IterationStatus = 'ok' | 'error' | 'cancelled' | 'skipped';

/** An output as the kernel describes it: exact JSON, or a repr when it is not JSON. */
export type OutputValue = IKernelValue;

/** An iteration's failure, with the full traceback at the script's lines. */
export interface IIterationError {
  ename: string;
  evalue: string;
  /** 1-based script line of the deepest frame in the script, null when none. */
  line: number | null;
  traceback: string;
}

/** What one iteration gave. */
export interface IIterationResult {
  position: number;
  key: string;
  varied: { [key: string]: JSONValue };
  values: { [key: string]: JSONValue };
  status: IterationStatus;
  /** Wall time of the iteration in the kernel, ms (0 when it did not run). */
  durationMs: number;
  /** Captured outputs by name. */
  outputs: { [name: string]: OutputValue };
  /** True when it ended early because every requested output was captured. */
  stopped?: boolean;
  error?: IIterationError;
  /** Text it printed (fork isolation; capped by the kernel). */
  text?: string;
}

/** The record of one sweep, saved as JSON next to the script. */
export interface ISweepRecord {
  /** Format version of this record. */
  format: 1;
  /** Unique id: the start time, file-name safe. */
  id: string;
  /** Contents path of the script. */
  script: string;
  startedAt: string;
  finishedAt: string | null;
  /** 'running' | 'done' | 'cancelled' | 'failed' (the sweep itself could not go on). */
  status: 'running' | 'done' | 'cancelled' | 'failed';
  /** Why the sweep stopped early, when it did. */
  message?: string;
  spec: {
    values: { [key: string]: JSONValue[] };
    mode: SweepMode;
    nominal: { [key: string]: JSONValue };
    outputs: string[];
    stopAfterOutputs: boolean;
    concurrency: number;
    isolation: SweepIsolation;
  };
  versions: { extension: string; python?: string; kernel?: string };
  iterations: IIterationResult[];
}
