import type { Kernel } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';
import { KernelRequestError } from '../../../src/kernel/errors';
import { parseExportList } from '../../../src/kernel/exports';
import type { IExportResult, IExportSpec } from '../../../src/kernel/protocol';
import type { CellScriptSession } from '../../../src/kernel/session';
import {
  EXPORTS_STATE_KEY,
  type IExportingSession,
  keepExportsIn,
  ScriptExports
} from '../../../src/run/scriptExports';

/** A session that records declarations and answers exports as a kernel with `defined` would. */
class FakeSession implements IExportingSession {
  constructor(
    readonly path: string,
    private defined: string[] = []
  ) {}
  isDisposed = false;
  declared = new Map<string, string>();
  readonly exportsApplied = new Signal<this, CellScriptSession.IExportsApplied>(
    this
  );
  async export(...specs: IExportSpec[]): Promise<IExportResult> {
    specs.forEach(s => this.declared.set(s.target, s.source));
    return this.apply(specs);
  }
  unexport(...targets: string[]): void {
    if (targets.length === 0) {
      this.declared.clear();
    }
    targets.forEach(t => this.declared.delete(t));
  }
  declareExports(specs: Iterable<IExportSpec>): void {
    for (const s of specs) {
      this.declared.set(s.target, s.source);
    }
  }
  /** What a complete run would do: apply every declared export. */
  completeRun(defined: string[]): void {
    this.defined = defined;
    this.apply(
      [...this.declared].map(([target, source]) => ({ target, source }))
    );
  }
  /** What a run that did not complete reports: it carried the exports, applied none. */
  failedRun(): void {
    const specs = [...this.declared].map(([target, source]) => ({
      target,
      source
    }));
    this.exportsApplied.emit({ specs, result: null });
  }
  private apply(specs: IExportSpec[]): IExportResult {
    const result: IExportResult = {
      exported: specs.filter(s => this.defined.includes(s.source)),
      missing: specs
        .filter(s => !this.defined.includes(s.source))
        .map(s => s.source)
    };
    this.exportsApplied.emit({ specs, result });
    return result;
  }
}

const kernelA = { id: 'a' } as Kernel.IKernelConnection;
const kernelB = { id: 'b' } as Kernel.IKernelConnection;

function store(options: { session?: FakeSession | null; reject?: Error } = {}) {
  return new ScriptExports({
    sessionForApply: async () => {
      if (options.reject) {
        throw options.reject;
      }
      return options.session ?? null;
    },
    defaultKernel: () => kernelA
  });
}

describe('parseExportList', () => {
  it('reads names as a user types them', () => {
    expect(parseExportList('loss, model_v2 = model  acc')).toEqual([
      { target: 'loss', source: 'loss' },
      { target: 'model_v2', source: 'model' },
      { target: 'acc', source: 'acc' }
    ]);
    expect(parseExportList(['a b', { target: 'c', source: 'd' }])).toEqual([
      { target: 'a', source: 'a' },
      { target: 'b', source: 'b' },
      { target: 'c', source: 'd' }
    ]);
  });

  it.each([
    ['', /Nothing to export/],
    ['x-y', /Cannot read the export/],
    ['lambda', /Python keyword/],
    ['__name__=x', /Python itself uses that name/],
    ['_1=x', /IPython needs that name/],
    ['In', /IPython needs that name/],
    ['a=b, a=c', /exported twice/],
    ['x;import os', /Cannot read the export/]
  ])('refuses %j saying what to write', (text, message) => {
    expect(() => parseExportList(text)).toThrow(message);
    expect(() => parseExportList(text)).toThrow(KernelRequestError);
  });
});

