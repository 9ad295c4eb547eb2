/**
 * Parsing a script into cells: one linear pass over the text that tracks Python strings (so a
 * marker inside a triple-quoted string is not a marker) and records each cell's line range and
 * character offsets (the offsets serve write-back, which must keep every other byte).
 */
import { hashText } from './hash';
import { IMarker, markerConfig } from './markers';
import { findMarkers } from './scan';
import {
  IParsedScript,
  IParseOptions,
  IScriptCell,
  IScriptHeader,
  IScriptWarning
} from './types';
import { parseYaml } from './yaml';

const BOM = '\ufeff';

/** A cell with the offsets (into the BOM-less text) that write-back needs. */
export interface ILocatedCell {
  cell: IScriptCell;
  /** Offset of the first body character. */
  bodyStart: number;
  /** Offset just after the last non-blank body line (before its line end). */
  contentEnd: number;
  /** Offset just after the cell (the next marker's line start, or the end of the text). */
  bodyEnd: number;
}

/** A parsed script with cell offsets: what {@link parseScript} returns, plus locations. */
export interface ILocatedScript {
  script: IParsedScript;
  located: ILocatedCell[];
  /** The text that was parsed, without its BOM. */
  text: string;
}

/** A cell being read: its marker and where its body is. */
interface IOpenCell {
  marker: IMarker | null;
  markerLine: number | null;
  firstLine: number;
  bodyStart: number;
}

/**
 * Parses a script (a `.py` file of `# %%` cells) into cells. Never throws on any text; throws
 * {@link ScriptParseError} only for invalid options (an empty marker).
 *
 * @param text - the script text, as read (a BOM and CRLF line ends are fine).
 * @param options - the marker and marker forms to recognise.
 */
export function parseScript(
  text: string,
  options: IParseOptions = {}
): IParsedScript {
  return locateCells(text, options).script;
}

/** Counts lines up to increasing offsets, searching each newline once. */
class LineCounter {
  private offset: number;
  private line: number;

  constructor(
    private readonly text: string,
    start: number,
    firstLine: number
  ) {
    this.offset = start;
    this.line = firstLine;
  }

  /** The 1-based line of `offset`; offsets must not decrease from call to call. */
  lineAt(offset: number): number {
    for (;;) {
      const newline = this.text.indexOf('\n', this.offset);
      if (newline < 0 || newline >= offset) {
        return this.line;
      }
      this.line += 1;
      this.offset = newline + 1;
    }
  }
}

function isBlankChar(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 12 || c === 10;
}

/**
 * Where the content of `[start, end)` ends: after its last non-blank line, before that line's
 * line end; `start` when it is all blank. Scans back over the trailing blanks only.
 */
function contentEndOf(text: string, start: number, end: number): number {
  let i = end - 1;
  while (i >= start && isBlankChar(text.charCodeAt(i))) {
    i -= 1;
  }
  if (i < start) {
    return start;
  }
  const newline = text.indexOf('\n', i);
  const stop = newline < 0 || newline > end ? end : newline;
  return text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop;
}

/** Parses like {@link parseScript} and also returns each cell's character offsets. */
export function locateCells(
  input: string,
  options: IParseOptions = {}
): ILocatedScript {
  const config = markerConfig(options);
  const hasBom = input.startsWith(BOM);
  const text = hasBom ? input.slice(1) : input;
  const n = text.length;
  const firstNewline = text.indexOf('\n');
  const lineEnding =
    firstNewline > 0 && text[firstNewline - 1] === '\r' ? '\r\n' : '\n';
  const hasCarriageReturn = text.includes('\r'); // once, so LF files never scan bodies for it
  const warnings: IScriptWarning[] = [];
  if (firstNewline < 0 && hasCarriageReturn && text.length > 0) {
    warnings.push({
      line: 1,
      message:
        'This file ends its lines with CR only (old Mac style), so it reads as one line and ' +
        'no cell markers are found. Save it with LF or CRLF line ends.'
    });
  }
  const headerScan = readHeader(text, warnings);
  const start = headerScan ? headerScan.end : 0;
  const lines = new LineCounter(
    text,
    start,
    headerScan ? headerScan.header.lastLine + 1 : 1
  );
  const located: ILocatedCell[] = [];

  let open: IOpenCell = {
    marker: null,
    markerLine: null,
    firstLine: lines.lineAt(start),
    bodyStart: start
  };
  const close = (bodyEnd: number, lastLine: number) => {
    const contentEnd = contentEndOf(text, open.bodyStart, bodyEnd);
    // Text before the first marker is a cell only when it holds something.
    if (open.marker !== null || contentEnd > open.bodyStart) {
      const cell = finishCell(
        text,
        hasCarriageReturn,
        open,
        located.length,
        lastLine,
        contentEnd
      );
      located.push({ cell, bodyStart: open.bodyStart, contentEnd, bodyEnd });
    }
  };

  for (const { start: markerStart, end, marker } of findMarkers(
    text,
    start,
    config
  )) {
    const markerLine = lines.lineAt(markerStart);
    close(markerStart, markerLine - 1);
    if (marker.warning) {
      warnings.push({
        line: markerLine,
        message: `Cell marker: ${marker.warning}.`
      });
      delete marker.warning;
    }
    open = {
      marker,
      markerLine,
      firstLine: markerLine + 1,
      bodyStart: end < n ? end + 1 : n
    };
  }
  // A header whose closing line ends the file without a line end leaves no line after it.
  const headerEndsFile =
    headerScan !== null && start === n && !text.endsWith('\n');
  const lineCount =
    n === 0
      ? 0
      : headerEndsFile
        ? headerScan.header.lastLine
        : lines.lineAt(n) - (text.endsWith('\n') ? 1 : 0);
  close(n, lineCount);

  const header = headerScan ? headerScan.header : null;
  const script: IParsedScript = {
    cells: located.map(item => item.cell),
    metadata: headerScan ? headerScan.metadata : null,
    header,
    lineEnding,
    hasBom,
    lineCount,
    warnings
  };
  return { script, located, text };
}

