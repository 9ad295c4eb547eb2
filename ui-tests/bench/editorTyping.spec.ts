/**
 * The typing bench (run by bench/editorTyping.bench.js; not one of the browser tests): a
 * 1,000-cell script open in JupyterLab's file editor, the cursor on a comment line in its
 * middle, keystrokes typed with the cells drawn (the default) and with `drawCells: false`,
 * in blocks of 20 keys whose order is drawn at random in each round, the setting toggled
 * through the page's settings registry between blocks so that machine noise hits both alike.
 *
 * Measured inside the page, so Playwright's round trip is not counted:
 * - keystroke to paint: from the keydown (a capture listener on window, before anything else
 *   sees it) to the first frame after the editor's text changed (its requestAnimationFrame
 *   callback, then a MessageChannel message, which runs once that frame is painted);
 * - editor update: the time spent in `view.dispatch` calls that changed the text during that
 *   keystroke (all state fields, ours included, and the view's DOM update);
 * - after each block, one more key and a pause: the script's parse (the document parses an
 *   edit after a short wait scaled by the parse's cost, see src/document/editPacer.ts, so
 *   parses also land inside blocks, as they do while a user types) and, with cells drawn,
 *   the redraw that follows it (`setEditorCells` dispatched, painted).
 * The figures go to the JSON file named by CELLSCRIPT_BENCH_OUT (or are attached to the
 * report when run alone).
 */
import type { Page } from '@playwright/test';
import { prepareBenchPage, reportBenchResult } from './benchPage';
import { expect, test } from '../fixtures';

test.use({ serverRoot: 'empty' });

const SCRIPT_PATH = 'typing.py';
const CELLS = 1000;
/** A named cell of a few lines, with a comment line to type in. */
const cellText = (i: number) =>
  `# %% Cell ${i}\n# step ${i}\nx${i} = ${i}\nprint(x${i})\n\n`;
const SCRIPT = Array.from({ length: CELLS }, (_, i) => cellText(i)).join('');
/** The comment line of the middle cell (0-based); the cursor goes to its end. */
const TYPING_LINE = (CELLS / 2) * 5 + 1;
/**
 * One block: 9 letters with an Enter among them, then 10 Backspaces that take them all back,
 * so the text ends each block as it started. No key changes a cell marker.
 */
const BLOCK_KEYS = [
  ...'abcde',
  'Enter',
  ...'fghi',
  ...Array<string>(10).fill('Backspace')
];
/** Measured blocks per condition (after one warm-up block each). */
const BLOCKS = Number(process.env.CELLSCRIPT_BENCH_BLOCKS || 10);
const WARMUP_BLOCKS = 1;
/** Time between a keystroke's paint and the next key: brisk typing. */
const KEY_GAP_MS = 30;
/** Quiet time after a toggle or a pause, so their work does not land in the next block. */
const SETTLE_MS = 400;
const EDITOR_PLUGIN = 'jupyterlab-cellscript:script-editor';

type Condition = 'drawn' | 'plain';

interface IKeySample {
  key: string;
  /** Keydown to the paint of the frame that shows the change. */
  paintMs: number;
  /** Time in `view.dispatch` calls that changed the text during the keystroke. */
  updateMs: number;
}

interface IPauseSample {
  /** From the last keydown to the parsed script (the document's wait included). */
  parseMs: number;
  /**
   * From the parsed script to the next frame painted (cells drawn only): the editor's
   * decision to redraw, and the redraw when the cells changed (typing in a comment leaves
   * them as drawn, so there is none).
   */
  redrawMs: number | null;
  /** The `setEditorCells` dispatch in that frame (0 when the editor did not redraw). */
  dispatchMs: number | null;
}

/** What the probe keeps in the page (window.__cellscriptTypingBench). */
interface IProbe {
  keys: Array<IKeySample & { start: number; done: Promise<void> }>;
  parsed: Array<{ at: number; painted: Promise<number> }>;
  draws: Array<{ start: number; end: number; painted: Promise<number> }>;
  take(): Promise<{ count: number; sample: IKeySample }>;
  pause(drawn: boolean): Promise<IPauseSample>;
  setDrawCells(value: boolean): Promise<void>;
  refocus(): void;
  text(): string;
}

/**
 * Install the probe in the page: keydown listener, wrapped `view.dispatch` of the script's
 * editor, the script document's `changed` signal; also turn autosave off, so that no save of
 * the file lands in a block.
 */
