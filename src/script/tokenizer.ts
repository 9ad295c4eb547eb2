/**
 * A small line-oriented Python tokenizer: it only tracks what decides whether a line is code,
 * i.e. whether the line starts inside a string (triple-quoted, or single-quoted continued by a
 * backslash), inside brackets, or after a backslash continuation. Linear time, no regex.
 */

const HASH = 35; // '#'
const BACKSLASH = 92;
const SINGLE_QUOTE = 39;
const DOUBLE_QUOTE = 34;
const CR = 13;

/** The tokenizer's state between lines; mutate it line after line with {@link scanPythonLine}. */
export interface IPythonLineState {
  /** Char code of the open string's quote, 0 outside strings. */
  quote: number;
  /** Whether the open string is triple-quoted. */
  triple: boolean;
  /** Open brackets `([{` not closed yet. */
  depth: number;
  /** Whether the previous line ended with a backslash continuation outside strings. */
  continued: boolean;
}

/** A fresh state: the start of a module. */
export function newPythonLineState(): IPythonLineState {
  return { quote: 0, triple: false, depth: 0, continued: false };
}

/** Whether a line starting in this state starts a new logical line (a statement or a comment). */
export function startsLogicalLine(state: IPythonLineState): boolean {
  return state.quote === 0 && state.depth === 0 && !state.continued;
}

/** Whether only a `\r` (or nothing) is left of the line after `i`. */
function atLineEnd(text: string, i: number, end: number): boolean {
  return i >= end || (i + 1 === end && text.charCodeAt(i) === CR);
}

/**
 * Scans one line `text[start, end)` (without its `\n`) and updates `state` to the state at the
 * start of the next line.
 */
export function scanPythonLine(
  text: string,
  start: number,
  end: number,
  state: IPythonLineState
): void {
  let quote = state.quote;
  let triple = state.triple;
  let depth = state.depth;
  let continued = false;
  // A single-quoted string only survives the line end when a backslash escapes the newline.
  let stringContinues = false;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === BACKSLASH) {
        if (atLineEnd(text, i + 1, end)) {
          stringContinues = true;
          break;
        }
        i += 2;
      } else if (c === quote) {
        if (!triple) {
          quote = 0;
          i += 1;
        } else if (
          i + 2 < end &&
          text.charCodeAt(i + 1) === quote &&
          text.charCodeAt(i + 2) === quote
        ) {
          quote = 0;
          triple = false;
          i += 3;
        } else {
          i += 1;
        }
      } else {
        i += 1;
      }
      continue;
    }
    switch (c) {
      case HASH:
        i = end; // the rest is a comment
        break;
      case SINGLE_QUOTE:
      case DOUBLE_QUOTE:
        quote = c;
        if (
          i + 2 < end &&
          text.charCodeAt(i + 1) === c &&
          text.charCodeAt(i + 2) === c
        ) {
          triple = true;
          i += 3;
        } else {
          triple = false;
          i += 1;
        }
        break;
      case 40: // (
      case 91: // [
      case 123: // {
        depth += 1;
        i += 1;
        break;
      case 41: // )
      case 93: // ]
      case 125: // }
        if (depth > 0) {
          depth -= 1;
        }
        i += 1;
        break;
      case BACKSLASH:
        if (atLineEnd(text, i + 1, end)) {
          continued = true;
        }
        i += 1;
        break;
      default:
        i += 1;
    }
  }
  if (quote !== 0 && !triple && !stringContinues) {
    quote = 0; // an unterminated 'string' ends at the line end (a syntax error in Python)
  }
  state.quote = quote;
  state.triple = triple;
  state.depth = depth;
  state.continued = continued;
}

// Stops for the fast string-only scan: outside strings a quote, '#' or '\'; inside a string its
// quote or '\'. '\n' bounds every search to the current line, so each line is searched once.
const CODE_STOP = /['"#\\\n]/g;
const SINGLE_STOP = /['\\\n]/g;
const DOUBLE_STOP = /["\\\n]/g;

/**
 * Like {@link scanPythonLine} but tracks strings only (not brackets or continuations), jumping
 * between quotes with a regex search: all that deciding whether a line is a marker needs, and
 * several times faster on long files.
 */
export function scanStringsInLine(
  text: string,
  start: number,
  end: number,
  state: IPythonLineState
): void {
  let quote = state.quote;
  let triple = state.triple;
  let stringContinues = false;
  let i = start;
  while (i < end) {
    const stops =
      quote === 0
        ? CODE_STOP
        : quote === SINGLE_QUOTE
          ? SINGLE_STOP
          : DOUBLE_STOP;
    stops.lastIndex = i;
    const j = stops.test(text) ? stops.lastIndex - 1 : end;
    if (j >= end) {
      break;
    }
    const c = text.charCodeAt(j);
    if (c === BACKSLASH) {
      if (quote !== 0 && atLineEnd(text, j + 1, end)) {
        stringContinues = true;
        break;
      }
      i = j + 2;
    } else if (c === HASH) {
      break; // a comment (HASH only stops the search outside strings)
    } else if (quote === 0) {
      quote = c;
      triple =
        j + 2 < end &&
        text.charCodeAt(j + 1) === c &&
        text.charCodeAt(j + 2) === c;
      i = triple ? j + 3 : j + 1;
    } else if (!triple) {
      quote = 0;
      i = j + 1;
    } else if (
      j + 2 < end &&
      text.charCodeAt(j + 1) === c &&
      text.charCodeAt(j + 2) === c
    ) {
      quote = 0;
      triple = false;
      i = j + 3;
    } else {
      i = j + 1;
    }
  }
  if (quote !== 0 && !triple && !stringContinues) {
    quote = 0;
  }
  state.quote = quote;
  state.triple = triple;
}
