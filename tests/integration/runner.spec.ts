/**
 * The run path the sidebar and commands use, end to end without a browser: a ScriptService
 * document (contents API, the user's marker settings) and the ScriptRunner, against a real
 * jupyter_server and ipykernel. The seam between the widgets' parse and the kernel's run is
 * where the defects were: a custom marker, an index sent as a name, outputs on the wrong row.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Kernel } from '@jupyterlab/services';
import { ScriptService } from '../../src/document/scriptService';
import { linesPicker } from '../../src/editor/selectionRun';
import { ScriptRunner } from '../../src/run/scriptRunner';
import {
  RecordingSink,
  Services,
  runInMain,
  testServer,
  uniqueName,
  writeScript,
  targetOf
} from './helpers';

/** The target a notebook in the server root would give: its kernel, cwd ''. */
describe('ScriptRunner with a real kernel', () => {
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
    runner = new ScriptRunner({ targets: targetOf(kernel) });
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

  it('runs a cell of a custom-marker script and puts its output on that cell', async () => {
    scripts.setParseOptions({ marker: '--' });
    const document = await open(
      uniqueName('marker'),
      '# -- Setup\nbase = 40\nprint("setup")\n# -- Train\nprint("train", base + 2)\n'
    );
    expect(document.script?.cells.map(c => c.name)).toEqual(['Setup', 'Train']);
    const sink = new RecordingSink();
    await runner.run(document, [{ name: 'Setup' }]);
    const result = await runner.run(document, [{ name: 'Train' }], { sink });
    expect(result.status).toBe('ok');
    expect(sink.streamText(1)).toBe('train 42\n');
    const states = runner.statesFor(document.path)!;
    const [setup, train] = document.script!.cells;
    expect(states.get(train).status).toBe('ok');
    expect(states.get(train).outputs).toEqual([
      expect.objectContaining({ text: 'train 42\n' })
    ]);
    expect(states.get(setup).outputs).toEqual([
      expect.objectContaining({ text: 'setup\n' })
    ]);
  });

  it('runs to an index, never to a cell named like it', async () => {
    const document = await open(
      uniqueName('named'),
      'order = ["first"]\n# %% 1\norder.append("1")\n# %% A\norder.append("A")\n' +
        '# %% B\norder.append("B")\n'
    );
    // Index 1 is the cell named "1"; the cell at index 2 is "A".
    await runner.run(document, [{ to: { index: 2 } }]);
    const session = await runner.session(document.path);
    expect(await session.eval('order')).toMatchObject({
      value: ['first', '1', 'A']
    });
    await runner.run(document, [{ name: '1' }]);
    expect(await session.eval('order')).toMatchObject({
      value: ['first', '1', 'A', '1']
    });
    const states = runner.statesFor(document.path)!;
    expect(states.get(document.script!.cells[3]).status).toBe('not-run');
  });

  it('runs selected lines of the editor at their script lines, in the cell they start in', async () => {
    const text =
      '# %% Setup\nbase = 40\n\n# %% Train\ndef train():\n    y = base + 2\n    print("y", y)\n    z = y / 0\n';
    const document = await open(uniqueName('selection'), text);
    await runner.run(document, [{ name: 'Setup' }]);
    // Lines 6-7, indented in the function: dedented, run in the script's namespace.
    const sink = new RecordingSink();
    const result = await runner.run(
      document,
      linesPicker(text, { firstLine: 6, lastLine: 7 }),
      { sink }
    );
    expect(result.status).toBe('ok');
    expect(sink.streamText(1)).toBe('y 42\n');
    const session = await runner.session(document.path);
    expect(await session.eval('y')).toMatchObject({ value: 42 });
    // The error of a selected line names its line in the script.
    const failed = await runner.run(
      document,
      linesPicker(text, { firstLine: 8, lastLine: 8 })
    );
    expect(failed.status).toBe('error');
    expect(failed.cells[0].error).toMatchObject({
      ename: 'ZeroDivisionError',
      line: 8
    });
    // Train shows how the selection ended and which lines ran; as only part of it ran, it
    // counts as changed, so "run changed" runs it whole.
    const states = runner.statesFor(document.path)!;
    const train = document.script!.cells[1];
    expect(states.get(train)).toMatchObject({
      status: 'error',
      ranLines: { firstLine: 8, lastLine: 8 }
    });
    expect(states.isChanged(train)).toBe(true);
  });

  it('runs what the file holds when it changed behind the document, once', async () => {
    const name = uniqueName('stale');
    const document = await open(name, '# %% A\ncount = 1\n');
    await runner.run(document, []);
    // Changed on disk (same length, other bytes): the kernel notices, nothing stale runs.
    writeScript(name, '# %% A\ncount = 2\n');
    const sink = new RecordingSink();
    const result = await runner.run(document, [], { sink });
    expect(result.cells).toHaveLength(1);
    expect(sink.events.filter(e => e.type === 'finish')).toHaveLength(1);
    const session = await runner.session(document.path);
    expect(await session.eval('count')).toMatchObject({ value: 2 });
    expect(document.text).toBe('# %% A\ncount = 2\n');
  });

  it('keeps __file__ right after %cd and imports modules next to the script', async () => {
    const folder = uniqueName('pkg').replace(/\.py$/, '');
    fs.mkdirSync(path.join(testServer().rootDir, folder), { recursive: true });
    writeScript(`${folder}/helper_${process.pid}.py`, 'VALUE = 7\n');
    const document = await open(
      `${folder}/main.py`,
      `# %% A\nimport helper_${process.pid} as helper\nvalue = helper.VALUE\nhere = __file__\n`
    );
    await runInMain(kernel, 'import os; os.chdir("/tmp")');
    expect((await runner.run(document, [])).status).toBe('ok');
    const session = await runner.session(document.path);
    expect(await session.eval('value')).toMatchObject({ value: 7 });
    expect(await session.eval('here')).toMatchObject({
      value: path.join(testServer().rootDir, folder, 'main.py')
    });
    // The folder was on sys.path for the run only.
    expect(
      await runInMain(
        kernel,
        'import sys; print(any(p.endswith(' +
          JSON.stringify(folder) +
          ') for p in sys.path))'
      )
    ).toBe('False\n');
    await runInMain(
      kernel,
      `os.chdir(${JSON.stringify(testServer().rootDir)})`
    );
  });

  it('runs in the script folder with workingDirectory "script", then gives the cwd back', async () => {
    const folder = uniqueName('wd').replace(/\.py$/, '');
    fs.mkdirSync(path.join(testServer().rootDir, folder), { recursive: true });
    fs.writeFileSync(
      path.join(testServer().rootDir, folder, 'data.txt'),
      'rel'
    );
    const document = await open(
      `${folder}/read.py`,
      '# %% Read\nwith open("data.txt") as f:\n    content = f.read()\n'
    );
    const before = await runInMain(kernel, 'import os; print(os.getcwd())');
    runner.setSettings({ workingDirectory: 'script' });
    expect((await runner.run(document, [])).status).toBe('ok');
    const session = await runner.session(document.path);
    expect(await session.eval('content')).toMatchObject({ value: 'rel' });
    expect(await runInMain(kernel, 'print(os.getcwd())')).toBe(before);
    runner.setSettings({ workingDirectory: 'notebook' });
    const failed = await runner.run(document, []);
    expect(failed.status).toBe('error');
    expect(failed.cells[0].error?.ename).toBe('FileNotFoundError');
  });

  it('releases what it kept for a kernel that shut down', async () => {
    const own = await services.startKernel();
    const document = await open(uniqueName('release'), '# %% A\nx = 1\n');
    await runner.run(document, [], { kernel: { connection: own, cwd: '' } });
    const states = runner.statesFor(document.path, own)!;
    expect(states.get(document.script!.cells[0]).status).toBe('ok');
    await own.shutdown();
    expect(runner.statesFor(document.path, own)).not.toBe(states);
  });
  it('exports declared before any run into the notebook after a complete run, in a second kernel too', async () => {
    const document = await open(
      uniqueName('exports'),
      '# %% A\nloss = 0.25\nmodel = {"layers": 3}\n# %% B\nboom = 1 / 0\n'
    );
    // No session exists yet: the declaration is applied at once (the namespace is empty, so
    // the script lacks both names) and kept for every run.
    const declared = await runner.exports.declare(
      document.path,
      'loss, model_v2 = model, ghost'
    );
    expect(declared.declared.map(s => `${s.target}=${s.source}`)).toEqual([
      'loss=loss',
      'model_v2=model',
      'ghost=ghost'
    ]);
    expect(declared.applied?.missing.sort()).toEqual([
      'ghost',
      'loss',
      'model'
    ]);
    // A failing run applies nothing.
    await runner.run(document, []);
    expect(await runInMain(kernel, 'print("loss" in globals())')).toBe(
      'False\n'
    );
    // The names the empty namespace lacked may exist now: they wait for a complete run.
    expect(runner.exports.statusFor(document.path).map(s => s.state)).toEqual([
      'pending',
      'pending',
      'pending'
    ]);
    await runner.run(document, [{ name: 'A' }]);
    expect(
      await runInMain(
        kernel,
        'print(loss, model_v2["layers"], "ghost" in globals())'
      )
    ).toBe('0.25 3 False\n');
    expect(runner.exports.statusFor(document.path)).toEqual([
      { target: 'loss', source: 'loss', state: 'exported' },
      { target: 'model_v2', source: 'model', state: 'exported' },
      { target: 'ghost', source: 'ghost', state: 'missing' }
    ]);

    // Another kernel (another notebook) gets the declarations with its first session.
    const other = await services.startKernel();
    try {
      const there = { connection: other, cwd: '' };
      expect(runner.exports.statusFor(document.path, other)[0].state).toBe(
        'pending'
      );
      await runner.run(document, [{ name: 'A' }], { kernel: there });
      expect(await runInMain(other, 'print(model_v2)')).toBe("{'layers': 3}\n");
      // Removed: later runs copy nothing more, and the notebook keeps what it has.
      runner.exports.remove(document.path, ['loss']);
      await runInMain(other, 'loss = "mine"');
      await runner.run(document, [{ name: 'A' }], { kernel: there });
      expect(await runInMain(other, 'print(loss)')).toBe('mine\n');
    } finally {
      await other.shutdown();
    }
  });

  it('refuses an export it could never apply, keeping nothing', async () => {
    const document = await open(uniqueName('badexport'), '# %% A\nx = 1\n');
    await expect(
      runner.exports.declare(document.path, 'x, In=x')
    ).rejects.toThrow(/IPython needs that name/);
    await expect(
      runner.exports.declare(document.path, 'class')
    ).rejects.toThrow(/Python keyword/);
    expect(runner.exports.specsFor(document.path)).toEqual([]);
  });
});
