/**
 * Errors of the script model. Each has a stable `kind` (for code) and a message in the user's
 * words that names the script line and says what to do (for people).
 */

/** Options common to every script model error. */
export interface ICellScriptErrorOptions {
  /** 1-based script line the error is about. */
  line?: number;
}

/** Base class of every error the script model throws. */
export class CellScriptError extends Error {
  /** A stable machine-readable kind, e.g. `'cell-not-found'`. */
  readonly kind: string;
  /** 1-based script line the error is about, when there is one (absent, not undefined, otherwise). */
  declare readonly line?: number;

  constructor(
    message: string,
    kind = 'cellscript',
    options: ICellScriptErrorOptions = {}
  ) {
    super(message);
    // Each subclass names itself with a string: a production build renames classes.
    this.name = 'CellScriptError';
    this.kind = kind;
    if (options.line !== undefined) {
      (this as { line?: number }).line = options.line;
    }
  }
}

/** The script cannot be parsed with the given options (e.g. an invalid marker). */
export class ScriptParseError extends CellScriptError {
  constructor(message: string, options: ICellScriptErrorOptions = {}) {
    super(message, 'parse', options);
    this.name = 'ScriptParseError';
  }
}

/** The script's bytes are not valid UTF-8. */
export class ScriptEncodingError extends CellScriptError {
  /** 1-based column (in characters) of the first invalid byte on its line. */
  readonly column: number;
  /** 0-based byte offset of the first invalid byte in the file. */
  readonly byteOffset: number;

  constructor(
    message: string,
    line: number,
    column: number,
    byteOffset: number
  ) {
    super(message, 'encoding', { line });
    this.name = 'ScriptEncodingError';
    this.column = column;
    this.byteOffset = byteOffset;
  }
}

/** A cell summary used in selection errors. */
export interface ICellSummary {
  index: number;
  name: string | null;
  /** 1-based line of the marker (or first line of an unmarked cell). */
  line: number;
}

/** No cell matches a name, prefix or tag. */
export class CellNotFoundError extends CellScriptError {
  /** The names (or tags, for a tag selector) there are, in script order. */
  readonly available: string[];

  constructor(
    message: string,
    available: string[],
    options: ICellScriptErrorOptions = {}
  ) {
    super(message, 'cell-not-found', options);
    this.name = 'CellNotFoundError';
    this.available = available;
  }
}

/** Several cells match a name or prefix. */
export class AmbiguousCellError extends CellScriptError {
  /** The cells that match, in script order. */
  readonly matches: ICellSummary[];

  constructor(message: string, matches: ICellSummary[]) {
    super(message, 'ambiguous-cell', { line: matches[0]?.line });
    this.name = 'AmbiguousCellError';
    this.matches = matches;
  }
}

/** A cell index is outside the script. */
export class CellIndexError extends CellScriptError {
  /** How many cells the script has. */
  readonly cellCount: number;

  constructor(message: string, cellCount: number) {
    super(message, 'cell-index');
    this.name = 'CellIndexError';
    this.cellCount = cellCount;
  }
}

/** A selector is malformed (empty, not an integer, a reversed range). */
export class CellSelectorError extends CellScriptError {
  constructor(message: string, options: ICellScriptErrorOptions = {}) {
    super(message, 'invalid-selector', options);
    this.name = 'CellSelectorError';
  }
}

/** A parameter value cannot be converted to the parameter's type, or is missing. */
export class ParameterError extends CellScriptError {
  /** The parameter's key. */
  readonly parameter: string;

  constructor(
    message: string,
    parameter: string,
    options: ICellScriptErrorOptions = {}
  ) {
    super(message, 'parameter', options);
    this.name = 'ParameterError';
    this.parameter = parameter;
  }
}

/** Write-back refused: the cell changed in the script since it was loaded. */
export class WriteBackConflictError extends CellScriptError {
  /** The hash the cell had when it was loaded. */
  readonly expectedHash: string;
  /** The hash the cell has now. */
  readonly actualHash: string;

  constructor(
    message: string,
    line: number,
    expectedHash: string,
    actualHash: string
  ) {
    super(message, 'write-back-conflict', { line });
    this.name = 'WriteBackConflictError';
    this.expectedHash = expectedHash;
    this.actualHash = actualHash;
  }
}

/** Describes a cell for messages: `'Train' (cell 2, line 14)` or `cell 0 (line 1)`. */
export function describeCell(cell: ICellSummary): string {
  const label =
    cell.name === null ? `unnamed cell ${cell.index}` : `'${cell.name}'`;
  return cell.name === null
    ? `${label} (line ${cell.line})`
    : `${label} (cell ${cell.index}, line ${cell.line})`;
}
