import type { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import type { TranslationBundle } from '@jupyterlab/translation';
import { SidePanel } from '@jupyterlab/ui-components';
import type { CommandRegistry } from '@lumino/commands';
import { DisposableDelegate, type IDisposable } from '@lumino/disposable';
import { Message } from '@lumino/messaging';
import { Panel, Widget } from '@lumino/widgets';
import { CommandIDs } from '../commands';
import { staleCells } from '../run/cellPickers';
import { cellKey } from '../run/runStates';
import type { IScriptCell } from '../script';
import type { ICellScriptRunner, IRunStates } from '../tokens';
import { CellList, type CellRequest } from './cellList';
import { element } from './cellRow';
import { ExportsView } from './exportsView';
import { FrameTask } from './frameTask';
import { SidebarHeader } from './sidebarHeader';
import { SidebarModel } from './sidebarModel';

/** Rank of the exports section among the sections below the cells. */
const EXPORTS_RANK = 200;

/** The commands a row's requests run, with the cell as `{ index }`. */
const REQUEST_COMMANDS: { [K in CellRequest]?: string } = {
  cell: CommandIDs.runCell,
  'to-here': CommandIDs.runTo,
  load: CommandIDs.loadCell,
  outputs: CommandIDs.showOutputs
};

/**
 * The CellScript sidebar: a JupyterLab side panel with the path field and kernel line on top,
 * its toolbar (declared in the settings, see the sidebar plugin), then the chosen script's
 * cells and the sections below them. It renders its model and does work (rendering, watching
 * the file) only while visible.
 */
export class SidebarPanel extends SidePanel {
  constructor(options: SidebarPanel.IOptions) {
    super({ content: new Panel() });
    this.model = options.model;
    const trans = (this._translations = options.trans);
    this._onOpenCell = options.onOpenCell;
    this._commands = options.commands;
    this._runner = options.runner ?? null;
    this.addClass('jp-CellScript-panel');
    this.toolbar.addClass('jp-CellScript-toolbar');
    this.toolbar.node.setAttribute('aria-label', trans.__('Script actions'));

    this._pathHeader = new SidebarHeader({
      trans,
      onChoose: path => void this.model.setPath(path)
    });
    this.header.addWidget(this._pathHeader);

    const status = new Widget();
    status.addClass('jp-CellScript-scriptStatus');
    this._info = element('div', 'jp-CellScript-scriptInfo');
    this._message = element('div', 'jp-CellScript-message');
    this._message.setAttribute('role', 'status');
    this._runError = element('button', 'jp-CellScript-runError');
    this._runError.hidden = true;
    this._runError.addEventListener('click', this._onRunErrorClick);
    status.node.append(this._info, this._message, this._runError);

    this._cells = new CellList({
      trans,
      rendermime: options.rendermime,
      onRequest: (cell, request) => this._request(cell, request)
    });
    const cells = new Widget({ node: this._cells.node });
    cells.addClass('jp-CellScript-cellsSection');
    this.content.addWidget(status);
    this.content.addWidget(cells);

    this._exports = this._runner
      ? new ExportsView({ trans, exports: this._runner.exports })
      : null;
    if (this._exports) {
      this.addSection(new Widget({ node: this._exports.node }), {
        rank: EXPORTS_RANK
      });
    }
    this.model.changed.connect(this._onModelChanged, this);
    this._runner?.changed.connect(this._onRunnerChanged, this);
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

  /** Add a section below the cells, in rank order (lower first; default 100). */
  addSection(widget: Widget, options: { rank?: number } = {}): IDisposable {
    const rank = options.rank ?? 100;
    this._ranks.set(widget, rank);
    widget.addClass('jp-CellScript-section');
    const widgets = this.content.widgets;
    let at = widgets.length;
    // The first two widgets are the panel's own: the script's status and its cells.
    for (let i = 2; i < widgets.length; i++) {
      if ((this._ranks.get(widgets[i]) ?? 100) > rank) {
        at = i;
        break;
      }
    }
    this.content.insertWidget(at, widget);
    return new DisposableDelegate(() => {
      this._ranks.delete(widget);
      if (!widget.isDisposed && widget.parent === this.content) {
        widget.parent = null;
      }
    });
  }

  /** Dispose the panel and its model. */
  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._runError.removeEventListener('click', this._onRunErrorClick);
    this._followStates(null);
    this._cancelRunsDue();
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
    super.onAfterAttach(msg);
    if (this.isVisible) {
      this.model.setWatching(true);
    }
    this._render();
  }

  protected onBeforeDetach(msg: Message): void {
    this.model.setWatching(false);
    super.onBeforeDetach(msg);
  }

  private _onModelChanged(): void {
    // Hidden panels render when shown again (onAfterShow).
    if (this.isVisible) {
      this._render();
    }
  }

  /**
   * The runner's target or runs changed (the kernel's status among them: busy and idle at
   * every request of a run): the header, and the run states when the script's are others
   * now (another kernel). The rows are not redrawn for a status.
   */
  private _onRunnerChanged(): void {
    if (!this.isVisible) {
      return;
    }
    this._pathHeader.setRunner(this._runner);
    const states = this._statesOfScript();
    if (states !== this._states) {
      this._followStates(states);
      this._cancelRunsDue();
      this._renderRuns(null);
    }
  }

  private _render(): void {
    const model = this.model;
    const path = model.path;
    this._pathHeader.setPath(path);
    this._pathHeader.setRunner(this._runner);
    this._renderInfo();
    const doc = model.document;
    this._setMessage(this._messageFor(), doc?.problem ? 'error' : 'info');
    this._cells.update(doc?.script?.cells ?? []);
    this._exports?.setPath(path);
    this._followStates(this._statesOfScript());
    this._cancelRunsDue();
    this._renderRuns(null);
  }

  private _renderInfo(): void {
    const trans = this._translations;
    const path = this.model.path;
    const doc = this.model.document;
    const script = doc?.script ?? null;
    this._info.replaceChildren();
    if (!path) {
      return;
    }
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

  /**
   * Show run states in the rows: all of them (keys null), or the cells with these keys and
   * those whose "ran on old results" changed with them.
   */
  private _renderRuns(keys: ReadonlySet<string> | null): void {
    const states = this._states;
    const cells = this.model.document?.script?.cells ?? [];
    const stale = new Set(states ? staleCells(cells, states).map(cellKey) : []);
    const wasStale = this._stale;
    this._stale = stale;
    for (const cell of cells) {
      if (cell.type !== 'code') {
        continue;
      }
      const id = cellKey(cell);
      if (
        keys !== null &&
        !keys.has(id) &&
        stale.has(id) === wasStale.has(id)
      ) {
        continue;
      }
      this._cells.setRunView(
        cell.index,
        states
          ? {
              state: states.get(cell),
              changed: states.isChanged(cell),
              stale: stale.has(id)
            }
          : null
      );
    }
    this._renderRunError(cells);
  }

  /**
   * The last run's error at the top, while it is the latest thing that ran: which cell, the
   * exception and its line; a click opens the script there.
   */
  private _renderRunError(cells: readonly IScriptCell[]): void {
    const states = this._states;
    let latest: IScriptCell | null = null;
    let latestOrder = -1;
    for (const cell of cells) {
      const order = cell.type === 'code' ? states?.get(cell).runOrder : null;
      if (order !== null && order !== undefined && order > latestOrder) {
        latest = cell;
        latestOrder = order;
      }
    }
    const state = latest ? states?.get(latest) : null;
    const error = state?.status === 'error' ? state.error : null;
    this._runErrorAt =
      latest && error
        ? (error.line ?? latest.markerLine ?? latest.firstLine)
        : null;
    this._runError.hidden = !error;
    if (!latest || !error) {
      return;
    }
    const trans = this._translations;
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

  /** The run states of the shown script in the runner's target kernel, if any. */
  private _statesOfScript(): IRunStates | null {
    const path = this.model.path;
    return path ? (this._runner?.statesFor(path) ?? null) : null;
  }

  private _followStates(states: IRunStates | null): void {
    if (states === this._states) {
      return;
    }
    this._states?.changed.disconnect(this._onStatesChanged, this);
    this._states = states;
    this._stale = new Set();
    states?.changed.connect(this._onStatesChanged, this);
  }

  /**
   * Show changed run states at the next frame, all those of a frame at once: a run of many
   * quick cells changes hundreds of states a frame, and each showing reads every cell (the
   * stale ones). Hidden, nothing: showing the panel renders every state.
   */
  private _onStatesChanged(_: IRunStates, key: string | null): void {
    if (!this.isVisible) {
      return;
    }
    if (key === null) {
      this._allRunsDue = true;
    } else {
      this._runsDue.add(key);
    }
    this._showRunsDue.schedule();
  }

  /** Forget the states waiting to be shown (they are shown now, or the panel is gone). */
  private _cancelRunsDue(): void {
    this._showRunsDue.cancel();
    this._runsDue = new Set();
    this._allRunsDue = false;
  }

  /** Do what a row asked: run, load or show outputs through commands, or open the editor. */
  private _request(cell: IScriptCell, request: CellRequest): void {
    const path = this.model.path;
    if (!path) {
      return;
    }
    if (request === 'open') {
      this._onOpenCell(path, cell);
      return;
    }
    if (cell.type !== 'code' && request !== 'load') {
      return; // Only code cells run or have outputs.
    }
    const id = REQUEST_COMMANDS[request]!;
    if (!this._commands.hasCommand(id)) {
      return; // e.g. no outputs view installed.
    }
    // Structured: an index is never read as a name (a cell may be named "1").
    // Run even when the command says it cannot act (no notebook open): it tells the user why.
    void this._commands.execute(id, { path, cell: { index: cell.index } });
  }

  private _messageFor(): string {
    const trans = this._translations;
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

  private _onRunErrorClick = (): void => {
    const at = this._runErrorAt;
    const path = this.model.path;
    if (at && path) {
      void this._commands.execute(CommandIDs.revealLine, { path, line: at });
    }
  };

  private _ranks = new Map<Widget, number>();
  private _translations: TranslationBundle;
  private _commands: CommandRegistry;
  private _runner: ICellScriptRunner | null;
  private _states: IRunStates | null = null;
  private _stale = new Set<string>();
  /** The keys of run states changed since the last frame (all of them: _allRunsDue). */
  private _runsDue = new Set<string>();
  private _allRunsDue = false;
  private _showRunsDue = new FrameTask(() => {
    const keys = this._allRunsDue ? null : this._runsDue;
    this._cancelRunsDue();
    this._renderRuns(keys);
  });
  private _pathHeader: SidebarHeader;
  private _onOpenCell: (path: string, cell: IScriptCell) => void;
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
    /** Runs the commands rows ask for (run cell, run to, load, show outputs). */
    commands: CommandRegistry;
    /** Runs scripts; without it the panel only lists cells. */
    runner?: ICellScriptRunner | null;
    /** Renders markdown cells (the app's rendermime); without it they show as text. */
    rendermime?: IRenderMimeRegistry | null;
  }
}
