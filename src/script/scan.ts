/**
 * Finding the marker lines of a script in one pass. Outside strings a regex search jumps from
 * one quote, comment or `#`-led line to the next; inside a string it jumps to the
 * next quote or backslash. So the cost is one native search per token that matters, not work
 * per character or per line, and a marker inside a string is never seen as one.
 */
import { IMarker, IMarkerConfig, matchMarker } from './markers';

/** A marker line found by {@link findMarkers}. */
export interface IFoundMarker {
  /** Offset of the line's `#`. */
  start: number;
  /** Offset of the line's end (its `\n`, or the end of the text). */
  end: number;
  marker: IMarker;
}

const NEWLINE = 10;
const CR = 13;
const HASH = 35;
const BACKSLASH = 92;
const SINGLE_QUOTE = 39;

// Outside strings: a quote, a comment, or a line end followed by '#'.
const CODE = /['"#]|\n(?=#)/g;
// Inside strings: the closing quote or an escape; single-quoted strings also end at a newline.
const SINGLE_QUOTED = /['\\\n]/g;
const DOUBLE_QUOTED = /["\\\n]/g;
const TRIPLE_SINGLE = /['\\]/g;
const TRIPLE_DOUBLE = /["\\]/g;

/** Offset of the next `\n` at or after `from`, or the text's length. */
function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline < 0 ? text.length : newline;
}

/** Search `pattern` from `from`; the offset of the match, or -1. */
function search(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from;
  return pattern.test(text) ? pattern.lastIndex - 1 : -1;
}

/**
 * Skips a string whose body starts at `from`; returns where code resumes: after the closing
 * quote, at the newline ending an unclosed single-quoted string, or the end of the text.
 */
function skipString(
  text: string,
  from: number,
  quote: number,
  triple: boolean
): number {
  const pattern =
    quote === SINGLE_QUOTE
      ? triple
        ? TRIPLE_SINGLE
        : SINGLE_QUOTED
      : triple
        ? TRIPLE_DOUBLE
        : DOUBLE_QUOTED;
  let i = from;
  for (;;) {
    const j = search(pattern, text, i);
    if (j < 0) {
      return text.length;
    }
    const c = text.charCodeAt(j);
    if (c === BACKSLASH) {
      // Escapes the next character, also a line end (continuing a single-quoted string).
      const next = text.charCodeAt(j + 1);
      i = next === CR && text.charCodeAt(j + 2) === NEWLINE ? j + 3 : j + 2;
    } else if (c === NEWLINE) {
      return j; // an unclosed 'string' ends with its line (a syntax error in Python)
    } else if (!triple) {
      return j + 1;
    } else if (
      text.charCodeAt(j + 1) === quote &&
      text.charCodeAt(j + 2) === quote
    ) {
      return j + 3;
    } else {
      i = j + 1;
    }
  }
}

/**
 * Finds every marker line from `start` (a line start, outside any string) to the end, in
 * order.
 */
export function findMarkers(
  text: string,
  start: number,
  config: IMarkerConfig
): IFoundMarker[] {
  const found: IFoundMarker[] = [];
  const n = text.length;
  /** A line starting with '#' outside strings: a marker or a comment; returns its end. */
  const hashLine = (lineStart: number): number => {
    const end = lineEnd(text, lineStart);
    const marker = matchMarker(text, lineStart, end, config);
    if (marker) {
      found.push({ start: lineStart, end, marker });
    }
    return end;
  };
  let i =
    start < n && text.charCodeAt(start) === HASH ? hashLine(start) : start;
  while (i < n) {
    const j = search(CODE, text, i);
    if (j < 0) {
      break;
    }
    const c = text.charCodeAt(j);
    if (c === NEWLINE) {
      i = hashLine(j + 1);
    } else if (c === HASH) {
      i = lineEnd(text, j); // a comment: resume at its line end
    } else {
      const triple =
        text.charCodeAt(j + 1) === c && text.charCodeAt(j + 2) === c;
      i = skipString(text, triple ? j + 3 : j + 1, c, triple);
    }
  }
  return found;
}
