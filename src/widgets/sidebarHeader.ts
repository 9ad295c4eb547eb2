import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import type { ICellScriptRunner } from '../tokens';
import { element } from './cellRow';

/**
 * The top of the sidebar: the field to choose a script by its path, and the line that says
 * which notebook's kernel runs it.
 */
export class SidebarHeader extends Widget {
  constructor(options: SidebarHeader.IOptions) {
    super();
    const trans = (this._trans = options.trans);
    this._onChoose = options.onChoose;
    this.addClass('jp-CellScript-header');

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

    this._kernel = element('div', 'jp-CellScript-kernel');
    this.node.append(this._form, this._kernel);
  }

  /** Show the chosen path in the field, unless the user is typing there. */
  setPath(path: string | null): void {
    if (document.activeElement !== this._input) {
      this._input.value = path ?? '';
    }
  }

  /** Say where script cells run (or that they cannot); hidden without a runner. */
  setRunner(runner: ICellScriptRunner | null): void {
    const trans = this._trans;
    this._kernel.hidden = !runner;
    const target = runner?.target ?? null;
    if (!runner) {
      return;
    }
    if (!target) {
      this._kernel.textContent = trans.__(
        'No notebook open. Open a notebook with a Python kernel: script cells run in its kernel.'
      );
      this._kernel.title = '';
      return;
    }
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

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._form.removeEventListener('submit', this._onSubmit);
    super.dispose();
  }

  private _onSubmit = (event: Event): void => {
    event.preventDefault();
    const path = this._input.value.trim();
    this._onChoose(path === '' ? null : path);
  };

  private _trans: TranslationBundle;
  private _onChoose: (path: string | null) => void;
  private _form: HTMLFormElement;
  private _input: HTMLInputElement;
  private _kernel: HTMLElement;
}

/** Types for SidebarHeader. */
export namespace SidebarHeader {
  /** Options to create a SidebarHeader. */
  export interface IOptions {
    trans: TranslationBundle;
    /** Called with the path the user submitted (null when the field is empty). */
    onChoose: (path: string | null) => void;
  }
}
