import type { IOutputSink } from '../kernel/outputs';

/**
 * One sink that hands every event to each of `sinks` in order (the run states, then a caller's
 * sink such as a notebook cell's output area). Missing sinks are skipped.
 */
export function teeSinks(
  ...sinks: ReadonlyArray<IOutputSink | undefined>
): IOutputSink {
  const present = sinks.filter((sink): sink is IOutputSink => !!sink);
  if (present.length === 1) {
    return present[0];
  }
  return {
    cellStarted: (index, start) =>
      present.forEach(sink => sink.cellStarted?.(index, start)),
    output: (index, output, extra) =>
      present.forEach(sink => sink.output?.(index, output, extra)),
    clearOutput: (index, wait) =>
      present.forEach(sink => sink.clearOutput?.(index, wait)),
    cellFinished: (index, outcome) =>
      present.forEach(sink => sink.cellFinished?.(index, outcome))
  };
}
