/**
 * `%cellscript` against a fake page (script service, runner, session): which subcommand runs
 * with what, help, and bad input that changes nothing.
 */
import { addCellScriptMagic } from '../../../src/magics/cellscriptMagic';
import { MagicUsageError } from '../../../src/magics/errors';
import { splitArgs } from '../../../src/magics/magicArgs';
import { OutputAreaSink } from '../../../src/magics/magicOutput';
import { MagicRegistry } from '../../../src/magics/registry';
import { parseScript } from '../../../src/script';
import { Signal } from '@lumino/signaling';
import { planSweep, SweepResults } from '../../../src/sweep';

const SCRIPTS: { [path: string]: string } = {
  'work/pipeline.py':
    '# %% Setup\nlr = 0.1\nname = "base"\n\n# %% Fit model\nfit(lr)\n',
  'other.py': '# %% Train\ntrain()\n'
};

function setup(options: { kernel?: boolean; sweeps?: any } = {}) {
  const calls: any[] = [];
  const session = {
    assign: jest.fn(async (values: object) => Object.keys(values)),
    eval: jest.fn(async () => ({
      kind: 'json',
      type: 'tuple',
      value: [1, 'a']
    })),
    exec: jest.fn(async () => undefined),
    variables: jest.fn(async () => []),
    table: jest.fn(async (name: string) => ({ name, type: 'DataFrame' }))
  };
  const runner = {
    run: jest.fn(async (script: any, selection: any, runOptions: any) => {
      calls.push({ path: script.path, selection, cwd: runOptions.kernel.cwd });
      return { status: 'ok', cells: [] };
    }),
    session: jest.fn(async () => session),
    statesFor: () => null,
    parameters: {
      set: jest.fn(
        async (_path: string, _name: string, value: unknown) => value
      ),
      overridesFor: () => ({})
    },
    exports: { declare: jest.fn() }
  };
  const scripts = {
    open: (path: string) => {
      const text = SCRIPTS[path];
      return {
        document: {
          path,
          ready: Promise.resolve(),
          snapshot: () => {
            if (text === undefined) {
              throw new Error(`${path} does not exist.`);
            }
            return { text, script: parseScript(text), fromEditor: false };
          }
        },
        dispose: () => undefined
      };
    }
  };
  const registry = new MagicRegistry();
  addCellScriptMagic(registry, {
    runner: runner as any,
    scripts: scripts as any,
    sidebar: { path: null, open: async () => undefined },
    trans: {
      __: (text: string, ...args: unknown[]) =>
        text.replace(/%(\d)/g, (_, i) => String(args[Number(i) - 1]))
    } as any,
    save: jest.fn(),
    sweeps: options.sweeps ?? null
  });
  const sessionContext = { path: 'work/nb.ipynb' };
  const outputs: any[] = [];
  const magic = (source: string) => {
    const [first, ...body] = source.split('\n');
    const kind = first.startsWith('%%') ? 'cell' : 'line';
    const [, name, line = ''] = /^%%?(\w+)\s*(.*)$/.exec(first)!;
    const spec =
      kind === 'cell' ? registry.cellMagic(name) : registry.lineMagic(name);
    return Promise.resolve(
      spec!.handler({
        kind,
        name,
        line,
        get args() {
          return splitArgs(line);
        },
        body: kind === 'cell' ? body.join('\n') : null,
        cell: {} as any,
        notebook: null,
        sessionContext: sessionContext as any,
        kernel: options.kernel === false ? null : ({ id: 'k' } as any),
        output: new OutputAreaSink({
          add: (o: any) => outputs.push(o),
          set: () => undefined,
          clear: () => undefined
        } as any),
        history: { take: () => null },
        signal: new AbortController().signal
      })
    );
  };
  return { magic, runner, session, calls, outputs };
}

