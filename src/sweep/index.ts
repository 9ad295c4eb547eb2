/**
 * Parameter sweeps over fresh processes (docs/sweeps.md): plan, run, results, history.
 * Usable headless from Node with @jupyterlab/services, like the kernel session.
 */
export * from './types';
export { SweepError } from './errors';
export { splitNameList, splitValueList } from './valueList';
export {
  planSweep,
  stableKey,
  DEFAULT_CONCURRENCY,
  type ISweepPlan
} from './plan';
export {
  SweepResults,
  cellText,
  errorText,
  outputText,
  plainOutput,
  type SweepRow
} from './results';
export {
  SWEEP_SESSION_TYPE,
  SessionSweepKernels,
  findLeftoverSweepKernels,
  shutdownSweepKernels,
  type ISweepKernel,
  type ISweepKernels
} from './kernels';
export {
  historyFolder,
  listRecords,
  loadRecord,
  newSweepId,
  recordPath,
  saveRecord
} from './history';
export {
  Sweep,
  startSweep,
  type ISweepProgress,
  type ISweepSource
} from './runner';
