/**
 * KernelBridge against a real kernel: installation (once, silently, nothing in the user's
 * namespace, again after a version change), constant code with JSON arguments (no injection),
 * output attribution, interrupt, restart, and the refusal of a non-Python kernel.
 */
import type { Kernel, KernelMessage } from '@jupyterlab/services';
import {
  CellScriptSession,
  ENTRY_CODE,
  INSTALL_CODE,
  KernelBridge,
  KernelRequestError,
  METADATA_KEY,
  type IRunResult
} from '../../src/kernel';
import { RUNTIME_VERSION } from '../../src/kernel/runtimeSource';
import {
  RecordingSink,
  Services,
  runInMain,
  testServer,
  uniqueName,
  writeScript
} from './helpers';

/** Record every execute request the bridge sends. */
function spyOnExecute(kernel: Kernel.IKernelConnection) {
  const sent: Array<{ code: string; metadata: any }> = [];
  const original = kernel.requestExecute.bind(kernel);
  const spy = jest
    .spyOn(kernel, 'requestExecute')
    .mockImplementation((content, disposeOnDone, metadata) => {
      sent.push({ code: content.code, metadata });
      return original(content, disposeOnDone, metadata);
    });
  return { sent, restore: () => spy.mockRestore() };
}

/** Resolves when the sink receives a stream output containing `text`. */
function nextOutput(sink: RecordingSink, text: string): Promise<void> {
  return new Promise(resolve => {
    const original = sink.output.bind(sink);
    sink.output = (index, output) => {
      original(index, output);
      if (
        output.output_type === 'stream' &&
        String(output.text).includes(text)
      ) {
        resolve();
      }
    };
  });
}