function finishCell(
  text: string,
  hasCarriageReturn: boolean,
  open: IOpenCell,
  index: number,
  lastLine: number,
  contentEnd: number
): IScriptCell {
  const marker = open.marker;
  let source = text.slice(open.bodyStart, contentEnd);
  const normalised = hasCarriageReturn && source.includes('\r');
  if (normalised) {
    source = source.replace(/\r\n/g, '\n');
  }
  const cell: IScriptCell = {
    index,
    name: marker ? marker.name : null,
    type: marker ? marker.type : 'code',
    tags: marker ? marker.tags : [],
    metadata: marker ? marker.metadata : {},
    source,
    markerLine: open.markerLine,
    firstLine: open.firstLine,
    lastLine,
    // LF files: hash the file text in place, without building another string.
    hash: normalised
      ? hashText(source)
      : hashText(text, open.bodyStart, contentEnd)
  };
  if (cell.type !== 'code') {
    cell.text = uncomment(source);
  }
  return cell;
}

/** Markdown and raw cells as Jupytext reads them: `# text` is `text`, `#` alone is empty. */
export function uncomment(source: string): string {
  return source
    .split('\n')
    .map(line =>
      line.startsWith('# ')
        ? line.slice(2)
        : line.startsWith('#')
          ? line.slice(1)
          : line
    )
    .join('\n');
}

/**
 * Markdown or raw text as a script cell's body, as Jupytext writes it: `# ` before each line,
 * `#` alone for an empty one. `uncomment(commentText(text))` is `text`.
 */
export function commentText(text: string): string {
  return text
    .split('\n')
    .map(line => (line === '' ? '#' : `# ${line}`))
    .join('\n');
}

/** The text without trailing spaces, tabs and CRs (a loop: `/[ \t\r]+$/` is quadratic). */
function trimBlanksEnd(text: string): string {
  let end = text.length;
  while (end > 0 && ' \t\r'.includes(text[end - 1])) {
    end -= 1;
  }
  return text.slice(0, end);
}

interface IHeaderScan {
  header: IScriptHeader;
  metadata: Record<string, unknown> | null;
  /** Offset just after the header's closing line. */
  end: number;
}

/** Reads a Jupytext header: `# ---` on line 1, commented YAML, `# ---`. */
function readHeader(
  text: string,
  warnings: IScriptWarning[]
): IHeaderScan | null {
  if (!text.startsWith('# ---')) {
    return null;
  }
  const yaml: string[] = [];
  let pos = 0;
  let line = 1;
  while (pos < text.length) {
    const newline = text.indexOf('\n', pos);
    const lineEnd = newline < 0 ? text.length : newline;
    const content = trimBlanksEnd(text.slice(pos, lineEnd));
    const next = newline < 0 ? text.length : newline + 1;
    if (line === 1) {
      if (content !== '# ---') {
        return null;
      }
    } else if (content === '# ---') {
      const header: IScriptHeader = {
        firstLine: 1,
        lastLine: line,
        yaml: yaml.join('\n')
      };
      return { header, metadata: headerMetadata(header, warnings), end: next };
    } else if (content.startsWith('#')) {
      yaml.push(content.startsWith('# ') ? content.slice(2) : content.slice(1));
    } else {
      return null; // not a header: code before the closing '# ---'
    }
    pos = next;
    line += 1;
  }
  return null;
}

function headerMetadata(
  header: IScriptHeader,
  warnings: IScriptWarning[]
): Record<string, unknown> | null {
  const result = parseYaml(header.yaml);
  if ('error' in result) {
    warnings.push({
      line: header.firstLine + result.line,
      message: `The Jupytext header could not be read (${result.error}); it is kept as it is.`
    });
    return null;
  }
  const value = result.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    if (value !== null) {
      warnings.push({
        line: header.firstLine + 1,
        message: 'The Jupytext header is not a YAML map; it is kept as it is.'
      });
    }
    return value === null ? {} : null;
  }
  return value as Record<string, unknown>;
}