describe('%cellscript', () => {
  it('without a subcommand says what it does and that no script is open', async () => {
    const { magic } = setup();
    const help = (await magic('%cellscript')) as string;
    expect(help).toContain('%cellscript: drive a # %% script');
    expect(help).toMatch(/run \[SELECTOR\.\.\.\]\s+Run cells/);
    expect(help).toContain(
      "This notebook's script: none yet (%cellscript open PATH)."
    );
  });

  it('opens a script from the notebook folder and runs cells there', async () => {
    const { magic, calls } = setup();
    expect(await magic('%cs open pipeline.py')).toBe(
      'work/pipeline.py: 2 cells (2 code).'
    );
    await magic('%cs run Setup "Fit model"');
    expect(calls).toEqual([
      {
        path: 'work/pipeline.py',
        selection: ['Setup', 'Fit model'],
        cwd: 'work'
      }
    ]);
    expect(await magic('%cs -s /other.py get Train')).toBe('train()');
  });

  it.each([
    [
      '%cs frobnicate',
      /Unknown subcommand "frobnicate" for %cs\. Use one of: open, list, run/
    ],
    ['%cs toString', /Unknown subcommand "toString" for %cs/],
    [
      '%cs run Setup',
      /No script is open for this notebook\. Open one with %cs open PATH/
    ],
    [
      '%cs --verbose list',
      /Unknown option --verbose for %cs\. It takes -s PATH and --help\./
    ],
    ['%cs -s pipeline.py get', /Give CELL\./],
    [
      '%cs -s pipeline.py get A B',
      /Give one CELL, not 2 \(quote a name with spaces\)\./
    ],
    ['%%cs -s pipeline.py run Setup\nx = 1', /%%cs run takes no body/],
    [
      '%cs -s pipeline.py save Setup',
      /save needs a body: write %%cs save \.\.\./
    ],
    ['%cs -s ../../up.py list', /outside the folder JupyterLab serves/],
    ['%cs -s pipeline.py run Setup "Fit', /Unbalanced quote/],
    ['%cs -s pipeline.py assign', /Give NAME=VALUE pairs/],
    [
      '%cs -s pipeline.py assign lr = 1',
      /assign takes NAME=VALUE pairs: lr is not one/
    ],
    ['%cs -s pipeline.py eval', /Give an expression/]
  ])('%j is a clear usage error', async (source, message) => {
    const { magic } = setup();
    const outcome = magic(source);
    await expect(outcome).rejects.toThrow(MagicUsageError);
    await expect(outcome).rejects.toThrow(message);
  });

  it('needs the kernel to run, and says how to get one', async () => {
    const { magic } = setup({ kernel: false });
    await expect(magic('%cs -s pipeline.py run Setup')).rejects.toThrow(
      'This notebook has no kernel. Choose one (Kernel › Change Kernel…), then run the cell again.'
    );
  });

  it('assigns literals, a parameter by its type, and keeps the parameter', async () => {
    const { magic, runner, session } = setup();
    const said = await magic(
      "%cs -s pipeline.py assign lr=0.5 name='a b' items=[1, 2] flag=True"
    );
    expect(runner.parameters.set).toHaveBeenCalledTimes(2);
    expect(runner.parameters.set).toHaveBeenCalledWith(
      'work/pipeline.py',
      'lr',
      0.5
    );
    expect(runner.parameters.set).toHaveBeenCalledWith(
      'work/pipeline.py',
      'name',
      'a b'
    );
    expect(session.assign).toHaveBeenCalledWith({
      lr: 0.5,
      name: 'a b',
      items: [1, 2],
      flag: true
    });
    expect(said).toContain(
      "Assigned in work/pipeline.py: lr = 0.5, name = 'a b', items = [1, 2], flag = True."
    );
  });

  it.each([
    ['lr=fast', /lr/],
    ['ok=1 z=foo(', /Unbalanced bracket/],
    ['ok=1 z=foo', /assign z: foo is not a Python literal/]
  ])('assign %s sets nothing', async (pairs, message) => {
    const { magic, runner, session } = setup();
    await expect(magic(`%cs -s pipeline.py assign ${pairs}`)).rejects.toThrow(
      message
    );
    expect(runner.parameters.set).not.toHaveBeenCalled();
    expect(session.assign).not.toHaveBeenCalled();
  });

  it('evaluates and shows the value as Python writes it', async () => {
    const { magic, session } = setup();
    expect(await magic('%cs -s pipeline.py eval (1, "a")  # why')).toBe(
      "(1, 'a')"
    );
    expect(session.eval).toHaveBeenCalledWith(
      '(1, "a")  # why',
      expect.anything()
    );
  });

  it('execs a cell body in the script namespace', async () => {
    const { magic, session } = setup();
    await magic('%%cs -s pipeline.py exec\n  x = 1\n  y = 2');
    expect(session.exec).toHaveBeenCalledWith(
      '  x = 1\n  y = 2',
      expect.anything()
    );
  });

  it('answers --help for a subcommand, code subcommands included', async () => {
    const { magic } = setup();
    expect(await magic('%cs run --help')).toMatch(
      /^Usage: %cs run \[SELECTOR\.\.\.\]\n\nRun cells/
    );
    expect(await magic('%cs eval --help')).toMatch(
      /^Usage: %cs eval EXPRESSION/
    );
  });
});