describe('KernelBridge', () => {
  let services: Services;

  beforeAll(() => {
    services = new Services();
  });
  afterAll(async () => {
    await services.dispose();
  });

  function open(
    kernel: Kernel.IKernelConnection | KernelBridge,
    text: string,
    extra = {}
  ) {
    return new CellScriptSession({
      path: writeScript(uniqueName('bridge'), text),
      kernel,
      contents: services.contents,
      rootDir: testServer().rootDir,
      ...extra
    });
  }

  it('installs once, silently, leaving the notebook namespace and history alone', async () => {
    const kernel = await services.startKernel();
    const before = await runInMain(kernel, 'print(sorted(dir()), len(In))');
    const spy = spyOnExecute(kernel);
    const session = open(kernel, '# %% A\nx = 1\n');
    // The first request fails in user code: the runtime is installed all the same.
    await expect(session.eval('undefined_name')).rejects.toThrow('NameError');
    await session.run();
    await session.run();
    await session.values('x');
    spy.restore();

    expect(spy.sent.map(s => s.code)).toEqual([
      INSTALL_CODE,
      ENTRY_CODE,
      ENTRY_CODE,
      ENTRY_CODE
    ]);
    expect(spy.sent.map(s => 'source' in s.metadata[METADATA_KEY])).toEqual([
      true,
      false,
      false,
      false
    ]);
    // The same names and no history entries (the checks themselves store no history).
    expect(await runInMain(kernel, 'print(sorted(dir()), len(In))')).toBe(
      before
    );
    expect(
      await runInMain(
        kernel,
        'print("_cellscript_runtime" in __import__("sys").modules)'
      )
    ).toBe('True\n');
    session.dispose();
  });

  it('reports the runtime version and the kernel it runs in', async () => {
    const kernel = await services.startKernel();
    const bridge = new KernelBridge({ kernel });
    const info = await bridge.sendRequest('info', {});
    expect(info).toMatchObject({
      version: RUNTIME_VERSION,
      protocol: 1,
      implementation: 'CPython',
      cwd: testServer().rootDir
    });
    expect(bridge.isInstalled).toBe(true);
    bridge.dispose();
  });

  it('re-installs the runtime when the kernel has another version', async () => {
    const kernel = await services.startKernel();
    const bridge = new KernelBridge({ kernel });
    const session = open(bridge, '# %% A\nx = 2\n');
    await session.run();
    await runInMain(
      kernel,
      '__import__("sys").modules["_cellscript_runtime"].VERSION = "old"'
    );
    const spy = spyOnExecute(kernel);
    expect(await session.eval('x')).toMatchObject({ value: 2 });
    spy.restore();
    // First without the source (the bridge thought it installed), then with it.
    expect(spy.sent.map(s => 'source' in s.metadata[METADATA_KEY])).toEqual([
      false,
      true
    ]);
    expect(spy.sent.map(s => s.code)).toEqual([ENTRY_CODE, INSTALL_CODE]);

    // Gone altogether (e.g. removed by hand): the entry code does nothing visible, the
    // bridge installs it again, the run goes on.
    await runInMain(
      kernel,
      'del __import__("sys").modules["_cellscript_runtime"]'
    );
    const sink = new RecordingSink();
    expect((await session.runCells([], { sink })).status).toBe('ok');
    expect(sink.errors()).toEqual([]);
    // A quick silent cell is only finished (no news of its start before its end).
    expect(sink.events.map(e => e.type)).toEqual(['finish']);
    bridge.dispose();
    expect(bridge.isDisposed).toBe(true);
    bridge.dispose();
  });

  it('streams outputs tagged with their script cell, never the reply MIME', async () => {
    const kernel = await services.startKernel();
    const session = open(
      kernel,
      [
        '# %% One',
        'print("one")',
        'from IPython.display import display, HTML',
        'display(HTML("<b>two</b>"))',
        '# %% Two',
        'import sys',
        'print("err", file=sys.stderr)',
        'raise RuntimeError("stop here")',
        '# %% Three',
        'print("never")'
      ].join('\n')
    );
    const sink = new RecordingSink();
    const result = await session.runCells([], { sink });
    expect(result.status).toBe('error');
    const summary = sink.events.map(e =>
      e.type === 'output'
        ? `${e.index}:${e.output.output_type}:${(e.output as any).name ?? ''}`
        : `${e.type}:${e.index}`
    );
    expect(summary).toEqual([
      'start:0',
      '0:stream:stdout',
      '0:display_data:',
      'finish:0',
      'start:1',
      '1:stream:stderr',
      '1:error:',
      'finish:1'
    ]);
    const finish = sink.events
      .filter(e => e.type === 'finish')
      .map(e => (e as any).outcome);
    expect(finish[1]).toMatchObject({
      index: 1,
      status: 'error',
      error: { line: 8 }
    });
    expect(finish[0].durationMs).toBeGreaterThanOrEqual(0);
    const mimes = sink
      .outputsOf(0)
      .flatMap(o => Object.keys((o as any).data ?? {}));
    expect(mimes).not.toContain('application/vnd.cellscript.reply+json');
  });

  it('shows an inline matplotlib figure under the cell that drew it', async () => {
    const kernel = await services.startKernel();
    const session = open(
      kernel,
      [
        '# %% Plot',
        'import matplotlib.pyplot as plt',
        'plt.plot([1, 3, 2])',
        '# %% After',
        'done = True'
      ].join('\n')
    );
    const sink = new RecordingSink();
    expect((await session.runCells([], { sink })).status).toBe('ok');
    const images = (index: number) =>
      sink
        .outputsOf(index)
        .filter(o => 'image/png' in (((o as any).data as object) ?? {}));
    expect(images(0)).toHaveLength(1);
    expect(images(1)).toHaveLength(0);
    expect(sink.outputsOf(null)).toEqual([]);
  });

  it('passes names and values as data: quotes, backslashes, newlines and unicode cannot inject', async () => {
    const kernel = await services.startKernel();
    const evil = '"); import os; os.system("touch /tmp/pwned") #';
    const values = {
      evil,
      quotes: `'''"""\\'\\"`,
      backslashes: 'C:\\new\\table\\\\',
      lines: 'a\nb\r\nc\u2028d',
      unicode: 'naïve — 日本語 🐍 \u0000 end',
      name_é: 'ok'
    };
    const cellName = `Cell "quoted" 'name' \\ ${evil}`;
    const session = open(kernel, `# %% ${cellName}\nresult = 1\n`);
    const spy = spyOnExecute(kernel);
    await session.run(cellName);
    await session.assign(values);
    const got = await session.values(...Object.keys(values));
    await session.export(`exported_evil=evil`);
    spy.restore();

    for (const [name, value] of Object.entries(values)) {
      expect(got.values[name]).toEqual({ type: 'str', kind: 'json', value });
    }
    expect(
      spy.sent.every(s => [ENTRY_CODE, INSTALL_CODE].includes(s.code))
    ).toBe(true);
    expect(
      await runInMain(
        kernel,
        'print(exported_evil == ' + JSON.stringify(evil) + ')'
      )
    ).toBe('True\n');
    // A name that is not an identifier is refused, not executed.
    const refused = await session
      .assign({ 'x = 1; import os': 1 })
      .catch(e => e);
    expect(refused).toBeInstanceOf(KernelRequestError);
    expect(refused.kind).toBe('bad-name');
    await expect(session.export('a=os.system("x")')).rejects.toThrow(
      'target=source'
    );
    expect(require('fs').existsSync('/tmp/pwned')).toBe(false);
  });

  it('stops a run on interrupt during time.sleep and reports it', async () => {
    const kernel = await services.startKernel();
    const session = open(
      kernel,
      '# %% Sleep\nimport time\nprint("sleeping", flush=True)\ntime.sleep(60)\n# %% After\nafter = 1\n'
    );
    const sink = new RecordingSink();
    const started = nextOutput(sink, 'sleeping');
    const running = session.runCells([], { sink });
    await started;
    await session.interrupt();
    const result: IRunResult = await running;
    expect(result.status).toBe('interrupted');
    expect(result.cells).toEqual([
      expect.objectContaining({
        index: 0,
        status: 'interrupted',
        error: expect.objectContaining({ ename: 'KeyboardInterrupt' })
      })
    ]);
    // Usually in time.sleep (line 4); the signal can also land while print's flush waits.
    expect([3, 4]).toContain(result.cells[0].error?.line);
    expect(sink.errors().map(e => e.ename)).toEqual(['KeyboardInterrupt']);
    expect((await session.values('after')).missing).toEqual(['after']);
    // The kernel still works.
    expect(await session.eval('1 + 1')).toMatchObject({ value: 2 });
  });

  it('after a kernel restart: signals it, re-installs the runtime, the namespace is gone', async () => {
    const kernel = await services.startKernel();
    const session = open(kernel, '# %% A\nx = 1\n# %% B\ny = x + 1\n');
    await session.run('A');
    let restarts = 0;
    session.restarted.connect(() => restarts++);
    await kernel.restart();
    expect(restarts).toBe(1);
    expect(session.bridge.isInstalled).toBe(false);

    const spy = spyOnExecute(kernel);
    const result = await session.runCells(['B']);
    spy.restore();
    expect('source' in spy.sent[0].metadata[METADATA_KEY]).toBe(true);
    expect(result.cells[0].error).toMatchObject({
      ename: 'NameError',
      line: 4
    });
    await session.run('A', 'B');
    expect(await session.eval('y')).toMatchObject({ value: 2 });
  });

  it('rejects a run cut short by a restart with kind "kernel-restarted"', async () => {
    const kernel = await services.startKernel();
    const session = open(
      kernel,
      '# %% Sleep\nimport time\nprint("go", flush=True)\ntime.sleep(60)\n'
    );
    const sink = new RecordingSink();
    const started = nextOutput(sink, 'go');
    const running = session.runCells([], { sink }).catch(e => e);
    await started;
    await kernel.restart();
    const error = await running;
    expect(error).toBeInstanceOf(KernelRequestError);
    expect(error.kind).toBe('kernel-restarted');
  });

  it('refuses a kernel whose language is not Python, saying what to do', async () => {
    const kernel = await services.startKernel('fakelang');
    const session = open(kernel, '# %% A\nx = 1\n');
    const spy = spyOnExecute(kernel);
    const error = await session.run().catch(e => e);
    spy.restore();
    expect(error).toBeInstanceOf(KernelRequestError);
    expect(error.kind).toBe('not-python');
    expect(error.message).toBe(
      'The kernel "fakelang" runs fakelang; cellscript runs Python scripts and needs a ' +
        'Python kernel (ipykernel). Switch the notebook to a Python kernel.'
    );
    expect(spy.sent).toEqual([]);
  });

  it('explains a kernel that has shut down', async () => {
    const kernel = await services.startKernel();
    const session = open(kernel, '# %% A\nx = 1\n');
    await kernel.shutdown();
    const error = await session.run().catch(e => e);
    expect(error).toMatchObject({ kind: 'no-kernel' });
    expect(error.message).toContain('Start a Python kernel');
  });
});

// Keep the message type import used for readers of the spy above.
export type IExecuteContent = KernelMessage.IExecuteRequestMsg['content'];
