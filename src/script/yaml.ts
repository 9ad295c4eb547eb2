/**
 * A practical subset of YAML, enough for Jupytext headers: block maps nested by indentation,
 * block lists (also of maps), plain/quoted scalars, simple flow lists and maps, `|`/`>` blocks.
 * Anything else is reported as an error with its line; the caller keeps the raw text.
 */
import { setOwn } from './literal';

/** The parsed YAML, or why (and on which 1-based line of the YAML text) it could not be. */
export type YamlResult = { value: unknown } | { error: string; line: number };

interface ILine {
  indent: number;
  content: string;
  /** 1-based line in the YAML text. */
  line: number;
}

const MAX_DEPTH = 100;

class YamlSyntax {
  constructor(
    readonly error: string,
    readonly line: number
  ) {}
}

/** Parses `text` as the YAML subset. Never throws. */
export function parseYaml(text: string): YamlResult {
  const raw = text.split('\n').map(line => line.replace(/\r$/, ''));
  const lines: ILine[] = [];
  raw.forEach((content, i) => {
    const trimmed = content.trim();
    if (
      trimmed === '' ||
      trimmed.startsWith('#') ||
      trimmed === '---' ||
      trimmed === '...'
    ) {
      return;
    }
    const indent = content.length - content.trimStart().length;
    if (content.slice(0, indent).includes('\t')) {
      lines.push({ indent: -1, content: trimmed, line: i + 1 });
    } else {
      lines.push({
        indent,
        content: content.trimEnd().slice(indent),
        line: i + 1
      });
    }
  });
  try {
    const tab = lines.find(line => line.indent < 0);
    if (tab) {
      throw new YamlSyntax('YAML indentation cannot use tabs', tab.line);
    }
    if (lines.length === 0) {
      return { value: null };
    }
    const reader = new BlockReader(lines, raw);
    const value = reader.block(lines[0].indent);
    if (reader.i < lines.length) {
      throw new YamlSyntax('unexpected indentation', lines[reader.i].line);
    }
    return { value };
  } catch (error) {
    if (error instanceof YamlSyntax) {
      return { error: error.error, line: error.line };
    }
    // Never a throw from parsing a script: whatever else went wrong becomes the warning.
    return { error: String(error), line: 1 };
  }
}

class BlockReader {
  i = 0;

  constructor(
    readonly lines: ILine[],
    readonly raw: string[]
  ) {}

  /** Nesting depth, bounded so a pathological header cannot exhaust the stack. */
  depth = 0;

  block(indent: number): unknown {
    const line = this.lines[this.i];
    if (this.depth >= MAX_DEPTH) {
      throw new YamlSyntax(
        `nesting deeper than ${MAX_DEPTH} levels`,
        line.line
      );
    }
    this.depth += 1;
    try {
      return this.blockAt(indent, line);
    } finally {
      this.depth -= 1;
    }
  }

  blockAt(indent: number, line: ILine): unknown {
    return isItem(line.content) ? this.sequence(indent) : this.mapping(indent);
  }

  sequence(indent: number): unknown[] {
    const items: unknown[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      if (line.indent !== indent || !isItem(line.content)) {
        break;
      }
      const rest = line.content.slice(1).trimStart();
      if (rest === '') {
        this.i += 1;
        items.push(this.nested(indent, line.line));
      } else if (findColon(rest) >= 0 && !/^["'[{]/.test(rest)) {
        // '- key: value' starts a map whose keys line up with 'key'
        const inner = indent + (line.content.length - rest.length);
        this.lines[this.i] = { indent: inner, content: rest, line: line.line };
        items.push(this.mapping(inner));
      } else {
        this.i += 1;
        items.push(scalar(rest, line.line, this.depth));
      }
    }
    return items;
  }

  mapping(indent: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      if (line.indent < indent) {
        break;
      }
      if (line.indent > indent || isItem(line.content)) {
        throw new YamlSyntax('unexpected indentation', line.line);
      }
      const colon = findColon(line.content);
      if (colon < 0) {
        throw new YamlSyntax(
          `expected "key: value", got ${JSON.stringify(line.content)}`,
          line.line
        );
      }
      const key = String(
        scalar(line.content.slice(0, colon).trim(), line.line, this.depth)
      );
      const rest = line.content.slice(colon + 1).trim();
      this.i += 1;
      let value: unknown;
      if (rest === '' || rest.startsWith('#')) {
        value = this.nested(indent, line.line, true);
      } else if (/^[|>][+-]?$/.test(rest)) {
        value = this.blockScalar(indent, line.line, rest[0] === '>');
      } else {
        value = scalar(rest, line.line, this.depth);
      }
      setOwn(result, key, value);
    }
    return result;
  }

  /** The value of `key:` or `-` with nothing after it: a deeper block, or null. */
  nested(indent: number, line: number, allowSameIndentList = false): unknown {
    const next = this.lines[this.i];
    if (next && next.indent > indent) {
      return this.block(next.indent);
    }
    if (
      allowSameIndentList &&
      next &&
      next.indent === indent &&
      isItem(next.content)
    ) {
      return this.sequence(indent);
    }
    return null;
  }

