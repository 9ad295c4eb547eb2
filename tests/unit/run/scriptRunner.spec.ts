/**
 * The runner between the widgets and the kernel: one parse with the user's settings, one
 * selection, exactly the selected cells sent once, states and the caller's sink fed the same
 * events, a re-read only when the kernel says the file changed, and everything of a kernel
 * released when it goes away. The kernel side is a fake session (a narrow seam); the kernel
 * protocol itself is tested against a real kernel in tests/integration.
 */
import type { Kernel } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';
import { ScriptUnavailableError } from '../../../src/document/problems';
import type { IScriptSnapshot } from '../../../src/document/scriptDocument';
import {
  KernelRequestError,
  type CellScriptSession,
  type ICellOutcome,
  type IExportResult,
  type IExportSpec,
  type IOutputSink,
  type IParsedRunOptions,
  type IRunResult
} from '../../../src/kernel';
import type {
  IKernelTarget,
  IKernelTargetSource
} from '../../../src/run/kernelTarget';
import {
  ScriptRunner,
  type IRunnableScript
} from '../../../src/run/scriptRunner';
import {
  parseScript,
  type CellSelector,
  type IParseOptions,
  type IParsedScript,
  type IScriptCell
} from '../../../src/script';

/** The parts of a kernel connection the runner and its bridge touch. */
function fakeKernel(id: string) {
  const kernel: any = {
    id,
    name: 'python3',
    status: 'idle',
    isDisposed: false,
    interrupt: jest.fn(async () => undefined)
  };
  kernel.statusChanged = new Signal(kernel);
  kernel.iopubMessage = new Signal(kernel);
  kernel.disposed = new Signal(kernel);
  kernel.dispose = () => {
    kernel.isDisposed = true;
    kernel.disposed.emit();
  };
  return kernel as Kernel.IKernelConnection & { dispose(): void };
}

class FakeTargets implements IKernelTargetSource {
  constructor(public kernel: Kernel.IKernelConnection | null) {}
  readonly changed = new Signal<IKernelTargetSource, void>(this);
  get current(): IKernelTarget | null {
    const kernel = this.kernel;
    return {
      notebookPath: 'work/analysis.ipynb',
      cwd: 'work',
      kernelName: 'Python 3',
      kernel,
      ready: async () => kernel
    };
  }
}

/** A script document: text parsed with the given options; reload() reads `onDisk`. */
class FakeScript implements IRunnableScript {
  constructor(
    readonly path: string,
    public text: string,
    private _options: IParseOptions = {}
  ) {
    this.onDisk = text;
    this._parse();
  }
  onDisk: string;
  fromEditor = false;
  problem: ScriptUnavailableError | null = null;
  reloads = 0;
  readonly ready = Promise.resolve();
  parsed!: IParsedScript;
  snapshot(): IScriptSnapshot {
    if (this.problem) {
      throw this.problem;
    }
    return {
      text: this.text,
      script: this.parsed,
      fromEditor: this.fromEditor
    };
  }
  async reload(): Promise<void> {
    this.reloads++;
    if (!this.fromEditor && this.text !== this.onDisk) {
      this.text = this.onDisk;
      this._parse();
    }
  }
  private _parse() {
    this.parsed = parseScript(this.text, this._options);
  }
}

interface ISentRun {
  script: IParsedScript;
  cells: IScriptCell[];
  options: IParsedRunOptions;
}

/** The session seam: records what would be sent, answers as the runtime would. */
class FakeSession {
  constructor(
    readonly path: string,
    readonly cwd = ''
  ) {}
  sent: ISentRun[] = [];
  failures: unknown[] = [];
  namespace = 'module';
  workingDirectory = 'notebook';
  isDisposed = false;
  async runParsed(
    script: IParsedScript,
    cells: readonly IScriptCell[],
    options: IParsedRunOptions = {}
  ): Promise<IRunResult> {
    this.sent.push({ script, cells: cells.slice(), options });
    const failure = this.failures.shift();
    if (failure) {
      throw failure;
    }
    const outcomes: ICellOutcome[] = cells.map(cell => ({
      index: cell.index,
      status: 'ok',
      durationMs: 1
    }));
    cells.forEach((cell, i) => {
      options.sink?.cellStarted?.(cell.index, {
        name: cell.name,
        line: cell.firstLine
      });
      options.sink?.output?.(
        cell.index,
        { output_type: 'stream', name: 'stdout', text: `${cell.name}\n` },
        { update: false }
      );
      options.sink?.cellFinished?.(cell.index, outcomes[i]);
    });
    return {
      status: 'ok',
      cells: outcomes,
      namespace: { mode: 'module', module: 'm', file: this.path }
    };
  }
  async reset(): Promise<boolean> {
    return true;
  }
  dispose() {
    this.isDisposed = true;
  }
  // The exports seam: declarations recorded, applied as if the script defined nothing.
  declared: IExportSpec[] = [];
  readonly exportsApplied = new Signal<this, any>(this);
  async export(...specs: IExportSpec[]): Promise<IExportResult> {
    this.declareExports(specs);
    return { exported: [], missing: specs.map(s => s.source) };
  }
  declareExports(specs: Iterable<IExportSpec>): void {
    this.declared.push(...specs);
  }
  unexport(): void {
    this.declared = [];
  }
}

