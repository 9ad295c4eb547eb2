import {
  type INotebookCellOrigin,
  notebookCellOf,
  originLabel,
  originOf,
  planSave,
  readOrigin
} from '../../../src/notebook/cellOrigin';
import { CellSaver } from '../../../src/notebook/cellSaver';
import type { IConflict } from '../../../src/notebook/conflictDialog';
import {
  changedSpan,
  ScriptFiles,
  ScriptWriteError
} from '../../../src/notebook/scriptFiles';
import {
  CellNotFoundError,
  parseScript,
  WriteBackConflictError
} from '../../../src/script';

const SCRIPT = [
  '# %% Setup',
  'x = 1',
  '',
  '# %% Notes [markdown]',
  '# A *title*',
  '#',
  '# More text',
  '',
  '# %% Train',
  'model = x * 2',
  'print(model)',
  ''
].join('\n');

function loaded(name: string, text = SCRIPT): INotebookCellOrigin {
  const cell = parseScript(text).cells.find(c => c.name === name)!;
  return originOf('work/pipeline.py', cell);
}

/** A script held in memory, read and written as ScriptFiles would. */
class MemoryScripts {
  constructor(public text: string) {}
  writes = 0;
  async read(path: string) {
    return { path, text: this.text, editor: null };
  }
  async write(_: unknown, text: string) {
    this.writes++;
    this.text = text;
  }
}

describe('cell origins', () => {
  it('reads only well-formed origins from metadata', () => {
    const origin = loaded('Train');
    expect(readOrigin(JSON.parse(JSON.stringify(origin)))).toEqual(origin);
    expect(readOrigin(undefined)).toBeNull();
    expect(readOrigin({ ...origin, index: -1 })).toBeNull();
    expect(readOrigin({ ...origin, index: 1.5 })).toBeNull();
    expect(readOrigin({ ...origin, path: '' })).toBeNull();
    expect(readOrigin({ ...origin, hash: 3 })).toBeNull();
    expect(readOrigin([origin])).toBeNull();
  });

  it('labels a cell by file and name, or by position when unnamed', () => {
    expect(originLabel(loaded('Train'))).toBe('pipeline.py › Train');
    expect(originLabel({ path: 'a.py', name: null, index: 3, hash: '' })).toBe(
      'a.py › cell 3'
    );
  });

  it('loads markdown cells as markdown text, as Jupytext reads them', () => {
    const notes = parseScript(SCRIPT).cells[1];
    expect(notebookCellOf(notes)).toEqual({
      cellType: 'markdown',
      source: 'A *title*\n\nMore text'
    });
  });
});

describe('planSave', () => {
  it('writes the new body and keeps every other byte', () => {
    const plan = planSave(SCRIPT, loaded('Train'), 'model = x * 3');
    expect(plan.kind).toBe('write');
    if (plan.kind === 'write') {
      expect(plan.text).toBe(
        SCRIPT.replace('model = x * 2\nprint(model)', 'model = x * 3')
      );
      expect(plan.origin.hash).toBe(parseScript(plan.text).cells[2].hash);
    }
  });

  it('writes nothing for an unchanged cell, markdown included', () => {
    expect(
      planSave(SCRIPT, loaded('Train'), 'model = x * 2\nprint(model)').kind
    ).toBe('unchanged');
    expect(
      planSave(SCRIPT, loaded('Notes'), 'A *title*\n\nMore text').kind
    ).toBe('unchanged');
  });

  it('comments edited markdown back in', () => {
    const plan = planSave(SCRIPT, loaded('Notes'), 'New title\n\nend');
    expect(plan.kind === 'write' && plan.text).toContain(
      '# %% Notes [markdown]\n# New title\n#\n# end\n\n# %% Train'
    );
  });

  it('refuses to overwrite a cell edited in the script since it was loaded', () => {
    const origin = loaded('Train');
    const edited = SCRIPT.replace('x * 2', 'x * 5');
    expect(() => planSave(edited, origin, 'model = 0')).toThrow(
      WriteBackConflictError
    );
  });

  it('finds a cell renamed and moved, by its unchanged body', () => {
    const origin = loaded('Train');
    const moved = [
      '# %% Fit',
      'model = x * 2',
      'print(model)',
      '',
      '# %% Setup',
      'x = 1',
      ''
    ].join('\n');
    const plan = planSave(moved, origin, 'model = 1');
    expect(
      plan.kind === 'write' &&
        plan.text.startsWith('# %% Fit\nmodel = 1\n\n# %% Setup')
    ).toBe(true);
  });

  it('says a deleted cell is gone, naming the cells there are', () => {
    const origin = loaded('Train');
    const without = SCRIPT.slice(0, SCRIPT.indexOf('# %% Train'));
    expect(() => planSave(without, origin, 'model = 1')).toThrow(
      CellNotFoundError
    );
    expect(() => planSave(without, origin, 'model = 1')).toThrow(/'Setup'/);
  });
});

