/**
 * Frame references in Python tracebacks, and where their files are on the Jupyter server.
 *
 * Pure: no DOM, no JupyterLab. The page turns what this finds into links
 * (see `renderedTraceback.ts`).
 */

/** A frame header naming a file and a line, as offsets into the text it was found in. */
export interface IFrameReference {
  /** Offset of the header's first character (the `F` of `File`). */
  start: number;
  /** Offset just after the line number. */
  end: number;
  /** The file as the kernel wrote it: absolute, `~/...`, relative or `<frozen ...>`. */
  file: string;
  /** 1-based line number. */
  line: number;
}

/**
 * ANSI control sequences (CSI), matched as JupyterLab's own ANSI renderer matches them, so offsets
 * into the stripped text are offsets into the rendered output's text.
 */
// eslint-disable-next-line no-control-regex -- ESC is what the pattern is about
const ANSI_SEQUENCE = /\u001b\[(.*?)([@-~])/g;

/**
 * The two frame header shapes:
 * - IPython 8: `File /abs/pipeline.py:6, in load(path)` or `File ~/proj/pipeline.py:6` (module
 *   level frames have no `, in ...`); the path may hold spaces, so it ends at the last `:<digits>`
 *   followed by `, in ` or the end of the line;
 * - plain Python: `  File "/abs/pipeline.py", line 6, in <module>`.
 * IPython's `Cell In[3], line 5` (a notebook cell, no file) matches neither.
 */
const FRAME_HEADER = new RegExp(
  [
    '^[ \\t]*(?<ipython>File (?<ipythonFile>[^\\r\\n]+?):(?<ipythonLine>\\d+))(?=, in |\\r?$)',
    '^[ \\t]*(?<plain>File "(?<plainFile>[^\\r\\n]+)", line (?<plainLine>\\d+))(?=, in |\\r?$)'
  ].join('|'),
  'gm'
);

/** `text` without ANSI colour and cursor sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_SEQUENCE, '');
}

/**
 * The frame headers in traceback `text` (ANSI sequences already stripped), in order. Headers
 * whose line is not a positive whole number are left out.
 */
export function findFrameReferences(text: string): IFrameReference[] {
  const found: IFrameReference[] = [];
  FRAME_HEADER.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = FRAME_HEADER.exec(text)) !== null) {
    const groups = match.groups!;
    const header = groups.ipython ?? groups.plain;
    const file = groups.ipythonFile ?? groups.plainFile;
    const line = Number(groups.ipythonLine ?? groups.plainLine);
    if (!Number.isSafeInteger(line) || line < 1) {
      continue;
    }
    const start = match.index + match[0].length - header.length;
    found.push({ start, end: start + header.length, file, line });
  }
  return found;
}

/** Where the server's files are, as the page knows it. */
export interface IServerRoot {
  /**
   * The server root as jupyter_server reports it (page config `serverRoot`): absolute, or
   * `~/...` when it is under the server's home folder.
   */
  root: string;
  /** The home folder `~` stands for, when known; otherwise `~` paths match only `~` roots. */
  home?: string | null;
}

/**
 * The contents path (relative to the server root, `/`-separated) of a file a kernel named in a
 * traceback, or null when it is not under the root or cannot be placed: relative paths (relative
 * to a working directory the page does not know) and `<frozen ...>`-like names.
 *
 * IPython writes files under the kernel's home as `~/...` and jupyter_server writes a root under
 * its home the same way, so on one machine a `~` file and a `~` root compare directly; an
 * absolute file never lies under a `~` root (IPython would have written it with `~`).
 */
export function contentsPathOf(
  file: string,
  server: IServerRoot
): string | null {
  let target = splitPath(file);
  let root = splitPath(server.root);
  if (!target || !root) {
    return null;
  }
  if (target.base !== root.base) {
    const home = server.home ? splitPath(server.home) : null;
    if (!home || home.base !== '/') {
      return null;
    }
    target = expandHome(target, home);
    root = expandHome(root, home);
  }
  const inside =
    target.parts.length > root.parts.length &&
    root.parts.every((part, i) => target!.parts[i] === part);
  return inside ? target.parts.slice(root.parts.length).join('/') : null;
}

/** A normalised absolute (`/`) or home-relative (`~`) path. */
interface ISplitPath {
  base: '/' | '~';
  parts: string[];
}

/** Split and normalise a path; null if it is neither absolute nor `~`-relative, or leaves its base. */
function splitPath(path: string): ISplitPath | null {
  let base: ISplitPath['base'];
  let rest: string;
  if (path.startsWith('/')) {
    base = '/';
    rest = path;
  } else if (path === '~' || path.startsWith('~/')) {
    base = '~';
    rest = path.slice(1);
  } else {
    return null;
  }
  const parts: string[] = [];
  for (const part of rest.split('/')) {
    if (part === '' || part === '.') {
      continue;
    }
    if (part === '..') {
      if (parts.length === 0) {
        return null;
      }
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return { base, parts };
}

function expandHome(path: ISplitPath, home: ISplitPath): ISplitPath {
  return path.base === '~'
    ? { base: '/', parts: [...home.parts, ...path.parts] }
    : path;
}
