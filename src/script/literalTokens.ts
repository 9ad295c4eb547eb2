/**
 * The tokens of Python literals: strings (every prefix and escape) and numbers (every base,
 * underscores, exponents). A base class so the literal reader shares its cursor.
 */

/** A literal syntax error at a position (caught by readLiteral, never escapes it). */
export class LiteralSyntax {
  constructor(
    readonly error: string,
    readonly pos: number
  ) {}
}

/** Whether a char code is an ASCII digit. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whether a char code can be part of a Python name (non-ASCII letters included). */
export function isIdentifierChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    isDigit(c) ||
    c === 95 ||
    c > 127
  );
}

/** Whether a char code is a hex digit. */
export function isHex(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v'
};

/** A cursor over text that reads string and number tokens; the literal reader extends it. */
export class LiteralTokenReader {
  pos: number;

  constructor(
    readonly text: string,
    start: number,
    readonly options: { json?: boolean }
  ) {
    this.pos = start;
  }

  /** Stops reading: the text is not a literal, for `error`'s reason, at `pos`. */
  fail(error: string, pos = this.pos): never {
    throw new LiteralSyntax(error, pos);
  }

  /** Reads one string literal with its prefix (`r`, `u`; bytes and f-strings are refused). */
  string(): string {
    const text = this.text;
    const start = this.pos;
    let prefix = '';
    while (/[a-zA-Z]/.test(text[this.pos] ?? '')) {
      prefix += text[this.pos].toLowerCase();
      this.pos += 1;
    }
    if (prefix.includes('b')) {
      this.fail('bytes are not supported', start);
    }
    if (prefix.includes('f')) {
      this.fail('f-strings are not literals', start);
    }
    const raw = prefix.includes('r');
    const quote = text[this.pos];
    const triple = text.startsWith(quote.repeat(3), this.pos);
    const delimiter = triple ? quote.repeat(3) : quote;
    this.pos += delimiter.length;
    let out = '';
    let chunk = this.pos;
    while (this.pos < text.length) {
      const c = text[this.pos];
      if (c === '\\') {
        out += text.slice(chunk, this.pos);
        out += raw ? this.rawEscape() : this.escape();
        chunk = this.pos;
      } else if (c === quote && text.startsWith(delimiter, this.pos)) {
        out += text.slice(chunk, this.pos);
        this.pos += delimiter.length;
        return out;
      } else if ((c === '\n' || c === '\r') && !triple) {
        break;
      } else {
        this.pos += 1;
      }
    }
    return this.fail('the string is not closed', start);
  }

  /** In a raw string a backslash escapes nothing but still keeps the next quote open. */
  rawEscape(): string {
    const next = this.text[this.pos + 1];
    if (next === undefined) {
      this.fail('the string is not closed');
    }
    this.pos += 2;
    return '\\' + next;
  }

  /** Decodes the escape at the cursor as Python does (unknown escapes stay as written). */
  escape(): string {
    const text = this.text;
    const next = text[this.pos + 1];
    if (next === undefined) {
      this.fail('the string is not closed');
    }
    if (next === '\n') {
      this.pos += 2;
      return '';
    }
    if (next === '\r') {
      this.pos += text[this.pos + 2] === '\n' ? 3 : 2;
      return '';
    }
    if (Object.prototype.hasOwnProperty.call(SIMPLE_ESCAPES, next)) {
      this.pos += 2;
      return SIMPLE_ESCAPES[next];
    }
    if (next === '/' && this.options.json) {
      this.pos += 2;
      return '/';
    }
    if (next >= '0' && next <= '7') {
      let end = this.pos + 1;
      while (end < this.pos + 4 && text[end] >= '0' && text[end] <= '7') {
        end += 1;
      }
      const code = parseInt(text.slice(this.pos + 1, end), 8);
      this.pos = end;
      return String.fromCharCode(code);
    }
    const width = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (width > 0) {
      const digits = text.slice(this.pos + 2, this.pos + 2 + width);
      if (
        digits.length !== width ||
        ![...digits].every(d => isHex(d.charCodeAt(0)))
      ) {
        this.fail(`\\${next} needs ${width} hex digits`);
      }
      const code = parseInt(digits, 16);
      if (code > 0x10ffff) {
        this.fail(`\\${next}${digits} is not a valid character`);
      }
      this.pos += 2 + width;
      return String.fromCodePoint(code);
    }
    if (next === 'N') {
      this.fail(
        '\\N{...} named escapes are not supported; write the character itself'
      );
    }
    this.pos += 2;
    return '\\' + next; // Python keeps unknown escapes as written
  }

  /** Reads digits with single underscores between them (Python's `1_000`). */
  digits(test: (c: number) => boolean): string {
    const text = this.text;
    const start = this.pos;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (test(c)) {
        this.pos += 1;
      } else if (
        c === 95 &&
        test(text.charCodeAt(this.pos + 1)) &&
        this.pos > start
      ) {
        this.pos += 1;
      } else {
        break;
      }
    }
    return text.slice(start, this.pos).replace(/_/g, '');
  }

  /** Reads an unsigned int or float literal: every base, underscores, exponents. */
  number(): [number, string] {
    const text = this.text;
    const start = this.pos;
    const base = /^0[xXoObB]/.test(text.slice(start, start + 2))
      ? text[start + 1].toLowerCase()
      : '';
    let value: number;
    let type = 'int';
    if (base) {
      this.pos += 2;
      if (text[this.pos] === '_') {
        this.pos += 1;
      }
      const radix = base === 'x' ? 16 : base === 'o' ? 8 : 2;
      const test =
        radix === 16 ? isHex : (c: number) => c >= 48 && c < 48 + radix;
      const digits = this.digits(test);
      if (!digits) {
        this.fail('a number has no digits', start);
      }
      value = parseInt(digits, radix);
    } else {
      const whole = this.digits(isDigit);
      let literal = whole;
      if (text[this.pos] === '.') {
        this.pos += 1;
        type = 'float';
        literal += '.' + this.digits(isDigit);
      }
      if (/^[eE][+-]?[0-9]/.test(text.slice(this.pos, this.pos + 3))) {
        type = 'float';
        this.pos += 1;
        let exponent = '';
        if (text[this.pos] === '+' || text[this.pos] === '-') {
          exponent = text[this.pos];
          this.pos += 1;
        }
        literal += 'e' + exponent + this.digits(isDigit);
      }
      if (type === 'int' && /^0+[1-9]/.test(whole)) {
        this.fail(
          `${whole} has leading zeros, which Python does not allow`,
          start
        );
      }
      value = Number(literal);
    }
    const after = text.charCodeAt(this.pos);
    if (after === 106 || after === 74) {
      this.fail('complex numbers are not supported', start);
    }
    if (isIdentifierChar(after)) {
      this.fail(`${text.slice(start, this.pos + 1)}... is not a number`, start);
    }
    if (type === 'int' && !Number.isSafeInteger(value)) {
      this.fail(
        `${text.slice(start, this.pos)} is too large to keep exactly`,
        start
      );
    }
    if (!Number.isFinite(value)) {
      this.fail(
        `${text.slice(start, this.pos)} is too large for a float`,
        start
      );
    }
    return [value, type];
  }
}
