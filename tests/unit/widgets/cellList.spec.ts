/**
 * @jest-environment jsdom
 */
import './jsdomShims';
import type { TranslationBundle } from '@jupyterlab/translation';
import { RunStates, type ICellRunState } from '../../../src/run/runStates';
import { parseScript } from '../../../src/script';
import { CellList, type CellRequest } from '../../../src/widgets/cellList';

const format = (text: string, args: unknown[]) =>
  text.replace(/%(\d+)/g, (_, n) => String(args[Number(n) - 1]));
const trans = {
  __: (text: string, ...args: unknown[]) => format(text, args),
  _n: (one: string, many: string, n: number, ...args: unknown[]) =>
    format(n === 1 ? one : many, [n, ...args])
} as unknown as TranslationBundle;

const script = parseScript(
  '# %% [markdown]\n# # Title\n\n# %% One tags=["a"]\nx = 1\n\n# %% Two\ny = 2\n\n# %% Three\nz = 3\n'
);

function setup() {
  const requests: Array<[string | null, CellRequest]> = [];
  const list = new CellList({
    trans,
    onRequest: (cell, request) => requests.push([cell.name, request])
  });
  document.body.appendChild(list.node);
  list.update(script.cells);
  const rows = [
    ...list.node.querySelectorAll<HTMLElement>('.jp-CellScript-cell')
  ];
  return { list, rows, requests };
}

function press(target: HTMLElement, key: string, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', {
    key,
    bubbles: true,
    cancelable: true,
    ...init
  });
  target.dispatchEvent(event);
  return event;
}

const state = (overrides: Partial<ICellRunState>): ICellRunState => ({
  ...RunStates.notRun,
  ...overrides
});

afterEach(() => {
  document.body.replaceChildren();
});

describe('CellList keys', () => {
  it.each<[string, KeyboardEventInit, CellRequest]>([
    ['Enter', {}, 'cell'],
    ['Enter', { shiftKey: true }, 'to-here'],
    ['Enter', { altKey: true }, 'open'],
    ['l', {}, 'load'],
    ['L', { shiftKey: true }, 'load'],
    ['o', {}, 'outputs']
  ])('%s %j asks for %s, and the key goes nowhere else', (key, init, want) => {
    const { rows, requests } = setup();
    const seenOutside = jest.fn();
    document.body.addEventListener('keydown', seenOutside);
    const event = press(rows[1], key, init);
    expect(requests).toEqual([['One', want]]);
    expect(event.defaultPrevented).toBe(true);
    expect(seenOutside).not.toHaveBeenCalled();
  });

  it('leaves other keys and Ctrl combinations alone', () => {
    const { rows, requests } = setup();
    for (const [key, init] of [
      ['x', {}],
      ['Enter', { ctrlKey: true }],
      ['l', { altKey: true }]
    ] as const) {
      expect(press(rows[1], key, init).defaultPrevented).toBe(false);
    }
    expect(requests).toEqual([]);
  });

  it('keeps one row in the tab order and moves it with the arrows, Home and End', () => {
    const { rows } = setup();
    const tabbable = () =>
      rows.filter(row => row.tabIndex === 0).map(row => row.dataset.index);
    expect(tabbable()).toEqual(['0']);
    rows[0].focus();
    press(rows[0], 'ArrowDown');
    expect(document.activeElement).toBe(rows[1]);
    expect(tabbable()).toEqual(['1']);
    press(rows[1], 'End');
    expect(document.activeElement).toBe(rows[3]);
    press(rows[3], 'ArrowDown');
    expect(document.activeElement).toBe(rows[3]);
    press(rows[3], 'Home');
    expect(document.activeElement).toBe(rows[0]);
    expect(tabbable()).toEqual(['0']);
  });

  it('a click on a row opens it; on a run button or the summary, runs or shows outputs', () => {
    const { rows, requests } = setup();
    rows[2]
      .querySelector('.jp-CellScript-cellName')!
      .dispatchEvent(new MouseEvent('click', { bubbles: true }));
    (
      rows[2].querySelector('.jp-CellScript-run-to-here') as HTMLElement
    ).click();
    (
      rows[2].querySelector('.jp-CellScript-outputSummary') as HTMLElement
    ).click();
    expect(requests).toEqual([
      ['Two', 'open'],
      ['Two', 'to-here'],
      ['Two', 'outputs']
    ]);
  });
});

