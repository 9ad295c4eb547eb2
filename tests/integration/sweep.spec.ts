/**
 * Sweeps end to end without a browser: the planner, the runner, the runtime's `iterate` and
 * real kernels started as sessions of a real jupyter_server. What a user would notice: the
 * values each iteration saw, outputs, failures at the script's lines, retry, cancel, the
 * record next to the script, and that no kernel is left running afterwards.
 */
import * as fs from 'fs';
import * as path from 'path';
import { KernelAPI, SessionManager } from '@jupyterlab/services';
import {
  findLeftoverSweepKernels,
  SessionSweepKernels,
  shutdownSweepKernels,
  SWEEP_SESSION_TYPE,
  listRecords,
  startSweep,
  type ISweepKernel,
  type ISweepKernels,
  type ISweepOptions,
  type SweepValues
} from '../../src/sweep';
import { Services, testServer, uniqueName, writeScript } from './helpers';

/** Starts kernels as sessions and remembers every kernel id it started. */
class CountingKernels implements ISweepKernels {
  constructor(private readonly _inner: ISweepKernels) {}
  readonly started: string[] = [];
  async start(script: string, label: string): Promise<ISweepKernel> {
    const lease = await this._inner.start(script, label);
    this.started.push(lease.kernel.id);
    return lease;
  }
}