  blockScalar(indent: number, line: number, folded: boolean): string {
    const body: string[] = [];
    let end = line; // raw line numbers are 1-based; raw[end] is the next line
    let blockIndent = -1;
    while (end < this.raw.length) {
      const text = this.raw[end];
      const lineIndent = text.length - text.trimStart().length;
      if (text.trim() !== '') {
        if (lineIndent <= indent) {
          break;
        }
        blockIndent = blockIndent < 0 ? lineIndent : blockIndent;
      }
      body.push(text);
      end += 1;
    }
    while (this.i < this.lines.length && this.lines[this.i].line <= end) {
      this.i += 1;
    }
    const lines = body.map(text => text.slice(Math.max(blockIndent, 0)));
    while (lines.length && lines[lines.length - 1].trim() === '') {
      lines.pop();
    }
    return (folded ? lines.join(' ') : lines.join('\n')) + '\n';
  }
}

function isItem(content: string): boolean {
  return content === '-' || content.startsWith('- ');
}

/** Position of the `:` that ends a key (followed by a blank or the end), outside quotes. */
function findColon(content: string): number {
  let quote = '';
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (quote) {
      quote = c === quote ? '' : quote;
    } else if (c === '"' || c === "'") {
      quote = i === 0 ? c : '';
    } else if (
      c === ':' &&
      (i + 1 === content.length || content[i + 1] === ' ')
    ) {
      return i;
    } else if (c === '#' && i > 0 && content[i - 1] === ' ') {
      return -1;
    }
  }
  return -1;
}

/** Offset of the `"` closing the string that starts `value`, or -1. */
function closingQuote(value: string): number {
  for (let i = 1; i < value.length; i++) {
    if (value[i] === '\\') {
      i += 1;
    } else if (value[i] === '"') {
      return i;
    }
  }
  return -1;
}

/** The value before a ` #` comment (a loop: `/\s+#.*$/` is quadratic on long blank runs). */
function stripComment(value: string): string {
  for (let i = value.indexOf('#'); i > 0; i = value.indexOf('#', i + 1)) {
    if (/\s/.test(value[i - 1])) {
      return value.slice(0, i).trimEnd();
    }
  }
  return value;
}

/**
 * Reads a scalar or a flow collection (`[a, b]`, `{a: 1}`); `depth` is the number of blocks
 * it sits in, counted against the same cap as block nesting.
 */
function scalar(text: string, line: number, depth: number): unknown {
  let value = text.trim();
  if (value.startsWith('"')) {
    const close = closingQuote(value);
    const rest = close < 0 ? '#' : value.slice(close + 1).trim();
    if (rest === '' || rest.startsWith('#')) {
      try {
        return JSON.parse(value.slice(0, close + 1));
      } catch {
        // reported below
      }
    }
    throw new YamlSyntax(`cannot read the string ${value.slice(0, 80)}`, line);
  }
  if (value.startsWith("'")) {
    const match = /^'((?:[^']|'')*)'\s*(#.*)?$/.exec(value);
    if (!match) {
      throw new YamlSyntax(`cannot read the string ${value}`, line);
    }
    return match[1].replace(/''/g, "'");
  }
  value = stripComment(value);
  if (value.startsWith('[') || value.startsWith('{')) {
    return flow(value, line, depth);
  }
  if (/^(true|True|TRUE)$/.test(value)) {
    return true;
  }
  if (/^(false|False|FALSE)$/.test(value)) {
    return false;
  }
  if (/^(null|Null|NULL|~)?$/.test(value)) {
    return null;
  }
  if (
    /^[-+]?(0|[1-9][0-9]*)$/.test(value) &&
    Number.isSafeInteger(Number(value))
  ) {
    return Number(value);
  }
  if (/^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/.test(value)) {
    return Number(value);
  }
  return value;
}

/**
 * How deep the brackets of a flow collection nest, outside quoted strings: one pass, no
 * recursion, so it can be asked of any text before anything is built from it.
 */
function flowDepth(value: string): number {
  let depth = 0;
  let deepest = 0;
  let quote = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quote) {
      if (c === '\\' && quote === '"') {
        i += 1; // an escaped character, a quote included
      } else if (c === quote) {
        quote = ''; // YAML's '' inside single quotes closes and reopens: same depth
      }
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '[' || c === '{') {
      depth += 1;
      deepest = Math.max(deepest, depth);
    } else if (c === ']' || c === '}') {
      depth -= 1;
    }
  }
  return deepest;
}

/** Flow collections of scalars, one level deep unless JSON (tried first, with the cap). */
function flow(value: string, line: number, depth: number): unknown {
  // JSON.parse would build any depth, and a value nested too deep breaks whoever walks it
  // later (JSON.stringify overflows the stack): refuse it as block nesting is refused.
  if (depth + flowDepth(value) > MAX_DEPTH) {
    throw new YamlSyntax(`nesting deeper than ${MAX_DEPTH} levels`, line);
  }
  try {
    return JSON.parse(value);
  } catch {
    // not JSON: plain YAML scalars
  }
  const open = value[0];
  const close = open === '[' ? ']' : '}';
  if (!value.endsWith(close)) {
    throw new YamlSyntax(`'${close}' is missing`, line);
  }
  const inner = value.slice(1, -1).trim();
  if (/[[\]{}]/.test(inner)) {
    throw new YamlSyntax('nested flow collections are not supported', line);
  }
  const parts = inner === '' ? [] : inner.split(',').map(part => part.trim());
  if (open === '[') {
    return parts.map(part => scalar(part, line, depth + 1));
  }
  const result: Record<string, unknown> = {};
  for (const part of parts) {
    const colon = findColon(part);
    if (colon < 0) {
      throw new YamlSyntax(`expected "key: value" in ${value}`, line);
    }
    setOwn(
      result,
      String(scalar(part.slice(0, colon), line, depth + 1)),
      scalar(part.slice(colon + 1), line, depth + 1)
    );
  }
  return result;
}