describe('CellList rows', () => {
  const badge = (row: HTMLElement) =>
    row.querySelector('.jp-CellScript-status')!.textContent;
  const summary = (row: HTMLElement) =>
    row.querySelector<HTMLElement>('.jp-CellScript-outputSummary')!;

  it('gives every code cell a badge, "not run" to start with', () => {
    const { rows } = setup();
    expect(rows.map(badge)).toEqual([
      'markdown',
      'not run',
      'not run',
      'not run'
    ]);
    expect(rows[1].dataset.status).toBe('not-run');
    expect(summary(rows[1]).hidden).toBe(true);
    expect(rows[1].querySelector('.jp-CellScript-tag')!.textContent).toBe('#a');
  });

  it.each<[string, ICellRunState, boolean, boolean, string, string]>([
    ['ok', state({ status: 'ok', durationMs: 5 }), false, false, 'ok', 'ok'],
    ['queued', state({ status: 'queued' }), false, false, 'queued', 'queued'],
    [
      'running',
      state({ status: 'running' }),
      false,
      false,
      'running',
      'running…'
    ],
    ['error', state({ status: 'error' }), false, false, 'error', 'error'],
    [
      'interrupted',
      state({ status: 'interrupted' }),
      false,
      false,
      'interrupted',
      'interrupted'
    ],
    [
      'changed',
      state({ status: 'ok' }),
      true,
      false,
      'changed',
      'changed since run'
    ],
    [
      'stale',
      state({ status: 'ok' }),
      false,
      true,
      'stale',
      'ran on old results'
    ],
    [
      'queued although stale',
      state({ status: 'queued' }),
      false,
      true,
      'queued',
      'queued'
    ]
  ])('shows %s', (_, runState, changed, stale, status, text) => {
    const { list, rows } = setup();
    list.setRunView(1, { state: runState, changed, stale });
    expect(rows[1].dataset.status).toBe(status);
    expect(badge(rows[1])).toBe(text);
  });

  it('marks a state read back after a reload', () => {
    const { list, rows } = setup();
    const restored = rows[1].querySelector<HTMLElement>(
      '.jp-CellScript-restored'
    )!;
    expect(restored.hidden).toBe(true);
    list.setRunView(1, {
      state: state({ status: 'ok', restored: true }),
      changed: false,
      stale: false
    });
    expect(restored.hidden).toBe(false);
    expect(restored.textContent).toBe('before reload');
  });

  it('sums the outputs up in one line, the whole text in its tooltip', () => {
    const { list, rows } = setup();
    list.setRunView(1, {
      state: state({
        status: 'ok',
        outputs: [
          { output_type: 'stream', name: 'stdout', text: 'first\nsecond\n' }
        ]
      }),
      changed: false,
      stale: false
    });
    expect(summary(rows[1]).hidden).toBe(false);
    expect(summary(rows[1]).textContent).toBe('first');
    expect(summary(rows[1]).title).toBe('first\nsecond\n\nShow all outputs');
    list.setRunView(1, {
      state: state({
        status: 'error',
        error: {
          ename: 'ValueError',
          evalue: '<b>bad</b>',
          file: 'x.py',
          line: 5
        }
      }),
      changed: false,
      stale: false
    });
    // Text, never HTML.
    expect(summary(rows[1]).textContent).toBe(
      'ValueError: <b>bad</b> (line 5)'
    );
    expect(summary(rows[1]).querySelector('b')).toBeNull();
  });

  it('rebuilds only the rows whose cell changed, and updates lines in place', () => {
    const { list, rows } = setup();
    const edited = parseScript(
      '# %% [markdown]\n# # Title\n\n# %% One tags=["a"]\nx = 1\nx += 1\n\n# %% Two\ny = 2\n\n# %% Three\nz = 3\n'
    );
    list.update(edited.cells);
    const after = [
      ...list.node.querySelectorAll<HTMLElement>('.jp-CellScript-cell')
    ];
    expect(after).toEqual(rows);
    expect(
      after[2].querySelector('.jp-CellScript-cellLines')!.textContent
    ).toBe('lines 8–10');
  });

  it('adds and removes rows at the end, keeping the ones before, and empties', () => {
    const { list, rows } = setup();
    const names = () =>
      [...list.node.querySelectorAll('.jp-CellScript-cellName')].map(
        node => node.textContent
      );
    const longer = parseScript(
      '# %% [markdown]\n# # Title\n\n# %% One tags=["a"]\nx = 1\n\n# %% Two\ny = 2\n\n# %% Three\nz = 3\n# %% Four\n# %% Five\n'
    );
    list.update(longer.cells);
    expect(names()).toEqual([
      '(unnamed)',
      'One',
      'Two',
      'Three',
      'Four',
      'Five'
    ]);
    list.update(script.cells.slice(0, 2));
    expect(names()).toEqual(['(unnamed)', 'One']);
    expect([...list.node.querySelectorAll('.jp-CellScript-cell')]).toEqual(
      rows.slice(0, 2)
    );
    expect(list.rowNode(2)).toBeNull();
    list.update([]);
    expect(list.node.children).toHaveLength(0);
    list.update(script.cells);
    expect(names()).toEqual(['(unnamed)', 'One', 'Two', 'Three']);
  });
});

