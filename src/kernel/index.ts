/**
 * The kernel side of cellscript: the typed bridge to the Python runtime and headless sessions.
 * See docs/kernel.md.
 */
export * from './protocol';
export * from './errors';
export * from './outputs';
export * from './bridge';
export * from './session';
export {
  kernelFileFor,
  normalizeScriptPath,
  type IKernelPathOptions
} from './paths';
export { parseExportList, parseExportSpec, specText } from './exports';
