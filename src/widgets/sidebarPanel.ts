import type { TranslationBundle } from '@jupyterlab/translation';
import { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import type { IScriptCell } from '../script';
import { CellList, element } from './cellList';
import { SidebarModel } from './sidebarModel';

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

    this._info = element('div', 'jp-CellScript-scriptInfo');
    this._message = element('div', 'jp-CellScript-message');
    this._message.setAttribute('role', 'status');
    this._cells = new CellList({
      trans,
      onActivate: cell => this._openCell(cell)
    });

    this.node.append(this._form, this._info, this._message, this._cells.node);
    this.model.changed.connect(this._onModelChanged, this);
  }

  /** What the panel shows. */
  readonly model: SidebarModel;

  /** The list of cells (for tests and commands that need a row). */
  get cellList(): CellList {
    return this._cells;
  }

  /** Dispose the panel and its model. */
  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._form.removeEventListener('submit', this._onSubmit);
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
        'This script is empty. Add a line "# %% Setup" to start a cell named Setup.'
      );
    }
    if (script.cells.every(cell => cell.markerLine === null)) {
      return trans.__(
        'No "# %%" markers: the whole script is one cell. Add lines like "# %% Setup" to split it.'
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

  private _trans: TranslationBundle;
  private _onOpenCell: (path: string, cell: IScriptCell) => void;
  private _form: HTMLFormElement;
  private _input: HTMLInputElement;
  private _info: HTMLElement;
  private _message: HTMLElement;
  private _cells: CellList;
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
  }
}
