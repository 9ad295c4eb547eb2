/**
 * The overrides store: conversion by the parameter's type as the script is now, refusal
 * without change, reset, persistence through a state database, orphaned overrides; and the
 * runner sending them with the runs of their defining cells.
 */
import type { Kernel } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';
import type { IParsedRunOptions, IRunResult } from '../../../src/kernel';
import type { IKernelTargetSource } from '../../../src/run/kernelTarget';
import {
  keepParametersIn,
  PARAMETERS_STATE_KEY,
  ScriptParameters
} from '../../../src/run/scriptParameters';
import { linesPicker } from '../../../src/editor/selectionRun';
import { ScriptRunner } from '../../../src/run/scriptRunner';
import {
  ParameterError,
  parseScript,
  type IParsedScript,
  type IScriptCell
} from '../../../src/script';

const TEXT = [
  '# %% Setup', // 1
  'lr = 0.1', // 2
  'epochs = 3  # type: int  passes', // 3
  'name = "run"', // 4
  'data = Param()', // 5
  '# %% Train', // 6
  'print(lr)', // 7
  ''
].join('\n');

function store(text = TEXT) {
  const scripts = new Map<string, string>([['work/train.py', text]]);
  const parameters = new ScriptParameters({
    readScript: async path => parseScript(scripts.get(path) ?? '')
  });
  return { parameters, scripts };
}

describe('ScriptParameters', () => {
  it.each<[string, unknown, unknown]>([
    ['lr', '0.5', 0.5],
    ['lr', 2, 2],
    ['epochs', ' 10 ', 10],
    ['epochs', '1_000', 1000],
    ['name', '  text as typed ', '  text as typed '],
    ['name', 3, '3'],
    ['data', '[1, 2]', [1, 2]]
  ])('sets %s from %j as %j', async (name, input, value) => {
    const { parameters } = store();
    const changed = jest.fn();
    parameters.changed.connect(changed);
    await expect(
      parameters.set('./work/train.py', name, input)
    ).resolves.toEqual(value);
    expect(parameters.overridesFor('work/train.py')).toEqual({ [name]: value });
    expect(changed).toHaveBeenCalledWith(parameters, 'work/train.py');
  });

  it.each<[string, unknown, string]>([
    [
      'epochs',
      '3.5',
      'epochs (line 3) expects an int; 3.5 would be truncated. Give a whole number.'
    ],
    ['lr', 'fast', 'lr (line 2) expects a float; "fast" is not a number.'],
    [
      'nope',
      1,
      'work/train.py has no parameter nope: its parameters are lr, epochs, name, data.'
    ],
    [
      'lr',
      undefined,
      "lr (line 2): no value given. Give a value, or reset the parameter to use the script's default."
    ]
  ])('refuses %s = %j, changing nothing', async (name, input, message) => {
    const { parameters } = store();
    await parameters.set('work/train.py', 'lr', '0.2');
    const changed = jest.fn();
    parameters.changed.connect(changed);
    const attempt = parameters.set('work/train.py', name, input);
    await expect(attempt).rejects.toThrow(message);
    await expect(attempt).rejects.toBeInstanceOf(ParameterError);
    expect(parameters.overridesFor('work/train.py')).toEqual({ lr: 0.2 });
    expect(changed).not.toHaveBeenCalled();
  });

  it('resets one, then all', async () => {
    const { parameters } = store();
    await parameters.set('work/train.py', 'lr', 1);
    await parameters.set('work/train.py', 'epochs', 2);
    await parameters.set('work/train.py', 'name', 'x');
    expect(parameters.reset('work/train.py', ['lr'])).toEqual(['lr']);
    expect(parameters.overridesFor('work/train.py')).toEqual({
      epochs: 2,
      name: 'x'
    });
    expect(parameters.reset('work/train.py')).toEqual(['epochs', 'name']);
    expect(parameters.overridesFor('work/train.py')).toEqual({});
    expect(parameters.reset('work/train.py')).toEqual([]);
  });

  it('keeps an override whose parameter left the script (orphaned), until reset', async () => {
    const { parameters, scripts } = store();
    await parameters.set('work/train.py', 'lr', 1);
    scripts.set('work/train.py', TEXT.replace('lr = 0.1', 'rate = 0.1'));
    expect(parameters.overridesFor('work/train.py')).toEqual({ lr: 1 });
    expect(parameters.reset('work/train.py', ['lr'])).toEqual(['lr']);
  });

  it('saves overrides, restores them under newer ones, and ignores a corrupt state', async () => {
    const saved = new Map<string, unknown>();
    saved.set(PARAMETERS_STATE_KEY, {
      version: 1,
      scripts: { 'work/train.py': { lr: 0.3, epochs: 7 }, 'bad.py': 'nope' }
    });
    const db = {
      fetch: async (id: string) => saved.get(id) as any,
      save: jest.fn(async (id: string, value: unknown) => {
        saved.set(id, value);
      })
    };
    const warn = jest
      .spyOn(console, 'warn')
      .mockImplementation(() => undefined);
    const { parameters } = store();
    await parameters.set('work/train.py', 'lr', 0.9); // set before the restore: it wins
    await keepParametersIn(parameters, db);
    expect(parameters.overridesFor('work/train.py')).toEqual({
      lr: 0.9,
      epochs: 7
    });
    expect(saved.get(PARAMETERS_STATE_KEY)).toEqual({
      version: 1,
      scripts: { 'work/train.py': { lr: 0.9, epochs: 7 } }
    });
    parameters.reset('work/train.py', ['epochs']);
    expect(saved.get(PARAMETERS_STATE_KEY)).toEqual({
      version: 1,
      scripts: { 'work/train.py': { lr: 0.9 } }
    });
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('ignoring the saved parameters of bad.py')
    );
    const fresh = store().parameters;
    saved.set(PARAMETERS_STATE_KEY, 'not a state');
    await keepParametersIn(fresh, db);
    expect(fresh.overridesFor('work/train.py')).toEqual({});
    warn.mockRestore();
  });
});