describe('CellSaver', () => {
  const parseOptions = () => ({});

  it('saves and gives the origin the cell now has', async () => {
    const files = new MemoryScripts(SCRIPT);
    const saver = new CellSaver({ files, parseOptions, ask: jest.fn() });
    const outcome = await saver.save(loaded('Train'), 'model = 7');
    expect(outcome.kind).toBe('saved');
    expect(files.text).toContain('# %% Train\nmodel = 7\n');
    expect(files.writes).toBe(1);
  });

  it.each([
    ['cancel', 0, SCRIPT.replace('x * 2', 'x * 5')],
    ['load-script', 0, SCRIPT.replace('x * 2', 'x * 5')],
    ['overwrite', 1, SCRIPT.replace('model = x * 2\nprint(model)', 'model = 0')]
  ] as const)(
    'on a conflict asks with both versions, then does what was chosen (%s)',
    async (choice, writes, after) => {
      const origin = loaded('Train');
      const files = new MemoryScripts(SCRIPT.replace('x * 2', 'x * 5'));
      const asked: IConflict[] = [];
      const saver = new CellSaver({
        files,
        parseOptions,
        ask: async conflict => {
          asked.push(conflict);
          return choice;
        }
      });
      const outcome = await saver.save(origin, 'model = 0');
      expect(asked).toHaveLength(1);
      expect(asked[0]).toMatchObject({
        label: 'pipeline.py › Train',
        line: 9,
        scriptText: 'model = x * 5\nprint(model)',
        notebookText: 'model = 0'
      });
      expect(files.writes).toBe(writes);
      expect(files.text).toBe(after);
      if (choice === 'load-script') {
        expect(outcome).toMatchObject({
          kind: 'took-script',
          text: 'model = x * 5\nprint(model)'
        });
      }
    }
  );

  it('asks again when the script changed once more while the question was open', async () => {
    const files = new MemoryScripts(SCRIPT.replace('x * 2', 'x * 5'));
    const asked: string[] = [];
    const saver = new CellSaver({
      files,
      parseOptions,
      ask: async conflict => {
        asked.push(conflict.scriptText);
        if (asked.length === 1) {
          files.text = SCRIPT.replace('x * 2', 'x * 9'); // another edit meanwhile
        }
        return 'overwrite';
      }
    });
    await saver.save(loaded('Train'), 'model = 0');
    expect(asked).toEqual([
      'model = x * 5\nprint(model)',
      'model = x * 9\nprint(model)'
    ]);
    expect(files.text).toContain('# %% Train\nmodel = 0\n');
  });

  it('writes nothing when the script already holds the same edit', async () => {
    const files = new MemoryScripts(SCRIPT.replace('x * 2', 'x * 5'));
    const ask = jest.fn();
    const saver = new CellSaver({ files, parseOptions, ask });
    const outcome = await saver.save(
      loaded('Train'),
      'model = x * 5\nprint(model)'
    );
    expect(outcome.kind).toBe('unchanged');
    expect(ask).not.toHaveBeenCalled();
    expect(files.writes).toBe(0);
  });
});

describe('ScriptFiles', () => {
  const fakeContents = (save: () => Promise<unknown>) =>
    ({
      get: async (path: string) => ({
        path,
        type: 'file',
        content: SCRIPT
      }),
      save
    }) as any;

  it('turns permission denied into a message that says nothing was written', async () => {
    const denied = Object.assign(
      new Error('Permission denied: work/pipeline.py'),
      {
        response: { status: 403 }
      }
    );
    const files = new ScriptFiles({
      contents: fakeContents(() => Promise.reject(denied))
    });
    const read = await files.read('work/pipeline.py');
    await expect(files.write(read, 'x')).rejects.toThrow(ScriptWriteError);
    await expect(files.write(read, 'x')).rejects.toThrow(
      /permission denied.*Nothing was written/
    );
  });

  it('says what to do when the script is gone or not UTF-8', async () => {
    const files = (status: number, message: string) =>
      new ScriptFiles({
        contents: {
          get: () =>
            Promise.reject(
              Object.assign(new Error(message), { response: { status } })
            ),
          save: jest.fn()
        } as any
      });
    await expect(files(404, 'No such file').read('a.py')).rejects.toThrow(
      /does not exist/
    );
    await expect(
      files(400, 'a.py is not UTF-8 encoded').read('a.py')
    ).rejects.toThrow(/not UTF-8/);
  });
});

describe('changedSpan', () => {
  it.each([
    ['abc', 'abc'],
    ['abc', 'abXc'],
    ['', 'new'],
    ['old', ''],
    ['a\nb\nc', 'a\nB\nc'],
    ['x😀y', 'x😁y'],
    ['😀', '😀😀']
  ])(
    'turns %j into %j with one edit, never cutting a surrogate pair',
    (before, after) => {
      const { start, end, insert } = changedSpan(before, after);
      expect(before.slice(0, start) + insert + before.slice(end)).toBe(after);
      const pieces = [before.slice(0, start), insert, before.slice(end)];
      for (const piece of pieces) {
        expect(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(piece)).toBe(false);
      }
    }
  );
});