async function installProbe(page: Page, path: string): Promise<void> {
  await prepareBenchPage(page);
  await page.evaluate(
    async ({ path, editorPlugin }) => {
      const app = (window as any).jupyterapp;
      const service = (window as any).__cellscriptBenchService;
      const settings = await service('@jupyterlab/coreutils:ISettingRegistry');
      const scripts = await service('jupyterlab-cellscript:IScriptService');
      const widget: any = Array.from(app.shell.widgets('main')).find(
        (w: any) => w.context?.path === path
      );
      if (!widget) {
        throw new Error(`No editor of ${path} is open.`);
      }
      const editor = widget.content.editor;
      const view = editor.editor;

      /** The time once the next frame has painted (rAF, then a message after it). */
      const nextPaint = () =>
        new Promise<number>(resolve =>
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve(performance.now());
            channel.port2.postMessage(null);
          })
        );
      const until = async (what: string, ready: () => boolean) => {
        const deadline = performance.now() + 5000;
        while (!ready()) {
          if (performance.now() > deadline) {
            throw new Error(`Waited 5 s for ${what}.`);
          }
          await new Promise(resolve => setTimeout(resolve, 20));
        }
      };

      const probe: IProbe = {
        keys: [],
        parsed: [],
        draws: [],
        take: async () => {
          const last = probe.keys[probe.keys.length - 1];
          await last?.done;
          return {
            count: probe.keys.length,
            sample: last && {
              key: last.key,
              paintMs: last.paintMs,
              updateMs: last.updateMs
            }
          };
        },
        pause: async drawn => {
          const key = probe.keys[probe.keys.length - 1];
          await key.done;
          await until(
            'the parse',
            () => probe.parsed[probe.parsed.length - 1]?.at > key.start
          );
          const parsed = probe.parsed[probe.parsed.length - 1];
          const parseMs = parsed.at - key.start;
          if (!drawn) {
            return { parseMs, redrawMs: null, dispatchMs: null };
          }
          const painted = await parsed.painted;
          const draw = probe.draws.find(
            d => d.start > parsed.at && d.start < painted
          );
          return {
            parseMs,
            redrawMs: painted - parsed.at,
            dispatchMs: draw ? draw.end - draw.start : 0
          };
        },
        setDrawCells: async value => {
          await settings.set(editorPlugin, 'drawCells', value);
        },
        refocus: () => {
          editor.revealPosition(editor.getCursorPosition());
          editor.focus();
        },
        text: () => view.state.doc.toString()
      };
      (window as any).__cellscriptTypingBench = probe;

      const reference = scripts.open(path);
      // The editor schedules its redraw (a frame) before this listener runs: the paint
      // awaited here follows it.
      reference.document.changed.connect(() =>
        probe.parsed.push({ at: performance.now(), painted: nextPaint() })
      );

      const dispatch = view.dispatch;
      view.dispatch = (...args: any[]) => {
        const before = view.state.doc;
        const isDraw = args.some(spec =>
          []
            .concat(spec?.effects ?? [])
            .some(
              (effect: any) =>
                effect?.value &&
                typeof effect.value === 'object' &&
                'cells' in effect.value &&
                'lineCount' in effect.value
            )
        );
        const start = performance.now();
        try {
          return dispatch(...args);
        } finally {
          const end = performance.now();
          const current = probe.keys[probe.keys.length - 1];
          if (view.state.doc !== before && current) {
            current.updateMs += end - start;
          }
          if (isDraw) {
            probe.draws.push({ start, end, painted: nextPaint() });
          }
        }
      };

      window.addEventListener(
        'keydown',
        event => {
          if (!view.contentDOM.contains(event.target as Node)) {
            return;
          }
          const start = performance.now();
          const doc = view.state.doc;
          const sample = {
            key: event.key,
            start,
            paintMs: NaN,
            updateMs: 0,
            done: Promise.resolve()
          };
          sample.done = new Promise<void>((resolve, reject) => {
            let frames = 0;
            // The first frame whose rendering follows the change of the text.
            const onFrame = () => {
              if (view.state.doc === doc) {
                if (++frames > 60) {
                  reject(
                    new Error(`${event.key} changed nothing in 60 frames.`)
                  );
                } else {
                  requestAnimationFrame(onFrame);
                }
                return;
              }
              const channel = new MessageChannel();
              channel.port1.onmessage = () => {
                sample.paintMs = performance.now() - start;
                resolve();
              };
              channel.port2.postMessage(null);
            };
            requestAnimationFrame(onFrame);
          });
          probe.keys.push(sample);
        },
        true
      );
    },
    { path, editorPlugin: EDITOR_PLUGIN }
  );
}

