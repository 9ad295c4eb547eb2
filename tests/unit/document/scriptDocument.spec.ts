import { Signal } from '@lumino/signaling';
import {
  IUnsavedTextSource,
  ScriptDocument
} from '../../../src/document/scriptDocument';
import { ScriptUnavailableError } from '../../../src/document/problems';
import { ScriptService } from '../../../src/document/scriptService';
import { FakeContents } from './fakeContents';

const SCRIPT = '# %% Setup\nimport os\n\n# %% Train\nx = 1\n';

/** Resolves at the document's next `changed` signal. */
function nextChange(doc: ScriptDocument): Promise<void> {
  return new Promise(resolve => {
    const once = () => {
      doc.changed.disconnect(once);
      resolve();
    };
    doc.changed.connect(once);
  });
}

class FakeEditors implements IUnsavedTextSource {
  texts = new Map<string, string>();
  changed = new Signal<IUnsavedTextSource, string>(this);
  textFor(path: string): string | null {
    return this.texts.get(path) ?? null;
  }
  edit(path: string, text: string | null): void {
    if (text === null) {
      this.texts.delete(path);
    } else {
      this.texts.set(path, text);
    }
    this.changed.emit(path);
  }
}

describe('ScriptDocument', () => {
  let contents: FakeContents;
  let docs: ScriptDocument[];

  beforeEach(() => {
    contents = new FakeContents();
    docs = [];
  });
  afterEach(() => docs.forEach(doc => doc.dispose()));

  const open = (
    path: string,
    options: Partial<ScriptDocument.IOptions> = {}
  ) => {
    const doc = new ScriptDocument({ path, contents, ...options });
    docs.push(doc);
    return doc;
  };

  it('reads the script through the contents API and parses its cells', async () => {
    contents.writeOnDisk('a/run.py', SCRIPT);
    const doc = open('a/run.py');
    await doc.reload();
    expect(doc.problem).toBeNull();
    expect(doc.script?.cells.map(c => c.name)).toEqual(['Setup', 'Train']);
    expect(doc.text).toBe(SCRIPT);
  });

  it.each([
    ['missing.py', 'missing', /does not exist/],
    ['notes.txt', 'not-python', /not a Python script/],
    ['folder.py', 'directory', /is a folder/],
    ['secret.py', 'unreadable', /could not be read: Server said 403/],
    ['latin1.py', 'encoding', /not UTF-8/]
  ])('shows a clear problem for %s (%s)', async (path, kind, message) => {
    contents.dirs.add('folder.py');
    contents.writeOnDisk('notes.txt', 'hello');
    contents.statusFor.set('secret.py', 403);
    contents.statusFor.set('latin1.py', 400);
    const original = contents.get.bind(contents);
    contents.get = async (p, o) => {
      if (p === 'latin1.py') {
        throw Object.assign(new Error('latin1.py is not UTF-8 encoded'), {
          response: { status: 400 }
        });
      }
      return original(p, o);
    };
    const doc = open(path);
    await doc.reload();
    expect(doc.script).toBeNull();
    expect(doc.problem?.kind).toBe(kind);
    expect(doc.problem?.message).toMatch(message);
  });

  it('re-reads after a save through the contents manager', async () => {
    contents.writeOnDisk('run.py', SCRIPT);
    const doc = open('run.py');
    await doc.reload();
    const changed = nextChange(doc);
    contents.save('run.py', SCRIPT + '\n# %% Evaluate\ny = 2\n');
    await changed;
    expect(doc.script?.cells.map(c => c.name)).toEqual([
      'Setup',
      'Train',
      'Evaluate'
    ]);
  });

  it('notices a change made on disk by another program while watched', async () => {
    contents.writeOnDisk('run.py', SCRIPT);
    const doc = open('run.py', { pollInterval: 10 });
    await doc.reload();
    const watch = doc.watch();
    const changed = nextChange(doc);
    contents.writeOnDisk('run.py', '# %% Only\npass\n');
    await changed;
    watch.dispose();
    expect(doc.script?.cells.map(c => c.name)).toEqual(['Only']);
  });

  it('does not poll the disk while nobody watches', async () => {
    contents.writeOnDisk('idle.py', SCRIPT);
    contents.writeOnDisk('watched.py', SCRIPT);
    const idle = open('idle.py', { pollInterval: 5 });
    const watched = open('watched.py', { pollInterval: 5 });
    await Promise.all([idle.reload(), watched.reload()]);
    const idleReads = contents.readsOf.get('idle.py');
    const watchedReads = contents.readsOf.get('watched.py') ?? 0;
    const watch = watched.watch();
    // The watched document's polls prove time passed; the idle one must not have read.
    await new Promise<void>(resolve => {
      const check = () =>
        (contents.readsOf.get('watched.py') ?? 0) >= watchedReads + 3
          ? resolve()
          : setTimeout(check, 1);
      check();
    });
    watch.dispose();
    expect(contents.readsOf.get('idle.py')).toBe(idleReads);
  });

  it('follows unsaved editor text and returns to the file when the editor closes', async () => {
    contents.writeOnDisk('run.py', SCRIPT);
    const editors = new FakeEditors();
    const doc = open('run.py', { unsaved: editors });
    await doc.reload();
    let changed = nextChange(doc);
    editors.edit('run.py', '# %% Draft\nz = 3\n');
    await changed;
    expect(doc.fromEditor).toBe(true);
    expect(doc.script?.cells[0].name).toBe('Draft');
    expect(doc.snapshot()).toMatchObject({
      text: '# %% Draft\nz = 3\n',
      fromEditor: true
    });

    changed = nextChange(doc);
    editors.edit('run.py', null);
    await changed;
    expect(doc.fromEditor).toBe(false);
    expect(doc.script?.cells[0].name).toBe('Setup');
  });

  it('snapshot takes the editor text at once, without waiting for the typing pause', async () => {
    contents.writeOnDisk('run.py', SCRIPT);
    const editors = new FakeEditors();
    const doc = open('run.py', { unsaved: editors });
    await doc.reload();
    const reads = contents.readsOf.get('run.py');
    editors.edit('run.py', '# %% Typed\nq = 1\n');
    const snapshot = doc.snapshot();
    expect(snapshot.fromEditor).toBe(true);
    expect(snapshot.script.cells[0].name).toBe('Typed');
    // No server round trip: the document holds the text.
    expect(contents.readsOf.get('run.py')).toBe(reads);
  });

  it('snapshot of a deleted script throws a typed error that says so', async () => {
    const doc = open('gone.py');
    await doc.reload();
    let error: unknown;
    try {
      doc.snapshot();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScriptUnavailableError);
    expect(error).toMatchObject({ kind: 'missing' });
    expect((error as Error).message).toMatch(/gone.py does not exist/);
  });

  it('re-parses with new marker settings', async () => {
    contents.writeOnDisk('run.py', '# %% A\n1\n# In[3]:\n2\n');
    const doc = open('run.py');
    await doc.reload();
    expect(doc.script?.cells).toHaveLength(1);
    doc.setParseOptions({ forms: ['percent', 'prompt'] });
    expect(doc.script?.cells).toHaveLength(2);
  });
});