describe('ScriptExports', () => {
  it('applies a declaration in the active kernel and hands it to every session', async () => {
    const active = new FakeSession('s.py', ['loss']);
    const exports = store({ session: active });
    exports.attach(active, kernelA);
    const result = await exports.declare('./s.py', 'loss, m=model');
    expect(result.applied).toEqual({
      exported: [{ target: 'loss', source: 'loss' }],
      missing: ['model']
    });
    expect(exports.statusFor('s.py').map(s => s.state)).toEqual([
      'exported',
      'missing'
    ]);
    // A session made later (another kernel) gets them without a request, pending until a run.
    const later = new FakeSession('s.py');
    exports.attach(later, kernelB);
    expect([...later.declared]).toEqual([
      ['loss', 'loss'],
      ['m', 'model']
    ]);
    expect(exports.statusFor('s.py', kernelB).map(s => s.state)).toEqual([
      'pending',
      'pending'
    ]);
    later.completeRun(['loss', 'model']);
    expect(exports.statusFor('s.py', kernelB).map(s => s.state)).toEqual([
      'exported',
      'exported'
    ]);
  });

  it('after a run that did not complete, a missing name is pending again, an exported one stays', async () => {
    const session = new FakeSession('s.py', ['a']);
    const exports = store({ session });
    exports.attach(session, kernelA);
    await exports.declare('s.py', 'a b');
    expect(exports.statusFor('s.py').map(s => s.state)).toEqual([
      'exported',
      'missing'
    ]);
    session.failedRun();
    expect(exports.statusFor('s.py').map(s => s.state)).toEqual([
      'exported',
      'pending'
    ]);
  });

  it('keeps a declaration a kernel could not apply now, and says why', async () => {
    const exports = store({ reject: new Error('The notebook has no kernel.') });
    const result = await exports.declare('s.py', 'x');
    expect(result).toMatchObject({
      applied: null,
      notApplied: 'The notebook has no kernel.'
    });
    expect(exports.specsFor('s.py')).toEqual([{ target: 'x', source: 'x' }]);
  });

  it('keeps nothing when the kernel refuses a name', async () => {
    const exports = store({
      reject: new KernelRequestError('bad name', 'bad-name')
    });
    await expect(exports.declare('s.py', 'x')).rejects.toThrow('bad name');
    expect(exports.specsFor('s.py')).toEqual([]);
  });

  it('forgets what was applied when the source is re-declared or the kernel restarts', async () => {
    const session = new FakeSession('s.py', ['a', 'b']);
    const restarted = new Signal<unknown, void>({});
    const exports = store({ session });
    exports.attach(session, kernelA, restarted);
    await exports.declare('s.py', 'x=a');
    expect(exports.statusFor('s.py')[0].state).toBe('exported');
    await exports.declare('s.py', 'x=b');
    expect(exports.statusFor('s.py')).toEqual([
      { target: 'x', source: 'b', state: 'exported' }
    ]);
    restarted.emit();
    expect(exports.statusFor('s.py')[0].state).toBe('pending');
  });

  it('removes some or all, in every session, and says what it removed', async () => {
    const session = new FakeSession('s.py', []);
    const exports = store({ session });
    exports.attach(session, kernelA);
    await exports.declare('s.py', 'a b c');
    expect(exports.remove('s.py', ['b']).map(s => s.target)).toEqual(['b']);
    expect([...session.declared.keys()]).toEqual(['a', 'c']);
    expect(exports.remove('s.py').map(s => s.target)).toEqual(['a', 'c']);
    expect(session.declared.size).toBe(0);
    expect(exports.paths()).toEqual([]);
  });

  it('saves declarations, restores them under newer ones, and ignores a corrupt state', async () => {
    const saved = new Map<string, unknown>();
    saved.set(EXPORTS_STATE_KEY, {
      version: 1,
      scripts: {
        'a.py': [
          { target: 'x', source: 'old' },
          { target: 'y', source: 'y' }
        ],
        'bad.py': [{ target: 'class', source: 'x' }]
      }
    });
    const db = {
      fetch: async (id: string) => saved.get(id) as any,
      save: jest.fn(async (id: string, value: unknown) => {
        saved.set(id, value);
      })
    };
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    const exports = store();
    const declaring = exports.declare('a.py', 'x=new');
    await keepExportsIn(exports, db);
    await declaring;
    expect(exports.specsFor('a.py')).toEqual([
      { target: 'x', source: 'new' },
      { target: 'y', source: 'y' }
    ]);
    expect(exports.specsFor('bad.py')).toEqual([]);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('ignoring the saved exports of bad.py')
    );
    exports.remove('a.py', ['y']);
    expect(saved.get(EXPORTS_STATE_KEY)).toEqual({
      version: 1,
      scripts: { 'a.py': [{ target: 'x', source: 'new' }] }
    });

    const fresh = store();
    saved.set(EXPORTS_STATE_KEY, 'not a state');
    await keepExportsIn(fresh, db);
    expect(fresh.paths()).toEqual([]);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('not in a form this version reads'),
      'not a state'
    );
    warn.mockRestore();
  });
});
