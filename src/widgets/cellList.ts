import type { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IScriptCell } from '../script';
import {
  CellRow,
  type ICellRunView,
  type RowAction,
  rowSignature
} from './cellRow';
import { MarkdownPreviews } from './markdownPreviews';

export { element } from './cellRow';
export type { ICellRunView } from './cellRow';

/** What the list asks its owner to do with a cell. */
export type CellRequest = RowAction | 'open' | 'load';

/** Cells per block: the list draws a script's rows a block at a time, as they come into view. */
export const ROWS_PER_BLOCK = 50;

/** How tall a row is taken to be until rows have been drawn and measured. */
const ESTIMATED_ROW_PX = 52;

/** A block of ROWS_PER_BLOCK rows: drawn once it comes near the view, a spacer until then. */
interface IBlock {
  readonly node: HTMLElement;
  drawn: boolean;
}

/**
 * The list of a script's cells, used from the keyboard: one row is in the tab order,
 * ↑/↓/Home/End move between rows, Enter runs the row's cell, Shift+Enter runs up to it,
 * Alt+Enter opens it in the editor, L loads it into the notebook, O shows its outputs. The
 * keys never reach anything else: a key that a row handles cannot land in an editor that
 * opened meanwhile.
 *
 * Fast with long scripts: rows are drawn a block of cells at a time when the block comes
 * within a view's height of what is shown (scrolling, resizing or moving to a row draws it),
 * and a block not drawn yet is a spacer of the height its rows are expected to take. Drawn
 * rows are updated in place: a row is rebuilt only when its cell changed, so a 1,000-cell
 * script stays responsive while the user types. The list element is the one that scrolls.
 */
