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

/**
 * The list of a script's cells, updated in place (a row is rebuilt only when its cell
 * changed, so a 1,000-cell script stays responsive while the user types), and used from the
 * keyboard: one row is in the tab order, ↑/↓/Home/End move between rows, Enter runs the
 * row's cell, Shift+Enter runs up to it, Alt+Enter opens it in the editor, L loads it into
 * the notebook, O shows its outputs. The keys never reach anything else: a key that a row
 * handles cannot land in an editor that opened meanwhile.
 */
export class CellList {
  constructor(options: CellList.IOptions) {
    this._trans = options.trans;
    this._onRequest = options.onRequest;
    this.node = document.createElement('ol');
    this.node.className = 'jp-CellScript-cells';
    this.node.setAttribute('aria-label', this._trans.__('Script cells'));
    this.node.addEventListener('click', this._onClick);
    this.node.addEventListener('keydown', this._onKeyDown);
    this.node.addEventListener('focusin', this._onFocusIn);
    this._markdown = options.rendermime
      ? new MarkdownPreviews(options.rendermime, this.node)
      : null;
  }

  /** The list element. */
  readonly node: HTMLOListElement;

  /** Show these cells, reusing the rows of cells that did not change. */
  update(cells: readonly IScriptCell[]): void {
    const rows = this._rows;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      const existing = rows[i];
      if (existing && existing.signature === rowSignature(cell)) {
        existing.setLines(cell);
        continue;
      }
      const fresh = this._createRow(cell);
      if (existing) {
        this._forget(existing);
        this.node.replaceChild(fresh.node, existing.node);
        rows[i] = fresh;
      } else {
        this.node.appendChild(fresh.node);
        rows.push(fresh);
      }
    }
    while (rows.length > cells.length) {
      const row = rows.pop()!;
      this._forget(row);
      row.node.remove();
    }
    this._setActive(Math.min(this._active, rows.length - 1), false);
  }

  /** The row element of the cell at `index`, if shown. */
  rowNode(index: number): HTMLElement | null {
    return this._rows[index]?.node ?? null;
  }

  /** Show the last run of the cell at `index` in its row (updated in place). */
  setRunView(index: number, view: ICellRunView | null): void {
    this._rows[index]?.setRun(view);
  }

  /** Remove listeners and rendered previews. Idempotent. */
  dispose(): void {
    this.node.removeEventListener('click', this._onClick);
    this.node.removeEventListener('keydown', this._onKeyDown);
    this.node.removeEventListener('focusin', this._onFocusIn);
    this._markdown?.dispose();
    this._markdown = null;
  }

  private _createRow(cell: IScriptCell): CellRow {
    const row = new CellRow(cell, this._trans);
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
    const row = this._rows[this._active];
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
      this._setActive(this._rows.indexOf(row), false);
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
    const index = this._rows.indexOf(row);
    const move = (to: number) => {
      this._setActive(Math.max(0, Math.min(to, this._rows.length - 1)), true);
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
      move(this._rows.length - 1);
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

  private _trans: TranslationBundle;
  private _onRequest: (cell: IScriptCell, request: CellRequest) => void;
  private _rows: CellRow[] = [];
  private _active = 0;
  private _markdown: MarkdownPreviews | null;
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
