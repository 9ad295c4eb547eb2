/**
 * Inferring a script's parameters without running it: module-level `name = literal`
 * assignments and `name = Param(...)` declarations, as Guild AI, papermill and py3r read them.
 */
import { isLiteralFailure, readLiteral, skipBlanks } from './literal';
import { moduleStatements } from './statements';
import {
  IParsedScript,
  IScriptCell,
  IScriptParameter,
  JSONValue
} from './types';

/**
 * The cells whose assignments are parameters: the code cells tagged `parameters` or named
 * `Parameters` (any case) when there are such cells, else every code cell.
 */
export function parameterCells(script: IParsedScript): IScriptCell[] {
  const code = script.cells.filter(cell => cell.type === 'code');
  const marked = code.filter(
    cell =>
      cell.tags.includes('parameters') ||
      cell.name?.toLowerCase() === 'parameters'
  );
  return marked.length > 0 ? marked : code;
}

/**
 * Infers the parameters of a script, in script order.
 *
 * A parameter is a module-level statement (column 0, outside strings and brackets) of a code
 * cell that assigns a literal (`lr = 0.1`, `lr: float = 0.1`, `layers = [64, 32]`) or `Param(...)`
 * (`lr = Param(0.1, name="learning_rate")`; no default makes it required). Names starting with
 * `_` are private and skipped; for each variable (and key) the first assignment wins. A trailing
 * comment gives help, or a type and help: `# type: int  number of epochs`.
 */
export function inferParameters(script: IParsedScript): IScriptParameter[] {
  // A parsed script is never changed once made: every run and the form share one reading.
  let inferred = INFERRED.get(script);
  if (!inferred) {
    inferred = readParameters(script);
    INFERRED.set(script, inferred);
  }
  return inferred.slice();
}

/** The parameters read per parsed script. */
const INFERRED = new WeakMap<IParsedScript, readonly IScriptParameter[]>();

function readParameters(script: IParsedScript): IScriptParameter[] {
  const parameters: IScriptParameter[] = [];
  const variables = new Set<string>();
  const keys = new Set<string>();
  for (const cell of parameterCells(script)) {
    for (const statement of moduleStatements(cell.source)) {
      const parameter = readAssignment(statement.text, variables);
      if (
        !parameter ||
        variables.has(parameter.variable) ||
        keys.has(parameter.name)
      ) {
        continue;
      }
      variables.add(parameter.variable);
      keys.add(parameter.name);
      parameters.push({
        ...parameter,
        line: cell.firstLine + statement.line,
        cellIndex: cell.index
      });
    }
  }
  return parameters;
}

type Assignment = Omit<IScriptParameter, 'line' | 'cellIndex'>;

// Linear on any line: '[^=\n]*' cannot overlap the '=' after it (no backtracking trap).
const TARGET = /^([\p{L}_][\p{L}\p{N}_]*)[ \t]*(?::([^=\n]*))?=(?!=)/u;
/** Names that are literals. */
const LITERAL_WORDS = new Set(['True', 'False', 'None']);

