/**
 * Command IDs, in one place. Every command takes explicit args so it can be scripted.
 */
export namespace CommandIDs {
  /** Show a script in the CellScript sidebar. Args: `{ path?: string }`. */
  export const openScript = 'cellscript:open-script';
  /** Open a script in the editor at a line. Args: `{ path: string, line?: number }`. */
  export const revealLine = 'cellscript:reveal-line';
  /** Run one cell. Args: `{ path?: string, cell: number | string }`. */
  export const runCell = 'cellscript:run-cell';
  /** Run every code cell up to and including one. Args: `{ path?, cell }`. */
  export const runTo = 'cellscript:run-to';
  /** Run every code cell of the script. Args: `{ path?: string }`. */
  export const runAll = 'cellscript:run-all';
  /** Interrupt the kernel scripts run in. */
  export const interrupt = 'cellscript:interrupt';
  /** Drop the script's namespace in the kernel. Args: `{ path?: string }`. */
  export const resetNamespace = 'cellscript:reset-namespace';
}

/** JSON schema of the `cell` argument: an index or a selector. */
export const cellArgSchema = {
  oneOf: [
    {
      type: 'integer',
      description: 'Cell index (negative counts from the end)'
    },
    {
      type: 'string',
      description:
        'Cell name or unique prefix, a range "Setup:Train", or a tag "#parameters"'
    }
  ]
} as const;

/** JSON schema of the `path` argument shared by the script commands. */
export const pathArgSchema = {
  type: 'string',
  description:
    'Contents path of a Python script, relative to the server root (e.g. "examples/pipeline.py").'
} as const;
