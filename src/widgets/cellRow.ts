import type { TranslationBundle } from '@jupyterlab/translation';
import type { OutputSummary } from '../run/outputSummary';
import { summarizeOutputs } from '../run/outputSummary';
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
  /** The cell ran on the results of a cell that changed since. */
  readonly stale: boolean;
}

/** What a row's actions ask for. */
export type RowAction = 'cell' | 'to-here' | 'outputs';

/**
 * One row of the cell list: a cell's index, name, badge, lines, tags, and for a code cell its
 * run buttons and a one-line summary of its outputs. All text is set as text.
 */
export class CellRow {
  constructor(cell: IScriptCell, trans: TranslationBundle) {
    this._trans = trans;
    this.cell = cell;
    this.signature = rowSignature(cell);
    // A clone of a prepared row is several times faster than building one (1,000-cell scripts).
    const node = (this.node = template(cell.type, trans).cloneNode(
      true
    ) as HTMLElement);
    node.dataset.index = String(cell.index);
    const part = (name: string) =>
      node.querySelector(`.jp-CellScript-${name}`) as HTMLElement;
    part('cellIndex').textContent = `${cell.index}`;
    const name = part('cellName');
    name.textContent = cell.name ?? trans.__('(unnamed)');
    if (cell.name === null) {
      name.classList.add('jp-CellScript-unnamed');
    }
    this._badge = part('status');
    this._lines = part('cellLines');
    const meta = this._lines.parentElement!;
    for (const tag of cell.tags) {
      meta.appendChild(element('span', 'jp-CellScript-tag', `#${tag}`));
    }
    if (cell.type === 'code') {
      this._duration = part('duration');
      this._restored = part('restored');
      this._summary = part('outputSummary');
      // Filled in by the template: a new row shows "not run" until told otherwise.
      this._runSignature = NOT_RUN_SIGNATURE;
    } else {
      this._badge.textContent = cell.type;
    }
    if (cell.type === 'markdown') {
      this.markdownHost = element('div', 'jp-CellScript-markdown');
      // Plain text until the renderer (if any) replaces it: the row reads at once.
      this.markdownHost.textContent = (cell.text ?? cell.source).trim();
      node.appendChild(this.markdownHost);
    }
    this.setLines(cell);
    this.setRun(null);
  }

  /** The row element. */
  readonly node: HTMLElement;
  /** What the row shows apart from lines and run state (a change rebuilds it). */
  readonly signature: string;
  /** The cell shown (its lines are kept up to date). */
  cell: IScriptCell;
  /** Where the markdown of a markdown cell goes. */
  readonly markdownHost: HTMLElement | null = null;

  /**
   * Say where the row is in the list (for assistive technology: the list draws only the
   * rows near the view, so the count cannot be read from the rows present).
   */
  setPosition(index: number, count: number): void {
    this.node.setAttribute('aria-posinset', String(index + 1));
    this.node.setAttribute('aria-setsize', String(count));
  }

  /** Show the cell's current lines (they move whenever text above changes). */
  setLines(cell: IScriptCell): void {
    this.cell = cell;
    const text = lineRange(cell, this._trans);
    if (this._lines.textContent !== text) {
      this._lines.textContent = text;
      this.node.title = this._trans.__(
        'Open the script at line %1',
        cell.markerLine ?? cell.firstLine
      );
    }
  }

  /** Show the cell's last run; null for a cell that has no run state (markdown, raw). */
  setRun(view: ICellRunView | null): void {
    if (this.cell.type !== 'code') {
      return;
    }
    const trans = this._trans;
    const state = view?.state;
    const status = state
      ? shownStatus(state, view.changed, view.stale)
      : 'not-run';
    const settled = status !== 'queued' && status !== 'running';
    const duration = state
      ? [
          settled && state.durationMs !== null
            ? formatDuration(state.durationMs)
            : '',
          settled ? ranLinesText(state, trans) : null
        ]
          .filter(Boolean)
          .join(' · ')
      : '';
    const restored = !!state?.restored && settled;
    const signature = runSignature(status, duration, restored);
    if (signature !== this._runSignature) {
      this._runSignature = signature;
      this.node.dataset.status = status;
      this._badge.textContent = statusText(status, trans);
      this._badge.className = `jp-CellScript-status jp-CellScript-status-${status}`;
      this._badge.title = statusTitle(status, trans);
      this._duration!.textContent = duration;
      this._duration!.hidden = duration === '';
      this._restored!.hidden = !restored;
    }
    const outputs = state?.outputs ?? NO_OUTPUTS;
    const error = state?.error ?? null;
    if (outputs !== this._outputs || error !== this._error) {
      this._outputs = outputs;
      this._error = error;
      this._showSummary(summarizeOutputs(outputs, error));
    }
  }

  private _showSummary(summary: OutputSummary | null): void {
    const node = this._summary!;
    node.hidden = summary === null;
    node.dataset.kind = summary?.kind ?? '';
    if (!summary) {
      node.textContent = '';
      return;
    }
    const text = summaryText(summary, this._trans);
    node.textContent = text;
    const full = summary.kind === 'text' ? summary.full : text;
    node.title = this._trans.__('%1\n\nShow all outputs', full);
  }

