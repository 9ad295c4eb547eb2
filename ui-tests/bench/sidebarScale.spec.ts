/**
 * The sidebar bench (run by bench/sidebarScale.bench.js; not one of the browser tests), with
 * a 1,000-cell script in a real JupyterLab page, measured inside the page so Playwright's
 * round trip is not counted:
 * - open: from the open-script command to the frame painted with the script's rows in view
 *   in the sidebar (a fresh copy of the script each sample, so its read and parse count): the
 *   first row and the rows after it to the bottom of the view, in a list that knows all 1,000
 *   (the list draws rows a block at a time as they come into view); split into the read
 *   (contents API and parse, up to the document's `changed`), the sidebar's rows (up to those
 *   rows in the DOM) and the paint;
 * - edit: from an edit in the script's editor (a cell renamed, dispatched to CodeMirror as a
 *   keystroke would be; the sidebar scrolled to show that cell) to the frame painted with the
 *   new name in the sidebar, split into
 *   the document's wait and parse (up to `changed`), the sidebar's update and the paint (an
 *   edit is parsed in an animation frame: the frame painted is that one).
 * Each sample's figures go to the JSON file named by CELLSCRIPT_BENCH_OUT (or are attached
 * to the report when run alone).
 */
import type { Page } from '@playwright/test';
import { prepareBenchPage, reportBenchResult } from './benchPage';
import { expect, test } from '../fixtures';
import { SIDEBAR, showScript } from '../support/sidebarPage';

test.use({ serverRoot: 'empty' });

const CELLS = 1000;
const cellText = (i: number) =>
  `# %% Cell ${i}\n# step ${i}\nx${i} = ${i}\nprint(x${i})\n\n`;
const SCRIPT = Array.from({ length: CELLS }, (_, i) => cellText(i)).join('');
const SMALL = '# %% One\na = 1\n# %% Two\nb = 2\n';
/** Measured samples of each measure (after the warm-up ones); at least 7. */
const SAMPLES = Math.max(7, Number(process.env.CELLSCRIPT_BENCH_SAMPLES || 9));
const WARMUP = 2;
/** The cell renamed by the edit: its marker line (1-based) and name. */
const EDITED_CELL = CELLS / 2;
const EDITED_LINE = EDITED_CELL * 5 + 1;
/** Quiet time between samples, so one sample's work does not land in the next. */
const SETTLE_MS = 300;

/** One sample of opening the script in the sidebar. */
interface IOpenSample {
  /** Command to the painted frame with the rows in view. */
  totalMs: number;
  /** Command to the parsed script (the document's `changed`): contents read and parse. */
  readMs: number;
  /** Of which the contents API read (command to the text in hand). */
  fetchMs: number;
  /** Of which the parse. */
  parseMs: number;
  /** The synchronous listeners of the document's `changed` (the sidebar's update). */
  listenersMs: number;
  /** Parsed script to the rows in view in the sidebar's DOM. */
  rowsMs: number;
  /** Rows in the DOM to the painted frame (style, layout, paint). */
  paintMs: number;
}

/** One sample of an edit reaching the sidebar. */
interface IEditSample {
  /** Edit to the painted frame with the new name in the sidebar. */
  totalMs: number;
  /**
   * Edit to the parsed script (the document's `changed` reaching the bench, after the
   * sidebar's own listener): the wait, the editor's text, the parse and the listeners.
   */
  parseMs: number;
  /** Of which the document's wait (edit to the re-read). */
  waitMs: number;
  /** Of which the editor's text (the shared model's toString). */
  textMs: number;
  /** Of which the parse. */
  parseOnlyMs: number;
  /** The synchronous listeners of the document's `changed` (the sidebar's update). */
  listenersMs: number;
  /** Parsed script to the new name in the sidebar's DOM. */
  rowsMs: number;
  /** Name in the DOM to the painted frame. */
  paintMs: number;
}

