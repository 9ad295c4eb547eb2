/**
 * Export declarations as users write them: `'name'` or `'target=source'`.
 */
import { KernelRequestError } from './errors';
import type { IExportSpec } from './protocol';

const IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;

/**
 * Parse `'name'` (export as itself) or `'target=source'` (export `source` as `target`).
 * @throws KernelRequestError (kind 'bad-name') when a side is not a Python identifier.
 */
export function parseExportSpec(spec: string): IExportSpec {
  const parts = spec.split('=').map(part => part.trim());
  if (parts.length > 2 || parts.some(part => !IDENTIFIER.test(part))) {
    throw new KernelRequestError(
      `Cannot read the export "${spec}": write a variable name, or target=source ` +
        '(e.g. "model" or "script_model=model").',
      'bad-name'
    );
  }
  const [target, source = target] = parts;
  return { target, source };
}

/** How exports are written, for error messages. */
const HOW_TO_WRITE =
  'Write variable names separated by commas or spaces, and target=source to rename ' +
  '(e.g. "loss, model_v2=model").';

/** Python's keywords: valid-looking names the kernel refuses (soft keywords are fine). */
const KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else ' +
    'except finally for from global if import in is lambda nonlocal not or pass raise ' +
    'return try while with yield'
  ).split(' ')
);

/** Names IPython keeps in the notebook's namespace (the runtime refuses them as targets). */
const IPYTHON_NAMES = new Set(['In', 'Out', 'get_ipython', 'exit', 'quit']);
const IPYTHON_NAME = /^_(i{1,3}|ih|oh|dh|i?\d+)?$/;

/**
 * Read exports as a user types them: names separated by commas or spaces, `target=source`
 * to rename (spaces around `=` are fine), e.g. `'loss, model_v2 = model'`. Each string of a
 * list may hold several; objects are checked as they are. The same checks as the kernel's,
 * so a declaration kept for a later run cannot make that run fail: keywords are refused
 * everywhere, and targets Python or IPython need in the notebook (`__name__`, `In`, `_1`).
 * @throws KernelRequestError (kind 'bad-name') that says what to write; nothing is read then.
 */
export function parseExportList(
  input: string | ReadonlyArray<string | IExportSpec>
): IExportSpec[] {
  const items = typeof input === 'string' ? [input] : input;
  const specs: IExportSpec[] = [];
  for (const item of items) {
    if (typeof item !== 'string') {
      specs.push(checkExportSpec(item));
      continue;
    }
    const words = item
      .replace(/\s*=\s*/g, '=')
      .split(/[\s,]+/)
      .filter(word => word !== '');
    specs.push(...words.map(word => checkExportSpec(parseExportSpec(word))));
  }
  if (specs.length === 0) {
    throw new KernelRequestError(
      `Nothing to export. ${HOW_TO_WRITE}`,
      'bad-name'
    );
  }
  const byTarget = new Map<string, IExportSpec>();
  for (const spec of specs) {
    const other = byTarget.get(spec.target);
    if (other && other.source !== spec.source) {
      throw new KernelRequestError(
        `"${spec.target}" is exported twice (${specText(other)}, ${specText(spec)}), ` +
          'but a notebook variable holds one value. Keep one of them.',
        'bad-name'
      );
    }
    byTarget.set(spec.target, spec);
  }
  return [...byTarget.values()];
}

/** An export as a user writes it: `name`, or `target=source` when they differ. */
export function specText(spec: IExportSpec): string {
  return spec.target === spec.source
    ? spec.target
    : `${spec.target}=${spec.source}`;
}

/** Check an export object as the kernel would; returns a plain `{ target, source }`. */
function checkExportSpec(spec: IExportSpec): IExportSpec {
  const { target, source } = (spec ?? {}) as Partial<IExportSpec>;
  for (const name of [target, source]) {
    if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
      throw new KernelRequestError(
        `Cannot read the export ${JSON.stringify(name ?? spec)}. ${HOW_TO_WRITE}`,
        'bad-name'
      );
    }
    if (KEYWORDS.has(name)) {
      throw new KernelRequestError(
        `Cannot export "${name}": it is a Python keyword, not a variable name. ${HOW_TO_WRITE}`,
        'bad-name'
      );
    }
  }
  const t = target as string;
  if (t.startsWith('__') && t.endsWith('__')) {
    throw new KernelRequestError(
      `Cannot export into "${t}": Python itself uses that name in every namespace. ` +
        `Export it under another name, e.g. "script${t}=${source}".`,
      'bad-name'
    );
  }
  if (IPYTHON_NAMES.has(t) || IPYTHON_NAME.test(t)) {
    throw new KernelRequestError(
      `Cannot export into "${t}": IPython needs that name in the notebook's namespace. ` +
        `Export it under another name, e.g. "script_${t.replace(/^_+/, '')}=${source}".`,
      'bad-name'
    );
  }
  return { target: t, source: source as string };
}
