/**
 * A reader for Python literals (and JSON, which is nearly a subset): numbers, strings with
 * every prefix and escape, True/False/None, lists, tuples and dicts. It never evaluates code:
 * anything else is reported as "not a literal". Values come out JSON-compatible.
 */
import {
  isDigit,
  isIdentifierChar,
  LiteralSyntax,
  LiteralTokenReader
} from './literalTokens';
import { JSONValue } from './types';

/** A literal read from text. */
export interface ILiteral {
  value: JSONValue;
  /** Python type of the value: int, float, str, bool, NoneType, list, tuple or dict. */
  type: string;
  /** Offset just after the literal. */
  end: number;
}

/** Why text is not a literal, and where. */
export interface ILiteralFailure {
  error: string;
  pos: number;
}

/** Options of {@link readLiteral}. */
export interface ILiteralOptions {
  /** Also accept JSON's `true`, `false` and `null`. */
  json?: boolean;
  /** Read `a, b` at the top level as a tuple (as on the right of an assignment). */
  bareTuple?: boolean;
  /** Read as inside brackets: newlines and comments around the value are blanks. */
  inBrackets?: boolean;
}

/** Nesting deeper than this is refused rather than risking the stack. */
const MAX_DEPTH = 200;

/** Reads one literal; a class so the position travels without closures. */
class LiteralReader extends LiteralTokenReader {
  declare readonly options: ILiteralOptions;

  /** Skips blanks; inside brackets also newlines and comments, outside only `\` continuations. */
  skipSpace(inBrackets: boolean): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 12) {
        this.pos += 1;
      } else if (
        c === 92 &&
        (text[this.pos + 1] === '\n' || text.startsWith('\r\n', this.pos + 1))
      ) {
        this.pos += text[this.pos + 1] === '\n' ? 2 : 3;
      } else if (inBrackets && (c === 10 || c === 13)) {
        this.pos += 1;
      } else if (inBrackets && c === 35) {
        const nl = text.indexOf('\n', this.pos);
        this.pos = nl === -1 ? text.length : nl;
      } else {
        return;
      }
    }
  }

  /** Reads a value (`a, b` as a tuple when `bare`); returns its value and type. */
  value(depth: number, inBrackets: boolean, bare = false): [JSONValue, string] {
    const first = this.single(depth, inBrackets);
    if (!bare) {
      return first;
    }
    this.skipSpace(false);
    if (this.text[this.pos] !== ',') {
      return first;
    }
    const items: JSONValue[] = [first[0]];
    while (this.text[this.pos] === ',') {
      this.pos += 1;
      this.skipSpace(false);
      if (this.atValueEnd()) {
        break;
      }
      items.push(this.single(depth, false)[0]);
      this.skipSpace(false);
    }
    return [items, 'tuple'];
  }

  /** Whether nothing more of an expression follows (end, newline, comment or `;`). */
  atValueEnd(): boolean {
    const c = this.text[this.pos];
    return (
      c === undefined || c === '\n' || c === '\r' || c === '#' || c === ';'
    );
  }

  single(depth: number, inBrackets: boolean): [JSONValue, string] {
    if (depth > MAX_DEPTH) {
      this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
    }
    this.skipSpace(inBrackets);
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    if (Number.isNaN(c)) {
      this.fail('a value is missing');
    }
    if (c === 91) {
      return [this.sequence(']', depth), 'list'];
    }
    if (c === 40) {
      return this.parenthesised(depth);
    }
    if (c === 123) {
      return [this.dict(depth), 'dict'];
    }
    if (c === 39 || c === 34) {
      return [this.strings(inBrackets), 'str'];
    }
    if (c === 45 || c === 43 || c === 46 || isDigit(c)) {
      return this.signedNumber(inBrackets, depth);
    }
    if (isIdentifierChar(c)) {
      return this.word(inBrackets);
    }
    return this.fail(`unexpected '${text[this.pos]}'`);
  }

  sequence(close: string, depth: number): JSONValue[] {
    this.pos += 1; // the opening bracket
    const items: JSONValue[] = [];
    for (;;) {
      this.skipSpace(true);
      if (this.text[this.pos] === close) {
        this.pos += 1;
        return items;
      }
      items.push(this.single(depth + 1, true)[0]);
      this.skipSpace(true);
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos += 1;
      } else if (next !== close) {
        this.fail(
          next === undefined
            ? `'${close}' is missing`
            : `expected ',' or '${close}'`
        );
      }
    }
  }

  parenthesised(depth: number): [JSONValue, string] {
    const open = this.pos;
    this.pos += 1;
    this.skipSpace(true);
    if (this.text[this.pos] === ')') {
      this.pos += 1;
      return [[], 'tuple'];
    }
    const first = this.single(depth + 1, true);
    this.skipSpace(true);
    if (this.text[this.pos] === ')') {
      this.pos += 1;
      return first; // (x) is just x
    }
    this.pos = open;
    return [this.sequence(')', depth), 'tuple'];
  }

  dict(depth: number): Record<string, JSONValue> {
    this.pos += 1;
    const result: Record<string, JSONValue> = {};
    for (;;) {
      this.skipSpace(true);
      if (this.text[this.pos] === '}') {
        this.pos += 1;
        return result;
      }
      const keyPos = this.pos;
      const [key, keyType] = this.single(depth + 1, true);
      if (keyType !== 'str') {
        this.fail('dict keys must be strings', keyPos);
      }
      this.skipSpace(true);
      if (this.text[this.pos] !== ':') {
        this.fail("expected ':' after a dict key");
      }
      this.pos += 1;
      const [item] = this.single(depth + 1, true);
      setOwn(result, key as string, item);
      this.skipSpace(true);
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos += 1;
      } else if (next !== '}') {
        this.fail(
          next === undefined ? "'}' is missing" : "expected ',' or '}'"
        );
      }
    }
  }

  word(inBrackets: boolean): [JSONValue, string] {
    const start = this.pos;
    while (
      this.pos < this.text.length &&
      isIdentifierChar(this.text.charCodeAt(this.pos))
    ) {
      this.pos += 1;
    }
    const word = this.text.slice(start, this.pos);
    const quote = this.text[this.pos];
    if ((quote === "'" || quote === '"') && /^[rRuUbBfF]{1,2}$/.test(word)) {
      this.pos = start;
      return [this.strings(inBrackets), 'str'];
    }
    if (word === 'True' || (this.options.json && word === 'true')) {
      return [true, 'bool'];
    }
    if (word === 'False' || (this.options.json && word === 'false')) {
      return [false, 'bool'];
    }
    if (word === 'None' || (this.options.json && word === 'null')) {
      return [null, 'NoneType'];
    }
    return this.fail(`${word} is not a literal`, start);
  }

  /** One or more adjacent strings ('a' 'b' is 'ab', as in Python). */
  strings(inBrackets: boolean): string {
    let result = this.string();
    for (;;) {
      const save = this.pos;
      this.skipSpace(inBrackets);
      const c = this.text[this.pos];
      const prefixed = /^[rRuU]{1,2}['"]/.test(
        this.text.slice(this.pos, this.pos + 3)
      );
      if (c === "'" || c === '"' || prefixed) {
        result += this.string();
      } else {
        this.pos = save;
        return result;
      }
    }
  }

  signedNumber(inBrackets: boolean, depth: number): [JSONValue, string] {
    let sign = 1;
    const start = this.pos;
    while (this.text[this.pos] === '-' || this.text[this.pos] === '+') {
      if (this.text[this.pos] === '-') {
        sign = -sign;
      }
      this.pos += 1;
      this.skipSpace(inBrackets);
    }
    const c = this.text.charCodeAt(this.pos);
    if (c === 40 && this.pos !== start) {
      return this.signedParenthesised(sign, start, depth);
    }
    if (
      !(isDigit(c) || (c === 46 && isDigit(this.text.charCodeAt(this.pos + 1))))
    ) {
      if (this.pos !== start && isIdentifierChar(c)) {
        this.fail(
          `${this.text.slice(start, this.pos + 1)}... is not a literal`,
          start
        );
      }
      this.fail(`unexpected '${this.text[start]}'`, start);
    }
    const [value, type] = this.number();
    return [sign * value, type];
  }

  /**
   * A sign before parentheses, as Python reads it: `-(123)` is -123, `+(1.5)` is 1.5 and
   * `-(-(2))` is 2. Only a number may be inside: `-(1, 2)` or `-("a")` would fail in Python.
   */
  signedParenthesised(
    sign: number,
    start: number,
    depth: number
  ): [JSONValue, string] {
    const [value, type] = this.parenthesised(depth + 1);
    if (type !== 'int' && type !== 'float') {
      this.fail(
        `${this.text.slice(start, this.pos)} is not a literal: a sign needs a number`,
        start
      );
    }
    return [sign * (value as number), type];
  }
}