/** Call a method of the probe in the page. */
function probeCall<
  K extends 'take' | 'pause' | 'setDrawCells' | 'refocus' | 'text'
>(
  page: Page,
  method: K,
  arg?: Parameters<IProbe[K]>[0]
): Promise<Awaited<ReturnType<IProbe[K]>>> {
  return page.evaluate(
    ({ method, arg }) => (window as any).__cellscriptTypingBench[method](arg),
    { method, arg }
  );
}

function shuffled<T>(items: T[]): T[] {
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

test('typing in a 1,000-cell script, cells drawn and not', async ({
  lab,
  server
}, testInfo) => {
  const { page } = lab;
  await server.writeFile(SCRIPT_PATH, SCRIPT);
  const { locator: editorNode } = await lab.openFile(SCRIPT_PATH, 'Editor');
  const markers = editorNode.locator('.jp-CellScript-markerLine');
  await expect(markers.first()).toBeVisible();
  await installProbe(page, SCRIPT_PATH);
  await page.evaluate(line => {
    const widget = (window as any).jupyterapp.shell.currentWidget;
    const editor = widget.content.editor;
    const position = { line, column: editor.getLine(line).length };
    editor.setCursorPosition(position);
    editor.revealPosition(position);
    editor.focus();
  }, TYPING_LINE);
  await expect(editorNode.locator('.cm-content')).toBeFocused();

  const keys: Record<Condition, IKeySample[]> = { drawn: [], plain: [] };
  const pauses: Record<Condition, IPauseSample[]> = { drawn: [], plain: [] };
  let drawn = true;
  let count = 0;
  let block = 0;
  for (let round = 0; round < WARMUP_BLOCKS + BLOCKS; round++) {
    for (const condition of shuffled<Condition>(['drawn', 'plain'])) {
      const wantDrawn = condition === 'drawn';
      if (wantDrawn !== drawn) {
        await probeCall(page, 'setDrawCells', wantDrawn);
        drawn = wantDrawn;
        if (drawn) {
          await expect(markers.first()).toBeVisible();
        } else {
          await expect(markers).toHaveCount(0);
          await expect(
            editorNode.locator('.jp-CellScript-cellActions')
          ).toHaveCount(0);
        }
        await probeCall(page, 'refocus');
        await pause(SETTLE_MS);
      }
      const measured = round >= WARMUP_BLOCKS;
      for (const key of BLOCK_KEYS) {
        await page.keyboard.press(key);
        const taken = await probeCall(page, 'take');
        if (taken.count !== ++count || taken.sample.key !== key) {
          throw new Error(
            `Keystroke ${count} (${key}) was not seen by the editor (saw ${taken.count}: ${taken.sample?.key}).`
          );
        }
        if (measured) {
          keys[condition].push(taken.sample);
        }
        // The cadence of brisk typing; the document parses during a block as it would then.
        await pause(KEY_GAP_MS);
      }
      // One more key, then a pause: the parse and (cells drawn) the redraw after it. The key
      // alternates between a letter and Backspace, so the text comes back every second block.
      const pauseKey = block++ % 2 === 0 ? 'z' : 'Backspace';
      await page.keyboard.press(pauseKey);
      count++;
      const paused = await probeCall(page, 'pause', wantDrawn);
      if (measured) {
        pauses[condition].push(paused);
      }
      await pause(SETTLE_MS);
    }
  }
  // Blocks come in pairs, so the pause keys ('z', Backspace) took each other back too.
  expect(await probeCall(page, 'text')).toBe(SCRIPT);
  if (!drawn) {
    await probeCall(page, 'setDrawCells', true);
  }

  const result = {
    cells: CELLS,
    lines: SCRIPT.split('\n').length,
    blockKeys: BLOCK_KEYS.length,
    blocks: BLOCKS,
    warmupBlocks: WARMUP_BLOCKS,
    keyGapMs: KEY_GAP_MS,
    userAgent: await page.evaluate(() => navigator.userAgent),
    keys,
    pauses
  };
  await reportBenchResult(testInfo, 'editor-typing.json', result);
});