describe('CellList with a long script', () => {
  const long = parseScript(
    Array.from(
      { length: 120 },
      (_, i) => `# %% Cell ${i}\nx${i} = ${i}\n`
    ).join('')
  );
  const drawn = (list: CellList) =>
    [...list.node.querySelectorAll<HTMLElement>('.jp-CellScript-cell')].map(
      row => Number(row.dataset.index)
    );

  it('draws the rows a block at a time, the others waiting as sized spacers', () => {
    const list = new CellList({ trans, onRequest: () => undefined });
    document.body.appendChild(list.node);
    list.update(long.cells);
    // jsdom lays nothing out: only the block of the row in the tab order is drawn.
    expect(drawn(list)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(list.size).toBe(120);
    const blocks = list.node.querySelectorAll<HTMLElement>(
      '.jp-CellScript-cellBlock'
    );
    expect(blocks).toHaveLength(3);
    expect(blocks[1].style.height).toBe(`${50 * 52}px`);
    expect(blocks[2].style.height).toBe(`${20 * 52}px`);
    const first = list.rowNode(0)!;
    expect(first.getAttribute('aria-posinset')).toBe('1');
    expect(first.getAttribute('aria-setsize')).toBe('120');
  });

  it('keeps the run of a row not drawn, and moves the keyboard to rows not drawn yet', () => {
    const list = new CellList({ trans, onRequest: () => undefined });
    document.body.appendChild(list.node);
    list.update(long.cells);
    list.setRunView(110, {
      state: state({ status: 'ok', durationMs: 20, runOrder: 1 }),
      changed: false,
      stale: false
    });
    list.rowNode(0)!.focus();
    press(list.rowNode(0)!, 'End');
    expect(drawn(list)).toContain(119);
    expect(document.activeElement).toBe(list.rowNode(119));
    expect(list.rowNode(110)!.dataset.status).toBe('ok');
    expect(list.rowNode(0)!.tabIndex).toBe(-1);
    expect(list.rowNode(119)!.tabIndex).toBe(0);
    // Fewer cells: the rows past the end go, with their block, and the tab stop follows.
    list.update(long.cells.slice(0, 60));
    expect(list.node.querySelectorAll('.jp-CellScript-cellBlock')).toHaveLength(
      2
    );
    expect(list.rowNode(59)!.tabIndex).toBe(0);
    expect(list.rowNode(60)).toBeNull();
    expect(list.rowNode(59)!.getAttribute('aria-setsize')).toBe('60');
  });
});
