/**
 * The obvious character-by-character Python line tokenizer, kept as a test oracle: the fast
 * scanners in src/script (regex jumps between tokens) must agree with it on every input.
 */
import { IPythonLineState } from '../../../src/script/tokenizer';

const HASH = 35;
const BACKSLASH = 92;
const SINGLE_QUOTE = 39;
const DOUBLE_QUOTE = 34;
const CR = 13;

/** Whether only a `\r` (or nothing) is left of the line after `i`. */
function atLineEnd(text: string, i: number, end: number): boolean {
  return i >= end || (i + 1 === end && text.charCodeAt(i) === CR);
}

/**
 * Scans one line `text[start, end)` (without its `\n`) and updates `state` to the state at the
 * start of the next line.
 */
export function referenceScanLine(
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
