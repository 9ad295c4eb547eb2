/**
 * Errors of the kernel side. They extend the script model's CellScriptError, so a caller can
 * catch one base class; `kind` says what happened, the message says what to do.
 */
import { CellScriptError } from '../script/errors';
import type {
  IRunResult,
  IRuntimeErrorReply,
  RuntimeErrorKind
} from './protocol';

/** Kinds of kernel-side errors. */
export type KernelErrorKind =
  | RuntimeErrorKind
  | 'no-kernel'
  | 'not-python'
  | 'kernel-restarted'
  | 'kernel-dead'
  | 'namespace-broken'
  | 'aborted'
  | 'no-reply';

/** Something went wrong talking to the kernel, or the kernel refused a request. */
export class KernelRequestError extends CellScriptError {
  /**
   * @param message - what happened and what to do, in the user's words.
   * @param kind - a stable machine-readable kind.
   * @param details - the runtime's error reply, when there was one.
   */
  constructor(
    message: string,
    kind: KernelErrorKind,
    details?: Partial<IRuntimeErrorReply>
  ) {
    super(message, kind, { line: details?.line ?? undefined });
    this.name = 'KernelRequestError';
    this.details = details ?? {};
  }

  /** The runtime's error reply (ename, evalue, file, line, traceback) when there was one. */
  readonly details: Partial<IRuntimeErrorReply>;
}

/** A run stopped at an error or an interrupt; `result` has every cell's outcome. */
export class ScriptRunError extends CellScriptError {
  /**
   * @param result - the run's result (status 'error' or 'interrupted').
   * @param cellName - name of the cell that failed, for the message.
   */
  constructor(result: IRunResult, cellName?: string | null) {
    const last = result.cells[result.cells.length - 1];
    const where = last?.error?.line
      ? ` at line ${last.error.line} of ${last.error.file}`
      : '';
    const cell = last
      ? `cell ${last.index}${cellName ? ` "${cellName}"` : ''}`
      : 'the script';
    const message =
      result.status === 'interrupted'
        ? `The run was interrupted in ${cell}${where}.`
        : `${cell} failed${where}: ${last?.error?.ename}: ${last?.error?.evalue}`;
    super(
      message.charAt(0).toUpperCase() + message.slice(1),
      `run-${result.status}`,
      {
        line: last?.error?.line ?? undefined
      }
    );
    this.name = 'ScriptRunError';
    this.result = result;
  }

  /** The run's result. */
  readonly result: IRunResult;
}
