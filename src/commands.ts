import type { CellRef, CellSelector } from './script';

/**
 * Command IDs, in one place. Every command takes explicit args so it can be scripted.
 */
export namespace CommandIDs {
  /** Show a script in the CellScript sidebar. Args: `{ path?: string }`. */
  export const openScript = 'cellscript:open-script';
  /** Open a script in the editor at a line. Args: `{ path: string, line?: number }`. */
  export const revealLine = 'cellscript:reveal-line';
  /**
   * Run cells. Args: `{ path?: string, cell }` with `cell` a structured selection
   * (`{ index }`, `{ name }`, `{ from?, to? }`, `{ tag }`), an index, or selector text.
   */
  export const runCell = 'cellscript:run-cell';
  /**
   * Run every code cell up to and including one. Args: `{ path?, cell }` with `cell`
   * `{ index }`, `{ name }`, an index or a name.
   */
  export const runTo = 'cellscript:run-to';
  /** Run every code cell of the script. Args: `{ path?: string }`. */
  export const runAll = 'cellscript:run-all';
  /** Run every code cell before one (not the cell itself). Args: `{ path?, cell }`. */
  export const runAbove = 'cellscript:run-above';
  /** Run one code cell and every code cell after it. Args: `{ path?, cell }`. */
  export const runBelow = 'cellscript:run-below';
  /**
   * Run the cells changed since their last run and the cells after them that ran on their
   * old results. Args: `{ path?: string }`.
   */
  export const runChanged = 'cellscript:run-changed';
  /**
   * Run lines of a script, dedented, at their real lines, as part of the cell they start in.
   * Args: `{ path?, from?, to? }` (1-based, inclusive); without lines, the selection of the
   * script's editor (the cursor's line when nothing is selected).
   */
  export const runSelection = 'cellscript:run-selection';
  /**
   * In a script's editor: run the selection, or the cell at the cursor when nothing is
   * selected. Args: `{ advance?: boolean }` to move the cursor to the next cell after a cell.
   */
  export const runInEditor = 'cellscript:run-in-editor';
  /** Interrupt the kernel scripts run in. */
  export const interrupt = 'cellscript:interrupt';
  /** Drop the script's namespace in the kernel. Args: `{ path?: string }`. */
  export const resetNamespace = 'cellscript:reset-namespace';
  /**
   * Load a script cell into the active notebook. Args: `{ path?, cell?, notebook? }`; without
   * `cell`, the cell at the cursor of the script's editor.
   */
  export const loadCell = 'cellscript:load-cell';
  /** Write a notebook cell back into the script cell it was loaded from. */
  export const saveCell = 'cellscript:save-cell';
  /** Open the script a notebook cell was loaded from at that cell. */
  export const revealOrigin = 'cellscript:reveal-origin';
  /** Open the script's editor at a cell. Args: `{ path?, cell?, at? }`. */
  export const revealCell = 'cellscript:reveal-cell';
  /** Copy a script cell's name to the clipboard. Args: `{ path?, cell }`. */
  export const copyCellName = 'cellscript:copy-cell-name';
  /**
   * Declare exports of a script's variables into the notebook and apply them now.
   * Args: `{ path?, names }` with names like `"model"` or `"target=source"`.
   */
  export const exportVariables = 'cellscript:export';
  /** Stop exporting variables. Args: `{ path?, targets? }` (all when none given). */
  export const unexportVariables = 'cellscript:unexport';
  /** Show a script's exports in the sidebar. Args: `{ path? }`. */
  export const showExports = 'cellscript:show-exports';
  /**
   * Open the script outputs view beside the notebook, scrolled to a cell's last outputs.
   * Args: `{ path?, cell? }` with `cell` `{ index }` or `{ name }`.
   */
  export const showOutputs = 'cellscript:show-outputs';
  /**
   * Set a parameter of a script (an override, assigned right after its defining cell in every
   * run). Args: `{ path?, name, value }` with `value` text as typed or a JSON value.
   */
  export const setParameter = 'cellscript:set-parameter';
  /** Back to the script's defaults. Args: `{ path?, names? }` (all when none given). */
  export const resetParameters = 'cellscript:reset-parameters';
  /**
   * Assign the values set for a script's parameters in its namespace in the active notebook's
   * kernel now. Args: `{ path?, names? }` (all set when none given).
   */
  export const assignParameters = 'cellscript:assign-parameters';
  /** Open the sweep panel of a script. Args: `{ path? }` (default: the sidebar's script). */
  export const sweep = 'cellscript:sweep';
  /** Shut down every sweep kernel that no running sweep of this page owns. */
  export const shutdownSweepKernels = 'cellscript:shutdown-sweep-kernels';
}

/** JSON schema of one cell: `{ index }` (negative counts from the end) or `{ name }`. */
export const cellRefSchema = {
  oneOf: [
    {
      type: 'object',
      properties: {
        index: {
          type: 'integer',
          description: 'Cell index (negative counts from the end)'
        }
      },
      required: ['index'],
      additionalProperties: false
    },
    {
      type: 'object',
      properties: {
        name: {
          type: 'string',
          description: 'Cell name, or a unique prefix of one'
        }
      },
      required: ['name'],
      additionalProperties: false
    }
  ]
} as const;

/**
 * JSON schema of the `cell` argument: a structured selection (`{ index }`, `{ name }`,
 * `{ from?, to? }`, `{ tag }`), an index, or selector text as a user types it.
 */
export const cellArgSchema = {
  oneOf: [
    ...cellRefSchema.oneOf,
    {
      type: 'object',
      properties: { from: cellRefSchema, to: cellRefSchema },
      additionalProperties: false,
      description: 'Cells from one to another, inclusive; either end open'
    },
    {
      type: 'object',
      properties: { tag: { type: 'string' } },
      required: ['tag'],
      additionalProperties: false,
      description: 'Every cell with this tag'
    },
    {
      type: 'integer',
      description: 'Cell index (negative counts from the end)'
    },
    {
      type: 'string',
      description:
        'Selector text: a cell name or unique prefix, a range "Setup:Train", or a tag "#parameters"'
    }
  ]
} as const;

/** JSON schema of the `cell` argument of run-to: one cell, `{ index }` or `{ name }`. */
export const cellRefArgSchema = {
  oneOf: [
    ...cellRefSchema.oneOf,
    {
      type: 'integer',
      description: 'Cell index (negative counts from the end)'
    },
    { type: 'string', description: 'Cell name, or a unique prefix of one' }
  ]
} as const;

/** JSON schema of the `path` argument shared by the script commands. */
export const pathArgSchema = {
  type: 'string',
  description:
    'Contents path of a Python script, relative to the server root (e.g. "examples/pipeline.py").'
} as const;

/**
 * The selection a command's `cell` argument names. Numbers are indices, text is selector text,
 * objects are structured selections (their shape is checked where they are resolved, with an
 * error that says which shapes exist).
 */
export function selectionOf(cell: unknown): CellSelector {
  if (typeof cell === 'number' || typeof cell === 'string') {
    return cell;
  }
  return (cell ?? {}) as CellSelector;
}

/**
 * The cell a command's `cell` argument names when it must be one cell: a number is an index,
 * text is a name (never an index, even "1"), objects are `{ index }` or `{ name }`.
 */
export function cellRefOf(cell: unknown): CellRef {
  if (typeof cell === 'number') {
    return { index: cell };
  }
  if (typeof cell === 'string') {
    return { name: cell };
  }
  return (cell ?? {}) as CellRef;
}
