/**
 * Command IDs, in one place. Every command takes explicit args so it can be scripted.
 */
export namespace CommandIDs {
  /** Show a script in the CellScript sidebar. Args: `{ path?: string }`. */
  export const openScript = 'cellscript:open-script';
  /** Open a script in the editor at a line. Args: `{ path: string, line?: number }`. */
  export const revealLine = 'cellscript:reveal-line';
}

/** JSON schema of the `path` argument shared by the script commands. */
export const pathArgSchema = {
  type: 'string',
  description:
    'Contents path of a Python script, relative to the server root (e.g. "examples/pipeline.py").'
} as const;
