import type { TranslationBundle } from '@jupyterlab/translation';
import { fastForwardIcon, LabIcon, runIcon } from '@jupyterlab/ui-components';
import type { ICellRunState } from '../run/runStates';
import {
  formatDuration,
  ranLinesText,
  shownStatus,
  statusText
} from '../run/shownStatus';
import type { IScriptCell } from '../script';

/** How a cell's last run is shown in its row. */
export interface ICellRunView {
  readonly state: ICellRunState;
  /** The cell's source changed since it last ran. */
  readonly changed: boolean;
}

/** What the run buttons of a row ask for. */
export type RunRequest = 'cell' | 'to-here';

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
    this._onRun = options.onRun;
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
        } else {
          // Lines move whenever text above changes: update them in place.
          this._setLines(rows[i], cells[i]);
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

  /** The element under the cell at `index` that holds its outputs. */
  outputHost(index: number): HTMLElement | null {
    return this._rows[index]?.outputHost ?? null;
  }

  /** Show the last run of the cell at `index` in its row (updated in place). */
  setRunView(index: number, view: ICellRunView): void {
    const row = this._rows[index];
    if (!row || !row.status) {
      return;
    }
    const { state, changed } = view;
    const status = shownStatus(state, changed);
    const text = statusText(status, this._trans);
    const finished = status !== 'queued' && status !== 'running';
    const duration = [
      finished && state.durationMs !== null
        ? formatDuration(state.durationMs)
        : '',
      finished ? ranLinesText(state, this._trans) : null
    ]
      .filter(Boolean)
      .join(' · ');
    const signature = `${status}|${duration}|${state.error?.line ?? ''}`;
    if (row.runSignature === signature) {
      return;
    }
    row.runSignature = signature;
    row.node.dataset.status = status;
    row.status.textContent = text;
    row.status.className = `jp-CellScript-status jp-CellScript-status-${status}`;
    row.status.hidden = status === 'not-run';
    row.duration!.textContent = duration;
    row.duration!.hidden = duration === '';
    const error = state.error;
    row.errorLine!.hidden = !error || status === 'changed';
    row.errorLine!.textContent = error
      ? error.line
        ? this._trans.__(
            '%1: %2 (line %3)',
            error.ename,
            error.evalue,
            error.line
          )
        : `${error.ename}: ${error.evalue}`
      : '';
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
    const created: IRow = { node: row, signature, outputHost: null };

    // First line: index, name (full width) and the run buttons.
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
    row.appendChild(head);

    // Second line: type, run status, duration, lines and tags.
    const meta = element('div', 'jp-CellScript-cellMeta');
    if (cell.type !== 'code') {
      meta.appendChild(element('span', 'jp-CellScript-cellType', cell.type));
    } else {
      created.status = element('span', 'jp-CellScript-status');
      created.status.hidden = true;
      created.duration = element('span', 'jp-CellScript-duration');
      created.duration.hidden = true;
      meta.append(created.status, created.duration);
      head.append(
        this._runButton('cell', trans.__('Run this cell'), runIcon),
        this._runButton(
          'to-here',
          trans.__('Run every code cell up to and including this one'),
          fastForwardIcon
        )
      );
    }
    created.lines = element('span', 'jp-CellScript-cellLines');
    meta.appendChild(created.lines);
    this._setLines(created, cell);
    for (const tag of cell.tags) {
      meta.appendChild(element('span', 'jp-CellScript-tag', `#${tag}`));
    }
    row.appendChild(meta);

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
    if (cell.type === 'code') {
      created.errorLine = element('div', 'jp-CellScript-errorLine');
      created.errorLine.hidden = true;
      created.outputHost = element('div', 'jp-CellScript-outputHost');
      row.append(created.errorLine, created.outputHost);
    }
    return created;
  }

  private _setLines(row: IRow, cell: IScriptCell): void {
    const text = lineRange(cell, this._trans);
    if (row.lines && row.lines.textContent !== text) {
      row.lines.textContent = text;
      row.node.title = this._trans.__(
        'Open the script at line %1',
        cell.markerLine ?? cell.firstLine
      );
    }
  }

  private _runButton(
    request: RunRequest,
    label: string,
    icon: LabIcon
  ): HTMLElement {
    const button = element(
      'button',
      `jp-CellScript-runButton jp-CellScript-run-${request}`
    );
    button.appendChild(icon.element({ tag: 'span', elementSize: 'small' }));
    button.title = label;
    button.setAttribute('aria-label', label);
    button.dataset.request = request;
    return button;
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
    const button = (event.target as HTMLElement | null)?.closest?.(
      '.jp-CellScript-runButton'
    ) as HTMLElement | null;
    if (button) {
      event.stopPropagation();
      const row = button.closest('.jp-CellScript-cell') as HTMLElement | null;
      const cell = row ? this._cells[Number(row.dataset.index)] : undefined;
      if (cell) {
        this._onRun(cell, button.dataset.request as RunRequest);
      }
      return;
    }
    if (
      (event.target as HTMLElement | null)?.closest?.(
        '.jp-CellScript-outputHost'
      )
    ) {
      return; // Clicks in outputs (selecting text, links) do not open the editor.
    }
    this._activate(event.target);
  };

  private _onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter') {
      this._activate(event.target);
    }
  };

  private _trans: TranslationBundle;
  private _onActivate: (cell: IScriptCell) => void;
  private _onRun: (cell: IScriptCell, request: RunRequest) => void;
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
    /** Called when the user clicks a run button of a cell. */
    onRun: (cell: IScriptCell, request: RunRequest) => void;
  }
}

interface IRow {
  node: HTMLLIElement;
  signature: string;
  /** Code cells only. */
  status?: HTMLElement;
  duration?: HTMLElement;
  errorLine?: HTMLElement;
  outputHost: HTMLElement | null;
  lines?: HTMLElement;
  runSignature?: string;
}

/** What a row shows apart from its lines, to tell whether it must be rebuilt. */
function rowSignature(cell: IScriptCell): string {
  return JSON.stringify([
    cell.index,
    cell.name,
    cell.type,
    cell.tags,
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