/** `else: x = 1` is not an annotated assignment to `else`. */
const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' '
  )
);
const PARAM_CALL = /^(?:[\p{L}_][\p{L}\p{N}_]*\.)*Param[ \t]*\(/u;

/**
 * Reads `name = literal` or `name = Param(...)` (with its trailing comment); null otherwise,
 * and for variables already `seen`.
 */
function readAssignment(
  statement: string,
  seen: Set<string>
): Assignment | null {
  const target = TARGET.exec(statement);
  if (
    !target ||
    target[1].startsWith('_') ||
    KEYWORDS.has(target[1]) ||
    seen.has(target[1]) // the first assignment won already: skip reading the value
  ) {
    return null;
  }
  const variable = target[1];
  const annotation = target[2]?.trim() ? normaliseType(target[2]) : undefined;
  const valueStart = skipBlanks(statement, target[0].length, false);
  const call = PARAM_CALL.exec(statement.slice(valueStart));
  const declared = call
    ? readParamCall(statement, valueStart + call[0].length)
    : readValue(statement, valueStart);
  if (!declared) {
    return null;
  }
  const comment = trailingComment(statement, declared.end);
  if (comment === null) {
    return null; // more code after the value: not a plain assignment
  }
  const typeComment = /^type:[ \t]*([^\s#]+)[ \t]*#?[ \t]*(.*)$/.exec(comment);
  // An annotation is Python's own declaration: it wins over a `# type:` comment, as papermill
  // reads it (the comment's help still counts).
  const declaredType =
    annotation ?? (typeComment ? normaliseType(typeComment[1]) : undefined);
  // Param(help=...) is deliberate; a trailing comment is the fallback.
  const help = declared.help || (typeComment ? typeComment[2] : comment).trim();
  const parameter: Assignment = {
    name: declared.key ?? variable,
    variable,
    value: declared.value,
    type: declaredType ?? declared.type,
    required: declared.value === undefined,
    declaredBy: call ? 'Param' : 'literal'
  };
  if (help) {
    parameter.help = help;
  }
  return parameter;
}

interface IDeclared {
  value: JSONValue | undefined;
  type: string;
  end: number;
  key?: string;
  help?: string;
}

function readValue(statement: string, start: number): IDeclared | null {
  // Most module-level assignments are calls or names: refuse those without reading a literal
  // (a literal reader's failure is an exception, which is slow in bulk).
  const word = /^[\p{L}_][\p{L}\p{N}_]*/u.exec(
    statement.slice(start, start + 64)
  );
  if (word && !LITERAL_WORDS.has(word[0]) && !/^[rRuU]{1,2}$/.test(word[0])) {
    return null;
  }
  const literal = readLiteral(statement, start, { bareTuple: true });
  if (isLiteralFailure(literal)) {
    return null;
  }
  return { value: literal.value, type: literal.type, end: literal.end };
}

/** `Param(default, name="key", help="...")`, also with `default=`; all arguments literals. */
function readParamCall(statement: string, start: number): IDeclared | null {
  const positional: Array<{ value: JSONValue; type: string }> = [];
  const keywords = new Map<string, { value: JSONValue; type: string }>();
  let pos = skipBlanks(statement, start, true);
  while (statement[pos] !== ')') {
    const keyword = /^([\p{L}_][\p{L}\p{N}_]*)[ \t]*=(?!=)/u.exec(
      statement.slice(pos, pos + 200)
    );
    if (keyword) {
      pos += keyword[0].length;
    } else if (keywords.size > 0) {
      return null; // a positional argument after a keyword one
    }
    const literal = readLiteral(statement, pos, { inBrackets: true });
    if (isLiteralFailure(literal)) {
      return null;
    }
    if (keyword) {
      keywords.set(keyword[1], literal);
    } else {
      positional.push(literal);
    }
    pos = skipBlanks(statement, literal.end, true);
    if (statement[pos] === ',') {
      pos = skipBlanks(statement, pos + 1, true);
    } else if (statement[pos] !== ')') {
      return null;
    }
  }
  const fallback = positional[0] ?? keywords.get('default');
  const key = keywords.get('name');
  const help = keywords.get('help') ?? keywords.get('description');
  return {
    value: fallback?.value,
    type: fallback?.type ?? 'any',
    end: pos + 1,
    key:
      key && typeof key.value === 'string' && key.value !== ''
        ? key.value
        : undefined,
    help: help && typeof help.value === 'string' ? help.value : undefined
  };
}

/**
 * The comment after a value (`''` when none); `null` when something other than blanks, a `;`
 * and a comment follows it.
 */
function trailingComment(statement: string, end: number): string | null {
  let pos = skipBlanks(statement, end, false);
  if (statement[pos] === ';') {
    pos = skipBlanks(statement, pos + 1, false);
  }
  let comment = '';
  if (statement[pos] === '#') {
    const newline = statement.indexOf('\n', pos);
    const stop = newline < 0 ? statement.length : newline;
    comment = statement.slice(pos + 1, stop).trim();
    pos = stop;
  }
  return statement.slice(pos).trim() === '' ? comment : null;
}

/** `Optional[int]`, `typing.List[str]`, `'float'` → `int`, `list`, `float`. */
export function normaliseType(annotation: string): string {
  if (annotation.length > 200) {
    return annotation.trim(); // no real annotation is this long; keep the regexes below short
  }
  let type = annotation
    .trim()
    .replace(/^['"]|['"]$/g, '')
    .trim();
  type = type.replace(/^(?:typing|t)\./, '');
  const optional = /^Optional\[(.*)\]$/.exec(type);
  if (optional) {
    type = optional[1].trim();
  }
  const union = /^(.*?)\s*\|\s*None$/.exec(type);
  if (union) {
    type = union[1].trim();
  }
  const generic = /^([A-Za-z_.]+)\s*\[/.exec(type);
  const base = generic ? generic[1] : type;
  const known: Record<string, string> = {
    List: 'list',
    Sequence: 'list',
    Dict: 'dict',
    Mapping: 'dict',
    Tuple: 'tuple',
    None: 'NoneType'
  };
  return known[base] ?? base;
}
