/**
 * The shapes of the pure script model: parsed scripts, their cells, options and parameters.
 *
 * Everything here is plain data (JSON-serialisable) so it can cross a worker or kernel boundary.
 */

/** The kind of a script cell, as Jupytext names them. */
export type CellType = 'code' | 'markdown' | 'raw';

/**
 * Marker forms that start a cell.
 *
 * - `percent`: `# %% Title [markdown] key="value"` (Jupytext percent format, the default);
 * - `codecell`: `# <codecell>`, `# <markdowncell>`, `# <rawcell>` (IPython nbformat 3 scripts);
 * - `prompt`: `# In[ ]:` / `# In[12]:` (notebooks exported as scripts).
 */
export type MarkerForm = 'percent' | 'codecell' | 'prompt';

/** Options of {@link parseScript} (and of everything that parses: write-back). */
export interface IParseOptions {
  /**
   * The percent marker after `#` (default `%%`). A leading `#` and spaces are ignored, so
   * `'# %%'` and `'%%'` mean the same.
   */
  marker?: string;
  /** The marker forms to recognise (default `['percent']`). */
  forms?: MarkerForm[];
}

/** One cell of a script. */
export interface IScriptCell {
  /** 0-based position in the script. */
  index: number;
  /** The title after the marker; `null` when unnamed. */
  name: string | null;
  /** Cell type: `[markdown]`/`[md]` and `[raw]` in the marker make markdown and raw cells. */
  type: CellType;
  /** Jupytext `tags=[...]` of the marker. */
  tags: string[];
  /** Jupytext `key=value` metadata of the marker (tags excluded). */
  metadata: Record<string, unknown>;
  /**
   * The body without the marker line: line ends normalised to `'\n'`, no BOM, trailing blank
   * lines (the separator before the next marker) removed, no final newline. It starts at
   * {@link firstLine}, so line `k` of `source` is line `firstLine + k - 1` of the file.
   */
  source: string;
  /** Markdown and raw cells only: the body with the leading `# ` (or `#`) of each line removed. */
  text?: string;
  /** 1-based line of the marker; `null` for an unmarked cell 0. */
  markerLine: number | null;
  /** 1-based line of the first body line (the line after the marker). */
  firstLine: number;
  /** 1-based last line of the cell, inclusive, blank separator lines included; `firstLine - 1` when the body is empty. */
  lastLine: number;
  /** Stable hash of `source` (hex), compared by write-back to detect changes. */
  hash: string;
}

/** The Jupytext YAML header of a script (`# ---` ... `# ---` at the top). */
export interface IScriptHeader {
  /** 1-based line of the opening `# ---` (always 1). */
  firstLine: number;
  /** 1-based line of the closing `# ---`. */
  lastLine: number;
  /** The YAML text with the comment prefixes removed. */
  yaml: string;
}

/** Something odd in a script that did not stop parsing (shown to the user, never thrown). */
export interface IScriptWarning {
  /** 1-based line. */
  line: number;
  message: string;
}

/** A parsed script. */
export interface IParsedScript {
  cells: IScriptCell[];
  /** The parsed Jupytext YAML header; `null` without a header or when it cannot be parsed. */
  metadata: Record<string, unknown> | null;
  /** The header's position and raw text (kept even when its YAML cannot be parsed). */
  header: IScriptHeader | null;
  /** The file's line ending: CRLF when its first line ends with CRLF. */
  lineEnding: '\n' | '\r\n';
  /** Whether the text started with a byte order mark (stripped from every cell). */
  hasBom: boolean;
  /** Number of lines; a final line end does not start another line (`'a\n'` has 1 line). */
  lineCount: number;
  /** Things that did not stop parsing but the user may want to fix (bad metadata, header). */
  warnings: IScriptWarning[];
}

/** One cell: by position (negative counts from the end) or by name (exact, else unique prefix). */
export type CellRef = { index: number } | { name: string };

/**
 * A structured selection: one cell, an inclusive range in script order (either end open, `{}`
 * is every cell), or every cell with a tag. Unlike the string form, a name is only ever a name
 * and an index only ever an index, so code should build these rather than strings.
 */
export type CellSelection =
  | CellRef
  | { from?: CellRef; to?: CellRef }
  | { tag: string };

/**
 * Selects cells: a structured {@link CellSelection}, an index (negative from the end), or text
 * as users type it: a name or prefix, an `'A:B'` range or a `'#tag'` (see docs/script-model.md).
 */
export type CellSelector = number | string | CellSelection;

/** A JSON-compatible value: what a parameter default or converted input can be. */
export type JSONValue =
  | null
  | boolean
  | number
  | string
  | JSONValue[]
  | { [key: string]: JSONValue };

/** A parameter inferred from a script, without running it. */
export interface IScriptParameter {
  /** The key the user sets (the variable, or `Param(name=...)`). */
  name: string;
  /** The Python variable assigned. */
  variable: string;
  /** The default value; `undefined` when the parameter is required. */
  value: JSONValue | undefined;
  /**
   * Python type name: `int`, `float`, `str`, `bool`, `NoneType`, `list`, `tuple`, `dict`, a
   * declared type as written (`# type: T` or an annotation), or `any` for a `Param()` without a
   * default or type.
   */
  type: string;
  /** Help text from a trailing comment or `Param(help=...)`. */
  help?: string;
  /** True when `Param()` declares no default. */
  required: boolean;
  /** 1-based line of the assignment in the file. */
  line: number;
  /** Index of the cell holding the assignment. */
  cellIndex: number;
  /** How it was declared: a plain literal assignment or `Param(...)`. */
  declaredBy: 'literal' | 'Param';
}

/** Where a cell loaded into a notebook came from: checked by write-back. */
export interface ICellOrigin {
  index: number;
  name: string | null;
  hash: string;
}

/** Options of {@link replaceCellSource}. */
export interface IReplaceOptions extends IParseOptions {
  /** Overwrite even when the cell changed in the script since it was loaded. */
  force?: boolean;
}
