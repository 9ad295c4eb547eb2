/**
 * CellScriptSession against a real jupyter_server + ipykernel: every operation, and what a
 * user notices (dataclasses, pickle, inspect, tracebacks, __name__, exports into __main__).
 */
import type { Kernel } from '@jupyterlab/services';
import {
  CellScriptSession,
  KernelRequestError,
  ScriptRunError
} from '../../src/kernel';
import {
  AmbiguousCellError,
  CellIndexError,
  CellNotFoundError,
  CellSelectorError
} from '../../src/script';
import {
  RecordingSink,
  Services,
  runInMain,
  testServer,
  uniqueName,
  writeScript
} from './helpers';

const SCRIPT = `import inspect
from dataclasses import dataclass

# %% Setup
@dataclass
class Point:
    x: int
    y: int

def norm(p):
    return (p.x ** 2 + p.y ** 2) ** 0.5

origin = Point(0, 0)
print("setup done")

# %% Train
import pickle
restored = pickle.loads(pickle.dumps(Point(3, 4)))
distance = norm(restored)
print("distance", distance)

# %% Main guard
entered_main = False
if __name__ == "__main__":
    entered_main = True

# %% Broken
def explode():
    return 1 / 0

explode()
`;

describe('CellScriptSession', () => {
  let services: Services;
  let kernel: Kernel.IKernelConnection;

  beforeAll(async () => {
    services = new Services();
    kernel = await services.startKernel();
  });
  afterAll(async () => {
    await services.dispose();
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  function open(
    path: string,
    extra: Partial<ConstructorParameters<typeof CellScriptSession>[0]> = {}
  ) {
    return new CellScriptSession({
      path,
      kernel,
      contents: services.contents,
      rootDir: testServer().rootDir,
      ...extra
    });
  }

  it('runs named cells in a module of its own: dataclass, pickle, output per cell', async () => {
    const session = open(writeScript(uniqueName('points'), SCRIPT));
    const sink = new RecordingSink();
    const result = await session.runCells([0, 'Setup', 'Train'], { sink });

    expect(result.status).toBe('ok');
    expect(result.cells.map(c => [c.index, c.status])).toEqual([
      [0, 'ok'],
      [1, 'ok'],
      [2, 'ok']
    ]);
    expect(sink.streamText(1)).toBe('setup done\n');
    expect(sink.streamText(2)).toBe('distance 5.0\n');
    expect(await session.eval('restored')).toEqual({
      type: expect.stringMatching(/^_cellscript_points_\w+\.Point$/),
      kind: 'repr',
      repr: 'Point(x=3, y=4)',
      truncated: false
    });
    // The module is registered, so the class pickles by reference and round-trips.
    expect((await session.eval('type(restored) is Point')).kind).toBe('json');
    expect(await session.eval('type(restored) is Point')).toMatchObject({
      value: true
    });
    expect(await session.eval('__file__')).toMatchObject({
      value: `${testServer().rootDir}/${session.path}`
    });
    session.dispose();
  });

  it('keeps function source for inspect.getsource at the script lines', async () => {
    const session = open(writeScript(uniqueName('inspect'), SCRIPT));
    await session.run(0, 'Setup');
    const source = await session.eval('inspect.getsource(norm)');
    expect(source).toMatchObject({
      value: 'def norm(p):\n    return (p.x ** 2 + p.y ** 2) ** 0.5\n'
    });
    expect(await session.eval('norm.__code__.co_firstlineno')).toMatchObject({
      value: 10
    });
    session.dispose();
  });

  it('does not enter `if __name__ == "__main__":` in module mode, does when asked', async () => {
    const path = writeScript(uniqueName('guard'), SCRIPT);
    const session = open(path);
    await session.run('Main guard');
    expect(
      await session.eval('entered_main, __name__ != "__main__"')
    ).toMatchObject({
      value: [false, true]
    });
    const asMain = open(path, { asMain: true });
    await asMain.reset();
    await asMain.run('Main guard');
    expect(await asMain.eval('entered_main')).toMatchObject({ value: true });
    session.dispose();
    asMain.dispose();
  });

  it('stops at the first error with a traceback naming the script and its line', async () => {
    const path = writeScript(uniqueName('broken'), SCRIPT);
    const session = open(path);
    const sink = new RecordingSink();
    const result = await session.runCells(['Broken', 'Setup'], { sink });

    expect(result.status).toBe('error');
    expect(result.cells).toHaveLength(1);
    const file = `${testServer().rootDir}/${path}`;
    expect(result.cells[0].error).toEqual({
      ename: 'ZeroDivisionError',
      evalue: 'division by zero',
      file,
      line: 29
    });
    const [error] = sink.errors();
    expect(error.index).toBe(4);
    expect(error.traceback).toContain(`File ${file}:31`);
    expect(error.traceback).toContain(`File ${file}:29, in explode()`);
    expect(error.traceback).not.toContain('cellscript-runtime');
    expect(error.traceback).not.toContain('_cellscript_bootstrap');
    // Setup, after the failing cell, never ran.
    expect(sink.streamText(1)).toBe('');

    // Insert lines above the cell: the next run reports the new line.
    writeScript(path, '# a new comment\n# and another\n' + SCRIPT);
    await expect(session.run('Broken')).rejects.toThrow(
      new RegExp(
        `cell 4 "Broken" failed at line 31 of ${file}: ZeroDivisionError`,
        'i'
      )
    );
    session.dispose();
  });

  it('rejects run() with a ScriptRunError that carries the result', async () => {
    const session = open(writeScript(uniqueName('reject'), SCRIPT));
    const error = await session.run('Broken').catch(e => e);
    expect(error).toBeInstanceOf(ScriptRunError);
    expect(error.result.status).toBe('error');
    expect(error.line).toBe(29);
    session.dispose();
  });

  it("lists the cells' names and gets a cell's source, as chmp.csc does", async () => {
    const path = writeScript(
      uniqueName('cells'),
      [
        'import os',
        '',
        '# %% Setup',
        'x = 1',
        '',
        '# %% [markdown]',
        '# A note',
        '',
        '# %% Train',
        'y = x + 1',
        ''
      ].join('\n')
    );
    const session = open(path);
    // Every cell, markdown too; the code above the first marker is an unnamed cell.
    expect(await session.list()).toEqual([null, 'Setup', null, 'Train']);
    expect(await session.get('Setup')).toBe('x = 1');
    expect(await session.get(0)).toBe('import os');
    expect(await session.get(2)).toBe('# A note');
    expect(await session.get(-1)).toBe('y = x + 1');
    expect(await session.get('Tr')).toBe('y = x + 1');

    const unknown = await session.get('Evaluate').catch(e => e);
    expect(unknown).toBeInstanceOf(CellNotFoundError);
    expect(unknown.message).toBe(
      "No cell is named 'Evaluate': the cells are named 'Setup', 'Train'."
    );
    await expect(session.get(9)).rejects.toBeInstanceOf(CellIndexError);
    await expect(session.get('#io')).rejects.toBeInstanceOf(CellSelectorError);
    await expect(
      session.get({ from: { index: 0 }, to: { index: 1 } })
    ).rejects.toThrow('may be several cells');

    // Both read the script as it is now, and need no kernel state.
    writeScript(path, '# %% Setup\nx = 2\n# %% Setup\nx = 3\n');
    expect(await session.list()).toEqual(['Setup', 'Setup']);
    await expect(session.get('Setup')).rejects.toBeInstanceOf(
      AmbiguousCellError
    );
    expect(await session.get(1)).toBe('x = 3');
    expect(await session.variables()).toEqual([]);
    session.dispose();
  });

  it('assigns, reads and lists variables (values(), variables())', async () => {
    const session = open(writeScript(uniqueName('values'), '# %% A\nx = 1\n'));
    await session.run('A');
    expect(
      await session.assign({
        lr: 0.5,
        layers: [1, 2],
        name: 'net',
        cfg: { a: null }
      })
    ).toEqual(['lr', 'layers', 'name', 'cfg']);
    const got = await session.values('x', 'lr', 'layers', 'cfg', 'nope');
    expect(got.values).toEqual({
      x: { type: 'int', kind: 'json', value: 1 },
      lr: { type: 'float', kind: 'json', value: 0.5 },
      layers: { type: 'list', kind: 'json', value: [1, 2] },
      cfg: { type: 'dict', kind: 'json', value: { a: null } }
    });
    expect(got.missing).toEqual(['nope']);
    await session.exec(`
        import math
        big = 2 ** 64
        nan = math.nan
    `);
    const odd = await session.values('big', 'nan');
    expect(odd.values.big).toEqual({
      type: 'int',
      kind: 'repr',
      repr: '18446744073709551616',
      truncated: false
    });
    expect(odd.values.nan).toMatchObject({
      type: 'float',
      kind: 'repr',
      repr: 'nan'
    });
    const names = (await session.variables()).map(v => [
      v.name,
      v.type,
      v.kind
    ]);
    expect(names).toEqual([
      ['big', 'int', 'value'],
      ['cfg', 'dict', 'value'],
      ['layers', 'list', 'value'],
      ['lr', 'float', 'value'],
      ['math', 'module', 'module'],
      ['name', 'str', 'value'],
      ['nan', 'float', 'value'],
      ['x', 'int', 'value']
    ]);
    session.dispose();
  });

  it('evaluates with a trailing comment and reports errors of eval and exec', async () => {
    const session = open(writeScript(uniqueName('evals'), '# %% A\nx = 41\n'));
    await session.run();
    expect(await session.eval('x + 1  # the answer')).toMatchObject({
      value: 42
    });
    expect(await session.eval('\n   x\n')).toMatchObject({ value: 41 });
    const error = await session.eval('undefined_name').catch(e => e);
    expect(error).toBeInstanceOf(KernelRequestError);
    expect(error.kind).toBe('exception');
    expect(error.message).toBe(
      "NameError: name 'undefined_name' is not defined"
    );
    await expect(
      session.exec('if True:\n    raise ValueError("bad")')
    ).rejects.toThrow('ValueError: bad');
    session.dispose();
  });

  it('exports with renames into the notebook namespace, now and after each complete run', async () => {
    const path = writeScript(
      uniqueName('exports'),
      '# %% A\nmodel = "m1"\n# %% B\nfail = 1/0\n'
    );
    const session = open(path);
    await session.run('A');
    const first = await session.export('script_model=model', 'model', 'later');
    expect(first).toEqual({
      exported: [
        { target: 'script_model', source: 'model' },
        { target: 'model', source: 'model' }
      ],
      missing: ['later']
    });
    expect(await runInMain(kernel, 'print(script_model, model)')).toBe(
      'm1 m1\n'
    );

    writeScript(path, '# %% A\nmodel = "m2"\nlater = 3\n# %% B\nfail = 1/0\n');
    const result = await session.run('A');
    expect(result.exports).toEqual({
      exported: [
        { target: 'script_model', source: 'model' },
        { target: 'model', source: 'model' },
        { target: 'later', source: 'later' }
      ],
      missing: []
    });
    expect(await runInMain(kernel, 'print(script_model, later)')).toBe(
      'm2 3\n'
    );

    // An incomplete run exports nothing.
    await session.exec('model = "m3"');
    const failed = await session.runCells(['B']);
    expect(failed.exports).toBeUndefined();
    expect(await runInMain(kernel, 'print(script_model)')).toBe('m2\n');
    expect(() => session.export('a=b=c')).rejects.toThrow('target=source');
    session.dispose();
  });

  it('resets the namespace', async () => {
    const session = open(writeScript(uniqueName('reset'), '# %% A\nx = 1\n'));
    await session.run();
    expect(await session.reset()).toBe(true);
    expect((await session.values('x')).missing).toEqual(['x']);
    expect(await session.reset()).toBe(false);
    session.dispose();
  });

  it('shares the notebook namespace in shared mode and refuses to reset it', async () => {
    const session = open(
      writeScript(uniqueName('shared'), '# %% A\nshared_value = 7\n'),
      {
        namespace: 'shared'
      }
    );
    await session.run();
    expect(await runInMain(kernel, 'print(shared_value)')).toBe('7\n');
    await runInMain(kernel, 'from_notebook = 8');
    expect(await session.eval('from_notebook + shared_value')).toMatchObject({
      value: 15
    });
    await expect(session.reset()).rejects.toThrow("notebook's own namespace");
    session.dispose();
  });

  it('prints CellScript-style summaries in verbose mode and shows last values', async () => {
    const body = Array.from({ length: 12 }, (_, i) => `v${i} = ${i}`).join(
      '\n'
    );
    const session = open(
      writeScript(
        uniqueName('verbose'),
        `# %% Long\n${body}\nv11 * 2\n# %% Quiet\nv1;\n`
      ),
      {
        verbose: true,
        showLastValue: true
      }
    );
    const sink = new RecordingSink();
    await session.runCells([], { sink });
    const lines = sink.streamText(0).trimEnd().split('\n');
    expect(lines).toEqual([
      ...Array.from({ length: 9 }, (_, i) => `> v${i} = ${i}`),
      '...'
    ]);
    const shown = sink
      .outputsOf(0)
      .filter(o => o.output_type === 'display_data');
    expect(shown.map(o => (o as any).data['text/plain'])).toEqual(['22']);
    expect(
      sink.outputsOf(1).filter(o => o.output_type === 'display_data')
    ).toEqual([]);
    session.dispose();
  });

  it('reads the file once, then lets the kernel check it is unchanged before each run', async () => {
    const path = writeScript(uniqueName('fresh'), '# %% A\nvalue = 1\n');
    const session = open(path);
    const reads = jest.spyOn(services.contents, 'get');
    await session.run('A');
    await session.run('A');
    expect(reads).toHaveBeenCalledTimes(1);
    // Same length, other bytes: the kernel notices, nothing stale runs, the file is re-read.
    writeScript(path, '# %% A\nvalue = 2\n');
    const sink = new RecordingSink();
    await session.runCells(['A'], { sink });
    expect(reads).toHaveBeenCalledTimes(2);
    // The refused request ran nothing: the cell finished once, from the second request.
    expect(sink.events.filter(e => e.type === 'finish')).toHaveLength(1);
    expect(await session.eval('value')).toMatchObject({ value: 2 });
    reads.mockRestore();
    session.dispose();
  });

  it('reads through the contents API before every run when the kernel cannot see the file', async () => {
    const path = writeScript(uniqueName('remote'), '# %% A\nvalue = 1\n');
    const session = open(path, { kernelFile: '/nonexistent/elsewhere.py' });
    const reads = jest.spyOn(services.contents, 'get');
    await session.run('A');
    await session.run('A');
    await session.run('A');
    // First read, a refused check (unreadable) and its read, then plain reads.
    expect(reads).toHaveBeenCalledTimes(3);
    expect(await session.eval('__file__')).toMatchObject({
      value: '/nonexistent/elsewhere.py'
    });
    reads.mockRestore();
    session.dispose();
  });

  it('stops asking the kernel when it sees other bytes than the contents API', async () => {
    const path = writeScript(uniqueName('mismatch'), '# %% A\nvalue = 1\n');
    const other = writeScript(uniqueName('other'), 'something else entirely\n');
    const session = open(path, {
      kernelFile: `${testServer().rootDir}/${other}`
    });
    const reads = jest.spyOn(services.contents, 'get');
    const send = jest.spyOn(session.bridge, 'sendRequest');
    await session.run('A');
    await session.run('A');
    await session.run('A');
    expect(reads).toHaveBeenCalledTimes(3);
    // run, refused check + run, run: no check after the first mismatch.
    expect(send).toHaveBeenCalledTimes(4);
    session.dispose();
  });

  it('reads unsaved editor text through readSource before every run', async () => {
    let text = '# %% A\nvalue = "from editor"\n';
    const session = open(uniqueName('unsaved'), {
      readSource: () => text,
      contents: undefined
    });
    await session.run('A');
    expect(await session.eval('value')).toMatchObject({ value: 'from editor' });
    text = '# %% A\nvalue = "edited"\n';
    await session.run('A');
    expect(await session.eval('value')).toMatchObject({ value: 'edited' });
    session.dispose();
  });
});
