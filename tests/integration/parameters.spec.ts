/**
 * Parameter overrides end to end with a real jupyter_server and ipykernel: the runner carries
 * the values set for the cells it runs, the kernel assigns them right after the defining cell,
 * and a required Param() without a value stops the run before anything runs.
 */
import type { Kernel } from '@jupyterlab/services';
import { ScriptService } from '../../src/document/scriptService';
import { CellScriptSession } from '../../src/kernel/session';
import { ScriptRunner } from '../../src/run/scriptRunner';
import {
  RecordingSink,
  Services,
  uniqueName,
  writeScript,
  targetOf
} from './helpers';

describe('parameter overrides with a real kernel', () => {
  let services: Services;
  let kernel: Kernel.IKernelConnection;
  let scripts: ScriptService;
  let runner: ScriptRunner;

  beforeAll(async () => {
    services = new Services();
    kernel = await services.startKernel();
  });
  beforeEach(() => {
    scripts = new ScriptService({ contents: services.contents });
    runner = new ScriptRunner({
      targets: targetOf(kernel),
      readScript: async path => {
        const reference = scripts.open(path);
        try {
          await reference.document.ready;
          return reference.document.snapshot().script;
        } finally {
          reference.dispose();
        }
      }
    });
  });
  afterEach(() => {
    runner.dispose();
    scripts.dispose();
  });
  afterAll(async () => {
    await services.dispose();
  });

  async function open(name: string, text: string) {
    const document = scripts.open(writeScript(name, text)).document;
    await document.ready;
    return document;
  }

  it('assigns a value right after its defining cell; later cells compute with it', async () => {
    const document = await open(
      uniqueName('params'),
      [
        '# %% Parameters',
        'epochs = 3  # type: int  passes',
        'seen_in_cell = epochs',
        '# %% Train',
        'total = epochs * 10',
        'print("total", total)',
        ''
      ].join('\n')
    );
    await runner.parameters.set(document.path, 'epochs', '7');
    const sink = new RecordingSink();
    const result = await runner.run(document, [], { sink });
    expect(result.status).toBe('ok');
    expect(sink.streamText(1)).toBe('total 70\n');
    const session = await runner.session(document.path);
    const values = await session.values('epochs', 'seen_in_cell', 'total');
    expect(values.values.epochs).toMatchObject({ kind: 'json', value: 7 });
    // The defining cell itself ran with the script's value, as papermill's injection does.
    expect(values.values.seen_in_cell).toMatchObject({
      kind: 'json',
      value: 3
    });
    expect(values.values.total).toMatchObject({ kind: 'json', value: 70 });
  });

  it('refuses a run that reaches a required Param() without a value; nothing runs', async () => {
    const document = await open(
      uniqueName('required'),
      [
        '# %% Setup',
        'ran_setup = True',
        'Param = lambda default=None, **_: default',
        'data_path = Param(help="the CSV to read")',
        '# %% Use',
        'print("reading", data_path)',
        ''
      ].join('\n')
    );
    await expect(runner.run(document, [])).rejects.toThrow(
      'data_path (line 4) is required and has no value'
    );
    const session = await runner.session(document.path);
    expect((await session.values('ran_setup')).missing).toEqual(['ran_setup']);
    await runner.parameters.set(document.path, 'data_path', 'in.csv');
    const sink = new RecordingSink();
    expect((await runner.run(document, [], { sink })).status).toBe('ok');
    expect(sink.streamText(1)).toBe('reading in.csv\n');
  });

  it('the headless session applies values given to runCells', async () => {
    const name = writeScript(
      uniqueName('headless'),
      '# %% Parameters\nlr = 0.1\n# %% Use\nprint("lr", lr * 2)\n'
    );
    const session = new CellScriptSession({
      path: name,
      kernel,
      contents: services.contents
    });
    try {
      const sink = new RecordingSink();
      const result = await session.runCells([], {
        sink,
        parameters: { lr: '2.5' }
      });
      expect(result.status).toBe('ok');
      expect(sink.streamText(1)).toBe('lr 5.0\n');
      await expect(
        session.runCells([], { parameters: { lr: 'fast' } })
      ).rejects.toThrow('lr (line 2) expects a float; "fast" is not a number.');
    } finally {
      session.dispose();
    }
  });
});