const stale = (reason: 'changed' | 'unreadable') =>
  new KernelRequestError('changed since it was read', 'stale-source', {
    kind: 'stale-source',
    message: 'changed',
    reason
  });

describe('ScriptRunner', () => {
  let kernel: ReturnType<typeof fakeKernel>;
  let targets: FakeTargets;
  let sessions: FakeSession[];
  let runner: ScriptRunner;

  beforeEach(() => {
    kernel = fakeKernel('k1');
    targets = new FakeTargets(kernel);
    sessions = [];
    runner = new ScriptRunner({
      targets,
      // Nothing ran before (restoring is tested in scriptRunnerRestore.spec.ts).
      readHistory: async () => [],
      createSession: (_bridge, path, cwd) => {
        const session = new FakeSession(path, cwd);
        sessions.push(session);
        return session as unknown as CellScriptSession;
      }
    });
  });
  afterEach(() => runner.dispose());

  const names = (run: ISentRun) => run.cells.map(cell => cell.name);

  it('runs a custom-marker script with the parse the user sees, not a default re-parse', async () => {
    const script = new FakeScript(
      'work/pipeline.py',
      '# -- Setup\nx = 1\n# -- Train\ny = x + 1\n',
      { marker: '--' }
    );
    await runner.run(script, [{ name: 'Train' }]);
    expect(sessions).toHaveLength(1);
    const [sent] = sessions[0].sent;
    expect(sent.script).toBe(script.parsed); // one parse: the document's
    expect(names(sent)).toEqual(['Train']);
    const states = runner.statesFor('work/pipeline.py')!;
    expect(states.get(sent.cells[0]).status).toBe('ok');
    expect(states.get(script.parsed.cells[0]).status).toBe('not-run');
  });

  it.each<[string, CellSelector, Array<string | null>]>([
    ['an index end is a position', { to: { index: 1 } }, [null, '1']],
    ['a name end is a name, even "1"', { to: { name: '1' } }, [null, '1']],
    ['a name end B', { to: { name: 'B' } }, [null, '1', 'A', 'B']],
    ['index 2 is A, not the cell named "1"', { index: 2 }, ['A']]
  ])('run to here: %s', async (_, selection, expected) => {
    const script = new FakeScript(
      's.py',
      'import os\n# %% B\nb = 0\n# %% 1\none = 1\n# %% A\na = 1\n# %% B2\n'
    );
    // Cells: 0 unnamed, 1 "B", 2 "1", 3 "A", 4 "B2"; reorder names to match the table.
    script.text = 'import os\n# %% 1\none = 1\n# %% A\na = 1\n# %% B\nb = 2\n';
    script.onDisk = script.text;
    await script.reload();
    script.parsed = parseScript(script.text);
    await runner.run(script, [selection]);
    expect(names(sessions[0].sent[0])).toEqual(expected);
  });

  it('sends the held text for the kernel to check, and re-reads only when it changed', async () => {
    const script = new FakeScript('a.py', '# %% A\nx = 1\n# %% B\ny = 2\n');
    await runner.run(script, []);
    const session = sessions[0];
    expect(session.sent[0].options.expect).toEqual(
      expect.objectContaining({ bytes: script.text.length })
    );
    expect(script.reloads).toBe(0);

    // The file changed on disk: the kernel refuses (nothing ran), the runner reads it once and
    // runs what the file holds now, without a second check.
    script.onDisk = '# %% A\nx = 10\n# %% B\ny = 20\n# %% C\nz = 30\n';
    session.failures.push(stale('changed'));
    const result = await runner.run(script, []);
    expect(script.reloads).toBe(1);
    expect(session.sent).toHaveLength(3);
    expect(names(session.sent[2])).toEqual(['A', 'B', 'C']);
    expect(session.sent[2].options.expect).toBeUndefined();
    expect(result.cells).toHaveLength(3);
    // The next run checks in the kernel again.
    await runner.run(script, []);
    expect(session.sent[3].options.expect).toBeDefined();
  });

  it('reads before every run when the kernel cannot read the file', async () => {
    const script = new FakeScript('remote.py', '# %% A\nx = 1\n');
    const session = (await runner.session(
      'remote.py'
    )) as unknown as FakeSession;
    session.failures.push(stale('unreadable'));
    await runner.run(script, []);
    // Refused with a check, then sent without one after a read.
    expect(session.sent.map(s => s.options.expect === undefined)).toEqual([
      false,
      true
    ]);
    expect(script.reloads).toBe(1);
    await runner.run(script, []);
    expect(session.sent[2].options.expect).toBeUndefined();
    expect(script.reloads).toBe(2);
  });

  it("never checks an editor's unsaved text against the file", async () => {
    const script = new FakeScript('open.py', '# %% A\nx = 1\n');
    script.fromEditor = true;
    await runner.run(script, []);
    expect(sessions[0].sent[0].options.expect).toBeUndefined();
    expect(script.reloads).toBe(0);
  });

  it("feeds the caller's sink the same events as the run states", async () => {
    const script = new FakeScript('tee.py', '# %% A\nx = 1\n# %% B\ny = 2\n');
    const seen: string[] = [];
    const sink: IOutputSink = {
      cellStarted: index => seen.push(`start ${index}`),
      output: (index, output) => seen.push(`output ${index} ${output.text}`),
      cellFinished: (index, outcome) =>
        seen.push(`finish ${index} ${outcome.status}`)
    };
    await runner.run(script, [{ name: 'B' }], { sink });
    expect(seen).toEqual(['start 1', 'output 1 B\n', 'finish 1 ok']);
    const states = runner.statesFor('tee.py')!;
    expect(states.get(script.parsed.cells[1]).outputs).toHaveLength(1);
  });

  it('runs in the kernel it is given, with states of its own', async () => {
    const other = fakeKernel('k2');
    const script = new FakeScript('k.py', '# %% A\nx = 1\n');
    await runner.run(script, [], { kernel: { connection: other, cwd: '' } });
    expect(
      runner.statesFor('k.py', other)!.get(script.parsed.cells[0]).status
    ).toBe('ok');
    expect(runner.statesFor('k.py')!.get(script.parsed.cells[0]).status).toBe(
      'not-run'
    );
  });

  it('keeps one namespace per file however its path is spelled', async () => {
    const script = new FakeScript('f/a.py', '# %% A\nx = 1\n');
    for (const path of ['./f/a.py', 'f//a.py', '/f/a.py', 'f/a.py']) {
      await runner.session(path);
    }
    expect(sessions.map(s => s.path)).toEqual(['f/a.py']);
    await runner.run(script, []);
    expect(sessions).toHaveLength(1);
  });

  it('makes the session where the kernel started, even when the sidebar asked for states first', async () => {
    const script = new FakeScript('work/a.py', '# %% A\nx = 1\n');
    expect(runner.statesFor('work/a.py')).not.toBeNull();
    expect(sessions).toEqual([]);
    await runner.run(script, []);
    expect(sessions.map(s => s.cwd)).toEqual(['work']);
  });

  it('releases the sessions and states of a kernel that is disposed', async () => {
    const script = new FakeScript('gone.py', '# %% A\nx = 1\n');
    await runner.run(script, []);
    const states = runner.statesFor('gone.py')!;
    expect(states.get(script.parsed.cells[0]).status).toBe('ok');
    kernel.dispose();
    expect(sessions[0].isDisposed).toBe(true);
    const fresh = runner.statesFor('gone.py')!;
    expect(fresh).not.toBe(states);
    expect(fresh.get(script.parsed.cells[0]).status).toBe('not-run');
  });

  it('refuses to run a deleted script with a typed error and sends nothing', async () => {
    const script = new FakeScript('deleted.py', '# %% A\nx = 1\n');
    script.problem = new ScriptUnavailableError({
      kind: 'missing',
      message: 'deleted.py does not exist (it may have been moved or deleted).'
    });
    await expect(runner.run(script, [])).rejects.toMatchObject({
      kind: 'missing'
    });
    expect(sessions[0]?.sent ?? []).toEqual([]);
    expect(runner.isRunning('deleted.py')).toBe(false);
  });

  it('says what to do without a notebook', async () => {
    targets.kernel = null;
    const script = new FakeScript('x.py', '# %% A\nx = 1\n');
    await expect(runner.run(script, [])).rejects.toThrow(/has no kernel/);
  });

  it('hands the exports declared before a kernel had a session to the session it makes', async () => {
    targets.kernel = null; // The notebook has no kernel: declared, applied nowhere yet.
    const declared = await runner.exports.declare('ex.py', 'loss, m=model');
    expect(declared).toMatchObject({
      applied: null,
      notApplied: expect.stringContaining('has no kernel')
    });
    targets.kernel = kernel;
    await runner.run(new FakeScript('ex.py', '# %% A\nloss = 1\n'), []);
    expect(sessions[0].declared).toEqual([
      { target: 'loss', source: 'loss' },
      { target: 'm', source: 'model' }
    ]);
  });

  it('hands new settings to existing sessions, keeping them (and their exports)', async () => {
    const script = new FakeScript('set.py', '# %% A\nx = 1\n');
    await runner.run(script, []);
    runner.setSettings({ namespace: 'shared', workingDirectory: 'script' });
    expect(sessions).toHaveLength(1);
    expect(sessions[0].namespace).toBe('shared');
    expect(sessions[0].workingDirectory).toBe('script');
  });
});
