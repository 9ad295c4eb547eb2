/**
 * Each request runs exactly once and always settles, against a real jupyter_server with its
 * default IOPub rate limits: a burst of output that trips the limiter, a thousand cells run a
 * hundred times, a kernel shut down mid-run, a notebook namespace broken by the user.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Kernel } from '@jupyterlab/services';
import {
  CellScriptSession,
  KernelRequestError,
  type IRunResult
} from '../../src/kernel';
import {
  RecordingSink,
  Services,
  runInMain,
  testServer,
  uniqueName,
  writeScript
} from './helpers';

describe('exactly once', () => {
  let services: Services;

  beforeAll(() => {
    services = new Services();
  });
  afterAll(async () => {
    await services.dispose();
  });

  function open(kernel: Kernel.IKernelConnection, scriptPath: string) {
    return new CellScriptSession({
      path: scriptPath,
      kernel,
      contents: services.contents,
      rootDir: testServer().rootDir
    });
  }

  it('runs a cell once when its output trips the IOPub rate limiter, and finishes it', async () => {
    const kernel = await services.startKernel();
    const counter = uniqueName('runs').replace(/\.py$/, '.txt');
    // 100 lines of 40,000 characters (4 MB), each flushed as a message of its own, just before
    // the cell ends: jupyter_server's default limit is 1 MB/s over 3 s, so once 3 MB passed it
    // drops IOPub messages until the rate falls under 0.8 MB/s, which it does not before the
    // cell ends. (One huge message would not do: a dropped message leaves the tally.) The
    // reply used to travel on IOPub and was dropped: "no reply", and then a second run.
    const scriptPath = writeScript(
      uniqueName('burst'),
      '# %% Burst\n' +
        `with open(${JSON.stringify(counter)}, "a") as f:\n` +
        '    f.write("ran\\n")\n' +
        'for _ in range(100):\n' +
        '    print("x" * 40000, flush=True)\n' +
        'done = True\n'
    );
    const session = open(kernel, scriptPath);
    const sink = new RecordingSink();
    const result = await session.runCells([], { sink });
    expect(result.status).toBe('ok');
    const file = path.join(testServer().rootDir, counter);
    expect(fs.readFileSync(file, 'utf-8')).toBe('ran\n');
    const finished = sink.events.filter(e => e.type === 'finish');
    expect(finished).toEqual([
      expect.objectContaining({
        index: 0,
        outcome: expect.objectContaining({ status: 'ok' })
      })
    ]);
    expect(await session.eval('done')).toMatchObject({ value: true });
    session.dispose();
  });

  it('settles every run of 1,000 cells, 100 times in a row, with a bare execute between', async () => {
    const kernel = await services.startKernel();
    const text = Array.from(
      { length: 1000 },
      (_, i) => `# %% C${i}\nv${i} = ${i}\n`
    ).join('');
    const session = open(kernel, writeScript(uniqueName('thousand'), text));
    const settled: IRunResult[] = [];
    for (let round = 0; round < 100; round++) {
      const sink = new RecordingSink();
      const result = await session.runCells([], { sink });
      expect(result.status).toBe('ok');
      expect(result.cells).toHaveLength(1000);
      // Every cell is finished exactly once, whatever IOPub delivered.
      expect(sink.events.filter(e => e.type === 'finish')).toHaveLength(1000);
      settled.push(result);
      await kernel.requestExecute({ code: 'pass', silent: true }).done;
    }
    expect(settled).toHaveLength(100);
    expect(await session.eval('v999')).toMatchObject({ value: 999 });
    session.dispose();
  });

  it('says the kernel shut down, not "interrupted", when it is shut down mid-run', async () => {
    const kernel = await services.startKernel();
    const session = open(
      kernel,
      writeScript(
        uniqueName('shutdown'),
        '# %% Sleep\nimport time\nprint("sleeping", flush=True)\ntime.sleep(60)\n'
      )
    );
    const sink = new RecordingSink();
    const started = new Promise<void>(resolve => {
      sink.output = () => resolve();
    });
    const running = session.runCells([], { sink }).catch(error => error);
    await started;
    await kernel.shutdown();
    const error = await running;
    expect(error).toBeInstanceOf(KernelRequestError);
    expect(error).toMatchObject({ kind: 'kernel-dead' });
    expect(error.message).toContain('shut down');
    session.dispose();
  });

  it('tells a namespace broken by the user from a kernel that is not IPython', async () => {
    const kernel = await services.startKernel();
    const session = open(
      kernel,
      writeScript(uniqueName('broken'), '# %% A\na = 1\n')
    );
    await session.run();
    await runInMain(kernel, '__import__ = None');
    const error = await session.run().catch(e => e);
    expect(error).toMatchObject({ kind: 'namespace-broken' });
    expect(error.message).toContain('Restart the kernel');
    await runInMain(kernel, 'del __import__');
    expect((await session.run()).status).toBe('ok');
    session.dispose();
  });

  it('refuses assignments that would break the namespace, in shared mode too', async () => {
    const kernel = await services.startKernel();
    const scriptPath = writeScript(uniqueName('names'), '# %% A\na = 1\n');
    for (const namespace of ['module', 'shared'] as const) {
      const session = new CellScriptSession({
        path: scriptPath,
        kernel,
        contents: services.contents,
        rootDir: testServer().rootDir,
        namespace
      });
      for (const name of ['__builtins__', '__name__', '__dict__']) {
        await expect(session.assign({ [name]: 1 })).rejects.toMatchObject({
          kind: 'bad-name'
        });
      }
      if (namespace === 'shared') {
        for (const name of ['get_ipython', 'In', 'Out', 'exit']) {
          await expect(session.assign({ [name]: 1 })).rejects.toMatchObject({
            kind: 'bad-name'
          });
        }
      }
      expect((await session.run()).status).toBe('ok');
      session.dispose();
    }
    // The notebook still works.
    expect(await runInMain(kernel, 'print(get_ipython() is not None)')).toBe(
      'True\n'
    );
  });
});
