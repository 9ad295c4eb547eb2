/**
 * The cell executor with a fake kernel that queues requests as a kernel does (in order; an
 * error aborts what was queued behind it when stop_on_error) and fake cells: the order of
 * "Run All" across magic and plain cells, failures, interrupts, mixed cells, magics off.
 */
import { Signal } from '@lumino/signaling';
import { MagicCellExecutor } from '../../../src/magics/cellExecutor';
import { MagicRegistry } from '../../../src/magics/registry';

interface IRequest {
  code: string;
  store_history?: boolean;
  stop_on_error?: boolean;
}

/** A kernel that runs one request at a time, in order, as the kernel's shell queue does. */
class FakeKernel {
  log: string[] = [];
  count = 0;
  private _tail: Promise<unknown> = Promise.resolve();
  private _abortQueued = false;
  private _queued = 0;

  requestExecute(content: IRequest) {
    this._queued++;
    const done = this._tail.then(async () => {
      this._queued--;
      if (this._abortQueued) {
        if (this._queued === 0) {
          this._abortQueued = false;
        }
        return { content: { status: 'aborted', execution_count: null } };
      }
      await Promise.resolve();
      if (content.store_history) {
        this.count++;
      }
      this.log.push(content.code);
      const failed = content.code.includes('fail');
      if (failed && content.stop_on_error && this._queued > 0) {
        this._abortQueued = true;
      }
      return {
        content: {
          status: failed ? 'error' : 'ok',
          execution_count: this.count,
          ename: 'Error',
          evalue: 'failed',
          traceback: []
        }
      };
    });
    this._tail = done;
    return { done };
  }
}

function fakeCell(source: string) {
  const outputs: any[] = [];
  const model = {
    type: 'code',
    executionState: 'idle',
    executionCount: null as number | null,
    trusted: false,
    sharedModel: {
      getSource: () => source,
      getId: () => 'cell-id',
      transact: (change: () => void) => change()
    },
    clearExecution() {
      model.executionCount = null;
      outputs.length = 0;
    }
  };
  const outputArea = {
    model: {
      add: (output: any) => outputs.push(output),
      set: (i: number, output: any) => (outputs[i] = output),
      clear: () => (outputs.length = 0)
    },
    reattachFuture: () => undefined
  };
  return { model, outputArea, outputHidden: true, outputs };
}

function setup(options: { enabled?: boolean } = {}) {
  const kernel = new FakeKernel();
  const registry = new MagicRegistry();
  const sessionContext = {
    session: { kernel },
    hasNoKernel: false,
    path: 'nb.ipynb',
    statusChanged: new Signal<any, string>({}),
    kernelChanged: new Signal<any, unknown>({})
  };
  const executed: Array<{ success: boolean }> = [];
  const offs: string[] = [];
  const executor = new MagicCellExecutor({
    registry,
    // Plain cells go to the kernel as JupyterLab's runCell sends them.
    fallback: async ({ cell }: any) => {
      cell.model.executionState = 'running';
      const reply = await kernel.requestExecute({
        code: cell.model.sharedModel.getSource(),
        store_history: true,
        stop_on_error: true
      }).done;
      cell.model.executionState = 'idle';
      if (reply.content.status === 'ok') {
        cell.model.executionCount = reply.content.execution_count;
        return true;
      }
      throw new Error(`KernelReplyNotOK: ${reply.content.status}`);
    },
    kernelError: content =>
      Object.assign(
        new Error(`KernelReplyNotOK: ${content.ename}`),
        content
      ) as any,
    notebookOf: () => null,
    enabled: () => options.enabled ?? true,
    onMagicOff: magic => offs.push(magic)
  });
  const run = (cell: ReturnType<typeof fakeCell>) =>
    executor.runCell({
      cell,
      sessionContext,
      onCellExecuted: (args: { success: boolean }) => executed.push(args),
      onCellExecutionScheduled: () => undefined
    } as any);
  /** Run cells as "Run All" does: all at once, then wait for all. */
  const runAll = (cells: Array<ReturnType<typeof fakeCell>>) =>
    Promise.allSettled(cells.map(run));
  return {
    kernel,
    registry,
    executor,
    sessionContext,
    run,
    runAll,
    executed,
    offs
  };
}

const spec = (handler: (context: any) => any) => ({ summary: 's', handler });

/** Add `%wait`, which never ends; resolves once it started. */
function addWaitingMagic(registry: MagicRegistry): Promise<void> {
  return new Promise<void>(started =>
    registry.addLineMagic(
      'wait',
      spec(() => {
        started();
        return new Promise(() => undefined);
      })
    )
  );
}

