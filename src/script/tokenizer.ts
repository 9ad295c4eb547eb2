/**
 * A small line-oriented Python tokenizer: it only tracks what decides whether a line is code,
 * i.e. whether the line starts inside a string (triple-quoted, or single-quoted continued by a
 * backslash), inside brackets, or after a backslash continuation. Linear time: native regex
 * searches jump from token to token.
 *
 * Parameter inference uses it (it needs brackets and continuations); parsing uses the
 * whole-file string scanner in scan.ts. Property tests check both against a plain
 * character-by-character tokenizer.
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

// What changes the state: outside strings quotes, comments, brackets and backslashes; inside a
// string its quote and backslashes. '\n' bounds each search to the current line.
const CODE_TOKENS = /['"#\\()[\]{}\n]/g;
const IN_SINGLE_QUOTES = /['\\\n]/g;
const IN_DOUBLE_QUOTES = /["\\\n]/g;

/** Offset of the next match of `pattern` in `text[from, end)`, or `end`. */
function nextToken(
  pattern: RegExp,
  text: string,
  from: number,
  end: number
): number {
  pattern.lastIndex = from;
  if (!pattern.test(text)) {
    return end;
  }
  return Math.min(pattern.lastIndex - 1, end);
}

/**
 * Scans one line `text[start, end)` (without its `\n`) and updates `state` to the state at the
 * start of the next line. Jumps from token to token with native regex searches.
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
    if (quote !== 0) {
      const pattern =
        quote === SINGLE_QUOTE ? IN_SINGLE_QUOTES : IN_DOUBLE_QUOTES;
      const j = nextToken(pattern, text, i, end);
      if (j >= end) {
        break;
      }
      if (text.charCodeAt(j) === BACKSLASH) {
        if (atLineEnd(text, j + 1, end)) {
          stringContinues = true;
          break;
        }
        i = j + 2;
      } else if (!triple) {
        quote = 0;
        i = j + 1;
      } else if (
        j + 2 < end &&
        text.charCodeAt(j + 1) === quote &&
        text.charCodeAt(j + 2) === quote
      ) {
        quote = 0;
        triple = false;
        i = j + 3;
      } else {
        i = j + 1;
      }
      continue;
    }
    const j = nextToken(CODE_TOKENS, text, i, end);
    if (j >= end) {
      break;
    }
    const c = text.charCodeAt(j);
    i = j + 1;
    if (c === HASH) {
      break; // the rest is a comment
    } else if (c === SINGLE_QUOTE || c === DOUBLE_QUOTE) {
      quote = c;
      triple =
        j + 2 < end &&
        text.charCodeAt(j + 1) === c &&
        text.charCodeAt(j + 2) === c;
      i = triple ? j + 3 : j + 1;
    } else if (c === 40 || c === 91 || c === 123) {
      depth += 1; // ( [ {
    } else if (c === 41 || c === 93 || c === 125) {
      depth = depth > 0 ? depth - 1 : 0; // ) ] }
    } else if (c === BACKSLASH && atLineEnd(text, j + 1, end)) {
      continued = true;
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
