/**
 * Run states that survive a page reload, against a real jupyter_server and ipykernel: a
 * runner runs cells (one fails); a second, new runner on the same kernel (what a reloaded
 * page makes) reads back how each cell ended, tells a cell changed since by its hash and the
 * cells that ran after it as stale. A kernel where no script ran answers "nothing ran"
 * without the runtime being installed.
 */
import type { Kernel } from '@jupyterlab/services';
import { ScriptService } from '../../src/document/scriptService';
import { linesPicker } from '../../src/editor/selectionRun';
import { KernelBridge, RUNTIME_MODULE } from '../../src/kernel';
import { staleCells } from '../../src/run/cellPickers';
import type { RunStates } from '../../src/run/runStates';
import { ScriptRunner } from '../../src/run/scriptRunner';
import {
  Services,
  runInMain,
  uniqueName,
  writeScript,
  targetOf
} from './helpers';

/** The states of `path` once the kernel's answer filled them in. */
async function restoredStates(
  runner: ScriptRunner,
  path: string
): Promise<RunStates> {
  const states = runner.statesFor(path)!;
  await new Promise<void>(resolve =>
    states.changed.connect((_, key) => key === null && resolve())
  );
  return states;
}

const SCRIPT =
  '# %% Setup\nbase = 40\n# %%\nvalue = base + 2\n# %% Fail\nvalue / 0\n# %% Later\nlater = 1\n';

describe('run states after a page reload', () => {
  let services: Services;
  let kernel: Kernel.IKernelConnection;
  let scripts: ScriptService;

  beforeAll(async () => {
    services = new Services();
    kernel = await services.startKernel();
  });
  beforeEach(() => {
    scripts = new ScriptService({ contents: services.contents });
  });
  afterEach(() => scripts.dispose());
  afterAll(async () => {
    await services.dispose();
  });

  it('shows how each cell ended, tells changed and stale cells, and forgets on reset', async () => {
    const name = uniqueName('reload');
    const document = scripts.open(writeScript(name, SCRIPT)).document;
    await document.ready;
    const before = new ScriptRunner({ targets: targetOf(kernel) });
    await before.run(document, [{ name: 'Setup' }, { index: 1 }]);
    const failed = await before.run(document, [{ name: 'Fail' }]);
    expect(failed.status).toBe('error');
    const cells = document.script!.cells;
    const ran = cells.map(cell => before.statesFor(document.path)!.get(cell));
    before.dispose();

    // The page is loaded again: a new runner, the same kernel.
    const after = new ScriptRunner({ targets: targetOf(kernel) });
    const states = await restoredStates(after, document.path);
    const shown = cells.map(cell => states.get(cell));
    expect(shown.map(s => s.status)).toEqual(['ok', 'ok', 'error', 'not-run']);
    expect(shown.map(s => s.durationMs)).toEqual(ran.map(s => s.durationMs));
    expect(shown.slice(0, 3).every(s => s.restored)).toBe(true);
    expect(shown[2].error).toMatchObject({
      ename: 'ZeroDivisionError',
      line: 6
    });
    expect(shown[2].outputs).toEqual([]);
    expect(shown[0].runOrder!).toBeLessThan(shown[1].runOrder!);
    expect(shown[1].runOrder!).toBeLessThan(shown[2].runOrder!);
    expect(cells.some(cell => states.isChanged(cell))).toBe(false);

    // Setup is edited: changed by its hash; the cells that ran after it are stale.
    writeScript(name, SCRIPT.replace('base = 40', 'base = 41'));
    await document.reload();
    const edited = document.script!.cells;
    expect(states.isChanged(edited[0])).toBe(true);
    expect(staleCells(edited, states).map(cell => cell.index)).toEqual([1, 2]);

    // A run in this page replaces the restored state of the cell it runs.
    await after.run(document, [{ name: 'Setup' }]);
    expect(states.get(edited[0])).toMatchObject({
      status: 'ok',
      restored: false
    });
    expect(states.get(edited[0]).runOrder!).toBeGreaterThan(
      states.get(edited[2]).runOrder!
    );

    // Reset forgets: a page loaded after it shows nothing ran.
    await after.reset(document.path);
    after.dispose();
    const bridge = new KernelBridge({ kernel });
    const answer = await bridge.requestIfInstalled('history', {
      script: { id: document.path }
    });
    bridge.dispose();
    expect(answer).toEqual({ cells: [] });
  });

  it('keeps the lines a selection ran', async () => {
    const document = scripts.open(
      writeScript(uniqueName('lines'), SCRIPT)
    ).document;
    await document.ready;
    const before = new ScriptRunner({ targets: targetOf(kernel) });
    await before.run(document, [{ name: 'Setup' }]);
    await before.run(
      document,
      linesPicker(document.text!, { firstLine: 8, lastLine: 8 })
    );
    before.dispose();
    const after = new ScriptRunner({ targets: targetOf(kernel) });
    const states = await restoredStates(after, document.path);
    expect(states.get(document.script!.cells[3])).toMatchObject({
      status: 'ok',
      ranLines: { firstLine: 8, lastLine: 8 },
      restored: true
    });
    after.dispose();
  });

  it('answers "nothing ran" from a fresh kernel without installing the runtime', async () => {
    const fresh = await services.startKernel();
    const bridge = new KernelBridge({ kernel: fresh });
    const answer = await bridge.requestIfInstalled('history', {
      script: { id: 'any.py' }
    });
    expect(answer).toBeNull();
    expect(bridge.isInstalled).toBe(false);
    expect(
      await runInMain(
        fresh,
        `import sys; print(${JSON.stringify(RUNTIME_MODULE)} in sys.modules)`
      )
    ).toBe('False\n');
    bridge.dispose();

    // A runner on it shows every cell as not run, and still has nothing installed.
    const runner = new ScriptRunner({ targets: targetOf(fresh) });
    const document = scripts.open(
      writeScript(uniqueName('fresh'), SCRIPT)
    ).document;
    await document.ready;
    const states = runner.statesFor(document.path)!;
    // The ask and this request queue in order on the kernel's shell channel.
    expect(
      await runInMain(
        fresh,
        `import sys; print(${JSON.stringify(RUNTIME_MODULE)} in sys.modules)`
      )
    ).toBe('False\n');
    expect(document.script!.cells.map(cell => states.get(cell).status)).toEqual(
      ['not-run', 'not-run', 'not-run', 'not-run']
    );
    runner.dispose();
  });
});
