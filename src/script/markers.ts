/**
 * Recognising cell marker lines and reading their titles: `# %% Title [markdown] key="value"`
 * (Jupytext percent format) and the optional `# <codecell>` and `# In[ ]:` forms.
 */
import { ScriptParseError } from './errors';
import { isLiteralFailure, readLiteral, setOwn } from './literal';
import { CellType, IParseOptions, MarkerForm } from './types';

/** Parse options with defaults applied and checked. */
export interface IMarkerConfig {
  marker: string;
  percent: boolean;
  codecell: boolean;
  prompt: boolean;
}

/** What a marker line says about the cell it starts. */
export interface IMarker {
  name: string | null;
  type: CellType;
  tags: string[];
  metadata: Record<string, unknown>;
  /** Why part of the marker line was read as title rather than metadata, if it was. */
  warning?: string;
}

const FORMS: MarkerForm[] = ['percent', 'codecell', 'prompt'];

/** Applies defaults to parse options and rejects a marker that could never match a line. */
export function markerConfig(options: IParseOptions = {}): IMarkerConfig {
  const given = options.marker ?? '%%';
  const marker = given.replace(/^#[ \t]*/, '');
  if (marker === '' || /\s/.test(marker)) {
    throw new ScriptParseError(
      `The cell marker ${JSON.stringify(given)} cannot be used: it must be one word such as '%%' ` +
        '(a line "# %% Name" then starts a cell). Fix the marker in the settings.'
    );
  }
  const forms = options.forms ?? ['percent'];
  for (const form of forms) {
    if (!FORMS.includes(form)) {
      throw new ScriptParseError(
        `Unknown marker form ${JSON.stringify(form)}: use one of ${FORMS.join(', ')}.`
      );
    }
  }
  return {
    marker,
    percent: forms.includes('percent'),
    codecell: forms.includes('codecell'),
    prompt: forms.includes('prompt')
  };
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 12;
}

const NBFORMAT3: Record<string, CellType> = {
  '<codecell>': 'code',
  '<markdowncell>': 'markdown',
  '<rawcell>': 'raw'
};

/**
 * Reads the line `text[start, end)` as a marker. The caller has checked that the line starts
 * with `#` and is not inside a string.
 *
 * @returns the marker, or `null` when the line is an ordinary comment.
 */
export function matchMarker(
  text: string,
  start: number,
  end: number,
  config: IMarkerConfig
): IMarker | null {
  let p = start + 1;
  while (p < end && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) {
    p += 1;
  }
  if (config.percent && text.startsWith(config.marker, p)) {
    const after = p + config.marker.length;
    if (after >= end || isBlank(text.charCodeAt(after))) {
      return readTitle(text.slice(after, end).trim());
    }
  }
  const c = text[p];
  if (config.codecell && c === '<') {
    const type = NBFORMAT3[text.slice(p, end).trim()];
    if (type) {
      return { name: null, type, tags: [], metadata: {} };
    }
  }
  if (
    config.prompt &&
    c === 'I' &&
    /^In\[[ \t\d]*\]:[ \t\r]*$/.test(text.slice(p, end))
  ) {
    return { name: null, type: 'code', tags: [], metadata: {} };
  }
  return null;
}

const CELL_TYPES: Record<string, CellType> = {
  '[markdown]': 'markdown',
  '[md]': 'markdown',
  '[raw]': 'raw'
};

/**
 * Reads `Title [markdown] .attr key="value" tags=["a"]`: trailing `key=value` pairs (values
 * JSON or Python literals) and `.attr` words (null values) are metadata, a
 * `[markdown]`/`[md]`/`[raw]` word before them the type, the rest the title.
 */
export function readTitle(rest: string): IMarker {
  const { start, metadata, warning } = findMetadata(rest);
  let title = rest.slice(0, start).trim();
  let type: CellType = 'code';
  const bracket = title.lastIndexOf('[');
  const typeWord = bracket >= 0 ? title.slice(bracket) : '';
  const leading = /^\[(markdown|md|raw)\](?=[ \t])/.exec(title);
  if (
    CELL_TYPES[typeWord] &&
    (bracket === 0 || isBlank(title.charCodeAt(bracket - 1)))
  ) {
    // Jupytext's order: 'Title [markdown]'
    type = CELL_TYPES[typeWord];
    title = title.slice(0, bracket).trim();
  } else if (leading) {
    // '[markdown] Title', as people also write it
    type = CELL_TYPES[leading[0]];
    title = title.slice(leading[0].length).trim();
  }
  let tags: string[] = [];
  if ('tags' in metadata) {
    const value = metadata.tags;
    if (Array.isArray(value)) {
      tags = value.map(tag => String(tag));
      delete metadata.tags;
    } else if (typeof value === 'string') {
      tags = [value];
      delete metadata.tags;
    }
  }
  const marker: IMarker = {
    name: title === '' ? null : title,
    type,
    tags,
    metadata
  };
  if (warning) {
    marker.warning = warning;
  }
  return marker;
}

interface IFoundMetadata {
  start: number;
  metadata: Record<string, unknown>;
  warning?: string;
}

/**
 * `key=` as Jupytext reads keys: letters, digits and `_ . @ / -`, so namespaced keys such as
 * `@deathbeds/jupyterlab-fonts` work.
 */
const KEY = /^[\w.@/-]+=/;

/**
 * A word starting with `.` (then letters, digits, `_`, `.`) before a blank or the line end:
 * Jupytext's "attribute", a key whose value is `null` (`# %% .class`), never a title word.
 */
const ATTRIBUTE = /\.[\w.]*(?=[ \t\r\f]|$)/y;

/** The end of the attribute at `pos`, or -1. */
function attributeEnd(rest: string, pos: number): number {
  ATTRIBUTE.lastIndex = pos;
  return ATTRIBUTE.test(rest) ? ATTRIBUTE.lastIndex : -1;
}

/** Finds the first word from which the rest of the line is all `key=value` pairs and `.attr` words. */
function findMetadata(rest: string): IFoundMetadata {
  let from = 0;
  let warning: string | undefined;
  while (from < rest.length) {
    const candidate = nextKeyStart(rest, from);
    if (candidate < 0) {
      break;
    }
    const pairs = readPairs(rest, candidate);
    if (pairs.metadata) {
      return { start: candidate, metadata: pairs.metadata };
    }
    // Only text that looks meant as metadata (a quoted or bracketed value, or some pairs that
    // did parse) earns a warning: a title like "a=b" is just a title.
    if (warning === undefined && pairs.looksIntended) {
      warning = `metadata ${JSON.stringify(rest.slice(candidate))} is not key=value pairs with JSON or Python values (${pairs.error}), so it was read as part of the title`;
    }
    from = Math.max(pairs.failedAt, candidate + 1);
  }
  return { start: rest.length, metadata: {}, warning };
}

function nextKeyStart(rest: string, from: number): number {
  for (let i = from; i < rest.length; i++) {
    if (
      (i === 0 || isBlank(rest.charCodeAt(i - 1))) &&
      (KEY.test(rest.slice(i, i + 100)) || attributeEnd(rest, i) >= 0)
    ) {
      return i;
    }
  }
  return -1;
}

interface IPairs {
  metadata?: Record<string, unknown>;
  error?: string;
  failedAt: number;
  looksIntended?: boolean;
}

function readPairs(rest: string, start: number): IPairs {
  const metadata: Record<string, unknown> = {};
  let pos = start;
  // Quoted or bracketed values mark text as meant to be metadata (worth a warning on failure).
  let parsedSome = false;
  while (pos < rest.length) {
    const key = KEY.exec(rest.slice(pos, pos + 100));
    const attribute = key ? -1 : attributeEnd(rest, pos);
    if (attribute >= 0) {
      setOwn(metadata, rest.slice(pos, attribute), null);
      pos = attribute;
      while (pos < rest.length && isBlank(rest.charCodeAt(pos))) {
        pos += 1;
      }
      continue;
    }
    if (!key) {
      return {
        error: 'expected key=value',
        failedAt: pos,
        looksIntended: parsedSome
      };
    }
    const valueStart = pos + key[0].length;
    const literal = readLiteral(rest, valueStart, { json: true });
    const looksIntended: boolean =
      parsedSome || '"\'[{'.includes(rest[valueStart] ?? 'x');
    parsedSome = looksIntended;
    if (isLiteralFailure(literal)) {
      return {
        error: literal.error,
        failedAt: Math.max(literal.pos, pos + 1),
        looksIntended
      };
    }
    if (literal.end < rest.length && !isBlank(rest.charCodeAt(literal.end))) {
      return {
        error: 'expected a space after the value',
        failedAt: literal.end,
        looksIntended
      };
    }
    setOwn(metadata, key[0].slice(0, -1), literal.value);
    pos = literal.end;
    while (pos < rest.length && isBlank(rest.charCodeAt(pos))) {
      pos += 1;
    }
  }
  return { metadata, failedAt: pos };
}