/** Install the measuring functions in the page (window.__cellscriptSidebarBench). */
async function installProbe(page: Page): Promise<void> {
  await prepareBenchPage(page);
  await page.evaluate(
    async ({ sidebar, cells }) => {
      const app = (window as any).jupyterapp;
      const service = (window as any).__cellscriptBenchService;
      const scripts = await service('jupyterlab-cellscript:IScriptService');
      const panel = document.querySelector(sidebar)!;
      const list = panel.querySelector('.jp-CellScript-cells') as HTMLElement;
      const names = () =>
        panel.querySelectorAll('.jp-CellScript-cell .jp-CellScript-cellName');
      const nameAt = (index: number) =>
        panel.querySelector(
          `.jp-CellScript-cell[data-index="${index}"] .jp-CellScript-cellName`
        );
      /**
       * The rows in view are drawn: the first row, in a list of all the cells, and drawn rows
       * down to the bottom of the view.
       */
      const viewDrawn = () => {
        const rows = panel.querySelectorAll<HTMLElement>('.jp-CellScript-cell');
        const first = rows[0];
        const last = rows[rows.length - 1];
        return (
          first?.getAttribute('aria-setsize') === String(cells) &&
          nameAt(0)?.textContent === 'Cell 0' &&
          last.getBoundingClientRect().bottom >=
            list.getBoundingClientRect().bottom
        );
      };
      /** A message after the current task: after the paint when in a frame. */
      const afterThisTask = () =>
        new Promise<number>(resolve => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now());
          channel.port2.postMessage(null);
        });
      /**
       * Whether the page is drawing a frame: from the frame's first animation-frame callback
       * (this one, asked for in the frame before, runs before any asked for since) to the
       * task after its paint.
       */
      let inFrame = false;
      const watchFrames = () => {
        inFrame = true;
        void afterThisTask().then(() => {
          inFrame = false;
        });
        requestAnimationFrame(watchFrames);
      };
      requestAnimationFrame(watchFrames);
      /**
       * The time once the frame that shows what just changed has painted: this frame when
       * the change was made while drawing it (an edit is parsed in an animation frame), else
       * the next one.
       */
      const nextPaint = () =>
        inFrame
          ? afterThisTask()
          : new Promise<number>(resolve =>
              requestAnimationFrame(() => resolve(afterThisTask()))
            );
      /** The time the sidebar's DOM first satisfies `ready` (checked at each mutation). */
      const until = (what: string, ready: () => boolean) =>
        new Promise<number>((resolve, reject) => {
          if (ready()) {
            resolve(performance.now());
            return;
          }
          const timer = setTimeout(() => {
            observer.disconnect();
            reject(new Error(`Waited 10 s for ${what}.`));
          }, 10_000);
          const observer = new MutationObserver(() => {
            if (ready()) {
              const at = performance.now();
              observer.disconnect();
              clearTimeout(timer);
              resolve(at);
            }
          });
          observer.observe(panel, {
            childList: true,
            subtree: true,
            characterData: true
          });
        });
      /** The time `doc` next emits `changed`. */
      const changedAt = (doc: any) =>
        new Promise<number>(resolve => {
          const once = () => {
            doc.changed.disconnect(once);
            resolve(performance.now());
          };
          doc.changed.connect(once);
        });

      /**
       * Time the steps of a script document (its private methods, wrapped on this instance
       * only): the paced re-read of the editor's text, the editor's text itself, the parse
       * with its `changed` signal, and the listeners of that signal (the sidebar's own
       * synchronous update among them). Returns the marks of the last step of each kind.
       */
      const instrument = (doc: any) => {
        const marks = {
          readAt: NaN,
          textMs: 0,
          applyAt: NaN,
          applyEnd: NaN,
          emitMs: 0,
          restore: () => undefined as void
        };
        const own = ['_readUnsaved', '_apply'] as const;
        const originals = own.map(name => doc[name]);
        const unsaved = doc._unsaved;
        const textFor = unsaved?.textFor;
        const emit = doc._changed.emit;
        doc._readUnsaved = (...args: any[]) => {
          marks.readAt = performance.now();
          return originals[0].apply(doc, args);
        };
        doc._apply = (...args: any[]) => {
          marks.applyAt = performance.now();
          try {
            return originals[1].apply(doc, args);
          } finally {
            marks.applyEnd = performance.now();
          }
        };
        if (unsaved) {
          unsaved.textFor = (...args: any[]) => {
            const at = performance.now();
            try {
              return textFor.apply(unsaved, args);
            } finally {
              marks.textMs = performance.now() - at;
            }
          };
        }
        doc._changed.emit = (...args: any[]) => {
          const at = performance.now();
          try {
            return emit.apply(doc._changed, args);
          } finally {
            marks.emitMs = performance.now() - at;
          }
        };
        marks.restore = () => {
          own.forEach(name => delete doc[name]);
          delete doc._changed.emit;
          if (unsaved) {
            delete unsaved.textFor;
          }
        };
        return marks;
      };

      (window as any).__cellscriptSidebarBench = {
        /** Scroll the sidebar to the row of the cell at `index` (drawn as it comes in view). */
        scrollTo: async (index: number) => {
          const block = list.children[Math.floor(index / 50)] as HTMLElement;
          block.scrollIntoView({ block: 'start' });
          await until(`the row of cell ${index}`, () => !!nameAt(index));
          nameAt(index)!.scrollIntoView({ block: 'center' });
        },
        /** Show a small script, so the next open starts from other rows. */
        showSmall: async (path: string) => {
          await app.commands.execute('cellscript:open-script', { path });
          await until('the small script', () => names().length === 2);
        },
        open: async (path: string) => {
          const start = performance.now();
          // The document the command opens (the service keeps one per path), followed from
          // the start; its first read starts here, the command's own open joins it.
          const reference = scripts.open(path);
          const marks = instrument(reference.document);
          const parsed = changedAt(reference.document);
          const shown = until('the rows in view', viewDrawn);
          await app.commands.execute('cellscript:open-script', { path });
          const parsedAt = await parsed;
          const rowsAt = await shown;
          const painted = await nextPaint();
          marks.restore();
          reference.dispose();
          return {
            totalMs: painted - start,
            readMs: parsedAt - start,
            fetchMs: marks.applyAt - start,
            parseMs: marks.applyEnd - marks.applyAt - marks.emitMs,
            listenersMs: marks.emitMs,
            rowsMs: rowsAt - parsedAt,
            paintMs: painted - rowsAt
          };
        },
        edit: async ({
          path,
          line,
          index,
          rename
        }: {
          path: string;
          line: number;
          index: number;
          rename: boolean;
        }) => {
          const widget: any = Array.from(app.shell.widgets('main')).find(
            (w: any) => w.context?.path === path
          );
          const view = widget.content.editor.editor;
          const reference = scripts.open(path);
          const marks = instrument(reference.document);
          const marker = view.state.doc.line(line);
          const name = `Cell ${index}`;
          const expected = rename ? `${name}x` : name;
          const parsed = changedAt(reference.document);
          const start = performance.now();
          view.dispatch(
            rename
              ? { changes: { from: marker.to, insert: 'x' } }
              : { changes: { from: marker.to - 1, to: marker.to } }
          );
          const rowsAt = await until(
            `the name ${expected}`,
            () => nameAt(index)?.textContent === expected
          );
          const painted = await nextPaint();
          const parsedAt = await parsed;
          marks.restore();
          reference.dispose();
          return {
            totalMs: painted - start,
            parseMs: parsedAt - start,
            waitMs: marks.readAt - start,
            textMs: marks.textMs,
            parseOnlyMs: marks.applyEnd - marks.applyAt - marks.emitMs,
            listenersMs: marks.emitMs,
            rowsMs: rowsAt - parsedAt,
            paintMs: painted - rowsAt
          };
        }
      };
    },
    { sidebar: SIDEBAR, cells: CELLS }
  );
}

