/**
 * Converting a value the user set (a form field's text, or a JSON value from a magic or API)
 * to a parameter's type. Nothing is ever truncated or guessed silently: 3.5 for an int is an
 * error, not 3.
 */
import { ParameterError } from './errors';
import { isLiteralFailure, parseLiteral } from './literal';
import { IScriptParameter, JSONValue } from './types';

type Parameter = Pick<
  IScriptParameter,
  'name' | 'type' | 'line' | 'value' | 'required'
>;

function show(input: unknown): string {
  if (typeof input === 'string') {
    return JSON.stringify(input);
  }
  try {
    return JSON.stringify(input) ?? String(input);
  } catch {
    return String(input);
  }
}

function fail(param: Parameter, problem: string): never {
  throw new ParameterError(
    `${param.name} (line ${param.line}) ${problem}`,
    param.name,
    {
      line: param.line
    }
  );
}

function article(type: string): string {
  return /^[aeiou]/i.test(type) ? 'an' : 'a';
}

/** Reads text as a Python or JSON literal; `undefined` when it is not one. */
function literalOf(
  text: string
): { value: JSONValue; type: string } | undefined {
  const result = parseLiteral(text, { json: true, bareTuple: true });
  return isLiteralFailure(result) ? undefined : result;
}

/** Why text is not a literal number that can be kept exactly, if that is why. */
function tooLarge(text: string): boolean {
  const result = parseLiteral(text, { json: true });
  return isLiteralFailure(result) && result.error.includes('too large');
}

const NONE_WORDS = new Set(['None', 'null']);

/**
 * Converts user input to the parameter's type.
 *
 * - `int`: whole numbers (`'3'`, `3`, `'1_000'`, `'3.0'`); `3.5` is an error, never 3;
 * - `float`: any finite number (`'1e-3'`, `2`);
 * - `bool`: `true`/`false`, `True`/`False`, `1`/`0`;
 * - `str`: text as it is, untrimmed (numbers become their text);
 * - `list`/`tuple`/`dict`: a JSON value, or text that is JSON or a Python literal;
 * - `NoneType`, `any` and unknown types: text read as a literal when it is one, else kept as text.
 *
 * `None`/`null` is accepted where the default is None. No input (`undefined`) gives the default,
 * or an error when the parameter is required.
 *
 * @throws ParameterError naming the parameter and its line.
 */
export function convertParameterValue(
  param: Parameter,
  input: unknown
): JSONValue {
  if (input === undefined) {
    if (param.required || param.value === undefined) {
      fail(param, 'is required: give it a value.');
    }
    return param.value as JSONValue;
  }
  const text = typeof input === 'string' ? input.trim() : undefined;
  if (
    param.value === null &&
    (input === null || (text !== undefined && NONE_WORDS.has(text)))
  ) {
    return null;
  }
  switch (param.type) {
    case 'int':
      return toInt(param, input, text);
    case 'float':
      return toFloat(param, input, text);
    case 'bool':
      return toBool(param, input, text);
    case 'str':
      return toStr(param, input);
    case 'list':
    case 'tuple':
    case 'dict':
      return toCollection(param, input, text);
    default:
      return toAny(input, text);
  }
}

function toNumber(
  param: Parameter,
  input: unknown,
  text: string | undefined
): number {
  const type = param.type;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) {
      fail(
        param,
        `expects ${article(type)} ${type}; ${input} is not a finite number.`
      );
    }
    return input;
  }
  if (text === undefined) {
    fail(param, `expects ${article(type)} ${type}, not ${show(input)}.`);
  }
  if (text === '') {
    fail(param, `expects ${article(type)} ${type}; the value is empty.`);
  }
  const literal = literalOf(text);
  if (!literal && tooLarge(text)) {
    fail(
      param,
      `expects ${article(type)} ${type}; ${text} is too large to pass exactly.`
    );
  }
  if (!literal || (literal.type !== 'int' && literal.type !== 'float')) {
    fail(
      param,
      `expects ${article(type)} ${type}; ${show(input)} is not a number.`
    );
  }
  return literal.value as number;
}

function toInt(
  param: Parameter,
  input: unknown,
  text: string | undefined
): number {
  const value = toNumber(param, input, text);
  if (!Number.isInteger(value)) {
    fail(
      param,
      `expects an int; ${text ?? value} would be truncated. Give a whole number.`
    );
  }
  if (!Number.isSafeInteger(value)) {
    fail(
      param,
      `expects an int; ${text ?? value} is too large to pass exactly.`
    );
  }
  return value;
}

function toFloat(
  param: Parameter,
  input: unknown,
  text: string | undefined
): number {
  return toNumber(param, input, text);
}

const TRUE_WORDS = new Set(['true', 'True', '1']);
const FALSE_WORDS = new Set(['false', 'False', '0']);

function toBool(
  param: Parameter,
  input: unknown,
  text: string | undefined
): boolean {
  if (typeof input === 'boolean') {
    return input;
  }
  if (input === 1 || input === 0) {
    return input === 1;
  }
  if (text !== undefined && TRUE_WORDS.has(text)) {
    return true;
  }
  if (text !== undefined && FALSE_WORDS.has(text)) {
    return false;
  }
  return fail(param, `expects a bool (true or false), not ${show(input)}.`);
}

function toStr(param: Parameter, input: unknown): string {
  if (typeof input === 'string') {
    return input;
  }
  if (typeof input === 'number' && Number.isFinite(input)) {
    return String(input);
  }
  return fail(param, `expects a str, not ${show(input)}.`);
}

function toCollection(
  param: Parameter,
  input: unknown,
  text: string | undefined
): JSONValue {
  const type = param.type;
  let value: unknown = input;
  if (text !== undefined) {
    const literal = literalOf(text);
    if (!literal) {
      fail(
        param,
        `expects ${article(type)} ${type}; ${show(input)} is neither JSON nor a Python literal.`
      );
    }
    value = literal.value;
  }
  const isDict =
    value !== null && typeof value === 'object' && !Array.isArray(value);
  if (type === 'dict' ? !isDict : !Array.isArray(value)) {
    const example = type === 'dict' ? '{"a": 1}' : '[1, 2]';
    fail(
      param,
      `expects ${article(type)} ${type} such as ${example}, not ${show(input)}.`
    );
  }
  return value as JSONValue;
}

function toAny(input: unknown, text: string | undefined): JSONValue {
  if (text === undefined) {
    return input as JSONValue;
  }
  const literal = literalOf(text);
  return literal ? literal.value : (input as string);
}
