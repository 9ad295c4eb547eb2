/** Errors of sweeps: a spec that cannot run, said before anything starts. */
import { CellScriptError, type ICellScriptErrorOptions } from '../script';

/** A sweep that cannot start (or go on): the message says what happened and what to do. */
export class SweepError extends CellScriptError {
  constructor(
    message: string,
    kind = 'sweep',
    options: ICellScriptErrorOptions = {}
  ) {
    super(message, kind, options);
    // A string, not the class's name: a production build renames classes.
    this.name = 'SweepError';
  }
}