describe('MagicCellExecutor', () => {
  it('runs "Run All" in order: a magic waits for the cells before it, the cells after wait for it', async () => {
    const { kernel, registry, runAll } = setup();
    registry.addLineMagic(
      'm',
      spec(async () => {
        kernel.log.push('magic ran');
        return 'done';
      })
    );
    const cells = [fakeCell('a = 1'), fakeCell('%m go'), fakeCell('b = 2')];
    const results = await runAll(cells);
    expect(results.map(r => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled'
    ]);
    // The history entry comes after the magic (it took no kernel request of its own).
    expect(kernel.log).toEqual(['a = 1', 'magic ran', '# %m go', 'b = 2']);
    // The magic's cell has its count and shows the result as Out[n].
    expect(cells.map(c => c.model.executionCount)).toEqual([1, 2, 3]);
    expect(cells[1].outputs).toEqual([
      expect.objectContaining({
        output_type: 'execute_result',
        execution_count: 2,
        data: { 'text/plain': 'done' }
      })
    ]);
    expect(cells[1].model.trusted).toBe(true);
  });

  it('a failing magic shows its error, rejects as a failed cell and aborts the cells queued behind it', async () => {
    const { kernel, registry, runAll, executed } = setup();
    const second = jest.fn();
    registry.addLineMagic(
      'm',
      spec(() => {
        throw new Error('no such thing');
      })
    );
    registry.addLineMagic('other', spec(second));
    const cells = [fakeCell('%m'), fakeCell('b = 2'), fakeCell('%other')];
    const results = await runAll(cells);
    expect(results[0]).toEqual({
      status: 'rejected',
      reason: expect.objectContaining({ message: 'KernelReplyNotOK: Error' })
    });
    expect(cells[0].outputs[0]).toEqual(
      expect.objectContaining({ output_type: 'error', evalue: 'no such thing' })
    );
    expect(kernel.log).toEqual(['# %m']);
    expect(second).not.toHaveBeenCalled();
    for (const cell of cells.slice(1)) {
      expect(cell.model.executionCount).toBeNull();
      expect(cell.model.executionState).toBe('idle');
    }
    expect(executed[0]).toEqual(expect.objectContaining({ success: false }));
  });

  it('a magic run after a failing cell does not run', async () => {
    const { registry, runAll } = setup();
    const handler = jest.fn();
    registry.addLineMagic('m', spec(handler));
    const cells = [fakeCell('fail()'), fakeCell('%m')];
    const results = await runAll(cells);
    expect(results.map(r => r.status)).toEqual(['rejected', 'fulfilled']);
    expect((results[1] as PromiseFulfilledResult<boolean>).value).toBe(false);
    expect(handler).not.toHaveBeenCalled();
    expect(cells[1].model.executionCount).toBeNull();
  });

  it('runs a cell of Python and line magics segment by segment, stopping at the first error', async () => {
    const { kernel, registry, run } = setup();
    registry.addLineMagic(
      'm',
      spec(context => {
        kernel.log.push(`magic ${context.line}`);
      })
    );
    const cell = fakeCell('x = 1\n%m one\ny = fail\n%m two');
    await expect(run(cell)).rejects.toThrow('KernelReplyNotOK');
    expect(kernel.log).toEqual([
      'x = 1',
      'magic one',
      'y = fail',
      '# x = 1\n# %m one\n# y = fail\n# %m two'
    ]);
    // One count for the cell: its Python lines are not stored in the history again.
    expect(cell.model.executionCount).toBe(1);
  });

  it("a magic whose kernel request took the history entry gets that request's count", async () => {
    const { kernel, registry, run } = setup();
    registry.addLineMagic(
      'm',
      spec(context => {
        const entry = context.history.take();
        expect(context.history.take()).toBeNull();
        kernel.log.push(`ran with ${entry.source}`);
        entry.recorded(42);
        return 'result';
      })
    );
    const cell = fakeCell('%m now');
    await run(cell);
    expect(kernel.log).toEqual(['ran with %m now']);
    expect(cell.model.executionCount).toBe(42);
    expect(cell.outputs[0].execution_count).toBe(42);
  });

  it('a result is shown with the count recorded after the magic', async () => {
    const { registry, run } = setup();
    registry.addLineMagic(
      'm',
      spec(() => 'result')
    );
    const cell = fakeCell('%m');
    await run(cell);
    expect(cell.model.executionCount).toBe(1);
    expect(cell.outputs[0].execution_count).toBe(1);
  });

  it('an interrupt stops a magic that waits', async () => {
    const { registry, run, executor, sessionContext } = setup();
    const running = addWaitingMagic(registry);
    const cell = fakeCell('%wait');
    const outcome = run(cell);
    await running;
    executor.interrupt(sessionContext as any);
    await expect(outcome).rejects.toThrow('KernelReplyNotOK');
    expect(cell.outputs[0]).toEqual(
      expect.objectContaining({
        output_type: 'error',
        ename: 'KeyboardInterrupt'
      })
    );
    expect(cell.model.executionState).toBe('idle');
  });

  it('a kernel restart stops a magic that waits', async () => {
    const { registry, run, sessionContext } = setup();
    const running = addWaitingMagic(registry);
    const outcome = run(fakeCell('%wait'));
    await running;
    sessionContext.statusChanged.emit('restarting');
    await expect(outcome).rejects.toThrow('KernelReplyNotOK');
  });

  it('with magics off, sends the cell to the kernel and says so', async () => {
    const { kernel, registry, run, offs } = setup({ enabled: false });
    const handler = jest.fn();
    registry.addCellMagic('m', spec(handler));
    await run(fakeCell('%%m\nbody'));
    expect(handler).not.toHaveBeenCalled();
    expect(kernel.log).toEqual(['%%m\nbody']);
    expect(offs).toEqual(['%%m']);
  });

  it('leaves cells without a frontend magic to JupyterLab untouched', async () => {
    const { kernel, run } = setup();
    await run(fakeCell('%time 1 + 1'));
    expect(kernel.log).toEqual(['%time 1 + 1']);
  });
});