/**
 * Reads the literal that starts at `start` (after blanks). Stops right after it and does not
 * look at what follows: the caller decides whether more text is allowed there.
 */
export function readLiteral(
  text: string,
  start = 0,
  options: ILiteralOptions = {}
): ILiteral | ILiteralFailure {
  const reader = new LiteralReader(text, start, options);
  try {
    const inBrackets = options.inBrackets === true;
    const [value, type] = reader.value(
      0,
      inBrackets,
      options.bareTuple === true && !inBrackets
    );
    return { value, type, end: reader.pos };
  } catch (error) {
    if (error instanceof LiteralSyntax) {
      return { error: error.error, pos: error.pos };
    }
    throw error;
  }
}

/**
 * The offset after the blanks at `start`: spaces, tabs and `\` line continuations, and inside
 * brackets also newlines and comments.
 */
export function skipBlanks(
  text: string,
  start: number,
  inBrackets: boolean
): number {
  const reader = new LiteralReader(text, start, {});
  reader.skipSpace(inBrackets);
  return reader.pos;
}

/** Sets an own enumerable property (a key named `__proto__` stays data, not a prototype). */
export function setOwn(
  target: Record<string, unknown>,
  key: string,
  value: unknown
): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true
  });
}

/** Whether {@link readLiteral} failed. */
export function isLiteralFailure(
  result: ILiteral | ILiteralFailure
): result is ILiteralFailure {
  return (result as ILiteralFailure).error !== undefined;
}

/**
 * Reads a whole text as one literal (blanks and a trailing comment around it allowed).
 *
 * @returns the literal, or a failure saying why the text is not one.
 */
export function parseLiteral(
  text: string,
  options: ILiteralOptions = {}
): ILiteral | ILiteralFailure {
  const result = readLiteral(text, 0, options);
  if (isLiteralFailure(result)) {
    return result;
  }
  const rest = new LiteralReader(text, result.end, options);
  rest.skipSpace(true);
  if (rest.pos < text.length) {
    return {
      error: `unexpected '${text[rest.pos]}' after the value`,
      pos: rest.pos
    };
  }
  return result;
}