describe('sweeps against a real jupyter_server', () => {
  let services: Services;
  let sessions: SessionManager;
  let kernels: CountingKernels;

  beforeAll(() => {
    services = new Services();
    sessions = new SessionManager({
      kernelManager: services.kernels,
      serverSettings: services.serverSettings
    });
  });
  beforeEach(() => {
    kernels = new CountingKernels(new SessionSweepKernels(sessions));
  });
  afterEach(async () => {
    // Never a leaked kernel: every kernel the sweep started is gone once `done` resolved.
    const running = new Set(
      (await KernelAPI.listRunning(services.serverSettings)).map(k => k.id)
    );
    expect(kernels.started.filter(id => running.has(id))).toEqual([]);
    await sessions.refreshRunning();
    expect(
      [...sessions.running()].filter(s => s.type === SWEEP_SESSION_TYPE)
    ).toEqual([]);
  });
  afterAll(async () => {
    sessions.dispose();
    await services.dispose();
  });

  function sweep(
    name: string,
    text: string,
    values: SweepValues,
    options: ISweepOptions = {}
  ) {
    const script = writeScript(path.join('sweeps', name), text);
    return startSweep(
      { path: script, contents: services.contents, kernels },
      values,
      options
    );
  }

  const TRAIN =
    '# %% Parameters\nlr = 0.1  # type: float\nepochs = 2\n' +
    '# %% Train\nfrom cellscript import Output\nimport os\n' +
    'loss = round(1 / (lr * epochs), 6)\nOutput(os.getpid(), name="pid")\n';

  it('runs an independent sweep, each iteration in a fresh kernel, and saves its record', async () => {
    const name = uniqueName('independent');
    const run = await sweep(
      name,
      TRAIN,
      { lr: ['0.5', 0.25], epochs: [4] },
      { outputs: ['loss', 'pid'], isolation: 'kernel', concurrency: 2 }
    );
    const results = await run.done;
    expect(run.record.status).toBe('done');
    // The nominal point (lr 0.1, epochs 2) once, then each parameter through its values.
    expect(results.iterations.map(r => r.varied)).toEqual([
      { lr: 0.1, epochs: 2 },
      { lr: 0.5, epochs: 2 },
      { lr: 0.25, epochs: 2 },
      { lr: 0.1, epochs: 4 }
    ]);
    expect(results.iterations.every(r => r.status === 'ok')).toBe(true);
    expect(results.get({ lr: 0.5 }).outputs.loss).toMatchObject({ value: 1 });
    expect(results.get({ epochs: 4 }).outputs.loss).toMatchObject({
      value: 2.5
    });
    const pids = results.iterations.map(
      r => (r.outputs.pid as { value: number }).value
    );
    expect(new Set(pids).size).toBe(4); // four processes
    expect(kernels.started).toHaveLength(4);
    expect(results.rows()[1]).toMatchObject({
      lr: 0.5,
      epochs: 2,
      status: 'ok',
      loss: 1,
      error: null
    });

    expect(run.saveError).toBeNull();
    expect(run.savedAt).toMatch(/\.sweeps\/.*\.json$/);
    const records = await listRecords(services.contents, run.record.script);
    expect(records[0].id).toBe(run.record.id);
    expect(records[0].status).toBe('done');
    expect(records[0].versions.python).toMatch(/^3\./);
    expect(records[0].iterations[2].outputs.loss).toMatchObject({ value: 2 });
  });

  it('with fork isolation runs the set-up once per worker and leaks nothing between iterations', async () => {
    const name = uniqueName('fork');
    const marks = path.join(testServer().rootDir, 'sweeps', `${name}.setup`);
    const text =
      '# %% Setup\nimport os\nseen = []\n' +
      `with open(${JSON.stringify(marks)}, "a") as f:\n    f.write("x")\n` +
      '# %% Parameters\nlr = 0.1\n' +
      '# %% Train\nseen.append(lr)\nprint("training", lr)\ncount = len(seen)\n';
    const run = await sweep(
      name,
      text,
      { lr: [0.2, 0.3, 0.4, 0.5] },
      { outputs: ['count', 'seen'], isolation: 'fork', concurrency: 2 }
    );
    const results = await run.done;
    expect(run.record.status).toBe('done');
    expect(results.iterations).toHaveLength(5);
    for (const result of results.iterations) {
      expect(result.status).toBe('ok');
      expect(result.outputs.count).toMatchObject({ value: 1 });
      expect(result.outputs.seen).toMatchObject({ value: [result.varied.lr] });
      expect(result.text).toBe(`training ${result.varied.lr}\n`);
    }
    expect(fs.readFileSync(marks, 'utf8')).toBe('xx'); // two workers, set-up once each
    expect(kernels.started).toHaveLength(2);
  });

  it('records a failure with its traceback at the script line, goes on, and retries only the failed', async () => {
    const name = uniqueName('failing');
    const flag = path.join(testServer().rootDir, 'sweeps', `${name}.fixed`);
    const text =
      '# %% Parameters\nn = 1\n' +
      `# %% Work\nimport os\ndef check(n):\n    if n == 2 and not os.path.exists(${JSON.stringify(flag)}):\n` +
      '        raise ValueError(f"bad n {n}")\n    return n * 10\nresult = check(n)\n';
    const run = await sweep(
      name,
      text,
      { n: [2, 3] },
      { outputs: ['result'], isolation: 'kernel', concurrency: 1 }
    );
    const results = await run.done;
    expect(results.iterations.map(r => r.status)).toEqual([
      'ok',
      'error',
      'ok'
    ]);
    const failed = results.get({ n: 2 });
    expect(failed.error).toMatchObject({
      ename: 'ValueError',
      evalue: 'bad n 2',
      line: 7
    });
    expect(failed.error?.traceback).toContain('raise ValueError(f"bad n {n}")');
    expect(failed.error?.traceback).toContain('line 9');
    expect(results.errors).toHaveLength(1);

    fs.writeFileSync(flag, '');
    const started = kernels.started.length;
    const retried = await run.retry();
    expect(kernels.started.length - started).toBe(1); // only the failed one ran again
    expect(retried.get({ n: 2 }).outputs.result).toMatchObject({ value: 20 });
    expect(retried.errors).toEqual([]);
    expect(run.record.status).toBe('done');
  });

  it('cancels at once: kernels shut down, unfinished iterations cancelled, results so far kept', async () => {
    const name = uniqueName('cancel');
    const text =
      '# %% Parameters\nwait = 0\n' +
      '# %% Work\nimport time\ntime.sleep(wait)\ndone_after = wait\n';
    const run = await sweep(
      name,
      text,
      { wait: [60, 61, 62] },
      { outputs: ['done_after'], concurrency: 2 }
    );
    const runningTwo = new Promise<void>(resolve => {
      run.progress.connect((_, progress) => {
        if (progress.running === 2 && progress.finished >= 1) {
          resolve();
        }
      });
    });
    await runningTwo;
    await run.cancel();
    expect(run.record.status).toBe('cancelled');
    const statuses = run.results.iterations.map(r => r.status);
    expect(statuses[0]).toBe('ok'); // wait 0 (the nominal value): done before the cancel
    expect(statuses.slice(1)).toEqual(['cancelled', 'cancelled', 'cancelled']);
  });

  it('stops early, saying so once, when the set-up fails', async () => {
    const name = uniqueName('setup');
    const text =
      '# %% Setup\nimport missing_module_for_the_test\n# %% Parameters\nlr = 0.1\n' +
      '# %% Train\nloss = lr\n';
    for (const isolation of ['kernel', 'fork'] as const) {
      const run = await sweep(
        name,
        text,
        { lr: [0.2, 0.3, 0.4] },
        { isolation, concurrency: 1 }
      );
      await run.done;
      expect(run.record.status).toBe('failed');
      expect(run.record.message).toMatch(
        /^The set-up failed at line 2: ModuleNotFoundError: No module named 'missing_module_for_the_test'\. Every iteration would fail/
      );
      const statuses = run.results.iterations.map(r => r.status);
      expect(
        statuses.filter(s => s === 'skipped').length
      ).toBeGreaterThanOrEqual(3);
    }
  });

  it('ends an iteration once the requested outputs are captured', async () => {
    const name = uniqueName('stop');
    const text =
      '# %% Parameters\nlr = 0.1\n' +
      '# %% Fit\nfrom cellscript import Output\nOutput(lr * 2, name="score")\n' +
      '# %% Slow\nraise RuntimeError("should not run")\n';
    const run = await sweep(
      name,
      text,
      { lr: [0.3] },
      {
        outputs: ['score'],
        stopAfterOutputs: true,
        isolation: 'fork',
        concurrency: 1
      }
    );
    const results = await run.done;
    expect(results.iterations.map(r => [r.status, r.stopped])).toEqual([
      ['ok', true],
      ['ok', true]
    ]);
    expect(results.get({ lr: 0.3 }).outputs.score).toMatchObject({
      value: 0.6
    });
  });

  it('records an iteration whose kernel dies and goes on with a new kernel', async () => {
    const name = uniqueName('dies');
    const text =
      '# %% Parameters\nn = 0\n# %% Work\nimport os\nif n == 1:\n    os._exit(1)\nvalue = n\n';
    const run = await sweep(
      name,
      text,
      { n: [1, 2] },
      { outputs: ['value'], isolation: 'kernel', concurrency: 1 }
    );
    const results = await run.done;
    expect(results.iterations.map(r => r.status)).toEqual([
      'ok',
      'error',
      'ok'
    ]);
    expect(results.get({ n: 1 }).error?.ename).toBe('KernelLost');
    expect(results.get({ n: 2 }).outputs.value).toMatchObject({ value: 2 });
  });

  it('finds sweep kernels no page uses any more and shuts them down', async () => {
    const script = writeScript(path.join('sweeps', uniqueName('left')), '');
    const lease = await kernels.start(script, 'sweep left over kernel 1');
    const id = lease.kernel.id;
    await sessions.refreshRunning();
    const mine = [...sessions.running()].find(s => s.kernel?.id === id)!;
    expect(mine).toMatchObject({ type: SWEEP_SESSION_TYPE });
    // A live sweep's kernel (ours), or one active a moment ago, is left alone.
    expect(
      await findLeftoverSweepKernels(sessions, new Set([mine.id]), 0)
    ).toEqual([]);
    expect(await findLeftoverSweepKernels(sessions, new Set(), 60_000)).toEqual(
      []
    );
    // Idle for longer than asked (here: an hour from now): a leftover, shut down.
    const later = Date.now() + 3_600_000;
    const found = await findLeftoverSweepKernels(
      sessions,
      new Set(),
      60_000,
      later
    );
    expect(found.map(s => s.id)).toEqual([mine.id]);
    expect(await shutdownSweepKernels(sessions, found)).toBe(1);
    lease.kernel.dispose();
  });

  it('refuses a bad spec before any kernel starts', async () => {
    const name = uniqueName('bad');
    await expect(sweep(name, TRAIN, { rate: [1] })).rejects.toThrow(
      /has no parameter "rate"\. Its parameters are: lr \(line 2\), epochs \(line 3\)\./
    );
    await expect(sweep(name, TRAIN, { lr: ['fast'] })).rejects.toThrow(
      /lr \(line 2\)/
    );
    await expect(sweep(name, TRAIN, { lr: [] })).rejects.toThrow(/empty/);
    await expect(
      sweep(name, TRAIN, { lr: [1] }, { concurrency: 0 })
    ).rejects.toThrow(/1 or more/);
    expect(kernels.started).toEqual([]);
  });
});
