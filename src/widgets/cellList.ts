import type { TranslationBundle } from '@jupyterlab/translation';
import type { IScriptCell } from '../script';

/** How many lines of a markdown cell's text the list shows. */
const MARKDOWN_PREVIEW_LINES = 4;

/**
 * The list of a script's cells as DOM rows, updated in place: a row is rebuilt only when its
 * cell changed, so a 1,000-cell script stays responsive while the user types.
 */
export class CellList {
  constructor(options: CellList.IOptions) {
    this._trans = options.trans;
    this._onActivate = options.onActivate;
    this.node = document.createElement('ol');
    this.node.className = 'jp-CellScript-cells';
    this.node.setAttribute('aria-label', this._trans.__('Script cells'));
    this.node.addEventListener('click', this._onClick);
    this.node.addEventListener('keydown', this._onKeyDown);
  }

  /** The list element. */
  readonly node: HTMLOListElement;

  /** Show these cells, reusing the rows of cells that did not change. */
  update(cells: readonly IScriptCell[]): void {
    this._cells = cells;
    const rows = this._rows;
    for (let i = 0; i < cells.length; i++) {
      const signature = rowSignature(cells[i]);
      if (i < rows.length) {
        if (rows[i].signature !== signature) {
          const fresh = this._createRow(cells[i], signature);
          this.node.replaceChild(fresh.node, rows[i].node);
          rows[i] = fresh;
        }
      } else {
        const fresh = this._createRow(cells[i], signature);
        this.node.appendChild(fresh.node);
        rows.push(fresh);
      }
    }
    while (rows.length > cells.length) {
      rows.pop()!.node.remove();
    }
  }

  /** The row element of the cell at `index`, if shown. */
  rowNode(index: number): HTMLElement | null {
    return this._rows[index]?.node ?? null;
  }

  /** Remove listeners. */
  dispose(): void {
    this.node.removeEventListener('click', this._onClick);
    this.node.removeEventListener('keydown', this._onKeyDown);
  }

  private _createRow(cell: IScriptCell, signature: string): IRow {
    const trans = this._trans;
    const row = document.createElement('li');
    row.className = `jp-CellScript-cell jp-CellScript-cell-${cell.type}`;
    row.dataset.index = String(cell.index);
    row.tabIndex = 0;
    row.title = trans.__('Open the script at line %1', cell.firstLine);

    const head = element('div', 'jp-CellScript-cellHead');
    head.appendChild(
      element('span', 'jp-CellScript-cellIndex', `${cell.index}`)
    );
    const name = element(
      'span',
      'jp-CellScript-cellName',
      cell.name ?? trans.__('(unnamed)')
    );
    if (cell.name === null) {
      name.classList.add('jp-CellScript-unnamed');
    }
    head.appendChild(name);
    head.appendChild(
      element('span', 'jp-CellScript-cellLines', lineRange(cell, trans))
    );
    row.appendChild(head);

    if (cell.type !== 'code' || cell.tags.length > 0) {
      const badges = element('div', 'jp-CellScript-cellBadges');
      if (cell.type !== 'code') {
        badges.appendChild(
          element('span', 'jp-CellScript-cellType', cell.type)
        );
      }
      for (const tag of cell.tags) {
        badges.appendChild(element('span', 'jp-CellScript-tag', `#${tag}`));
      }
      row.appendChild(badges);
    }

    if (cell.type === 'markdown') {
      const text = (cell.text ?? cell.source).trim();
      if (text) {
        const lines = text.split('\n');
        const preview = lines.slice(0, MARKDOWN_PREVIEW_LINES).join('\n');
        row.appendChild(
          element(
            'div',
            'jp-CellScript-markdown',
            lines.length > MARKDOWN_PREVIEW_LINES ? `${preview}\n…` : preview
          )
        );
      }
    }
    return { node: row, signature };
  }

  private _activate(target: EventTarget | null): void {
    const row = (target as HTMLElement | null)?.closest?.(
      '.jp-CellScript-cell'
    ) as HTMLElement | null;
    if (!row || !this.node.contains(row)) {
      return;
    }
    const cell = this._cells[Number(row.dataset.index)];
    if (cell) {
      this._onActivate(cell);
    }
  }

  private _onClick = (event: MouseEvent): void => {
    this._activate(event.target);
  };

  private _onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter') {
      this._activate(event.target);
    }
  };

  private _trans: TranslationBundle;
  private _onActivate: (cell: IScriptCell) => void;
  private _cells: readonly IScriptCell[] = [];
  private _rows: IRow[] = [];
}

/** Types for CellList. */
export namespace CellList {
  /** Options to create a CellList. */
  export interface IOptions {
    /** Translations. */
    trans: TranslationBundle;
    /** Called when the user clicks a cell or presses Enter on it. */
    onActivate: (cell: IScriptCell) => void;
  }
}

interface IRow {
  node: HTMLLIElement;
  signature: string;
}

/** Everything a row shows, to tell whether it must be rebuilt. */
function rowSignature(cell: IScriptCell): string {
  return JSON.stringify([
    cell.index,
    cell.name,
    cell.type,
    cell.tags,
    cell.firstLine,
    cell.lastLine,
    cell.type === 'markdown' ? cell.hash : ''
  ]);
}

function lineRange(cell: IScriptCell, trans: TranslationBundle): string {
  const first = cell.markerLine ?? cell.firstLine;
  return first >= cell.lastLine
    ? trans.__('line %1', first)
    : trans.__('lines %1–%2', first, cell.lastLine);
}

/** An element with a class and, optionally, text (always as text, never as HTML). */
export function element(
  tag: string,
  className: string,
  text?: string
): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}
