/**
 * The pure script model: parse a Python script of `# %%` cells, select cells, infer and convert
 * parameters, write a cell back. No DOM, no JupyterLab: it runs in the browser and in Node.
 *
 * See docs/script-model.md for the rules and examples.
 */
export * from './types';
export * from './errors';
export { commentText, parseScript, uncomment } from './parse';
export { selectCells, selectCell, cellStartLine } from './select';
export { describeSelector, isCellSelection } from './selector';
export { inferParameters, parameterCells } from './parameters';
export { convertParameterValue } from './convert';
export { assignedNames, findReassignments } from './reassigned';
export {
  orphanedOverrides,
  overridesByVariable,
  overridesForRun,
  runOverrides
} from './overrides';
export type { IOverrideCell, ParameterValues, RunOverrides } from './overrides';
export { findOriginCell, replaceCellSource } from './writeback';
export { decodeScript } from './decode';
export { hashText } from './hash';
export { parseLiteral } from './literal';
export type { ILiteral, ILiteralFailure, ILiteralOptions } from './literal';
