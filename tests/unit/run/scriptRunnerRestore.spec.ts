/**
 * The runner asks the kernel once how a script's cells last ran, when it first follows that
 * script in that kernel (as after a page reload), and fills the run states with the answer;
 * a failed ask leaves "not run", a clear meanwhile voids the answer. The kernel side is the
 * `readHistory` seam; the real op is tested in tests/integration/restoredStates.spec.ts.
 */
import type { Kernel } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';
import type { ICellRunRecord } from '../../../src/kernel/protocol';
import type {
  IKernelTarget,
  IKernelTargetSource
} from '../../../src/run/kernelTarget';
import { ScriptRunner } from '../../../src/run/scriptRunner';

function fakeKernel(id: string): Kernel.IKernelConnection {
  const kernel: any = {
    id,
    name: 'python3',
    status: 'idle',
    isDisposed: false
  };
  kernel.statusChanged = new Signal(kernel);
  kernel.iopubMessage = new Signal(kernel);
  kernel.disposed = new Signal(kernel);
  return kernel;
}

function targetsOf(kernel: Kernel.IKernelConnection): IKernelTargetSource {
  const current: IKernelTarget = {
    notebookPath: 'work/analysis.ipynb',
    cwd: 'work',
    kernelName: 'Python 3',
    kernel,
    ready: async () => kernel
  };
  return {
    changed: new Signal<IKernelTargetSource, void>({} as IKernelTargetSource),
    current
  };
}

/** A promise with its resolve and reject at hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

const SETUP: ICellRunRecord = {
  index: 0,
  name: 'Setup',
  hash: 'abc',
  status: 'ok',
  durationMs: 12,
  order: 4
};

describe('ScriptRunner restoring run states', () => {
  let kernel: Kernel.IKernelConnection;
  let asked: string[];
  let answer: ReturnType<typeof deferred<readonly ICellRunRecord[]>>;
  let runner: ScriptRunner;

  beforeEach(() => {
    kernel = fakeKernel('k1');
    asked = [];
    answer = deferred();
    runner = new ScriptRunner({
      targets: targetsOf(kernel),
      readHistory: async (_bridge, path) => {
        asked.push(path);
        return answer.promise;
      }
    });
  });
  afterEach(() => runner.dispose());

  it('asks once per script and kernel, with the path in one spelling, and fills the states', async () => {
    const states = runner.statesFor('./work/train.py')!;
    runner.statesFor('work/train.py');
    expect(asked).toEqual(['work/train.py']);
    const changed = new Promise(resolve => states.changed.connect(resolve));
    answer.resolve([SETUP]);
    await changed;
    expect(states.get({ index: 0, name: 'Setup' })).toMatchObject({
      status: 'ok',
      durationMs: 12,
      ranHash: 'abc',
      restored: true
    });
  });

  it('leaves every cell not run when the kernel cannot answer', async () => {
    const debug = jest.spyOn(console, 'debug').mockImplementation(() => {});
    const states = runner.statesFor('work/train.py')!;
    answer.reject(new Error('no reply'));
    await answer.promise.catch(() => undefined);
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(states.get({ index: 0, name: 'Setup' }).status).toBe('not-run');
    expect(debug).toHaveBeenCalled();
    debug.mockRestore();
  });

  it('drops an answer that comes after the runs were forgotten', async () => {
    const states = runner.statesFor('work/train.py')!;
    states.clear(); // e.g. the kernel restarted while the answer was on its way
    answer.resolve([SETUP]);
    await answer.promise;
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(states.get({ index: 0, name: 'Setup' }).status).toBe('not-run');
  });
});
