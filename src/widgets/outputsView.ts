import { DOMUtils } from '@jupyterlab/apputils';
import { PathExt } from '@jupyterlab/coreutils';
import type { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import type { TranslationBundle } from '@jupyterlab/translation';
import { consoleIcon } from '@jupyterlab/ui-components';
import type { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import type { IScriptReference } from '../document/scriptService';
import { cellKey } from '../run/runStates';
import { type CellRef, selectCell } from '../script';
import type { ICellScriptRunner, IRunStates, IScriptService } from '../tokens';
import { CellOutputs } from './cellOutputs';
import { FrameTask } from './frameTask';
import { entryHeader, type IOutputEntry, outputEntries } from './outputEntries';

/** How long an entry shown by `showCell` stays highlighted, in milliseconds. */
const HIGHLIGHT_MS = 2000;

/** What `showCell` found: whether the cell has an entry, and its name for messages. */
export interface IShowCellResult {
  /** True when the cell's entry was scrolled into view; false when the cell has not run. */
  readonly shown: boolean;
  /** The cell's name, or "cell N". */
  readonly cellName: string;
}

/**
 * The script outputs view (main area, like VS Code's Interactive Window): the last run of
 * each cell of one script in the active notebook's kernel, at full width, oldest run first.
 * Each entry has a header (cell, line, status, duration) and the outputs rendered with the
 * app's rendermime, untrusted. It renders only while visible and catches up when shown.
 */
export class OutputsView extends Widget {
  constructor(options: OutputsView.IOptions) {
    super();
    this.path = options.path;
    this._trans = options.trans;
    this._runner = options.runner;
    this._openLine = options.openLine;
    this._outputs = new CellOutputs(
      options.rendermime,
      'jp-CellScript-outputsArea'
    );
    this._reference = options.scripts.open(options.path);
    this.id = DOMUtils.createDomID();
    this.addClass('jp-CellScript-outputsView');
    const trans = this._trans;
    this.title.label = trans.__('Outputs · %1', PathExt.basename(this.path));
    this.title.caption = trans.__(
      "Outputs of the cells of %1 run in the active notebook's kernel",
      this.path
    );
    this.title.icon = consoleIcon;
    this.title.closable = true;

    this._kernel = element('div', 'jp-CellScript-outputsKernel');
    this._empty = element('div', 'jp-CellScript-outputsEmpty');
    this._empty.setAttribute('role', 'status');
    this._list = element('div', 'jp-CellScript-outputsEntries');
    this.node.append(this._kernel, this._empty, this._list);
    this.node.tabIndex = -1;
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', this.title.label);

    this._reference.document.changed.connect(this._onChanged, this);
    this._runner.changed.connect(this._onRunnerChanged, this);
    this._followStates(this._runner.statesFor(this.path));
  }

  /** The script's contents path. */
  readonly path: string;

  /**
   * Scroll the entry of a cell into view and highlight it briefly. Resolves with `shown`
   * false when the cell has not run in this kernel; rejects with the script model's error
   * (which lists the cells) when the script has no such cell or cannot be read.
   */
  async showCell(ref: CellRef): Promise<IShowCellResult> {
    const document = this._reference.document;
    await document.ready;
    const script = document.script;
    if (!script) {
      throw new Error(
        document.problem?.message ??
          this._trans.__('%1 could not be read.', this.path)
      );
    }
    const cell = selectCell(script, ref);
    const cellName = cell.name ?? this._trans.__('cell %1', cell.index);
    if (this.isVisible) {
      this._render();
    }
    const node = this._nodes.get(cellKey(cell))?.node;
    if (!node) {
      return { shown: false, cellName };
    }
    node.scrollIntoView({ block: 'start' });
    this._highlight(node);
    return { shown: true, cellName };
  }

  /** Dispose every output area and stop following the script and its runs. */
  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._followStates(null);
    this._renderSoon.cancel();
    this._runner.changed.disconnect(this._onRunnerChanged, this);
    this._reference.document.changed.disconnect(this._onChanged, this);
    this._reference.dispose();
    this._outputs.dispose();
    this._nodes.clear();
    if (this._highlightTimer !== null) {
      clearTimeout(this._highlightTimer);
    }
    super.dispose();
  }

  /** Closing the tab disposes the view: its output areas go with it. */
  protected onCloseRequest(msg: Message): void {
    super.onCloseRequest(msg);
    this.dispose();
  }

  protected onAfterShow(msg: Message): void {
    this._render();
  }

  protected onAfterAttach(msg: Message): void {
    this._render();
  }

  protected onBeforeDetach(msg: Message): void {
    // The output areas are attached to the entries' nodes, not children of this widget:
    // they leave the page with it (moved in the layout, closed) and come back on render.
    this._outputs.detachAll();
  }

  protected onActivateRequest(msg: Message): void {
    if (!this.node.contains(document.activeElement)) {
      this.node.focus();
    }
  }

  private _onRunnerChanged(): void {
    // The target kernel may have changed: follow its states, drop the old kernel's outputs.
    this._followStates(this._runner.statesFor(this.path));
    this._onChanged();
  }

  /** Render at the next frame, once for all the changes of a frame (a run of many cells). */
  private _onChanged(): void {
    if (this.isVisible) {
      this._renderSoon.schedule();
    }
  }

  private _followStates(states: IRunStates | null): void {
    if (states === this._states) {
      return;
    }
    this._states?.changed.disconnect(this._onChanged, this);
    this._states = states;
    states?.changed.connect(this._onChanged, this);
    this._retain(new Set());
  }

  /** Bring the entries in line with the script and its run states. */
  private _render(): void {
    const trans = this._trans;
    const target = this._runner.target;
    const document = this._reference.document;
    const script = document.script;
    const states = this._states;
    const entries = script && states ? outputEntries(script.cells, states) : [];

    this._kernel.textContent = target
      ? trans.__('Kernel of %1 · %2', target.notebookPath, target.kernelName)
      : '';
    this._kernel.hidden = !target;
    const name = PathExt.basename(this.path);
    let empty = '';
    if (document.problem) {
      empty = document.problem.message;
    } else if (!target) {
      empty = trans.__(
        'No notebook open. Open a notebook and run a cell of %1: its outputs show here.',
        name
      );
    } else if (entries.length === 0) {
      empty = trans.__('Run a cell of %1 to see its outputs here.', name);
    }
    this._empty.textContent = empty;
    this._empty.hidden = empty === '';

    this._retain(new Set(entries.map(entry => entry.key)));
    let before: ChildNode | null = this._list.firstChild;
    for (const entry of entries) {
      const view = this._entryView(entry.key);
      // In place first: an output area attaches only to a host in the page.
      if (view.node !== before) {
        this._list.insertBefore(view.node, before);
      } else {
        before = before.nextSibling;
      }
      this._renderEntry(view, entry);
    }
  }

  /** Drop the entries (and their output areas) whose key is not in `keep`. */
  private _retain(keep: Set<string>): void {
    this._outputs.retain(keep);
    for (const [key, view] of this._nodes) {
      if (!keep.has(key)) {
        view.node.remove();
        this._nodes.delete(key);
      }
    }
  }

  private _entryView(key: string): IEntryView {
    let view = this._nodes.get(key);
    if (view) {
      return view;
    }
    const node = element('section', 'jp-CellScript-outputsEntry');
    const header = element('div', 'jp-CellScript-outputsHeader');
    const name = element('span', 'jp-CellScript-outputsName');
    const line = element(
      'button',
      'jp-CellScript-outputsLine'
    ) as HTMLButtonElement;
    line.type = 'button';
    line.addEventListener('click', () => {
      const at = Number(line.dataset.line);
      if (at > 0) {
        this._openLine(this.path, at);
      }
    });
    const status = element('span', 'jp-CellScript-outputsStatus');
    const ranLines = element('span', 'jp-CellScript-outputsRanLines');
    const duration = element('span', 'jp-CellScript-outputsDuration');
    header.append(name, line, status, ranLines, duration);
    const note = element('div', 'jp-CellScript-outputsNote');
    const error = element('div', 'jp-CellScript-outputsError');
    const body = element('div', 'jp-CellScript-outputsBody');
    node.append(header, note, error, body);
    view = { node, name, line, status, ranLines, duration, note, error, body };
    this._nodes.set(key, view);
    return view;
  }

  private _renderEntry(view: IEntryView, entry: IOutputEntry): void {
    const trans = this._trans;
    const header = entryHeader(entry, trans);
    view.node.dataset.index = String(entry.cell.index);
    view.node.dataset.status = entry.status;
    view.node.setAttribute('aria-label', header.name);
    setText(view.name, header.name);
    setText(view.line, header.lineText);
    view.line.dataset.line = String(header.line);
    view.line.title = trans.__('Open %1 at line %2', this.path, header.line);
    setText(view.status, header.statusText);
    view.status.dataset.status = entry.status;
    setText(view.ranLines, header.ranLines ?? '');
    view.ranLines.hidden = header.ranLines === null;
    setText(view.duration, header.duration ?? '');
    view.duration.hidden = header.duration === null;
    setText(view.note, header.note ?? '');
    view.note.hidden = header.note === null;
    setText(view.error, header.error ?? '');
    view.error.hidden = header.error === null;
    this._outputs.show(entry.key, view.body, entry.state.outputs);
  }

  private _highlight(node: HTMLElement): void {
    for (const view of this._nodes.values()) {
      view.node.classList.remove('jp-mod-highlighted');
    }
    node.classList.add('jp-mod-highlighted');
    if (this._highlightTimer !== null) {
      clearTimeout(this._highlightTimer);
    }
    this._highlightTimer = setTimeout(() => {
      this._highlightTimer = null;
      node.classList.remove('jp-mod-highlighted');
    }, HIGHLIGHT_MS);
  }

  private _trans: TranslationBundle;
  private _runner: ICellScriptRunner;
  private _openLine: (path: string, line: number) => void;
  private _outputs: CellOutputs;
  private _reference: IScriptReference;
  private _states: IRunStates | null = null;
  private _nodes = new Map<string, IEntryView>();
  private _kernel: HTMLElement;
  private _empty: HTMLElement;
  private _list: HTMLElement;
  private _highlightTimer: ReturnType<typeof setTimeout> | null = null;
  private _renderSoon = new FrameTask(() => {
    if (this.isVisible) {
      this._render();
    }
  });
}

/** Types for OutputsView. */
export namespace OutputsView {
  /** Options to create an OutputsView. */
  export interface IOptions {
    /** The script's contents path (normalised). */
    path: string;
    /** Opens scripts (to read the script's cells). */
    scripts: IScriptService;
    /** Runs scripts and keeps their run states. */
    runner: ICellScriptRunner;
    /** Renders outputs (the app's rendermime). */
    rendermime: IRenderMimeRegistry;
    /** Translations. */
    trans: TranslationBundle;
    /** Open the script at a line (a header's "line N"). */
    openLine: (path: string, line: number) => void;
  }
}

/** The elements of one entry. */
interface IEntryView {
  node: HTMLElement;
  name: HTMLElement;
  line: HTMLElement;
  status: HTMLElement;
  ranLines: HTMLElement;
  duration: HTMLElement;
  note: HTMLElement;
  error: HTMLElement;
  body: HTMLElement;
}

/** A new element with a class and, optionally, text (as text, never HTML). */
function element(tag: string, className: string, text = ''): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

/** Set an element's text only when it differs (no needless DOM writes while output streams). */
function setText(node: HTMLElement, text: string): void {
  if (node.textContent !== text) {
    node.textContent = text;
  }
}