describe('ScriptRunner with parameter overrides', () => {
  function setup(text: string) {
    const kernel: any = {
      id: 'k1',
      name: 'python3',
      status: 'idle',
      isDisposed: false
    };
    kernel.statusChanged = new Signal(kernel);
    kernel.iopubMessage = new Signal(kernel);
    kernel.disposed = new Signal(kernel);
    const targets: IKernelTargetSource = {
      changed: new Signal<IKernelTargetSource, void>({} as IKernelTargetSource),
      get current() {
        return {
          notebookPath: 'work/a.ipynb',
          cwd: 'work',
          kernelName: 'Python 3',
          kernel: kernel as Kernel.IKernelConnection,
          ready: async () => kernel as Kernel.IKernelConnection
        };
      }
    };
    const sent: Array<{ cells: IScriptCell[]; options: IParsedRunOptions }> =
      [];
    const session: any = {
      path: 'work/train.py',
      isDisposed: false,
      exportsApplied: new Signal({}),
      declareExports: () => undefined,
      dispose: () => undefined,
      async runParsed(
        _script: IParsedScript,
        cells: IScriptCell[],
        options: IParsedRunOptions
      ): Promise<IRunResult> {
        sent.push({ cells, options });
        return {
          status: 'ok',
          cells: cells.map(cell => ({
            index: cell.index,
            status: 'ok',
            durationMs: 1
          })),
          namespace: { mode: 'module', module: 'm', file: 'train.py' }
        };
      }
    };
    const parsed = parseScript(text);
    const runner = new ScriptRunner({
      targets,
      createSession: () => session,
      readScript: async () => parsed
    });
    const script = {
      path: 'work/train.py',
      ready: Promise.resolve(),
      snapshot: () => ({ text, script: parsed, fromEditor: true }),
      reload: async () => undefined
    };
    return { runner, script, sent };
  }

  it('sends the overrides of the cells it runs, by defining cell', async () => {
    const { runner, script, sent } = setup(
      TEXT.replace('data = Param()\n', '')
    );
    await runner.parameters.set(script.path, 'lr', '0.5');
    await runner.run(script, []);
    expect(sent[0].options.overrides).toEqual({ 0: { lr: 0.5 } });
    await runner.run(script, ['Train']);
    expect(sent[1].options.overrides).toEqual({});
  });

  it('refuses a run reaching a required Param() without a value; nothing is sent', async () => {
    const { runner, script, sent } = setup(TEXT);
    await expect(runner.run(script, [])).rejects.toThrow(
      'data (line 5) is required and has no value'
    );
    expect(sent).toEqual([]);
    expect(
      runner.statesFor(script.path)?.get({ index: 0, name: 'Setup' }).status
    ).toBe('not-run');
    await runner.run(script, ['Train']); // does not reach it
    await runner.parameters.set(script.path, 'data', 'x.csv');
    await runner.run(script, []);
    expect(sent[1].options.overrides).toEqual({ 0: { data: 'x.csv' } });
  });

  it('a run of selected lines carries the overrides defined on those lines only', async () => {
    const text = TEXT.replace('data = Param()\n', '');
    const { runner, script, sent } = setup(text);
    await runner.parameters.set(script.path, 'lr', 2);
    await runner.parameters.set(script.path, 'epochs', 4);
    await runner.run(script, linesPicker(text, { firstLine: 3, lastLine: 4 }));
    expect(sent[0].options.overrides).toEqual({ 0: { epochs: 4 } });
  });
});