describe('ScriptService', () => {
  it('opens one document per file however its path is spelled', () => {
    const contents = new FakeContents();
    contents.writeOnDisk('f/run.py', SCRIPT);
    const service = new ScriptService({ contents });
    const refs = ['f/run.py', './f/run.py', 'f//run.py', '/f/run.py'].map(p =>
      service.open(p)
    );
    expect(new Set(refs.map(r => r.document)).size).toBe(1);
    expect(refs[0].document.path).toBe('f/run.py');
    service.dispose();
  });

  it('shares one document per path and disposes it with the last reference', async () => {
    const contents = new FakeContents();
    contents.writeOnDisk('run.py', SCRIPT);
    const service = new ScriptService({ contents });
    const first = service.open('run.py');
    const second = service.open('run.py');
    expect(second.document).toBe(first.document);
    await first.document.ready;
    expect(first.document.script?.cells).toHaveLength(2);
    first.dispose();
    expect(second.document.isDisposed).toBe(false);
    second.dispose();
    expect(second.document.isDisposed).toBe(true);
    const third = service.open('run.py');
    expect(third.document).not.toBe(first.document);
    service.dispose();
    expect(third.document.isDisposed).toBe(true);
  });

  it('applies parse options to open documents', async () => {
    const contents = new FakeContents();
    contents.writeOnDisk('run.py', '# <codecell>\n1\n# <codecell>\n2\n');
    const service = new ScriptService({ contents });
    const ref = service.open('run.py');
    await ref.document.ready;
    expect(ref.document.script?.cells).toHaveLength(1);
    service.setParseOptions({ forms: ['percent', 'codecell'] });
    expect(ref.document.script?.cells).toHaveLength(2);
    service.dispose();
  });
});