export class CellList {
  constructor(options: CellList.IOptions) {
    this._trans = options.trans;
    this._onRequest = options.onRequest;
    this.node = document.createElement('div');
    this.node.className = 'jp-CellScript-cells';
    this.node.setAttribute('role', 'list');
    this.node.setAttribute('aria-label', this._trans.__('Script cells'));
    this.node.addEventListener('click', this._onClick);
    this.node.addEventListener('keydown', this._onKeyDown);
    this.node.addEventListener('focusin', this._onFocusIn);
    this.node.addEventListener('scroll', this._onScroll, { passive: true });
    this._resizes =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => this._drawNearView());
    this._resizes?.observe(this.node);
    this._markdown = options.rendermime
      ? new MarkdownPreviews(options.rendermime, this.node)
      : null;
  }

  /** The list element (it scrolls). */
  readonly node: HTMLDivElement;

  /** How many cells the list shows (drawn or not yet). */
  get size(): number {
    return this._cells.length;
  }

  /** Show these cells, reusing the rows of cells that did not change. */
  update(cells: readonly IScriptCell[]): void {
    const sizeChanged = cells.length !== this._cells.length;
    this._cells = cells;
    this._views.length = Math.min(this._views.length, cells.length);
    const blockCount = Math.ceil(cells.length / ROWS_PER_BLOCK);
    // Blocks past the end go, with their rows.
    const gone = this._blocks.splice(blockCount);
    // Rows past the last cell go (their elements with their block, or below).
    this._rows.splice(cells.length).forEach(row => {
      if (row) {
        this._forget(row);
      }
    });
    if (gone.length > 0) {
      if (blockCount === 0) {
        this.node.replaceChildren();
      } else {
        // One range removes them at once: removing rows one by one made leaving a
        // 1,000-cell script take a tenth of a second.
        const range = document.createRange();
        range.setStartBefore(gone[0].node);
        range.setEndAfter(gone[gone.length - 1].node);
        range.deleteContents();
      }
    }
    if (blockCount > this._blocks.length) {
      const added = document.createDocumentFragment();
      for (let b = this._blocks.length; b < blockCount; b++) {
        const node = document.createElement('div');
        node.className = 'jp-CellScript-cellBlock';
        this._blocks.push({ node, drawn: false });
        added.appendChild(node);
      }
      this.node.appendChild(added);
    }
    this._blocks.forEach((block, b) => {
      if (block.drawn) {
        this._updateBlock(b, sizeChanged);
      } else {
        block.node.style.height = `${this._blockCount(b) * this._rowPx}px`;
      }
    });
    this._setActive(Math.min(this._active, cells.length - 1), false);
    this._drawNearView();
  }

  /** The row element of the cell at `index` (drawn if it was not), or null past the end. */
  rowNode(index: number): HTMLElement | null {
    return this._rowAt(index)?.node ?? null;
  }

  /** Show the last run of the cell at `index` in its row (kept for a row not drawn yet). */
  setRunView(index: number, view: ICellRunView | null): void {
    if (index < 0 || index >= this._cells.length) {
      return;
    }
    this._views[index] = view;
    this._rows[index]?.setRun(view);
  }

  /** Remove listeners and rendered previews. Idempotent. */
  dispose(): void {
    this.node.removeEventListener('click', this._onClick);
    this.node.removeEventListener('keydown', this._onKeyDown);
    this.node.removeEventListener('focusin', this._onFocusIn);
    this.node.removeEventListener('scroll', this._onScroll);
    this._resizes?.disconnect();
    this._resizes = null;
    this._markdown?.dispose();
    this._markdown = null;
  }

  /** The row of the cell at `index`, its block drawn if it was not; undefined past the end. */
  private _rowAt(index: number): CellRow | undefined {
    if (index < 0 || index >= this._cells.length) {
      return undefined;
    }
    this._drawBlock(Math.floor(index / ROWS_PER_BLOCK));
    return this._rows[index];
  }

  /** How many cells block `b` holds. */
  private _blockCount(b: number): number {
    return Math.min(ROWS_PER_BLOCK, this._cells.length - b * ROWS_PER_BLOCK);
  }

  /** Draw the rows of block `b`, if not drawn yet. */
  private _drawBlock(b: number): void {
    const block = this._blocks[b];
    if (!block || block.drawn) {
      return;
    }
    block.drawn = true;
    block.node.style.height = '';
    block.node.classList.add('jp-CellScript-cellBlock-drawn');
    const rows = document.createDocumentFragment();
    const first = b * ROWS_PER_BLOCK;
    for (let i = first; i < first + this._blockCount(b); i++) {
      const row = this._createRow(this._cells[i]);
      this._rows[i] = row;
      rows.appendChild(row.node);
    }
    block.node.appendChild(rows);
  }

  /** Bring the drawn rows of block `b` up to date with the cells. */
  private _updateBlock(b: number, sizeChanged: boolean): void {
    const block = this._blocks[b];
    const first = b * ROWS_PER_BLOCK;
    const end = first + this._blockCount(b);
    for (let i = first; i < end; i++) {
      const cell = this._cells[i];
      const existing = this._rows[i];
      if (existing && existing.signature === rowSignature(cell)) {
        existing.setLines(cell);
        if (sizeChanged) {
          existing.setPosition(i, this._cells.length);
        }
        continue;
      }
      const fresh = this._createRow(cell);
      this._rows[i] = fresh;
      if (existing) {
        this._forget(existing);
        block.node.replaceChild(fresh.node, existing.node);
      } else {
        block.node.appendChild(fresh.node);
      }
    }
    // The last block may have lost rows at its end.
    while (block.node.childElementCount > end - first) {
      block.node.lastElementChild!.remove();
    }
  }

  /**
   * Draw the blocks within a view's height above or below what is shown. Reads the layout
   * (cheap: the blocks not drawn are empty spacers), and measures the rows drawn so far so
   * that the spacers take about the height their rows will.
   */
  private _drawNearView(): void {
    const blocks = this._blocks;
    if (blocks.length === 0 || !this.node.isConnected) {
      return;
    }
    const view = this.node.clientHeight;
    if (view === 0) {
      return; // not shown: drawn when it is (the resize observer calls again)
    }
    const reach = view;
    const top = this.node.scrollTop - reach;
    const bottom = this.node.scrollTop + view + reach;
    const listTop = this.node.getBoundingClientRect().top - this.node.scrollTop;
    let drewAny = false;
    for (let b = 0; b < blocks.length; b++) {
      const block = blocks[b];
      if (block.drawn) {
        continue;
      }
      const box = block.node.getBoundingClientRect();
      const blockTop = box.top - listTop;
      if (blockTop > bottom) {
        break;
      }
      if (blockTop + box.height >= top) {
        this._drawBlock(b);
        drewAny = true;
      }
    }
    if (drewAny) {
      this._measureRows();
    }
  }

  /** Size the spacers by the rows drawn so far (their mean height). */
  private _measureRows(): void {
    let height = 0;
    let rows = 0;
    for (let b = 0; b < this._blocks.length; b++) {
      const block = this._blocks[b];
      if (block.drawn) {
        height += block.node.offsetHeight;
        rows += this._blockCount(b);
      }
    }
    if (rows === 0 || height === 0) {
      return;
    }
    const rowPx = Math.max(16, Math.round(height / rows));
    if (rowPx === this._rowPx) {
      return;
    }
    this._rowPx = rowPx;
    this._blocks.forEach((block, b) => {
      if (!block.drawn) {
        block.node.style.height = `${this._blockCount(b) * rowPx}px`;
      }
    });
  }

  private _createRow(cell: IScriptCell): CellRow {
    const row = new CellRow(cell, this._trans);
    row.setPosition(cell.index, this._cells.length);
    row.node.tabIndex = cell.index === this._active ? 0 : -1;
    const view = this._views[cell.index];
    if (view) {
      row.setRun(view);
    }
    if (row.markdownHost && this._markdown) {
      const text = (cell.text ?? cell.source).trim();
      if (text) {
        this._markdown.watch(row.markdownHost, text);
      }
    }
    return row;
  }

  private _forget(row: CellRow): void {
    if (row.markdownHost) {
      this._markdown?.forget(row.markdownHost);
    }
  }

  /** Make the row at `index` the one in the tab order, and focus it if asked. */
  private _setActive(index: number, focus: boolean): void {
    const previous = this._rows[this._active];
    if (previous && this._active !== index) {
      previous.node.tabIndex = -1;
    }
    this._active = Math.max(0, index);
    const row = this._rowAt(this._active);
    if (!row) {
      return;
    }
    row.node.tabIndex = 0;
    if (focus) {
      row.node.focus();
      row.node.scrollIntoView({ block: 'nearest' });
    }
  }

  private _rowOf(target: EventTarget | null): CellRow | null {
    const node = (target as HTMLElement | null)?.closest?.(
      '.jp-CellScript-cell'
    ) as HTMLElement | null;
    if (!node || !this.node.contains(node)) {
      return null;
    }
    return this._rows[Number(node.dataset.index)] ?? null;
  }

  private _onFocusIn = (event: FocusEvent): void => {
    const row = this._rowOf(event.target);
    if (row) {
      this._setActive(row.cell.index, false);
    }
  };

  private _onClick = (event: MouseEvent): void => {
    const row = this._rowOf(event.target);
    if (!row) {
      return;
    }
    const action = (event.target as HTMLElement).closest?.('[data-action]') as
      | HTMLElement
      | null
      | undefined;
    const request = (action?.dataset.action as RowAction | undefined) ?? 'open';
    this._onRequest(row.cell, request);
  };

  private _onKeyDown = (event: KeyboardEvent): void => {
    const row = this._rowOf(event.target);
    if (!row || event.ctrlKey || event.metaKey) {
      return;
    }
    const index = row.cell.index;
    const last = this._cells.length - 1;
    const move = (to: number) => {
      this._setActive(Math.max(0, Math.min(to, last)), true);
    };
    const key = event.key;
    let request: CellRequest | null = null;
    if (key === 'ArrowDown') {
      move(index + 1);
    } else if (key === 'ArrowUp') {
      move(index - 1);
    } else if (key === 'Home') {
      move(0);
    } else if (key === 'End') {
      move(last);
    } else if (key === 'Enter') {
      request = event.altKey ? 'open' : event.shiftKey ? 'to-here' : 'cell';
    } else if (!event.altKey && (key === 'l' || key === 'L')) {
      request = 'load';
    } else if (!event.altKey && (key === 'o' || key === 'O')) {
      request = 'outputs';
    } else {
      return;
    }
    // Handled here and nowhere else: Enter's default action would otherwise type a new line
    // into the script's editor when opening a cell focuses it before the key is done.
    event.preventDefault();
    event.stopPropagation();
    if (request) {
      this._onRequest(row.cell, request);
    }
  };

  private _onScroll = (): void => {
    this._drawNearView();
  };

  private _trans: TranslationBundle;
  private _onRequest: (cell: IScriptCell, request: CellRequest) => void;
  private _cells: readonly IScriptCell[] = [];
  /** The rows drawn, by cell index (sparse: blocks not drawn have none). */
  private _rows: Array<CellRow | undefined> = [];
  /** The last run view given for each cell, drawn or not. */
  private _views: Array<ICellRunView | null | undefined> = [];
  private _blocks: IBlock[] = [];
  private _rowPx = ESTIMATED_ROW_PX;
  private _active = 0;
  private _markdown: MarkdownPreviews | null;
  private _resizes: ResizeObserver | null;
}

/** Types for CellList. */
export namespace CellList {
  /** Options to create a CellList. */
  export interface IOptions {
    /** Translations. */
    trans: TranslationBundle;
    /**
     * Called when the user asks for something on a cell: run it (`cell`), run up to it
     * (`to-here`), open it in the editor (`open`), load it into the notebook (`load`) or show
     * its outputs (`outputs`).
     */
    onRequest: (cell: IScriptCell, request: CellRequest) => void;
    /** Renders markdown cells; without it they show as text. */
    rendermime?: IRenderMimeRegistry | null;
  }
}
