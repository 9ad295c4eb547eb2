import type { CodeMirrorEditor } from '@jupyterlab/codemirror';
import type { IDocumentWidget } from '@jupyterlab/docregistry';
import type { FileEditor } from '@jupyterlab/fileeditor';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IDisposable } from '@lumino/disposable';
import { Signal } from '@lumino/signaling';
import type { IScriptReference } from '../document/scriptService';
import { isPythonScriptPath } from '../document/problems';
import { normalizeScriptPath } from '../kernel/paths';
import type { ICellScriptRunner, IRunStates, IScriptService } from '../tokens';
import {
  type CellAction,
  type IEditorCellsSpec,
  drawnMarkerLines,
  setEditorCells
} from './cellBoundaries';
import { editorCells, type IEditorCell, sameEditorCells } from './cellLayout';

/** Class of a script editor whose text has cell markers: our shortcuts apply in it. */
export const CELL_EDITOR_CLASS = 'jp-CellScript-cellEditor';

/** What the user chose for script editors (settings). */
export interface IScriptEditorSettings {
  /** Draw boundaries, names and run status. */
  drawCells: boolean;
  /** Show Run, Run Above and Load above each cell. */
  cellActions: boolean;
  /** Take Shift+Enter and Ctrl+Enter also in an editor that has a console attached. */
  shortcutsWithConsole: boolean;
}

/**
 * Follows one file editor of a script: sends its cells and their run status to the editor's
 * cell drawing (see cellBoundaries) after each parse and each change of run state, and marks
 * the editor as a cell editor (for the shortcuts) while its text has markers.
 */
export class ScriptEditorCells implements IDisposable {
  constructor(options: ScriptEditorCells.IOptions) {
    this._widget = options.widget;
    this._scripts = options.scripts;
    this._runner = options.runner;
    this._trans = options.trans;
    this._settings = options.settings;
    this._hasConsole = options.hasConsole;
    this._labels = {
      run: {
        label: this._trans.__('Run Cell'),
        title: this._trans.__("Run this cell in the notebook's kernel")
      },
      'run-above': {
        label: this._trans.__('Run Above'),
        title: this._trans.__('Run every code cell before this one')
      },
      load: {
        label: this._trans.__('Load into Notebook'),
        title: this._trans.__('Load this cell into the active notebook')
      }
    };
    this._onAction = (action, cell) =>
      options.onAction(this._path ?? '', action, cell);
    this._widget.context.pathChanged.connect(this._openPath, this);
    this._runner.changed.connect(this._followStates, this);
    this._openPath();
  }

  /** Whether the follower is disposed. */
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** The script's path, or null when the file is not a Python script. */
  get path(): string | null {
    return this._path;
  }

  /** Draw again (settings changed, a console attached or went away). */
  refresh(): void {
    this._schedule();
  }

  /** Stop following; what is drawn is removed. Idempotent. */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    cancelAnimationFrame(this._frame);
    this._reference?.dispose();
    this._reference = null;
    if (!this._widget.isDisposed) {
      this._widget.content.removeClass(CELL_EDITOR_CLASS);
      this._send(null);
    }
    Signal.clearData(this);
  }

  private _openPath(): void {
    this._reference?.dispose();
    this._reference = null;
    const raw = this._widget.context.path;
    this._path = isPythonScriptPath(raw) ? normalizeScriptPath(raw) : null;
    if (this._path !== null) {
      this._reference = this._scripts.open(this._path);
      this._reference.document.changed.connect(this._schedule, this);
      void this._reference.document.ready.then(() => this._schedule());
    }
    this._followStates();
  }

  private _followStates(): void {
    const states =
      this._path !== null ? this._runner.statesFor(this._path) : null;
    if (states !== this._states) {
      this._states?.changed.disconnect(this._schedule, this);
      this._states = states;
      this._states?.changed.connect(this._schedule, this);
    }
    this._schedule();
  }

  /** Draw once per frame at most: a run-all changes states many times a second. */
  private _schedule(): void {
    if (this._isDisposed || this._frame !== 0) {
      return;
    }
    this._frame = requestAnimationFrame(() => {
      this._frame = 0;
      this._update();
    });
  }

  private _update(): void {
    if (this._isDisposed || this._widget.isDisposed) {
      return;
    }
    const script = this._reference?.document.script ?? null;
    const settings = this._settings();
    const hasCells =
      script !== null && script.cells.some(cell => cell.markerLine !== null);
    this._widget.content.toggleClass(
      CELL_EDITOR_CLASS,
      hasCells &&
        (settings.shortcutsWithConsole || !this._hasConsole(this._path ?? ''))
    );
    if (!script || !hasCells || !settings.drawCells) {
      this._send(null);
      return;
    }
    const cells = editorCells(script, this._states, this._trans);
    const last = this._sent;
    if (
      last !== null &&
      last.actions === settings.cellActions &&
      sameEditorCells(last.cells, cells) &&
      sameLines(drawnMarkerLines(this._view().state), cells)
    ) {
      // Typing inside a cell: what is drawn has moved with the text and is still right.
      return;
    }
    this._send({
      cells,
      actions: settings.cellActions,
      labels: this._labels,
      onAction: this._onAction,
      lineCount: script.lineCount
    });
  }

  private _send(spec: IEditorCellsSpec | null): void {
    if (spec === null && this._sent === null) {
      return;
    }
    this._sent = spec;
    this._view().dispatch({ effects: setEditorCells.of(spec) });
  }

  private _view() {
    return (this._widget.content.editor as CodeMirrorEditor).editor;
  }

  private _widget: IDocumentWidget<FileEditor>;
  private _scripts: IScriptService;
  private _runner: ICellScriptRunner;
  private _trans: TranslationBundle;
  private _settings: () => IScriptEditorSettings;
  private _hasConsole: (path: string) => boolean;
  private _labels: IEditorCellsSpec['labels'];
  private _onAction: IEditorCellsSpec['onAction'];
  private _path: string | null = null;
  private _reference: IScriptReference | null = null;
  private _states: IRunStates | null = null;
  private _frame = 0;
  /** What the editor draws now (null: nothing). */
  private _sent: IEditorCellsSpec | null = null;
  private _isDisposed = false;
}

/** Whether `lines` are the marker lines of `cells`, in order. */
function sameLines(lines: readonly number[], cells: readonly IEditorCell[]) {
  return (
    lines.length === cells.length &&
    cells.every((cell, i) => cell.markerLine === lines[i])
  );
}

/** Types for ScriptEditorCells. */
export namespace ScriptEditorCells {
  /** Options to follow an editor. */
  export interface IOptions {
    widget: IDocumentWidget<FileEditor>;
    scripts: IScriptService;
    runner: ICellScriptRunner;
    trans: TranslationBundle;
    /** The current settings. */
    settings: () => IScriptEditorSettings;
    /** Whether a console is attached to the script (its session's path is the script's). */
    hasConsole: (path: string) => boolean;
    /** The user picked an action above a cell of the script at `path`. */
    onAction: (path: string, action: CellAction, cell: IEditorCell) => void;
  }
}