const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

test('a 1,000-cell script in the sidebar: opening it, and an edit reaching it', async ({
  lab,
  server
}, testInfo) => {
  const { page } = lab;
  const copies = WARMUP + SAMPLES;
  await server.writeFile('small.py', SMALL);
  for (let i = 0; i < copies; i++) {
    await server.writeFile(`big_${i}.py`, SCRIPT);
  }
  await showScript(lab, 'small.py');
  await installProbe(page);
  const call = <T>(method: string, arg: unknown): Promise<T> =>
    page.evaluate(
      ({ method, arg }) =>
        (window as any).__cellscriptSidebarBench[method](arg),
      { method, arg }
    );

  const opens: IOpenSample[] = [];
  for (let i = 0; i < copies; i++) {
    await call('showSmall', 'small.py');
    await pause(SETTLE_MS);
    const sample = await call<IOpenSample>('open', `big_${i}.py`);
    if (i >= WARMUP) {
      opens.push(sample);
    }
  }

  // The last copy, open in the editor beside the sidebar that shows it.
  const edited = `big_${copies - 1}.py`;
  const { locator: editorNode } = await lab.openFile(edited, 'Editor');
  await expect(editorNode.locator('.cm-content')).toBeVisible();
  await expect(
    page.locator(`${SIDEBAR} .jp-CellScript-cell`).first()
  ).toHaveAttribute('aria-setsize', String(CELLS));
  await call('scrollTo', EDITED_CELL);
  const edits: IEditSample[] = [];
  for (let i = 0; i < 2 * (WARMUP + SAMPLES); i++) {
    await pause(SETTLE_MS);
    // Renamed, then named back: the text comes back after every second edit.
    const sample = await call<IEditSample>('edit', {
      path: edited,
      line: EDITED_LINE,
      index: EDITED_CELL,
      rename: i % 2 === 0
    });
    if (i >= 2 * WARMUP) {
      edits.push(sample);
    }
  }

  const result = {
    cells: CELLS,
    lines: SCRIPT.split('\n').length,
    userAgent: await page.evaluate(() => navigator.userAgent),
    opens,
    edits
  };
  await reportBenchResult(testInfo, 'sidebar-scale.json', result);
});
