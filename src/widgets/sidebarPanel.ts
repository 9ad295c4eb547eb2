import type { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import type { TranslationBundle } from '@jupyterlab/translation';
import {
  fastForwardIcon,
  LabIcon,
  refreshIcon,
  stopIcon
} from '@jupyterlab/ui-components';
import type { CommandRegistry } from '@lumino/commands';
import { Message } from '@lumino/messaging';
import { DisposableDelegate, type IDisposable } from '@lumino/disposable';
import { PanelLayout, Widget } from '@lumino/widgets';
import { CommandIDs } from '../commands';
import { cellKey, RunStates } from '../run/runStates';
import type { ICellScriptRunner, IRunStates } from '../tokens';
import type { IScriptCell } from '../script';
import { CellList, element, RunRequest } from './cellList';
import { CellOutputs } from './cellOutputs';
import { ExportsView } from './exportsView';
import { SidebarModel } from './sidebarModel';

/** The toolbar's commands, in order, with their icons. */
const TOOLBAR: Array<[string, LabIcon]> = [
  [CommandIDs.runAll, fastForwardIcon],
  [CommandIDs.interrupt, stopIcon],
  [CommandIDs.resetNamespace, refreshIcon]
];

/**
 * The CellScript sidebar: a path field, the chosen script and its cells. It renders its
 * model and does work (rendering, watching the file) only while visible.
 */
export class SidebarPanel extends Widget {
  constructor(options: SidebarPanel.IOptions) {
    super();
    this.model = options.model;
    this._trans = options.trans;
    this._onOpenCell = options.onOpenCell;
    this._commands = options.commands;
    this._runner = options.runner ?? null;
    this._outputs = options.rendermime
      ? new CellOutputs(options.rendermime)
      : null;
    this.addClass('jp-CellScript-panel');

    const trans = this._trans;
    this._form = document.createElement('form');
    this._form.className = 'jp-CellScript-pathForm';
    this._input = document.createElement('input');
    this._input.className = 'jp-CellScript-pathInput jp-mod-styled';
    this._input.type = 'text';
    this._input.placeholder = trans.__('path/to/script.py');
    this._input.setAttribute('aria-label', trans.__('Script path'));
    const button = element(
      'button',
      'jp-CellScript-openButton jp-mod-styled jp-mod-accept',
      trans.__('Open')
    ) as HTMLButtonElement;
    button.type = 'submit';
    this._form.append(this._input, button);
    this._form.addEventListener('submit', this._onSubmit);

    this._toolbar = element('div', 'jp-CellScript-toolbar');
    this._toolbar.setAttribute('role', 'toolbar');
    for (const [id, icon] of TOOLBAR) {
      const button = element(
        'button',
        'jp-CellScript-toolbarButton'
      ) as HTMLButtonElement;
      button.dataset.command = id;
      button.append(
        icon.element({ tag: 'span', elementSize: 'small' }),
        element('span', 'jp-CellScript-toolbarLabel')
      );
      button.addEventListener('click', () => {
        void this._commands.execute(id, { path: this.model.path ?? '' });
      });
      this._toolbar.appendChild(button);
    }
    this._kernel = element('div', 'jp-CellScript-kernel');
    this._info = element('div', 'jp-CellScript-scriptInfo');
    this._message = element('div', 'jp-CellScript-message');
    this._message.setAttribute('role', 'status');
    this._runError = element('button', 'jp-CellScript-runError');
    this._runError.hidden = true;
    this._runError.addEventListener('click', () => {
      const at = this._runErrorAt;
      const path = this.model.path;
      if (at && path) {
        void this._commands.execute(CommandIDs.revealLine, { path, line: at });
      }
    });
    this._cells = new CellList({
      trans,
      onActivate: cell => this._openCell(cell),
      onRun: (cell, request) => this._run(cell, request)
    });

    this._exports = this._runner
      ? new ExportsView({ trans, exports: this._runner.exports })
      : null;

    // The panel's own parts in one widget, sections (addSection) after it.
    this.layout = new PanelLayout();
    const body = new Widget();
    body.addClass('jp-CellScript-panelBody');
    this._sectionsLayout.addWidget(body);
    body.node.append(
      this._form,
      this._kernel,
      this._toolbar,
      this._info,
      this._message,
      this._runError,
      this._cells.node
    );
    if (this._exports) {
      body.node.appendChild(this._exports.node);
    }
    this.model.changed.connect(this._onModelChanged, this);
    this._runner?.changed.connect(this._onModelChanged, this);
  }

  /** What the panel shows. */
  readonly model: SidebarModel;

  /** The list of cells (for tests and commands that need a row). */
  get cellList(): CellList {
    return this._cells;
  }

  /** The exports section, when the panel has a runner. */
  get exportsView(): ExportsView | null {
    return this._exports;
  }

  /** Add a section below the cells, in rank order (lower first). */
  addSection(widget: Widget, options: { rank?: number } = {}): IDisposable {
    const rank = options.rank ?? 100;
    this._ranks.set(widget, rank);
    const layout = this._sectionsLayout;
    let at = layout.widgets.length;
    for (let i = 1; i < layout.widgets.length; i++) {
      if ((this._ranks.get(layout.widgets[i]) ?? 100) > rank) {
        at = i;
        break;
      }
    }
    layout.insertWidget(at, widget);
    return new DisposableDelegate(() => {
      this._ranks.delete(widget);
      if (!widget.isDisposed && widget.parent === (this as Widget)) {
        widget.parent = null;
      }
    });
  }

  private get _sectionsLayout(): PanelLayout {
    return this.layout as PanelLayout;
  }

  /** Dispose the panel and its model. */
  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._form.removeEventListener('submit', this._onSubmit);
    this._followStates(null);
    this._outputs?.dispose();
    this._exports?.dispose();
    this._cells.dispose();
    this.model.dispose();
    super.dispose();
  }

  protected onAfterShow(msg: Message): void {
    this.model.setWatching(true);
    this._render();
  }

  protected onBeforeHide(msg: Message): void {
    this.model.setWatching(false);
  }

  protected onAfterAttach(msg: Message): void {
    if (this.isVisible) {
      this.model.setWatching(true);
    }
    this._render();
  }

  protected onBeforeDetach(msg: Message): void {
    this.model.setWatching(false);
  }

  private _onModelChanged(): void {
    // Hidden panels render when shown again (onAfterShow).
    if (this.isVisible) {
      this._render();
    }
  }

  private _render(): void {
    const trans = this._trans;
    const model = this.model;
    const path = model.path;
    if (document.activeElement !== this._input) {
      this._input.value = path ?? '';
    }
    const doc = model.document;
    const script = doc?.script ?? null;

    this._info.replaceChildren();
    if (path) {
      const name = element('span', 'jp-CellScript-scriptPath', path);
      name.title = path;
      this._info.appendChild(name);
      if (script) {
        this._info.appendChild(
          element(
            'span',
            'jp-CellScript-cellCount',
            trans._n('%1 cell', '%1 cells', script.cells.length)
          )
        );
      }
      if (doc?.fromEditor) {
        this._info.appendChild(
          element('span', 'jp-CellScript-unsaved', trans.__('unsaved edits'))
        );
      }
    }

    this._setMessage(this._messageFor(), doc?.problem ? 'error' : 'info');
    this._cells.update(script?.cells ?? []);
    this._renderKernel();
    this._exports?.setPath(path);
    this._followStates(path ? (this._runner?.statesFor(path) ?? null) : null);
    this._renderRuns(null);
  }

  /** The kernel line and the toolbar's enabled state. */
  private _renderKernel(): void {
    const trans = this._trans;
    const runner = this._runner;
    const target = runner?.target ?? null;
    this._toolbar.hidden = !runner;
    this._kernel.hidden = !runner;
    if (!runner) {
      return;
    }
    if (!target) {
      this._kernel.textContent = trans.__(
        'No notebook open. Open a notebook with a Python kernel: script cells run in its kernel.'
      );
    } else {
      const status = target.kernel?.status ?? trans.__('no kernel');
      this._kernel.textContent = trans.__(
        'Runs in %1 · %2 · %3',
        target.notebookPath,
        target.kernelName,
        status
      );
      this._kernel.title = trans.__(
        'Script cells run in the kernel of the active notebook, %1',
        target.notebookPath
      );
    }
    const args = { path: this.model.path ?? '' };
    for (const button of this._toolbar.querySelectorAll('button')) {
      const id = button.dataset.command!;
      // Commands may be registered after the panel was built: label them on each render.
      button.lastElementChild!.textContent = this._commands.label(id, args);
      button.title = this._commands.caption(id, args);
      button.disabled = !this._commands.isEnabled(id, args);
    }
  }

  /** Show run states in the rows: all of them (key null) or the cells with one key. */
  private _renderRuns(key: string | null): void {
    this._renderRunError();
    if (key !== null) {
      // One cell's state changed (e.g. an output streamed in): touch only its rows.
      this._cellsByKey.get(key)?.forEach(cell => this._renderRun(cell, key));
      return;
    }
    this._cellsByKey.clear();
    for (const cell of this.model.document?.script?.cells ?? []) {
      if (cell.type === 'code') {
        const cellId = cellKey(cell);
        const same = this._cellsByKey.get(cellId);
        if (same) {
          same.push(cell);
        } else {
          this._cellsByKey.set(cellId, [cell]);
        }
        this._renderRun(cell, cellId);
      }
    }
    this._outputs?.retain(
      this._states ? new Set(this._cellsByKey.keys()) : new Set()
    );
  }

  /**
   * The last run's error at the top, while it is the latest thing that ran: which cell, the
   * exception and its line; a click opens the script there.
   */
  private _renderRunError(): void {
    const states = this._states;
    let latest: IScriptCell | null = null;
    let latestOrder = -1;
    for (const cell of this.model.document?.script?.cells ?? []) {
      const order = cell.type === 'code' ? states?.get(cell).runOrder : null;
      if (order !== null && order !== undefined && order > latestOrder) {
        latest = cell;
        latestOrder = order;
      }
    }
    const error = latest ? states?.get(latest).error : null;
    const failed =
      latest !== null && error && states?.get(latest).status === 'error';
    this._runErrorAt = failed
      ? (error.line ?? latest!.markerLine ?? latest!.firstLine)
      : null;
    this._runError.hidden = !failed;
    if (!failed || !latest || !error) {
      return;
    }
    const trans = this._trans;
    const cellName = latest.name ?? trans.__('cell %1', latest.index);
    this._runError.textContent = error.line
      ? trans.__(
          '%1 failed: %2: %3 (line %4)',
          cellName,
          error.ename,
          error.evalue,
          error.line
        )
      : trans.__('%1 failed: %2: %3', cellName, error.ename, error.evalue);
    this._runError.title = trans.__('Open the script at the error');
  }

  private _renderRun(cell: IScriptCell, cellId: string): void {
    const states = this._states;
    const state = states?.get(cell) ?? RunStates.notRun;
    this._cells.setRunView(cell.index, {
      state,
      changed: states?.isChanged(cell) ?? false
    });
    const host = this._cells.outputHost(cell.index);
    if (host) {
      this._outputs?.show(cellId, host, state.outputs);
    }
  }

  private _followStates(states: IRunStates | null): void {
    if (states === this._states) {
      return;
    }
    this._states?.changed.disconnect(this._onStatesChanged, this);
    this._states = states;
    states?.changed.connect(this._onStatesChanged, this);
  }

  private _onStatesChanged(_: IRunStates, key: string | null): void {
    if (this.isVisible) {
      this._renderRuns(key);
    }
  }

  private _run(cell: IScriptCell, request: RunRequest): void {
    const path = this.model.path;
    if (!path) {
      return;
    }
    const id = request === 'cell' ? CommandIDs.runCell : CommandIDs.runTo;
    // Structured: an index is never read as a name (a cell may be named "1").
    void this._commands.execute(id, { path, cell: { index: cell.index } });
  }

  private _messageFor(): string {
    const trans = this._trans;
    const doc = this.model.document;
    if (!doc) {
      return trans.__(
        'Choose a Python script: type its path above, or right-click a .py file in the file browser and pick "Open in CellScript Sidebar".'
      );
    }
    if (doc.problem) {
      return doc.problem.message;
    }
    const script = doc.script;
    if (!script) {
      return trans.__('Reading %1…', doc.path);
    }
    if (script.cells.length === 0) {
      return trans.__(
        'This script is empty. Add a line "%1 Setup" to start a cell named Setup.',
        this.model.marker
      );
    }
    if (script.cells.every(cell => cell.markerLine === null)) {
      return trans.__(
        'No "%1" markers: the whole script is one cell. Add lines like "%1 Setup" to split it.',
        this.model.marker
      );
    }
    return '';
  }

  private _setMessage(text: string, kind: 'info' | 'error'): void {
    this._message.textContent = text;
    this._message.hidden = text === '';
    this._message.classList.toggle('jp-CellScript-error', kind === 'error');
  }

  private _openCell(cell: IScriptCell): void {
    const path = this.model.path;
    if (path) {
      this._onOpenCell(path, cell);
    }
  }

  private _onSubmit = (event: Event): void => {
    event.preventDefault();
    const path = this._input.value.trim();
    void this.model.setPath(path === '' ? null : path);
  };

  private _ranks = new Map<Widget, number>();
  private _trans: TranslationBundle;
  private _commands: CommandRegistry;
  private _runner: ICellScriptRunner | null;
  private _outputs: CellOutputs | null;
  private _states: IRunStates | null = null;
  private _cellsByKey = new Map<string, IScriptCell[]>();
  private _toolbar: HTMLElement;
  private _kernel: HTMLElement;
  private _onOpenCell: (path: string, cell: IScriptCell) => void;
  private _form: HTMLFormElement;
  private _input: HTMLInputElement;
  private _info: HTMLElement;
  private _message: HTMLElement;
  private _runError: HTMLElement;
  private _runErrorAt: number | null = null;
  private _cells: CellList;
  private _exports: ExportsView | null;
}

/** Types for SidebarPanel. */
export namespace SidebarPanel {
  /** Options to create a SidebarPanel. */
  export interface IOptions {
    /** The state shown. */
    model: SidebarModel;
    /** Translations. */
    trans: TranslationBundle;
    /** Open the script in an editor at a cell. */
    onOpenCell: (path: string, cell: IScriptCell) => void;
    /** Runs commands (run cell, run all, interrupt, reset) for the buttons. */
    commands: CommandRegistry;
    /** Runs scripts; without it the panel only lists cells. */
    runner?: ICellScriptRunner | null;
    /** Renders cell outputs (the app's rendermime). */
    rendermime?: IRenderMimeRegistry | null;
  }
}
