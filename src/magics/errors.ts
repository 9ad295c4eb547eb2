/**
 * The errors of frontend magics. Each becomes the cell's error output (its name and message,
 * no JavaScript stack: these are about what the user typed, not about our code).
 */
import { CellScriptError } from '../script/errors';

/**
 * A magic was typed wrong: unknown subcommand, bad option, unbalanced quote, missing body.
 * Shown as `UsageError`, as IPython names its own.
 */
export class MagicUsageError extends CellScriptError {
  constructor(message: string) {
    super(message, 'magic-usage');
    this.name = 'UsageError';
  }
}

/** A magic cannot be registered: a bad name, or a name taken without `replace`. */
export class MagicRegistryError extends CellScriptError {
  constructor(message: string) {
    super(message, 'magic-registry');
    this.name = 'MagicRegistryError';
  }
}

/**
 * The magic failed and its cell already shows why (e.g. a script cell's traceback from the
 * kernel): the cell is marked failed, no second error is shown.
 */
export class MagicShownError extends CellScriptError {
  constructor(message: string) {
    super(message, 'magic-shown');
    this.name = 'MagicShownError';
  }
}

/** The magic was interrupted (the kernel was interrupted or restarted while it ran). */
export class MagicInterruptedError extends CellScriptError {
  constructor() {
    super(
      'The magic was interrupted. Its cell stopped; run it again when ready.',
      'magic-interrupted'
    );
    this.name = 'KeyboardInterrupt';
  }
}

/** What a magic that needs the kernel (or a magic cell's Python lines) says without one. */
export function noKernel(): MagicUsageError {
  return new MagicUsageError(
    'This notebook has no kernel. Choose one (Kernel › Change Kernel…), then run the cell again.'
  );
}