  private _trans: TranslationBundle;
  private _badge: HTMLElement;
  private _lines: HTMLElement;
  private _duration: HTMLElement | null = null;
  private _restored: HTMLElement | null = null;
  private _summary: HTMLElement | null = null;
  private _runSignature = '';
  private _outputs: unknown = NO_OUTPUTS;
  private _error: unknown = null;
}

/** The keys a focused row answers to (see CellList). */
const KEYS = 'Enter Shift+Enter Alt+Enter L O ArrowUp ArrowDown Home End';

/** Prepared empty rows per translation and cell type, cloned for each row. */
const TEMPLATES = new WeakMap<TranslationBundle, Map<string, HTMLElement>>();

/** An empty row for a cell of `type`: its parts in place, texts filled in by CellRow. */
function template(type: string, trans: TranslationBundle): HTMLElement {
  let byType = TEMPLATES.get(trans);
  if (!byType) {
    byType = new Map();
    TEMPLATES.set(trans, byType);
  }
  let row = byType.get(type);
  if (row) {
    return row;
  }
  row = document.createElement('div');
  row.className = `jp-CellScript-cell jp-CellScript-cell-${type}`;
  row.setAttribute('role', 'listitem');
  row.tabIndex = -1;
  row.setAttribute('aria-keyshortcuts', KEYS);
  const head = element('div', 'jp-CellScript-cellHead');
  head.append(
    element('span', 'jp-CellScript-cellIndex'),
    element('span', 'jp-CellScript-cellName')
  );
  const meta = element('div', 'jp-CellScript-cellMeta');
  const badge = element('span', 'jp-CellScript-status');
  meta.appendChild(badge);
  row.append(head, meta);
  if (type === 'code') {
    const restored = element(
      'span',
      'jp-CellScript-restored',
      trans.__('before reload')
    );
    restored.title = trans.__(
      'This cell ran before the page was reloaded: how it ended is known, its outputs were not kept.'
    );
    restored.hidden = true;
    const duration = element('span', 'jp-CellScript-duration');
    duration.hidden = true;
    meta.append(restored, duration);
    head.append(
      runButton('cell', trans.__('Run this cell')),
      runButton(
        'to-here',
        trans.__('Run every code cell up to and including this one')
      )
    );
    row.dataset.status = 'not-run';
    badge.classList.add('jp-CellScript-status-not-run');
    badge.textContent = statusText('not-run', trans);
    badge.title = statusTitle('not-run', trans);
    // Spans with a button role, not <button>s: cloning a thousand buttons is what made a
    // long script slow to open. They are not in the tab order: the row's keys do the same.
    const summary = actionElement('outputs', 'jp-CellScript-outputSummary');
    summary.hidden = true;
    row.appendChild(summary);
  } else {
    badge.classList.add('jp-CellScript-cellType');
  }
  meta.appendChild(element('span', 'jp-CellScript-cellLines'));
  byType.set(type, row);
  return row;
}

/** A summary in words: the text itself, what a rich output is, or the error with its line. */
export function summaryText(
  summary: OutputSummary,
  trans: TranslationBundle
): string {
  switch (summary.kind) {
    case 'text':
      return summary.text;
    case 'error':
      return summary.line !== null
        ? trans.__(
            '%1: %2 (line %3)',
            summary.ename,
            summary.evalue,
            summary.line
          )
        : trans.__('%1: %2', summary.ename, summary.evalue);
    case 'rich': {
      const what =
        summary.what === 'image'
          ? trans.__('%1 plot', summary.mime)
          : summary.what === 'table'
            ? trans.__('table')
            : summary.what === 'html'
              ? trans.__('HTML output')
              : summary.mime;
      return summary.count > 1
        ? trans.__('%1 (+%2 more)', what, summary.count - 1)
        : what;
    }
  }
}

function statusTitle(
  status: ReturnType<typeof shownStatus>,
  trans: TranslationBundle
): string {
  switch (status) {
    case 'changed':
      return trans.__('The cell changed since it last ran');
    case 'stale':
      return trans.__(
        'The cell ran on the results of a cell above that changed since: run changed cells to bring it up to date'
      );
    case 'not-run':
      return trans.__('The cell has not run in this kernel');
    default:
      return statusText(status, trans);
  }
}

function runButton(action: RowAction, title: string) {
  // The icon is drawn by CSS (a mask in the theme's icon colour): an SVG per row doubled the
  // time a 1,000-cell script takes to open.
  const button = actionElement(
    action,
    `jp-CellScript-runButton jp-CellScript-run-${action}`
  );
  button.title = title;
  button.setAttribute('aria-label', title);
  return button;
}

/** A row action: clicked with the pointer; the row's keys do the same from the keyboard. */
function actionElement(action: RowAction, className: string): HTMLElement {
  const node = element('span', className);
  node.setAttribute('role', 'button');
  node.dataset.action = action;
  return node;
}

function runSignature(status: string, duration: string, restored: boolean) {
  return `${status}|${duration}|${restored}`;
}

/** The outputs of a cell that has not run. */
const NO_OUTPUTS: readonly never[] = [];

/** How a row the template made shows its run. */
const NOT_RUN_SIGNATURE = runSignature('not-run', '', false);

/** What a row shows apart from its lines, to tell whether it must be rebuilt. */
export function rowSignature(cell: IScriptCell): string {
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
