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