describe('%cellscript sweep', () => {
  /** A sweep service whose sweeps end at once with `status` per iteration. */
  function fakeSweeps(statuses: Array<'ok' | 'error'>) {
    const started: any[] = [];
    return {
      started,
      start: jest.fn(async (path: string, values: any, options: any) => {
        const plan = planSweep(
          parseScript(SCRIPTS[path]),
          values,
          options,
          path
        );
        const iterations = plan.iterations.map((iteration, i) => ({
          ...iteration,
          status: statuses[i] ?? 'ok',
          durationMs: 1500,
          outputs: { score: { type: 'float', kind: 'json', value: i / 2 } },
          ...(statuses[i] === 'error'
            ? {
                error: {
                  ename: 'ValueError',
                  evalue: 'bad lr',
                  line: 6,
                  traceback: ''
                }
              }
            : {})
        }));
        const results = new SweepResults(
          plan.swept.map(p => p.name),
          iterations as any
        );
        const sweep: any = {
          plan,
          record: { status: 'done' },
          savedAt: 'work/pipeline.sweeps/x.json',
          saveError: null,
          cancel: jest.fn(),
          progress: new Signal<any, any>({})
        };
        // Ends after the magic has connected to its progress (a macrotask later).
        sweep.done = new Promise(resolve => setTimeout(resolve, 0)).then(() => {
          iterations.forEach((ended, i) =>
            sweep.progress.emit({
              ended,
              finished: i + 1,
              total: iterations.length
            })
          );
          return results;
        });
        started.push({ path, values, options });
        return sweep;
      })
    };
  }

  it('sweeps with the given values and options, one line per iteration, then the table', async () => {
    const sweeps = fakeSweeps(['ok', 'error', 'ok', 'ok']);
    const { magic, outputs, session } = setup({ sweeps });
    await magic('%cs open pipeline.py');
    const result: any = await magic(
      `%cs sweep lr=0.5,0.1 name="'a,b', c" -j 3 --isolation fork -o score --to res`
    );
    expect(sweeps.started[0]).toEqual({
      path: 'work/pipeline.py',
      values: { lr: [0.5, 0.1], name: ['a,b', 'c'] },
      options: {
        isolation: 'fork',
        concurrency: 3,
        outputs: ['score'],
        nominal: {}
      }
    });
    const text = outputs.map(o => o.text ?? '').join('');
    expect(text).toContain(
      'Sweeping work/pipeline.py: 4 iterations (independent, fork isolation, 3 at once).'
    );
    expect(text).toContain('[1 of 4] lr=0.1 name=base: ok (1.50 s)');
    expect(text).toContain(
      '[2 of 4] lr=0.5 name=base: ValueError: bad lr (line 6)'
    );
    expect(text).toContain('res holds the results (a pandas DataFrame).');
    expect(session.table).toHaveBeenCalledWith('res', expect.any(Array));
    expect(result.data['text/plain']).toMatch(
      /lr\s+name\s+status\s+seconds\s+score\s+error/
    );
  });

  it.each([
    ['%cs sweep', /Give the values to sweep as NAME=V1,V2/],
    ['%cs sweep lr', /lr is not one/],
    ['%cs sweep lr=1,,2', /has an empty item/],
    ['%cs sweep lr=1 --to "a b"', /give a Python name for the results/],
    ['%cs sweep rate=1', /has no parameter "rate"/],
    ['%cs sweep lr=1 -j 0', /1 or more/]
  ])('refuses %s', async (line, message) => {
    const { magic } = setup({ sweeps: fakeSweeps([]) });
    await magic('%cs open pipeline.py');
    await expect(magic(line)).rejects.toThrow(message);
  });

  it('says so when sweeps are not available', async () => {
    const { magic } = setup();
    await magic('%cs open pipeline.py');
    await expect(magic('%cs sweep lr=1')).rejects.toThrow(
      /Sweeps are not available on this page/
    );
  });
});
