/**
 * Structured cell selections: checking their shape (commands receive them as JSON, so nothing
 * about them can be assumed) and describing any selector in words for messages.
 */
import { CellSelectorError } from './errors';
import { CellRef, CellSelection, CellSelector } from './types';

/** What a valid selection looks like; ends every shape error, so the fix is in the message. */
const SHAPES =
  "Use { index: 2 } or { name: 'Setup' } for one cell, { from, to } (each an index or a " +
  "name, either left out) for a range, or { tag: 'io' } for tagged cells.";

const SELECTION_KEYS = ['index', 'name', 'from', 'to', 'tag'];
const REF_KEYS = ['index', 'name'];

function has(value: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as a message shows it: JSON where it can be, short, and never a throw. */
function show(value: unknown): string {
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'string' ? JSON.stringify(value) : String(value);
  }
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value); // a cycle or a BigInt: still say something
  }
}

function keyProblem(value: object, allowed: string[]): string | null {
  const unexpected = Object.keys(value).find(key => !allowed.includes(key));
  return unexpected === undefined ? null : `unexpected key '${unexpected}'`;
}

function indexProblem(index: unknown): string | null {
  // Number.isInteger refuses NaN, Infinity and fractions: none of them is a position.
  return typeof index === 'number' && Number.isInteger(index)
    ? null
    : `index must be a whole number, not ${show(index)}`;
}

function textProblem(key: string, text: unknown): string | null {
  if (typeof text !== 'string') {
    return `${key} must be text, not ${show(text)}`;
  }
  return text === '' ? `${key} must not be empty` : null;
}

/** Why `value` is not a {@link CellRef}, or null when it is one. */
function refProblem(value: Record<string, unknown>): string | null {
  const problem = keyProblem(value, REF_KEYS);
  if (problem) {
    return problem;
  }
  if (has(value, 'index') && has(value, 'name')) {
    return 'give index or name, not both';
  }
  if (has(value, 'index')) {
    return indexProblem(value.index);
  }
  if (has(value, 'name')) {
    return textProblem('name', value.name);
  }
  return 'give index or name';
}

/** Why a range end is not valid, or null: left out (undefined) is an open end. */
function endProblem(key: 'from' | 'to', end: unknown): string | null {
  if (end === undefined) {
    return null;
  }
  if (!isObject(end)) {
    return `${key} must be { index } or { name } (left out for an open end), not ${show(end)}`;
  }
  const problem = refProblem(end);
  return problem === null ? null : `${key}: ${problem}`;
}

/** Why an object is not a {@link CellSelection}, or null when it is one. */
function selectionProblem(value: Record<string, unknown>): string | null {
  const problem = keyProblem(value, SELECTION_KEYS);
  if (problem) {
    return problem;
  }
  const kinds = ['index', 'name', 'tag'].filter(key => has(value, key));
  if (has(value, 'from') || has(value, 'to')) {
    kinds.push('range');
  }
  if (kinds.length > 1) {
    return kinds.length === 2 &&
      kinds.includes('index') &&
      kinds.includes('name')
      ? 'give index or name, not both'
      : 'give one of index, name, from/to or tag';
  }
  switch (kinds[0]) {
    case 'index':
    case 'name':
      return refProblem(value);
    case 'tag':
      return textProblem('tag', value.tag);
    default:
      // A range; {} (no key at all) is the range open at both ends: every cell.
      return endProblem('from', value.from) ?? endProblem('to', value.to);
  }
}

/**
 * Whether `value` is a well-formed {@link CellSelection}: `{ index }` with a whole number,
 * `{ name }` or `{ tag }` with non-empty text, or `{ from?, to? }` whose ends are such
 * `{ index }`/`{ name }` objects or left out; no other keys. For checking command arguments,
 * which arrive as JSON. Numbers and strings are selectors too but not selections: test them
 * with `typeof`.
 */
export function isCellSelection(value: unknown): value is CellSelection {
  return isObject(value) && selectionProblem(value) === null;
}

/**
 * Checks a selector's shape and returns it typed, for the selection functions.
 *
 * @throws CellSelectorError saying what is wrong and which shapes are expected.
 */
export function checkSelector(selector: unknown): CellSelector {
  if (typeof selector === 'number' || typeof selector === 'string') {
    return selector;
  }
  if (!isObject(selector)) {
    throw new CellSelectorError(
      `A cell selector must be a number, a string or a selection object, not ${show(selector)}. ${SHAPES}`
    );
  }
  const problem = selectionProblem(selector);
  if (problem !== null) {
    throw new CellSelectorError(
      `The cell selection ${show(selector)} is not valid: ${problem}. ${SHAPES}`
    );
  }
  return selector as CellSelection;
}

/** A cell reference in words: `cell index 7` or `cell named '1'`. */
export function describeRef(ref: CellRef): string {
  return 'index' in ref
    ? `cell index ${ref.index}`
    : `cell named '${ref.name}'`;
}

/**
 * A selector in words a user understands, for messages: `cell index 7`, `cell named '1'`,
 * `cells tagged #io`, `cells from cell named 'A' to cell index 3`, `all cells`, or a string
 * selector quoted as it was typed (`'Setup:Train'`). Never throws: a malformed selector is
 * shown as JSON.
 */
export function describeSelector(selector: CellSelector): string {
  if (typeof selector === 'number') {
    return `cell index ${selector}`;
  }
  if (typeof selector === 'string') {
    return `'${selector}'`;
  }
  if (!isCellSelection(selector)) {
    return show(selector);
  }
  if ('tag' in selector) {
    return `cells tagged #${selector.tag}`;
  }
  if ('index' in selector || 'name' in selector) {
    return describeRef(selector);
  }
  const { from, to } = selector;
  if (from === undefined && to === undefined) {
    return 'all cells';
  }
  const start = from === undefined ? 'the first' : describeRef(from);
  const end = to === undefined ? 'the last' : describeRef(to);
  return `cells from ${start} to ${end}`;
}
