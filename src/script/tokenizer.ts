/**
 * A small line-oriented Python tokenizer: it only tracks what decides whether a line is code,
 * i.e. whether the line starts inside a string (triple-quoted, or single-quoted continued by a
 * backslash), inside brackets, or after a backslash continuation. Linear time, no regex.
 *
 * Parameter inference uses it (it needs brackets and continuations); parsing uses the faster
 * string-only scanner in scan.ts, which property tests check against this one.
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
