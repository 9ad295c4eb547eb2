import type { TranslationBundle } from '@jupyterlab/translation';
import { closeIcon } from '@jupyterlab/ui-components';
import { specText } from '../kernel/exports';
import { normalizeScriptPath } from '../kernel/paths';
import type { ExportState, IScriptExports } from '../tokens';
import { element } from './cellList';

/**
 * The sidebar's "Exports" section: the variables a script exports into the notebook, where
 * each stands in the active notebook's kernel, a field to add more and a button to remove
 * each. Names are shown as text, never as HTML.
 */
export class ExportsView {
  constructor(options: ExportsView.IOptions) {
    this._trans = options.trans;
    this._exports = options.exports;
    const trans = this._trans;

    this.node = element('section', 'jp-CellScript-exports');
    this.node.setAttribute('aria-label', trans.__('Exports'));
    const title = element(
      'h3',
      'jp-CellScript-sectionTitle',
      trans.__('Exports')
    );
    this._hint = element(
      'p',
      'jp-CellScript-exportsHint',
      trans.__(
        "Copy the script's variables into the notebook after every complete run."
      )
    );
    this._list = element('ul', 'jp-CellScript-exportList');

    this._form = document.createElement('form');
    this._form.className = 'jp-CellScript-exportForm';
    this._input = document.createElement('input');
    this._input.className = 'jp-CellScript-exportInput jp-mod-styled';
    this._input.type = 'text';
    this._input.placeholder = trans.__('loss, model_v2=model');
    this._input.setAttribute('aria-label', trans.__('Variables to export'));
    const add = element(
      'button',
      'jp-CellScript-exportAdd jp-mod-styled',
      trans.__('Export')
    ) as HTMLButtonElement;
    add.type = 'submit';
    this._form.append(this._input, add);
    this._form.addEventListener('submit', this._onSubmit);

    this._message = element('div', 'jp-CellScript-exportMessage');
    this._message.setAttribute('role', 'status');
    this._message.hidden = true;
    this.node.append(title, this._hint, this._list, this._form, this._message);
    this._exports.changed.connect(this._onChanged, this);
  }

  /** The section's element. */
  readonly node: HTMLElement;

  /** Show the exports of a script (null: none chosen, the section hides). */
  setPath(path: string | null): void {
    if (path !== this._path) {
      this._path = path;
      this._showMessage('', 'info');
    }
    this.update();
  }

  /** Render the exports again (e.g. the active notebook's kernel changed). */
  update(): void {
    const path = this._path;
    this.node.hidden = !path;
    if (!path) {
      return;
    }
    const trans = this._trans;
    const items = this._exports.statusFor(path).map(status => {
      const item = element('li', 'jp-CellScript-export');
      item.dataset.target = status.target;
      item.dataset.state = status.state;
      const name = element(
        'code',
        'jp-CellScript-exportName',
        specText(status)
      );
      name.title =
        status.target === status.source
          ? trans.__('%1 in the notebook', status.target)
          : trans.__(
              "%1 in the notebook is the script's %2",
              status.target,
              status.source
            );
      const state = element(
        'span',
        'jp-CellScript-exportState',
        Private.stateLabel(trans, status.state)
      );
      state.title = Private.stateHelp(trans, status.state, status.source);
      const remove = element(
        'button',
        'jp-CellScript-exportRemove'
      ) as HTMLButtonElement;
      remove.type = 'button';
      remove.title = trans.__('Stop exporting %1', status.target);
      remove.setAttribute('aria-label', remove.title);
      remove.append(closeIcon.element({ tag: 'span', elementSize: 'small' }));
      remove.addEventListener('click', () => {
        this._exports.remove(path, [status.target]);
        this._showMessage(
          trans.__(
            'No longer exporting %1; the notebook keeps the value it has.',
            status.target
          ),
          'info'
        );
      });
      item.append(name, state, remove);
      return item;
    });
    this._list.replaceChildren(...items);
    this._hint.hidden = items.length > 0;
  }

  /** Focus the field to add exports (the "Show Exports" command). */
  focusInput(): void {
    this._input.focus();
  }

  /** Stop listening. */
  dispose(): void {
    this._form.removeEventListener('submit', this._onSubmit);
    this._exports.changed.disconnect(this._onChanged, this);
  }

  private _onChanged(_: unknown, path: string): void {
    if (this._path !== null && path === normalizeScriptPath(this._path)) {
      this.update();
    }
  }

  private _onSubmit = (event: Event): void => {
    event.preventDefault();
    const path = this._path;
    const text = this._input.value.trim();
    if (!path || !text) {
      return;
    }
    const trans = this._trans;
    this._exports.declare(path, text).then(
      declaration => {
        this._input.value = '';
        const names = declaration.declared.map(specText).join(', ');
        this._showMessage(
          declaration.notApplied
            ? trans.__(
                'Exporting %1 after the next complete run (%2)',
                names,
                declaration.notApplied
              )
            : declaration.applied
              ? ''
              : trans.__(
                  'Exporting %1 after the next complete run in a notebook.',
                  names
                ),
          'info'
        );
      },
      error => {
        // The text stays in the field to be corrected.
        this._showMessage(
          error instanceof Error ? error.message : String(error),
          'error'
        );
      }
    );
  };

  private _showMessage(text: string, kind: 'info' | 'error'): void {
    this._message.textContent = text;
    this._message.hidden = !text;
    this._message.classList.toggle('jp-CellScript-error', kind === 'error');
  }

  private _trans: TranslationBundle;
  private _exports: IScriptExports;
  private _path: string | null = null;
  private _hint: HTMLElement;
  private _list: HTMLElement;
  private _form: HTMLFormElement;
  private _input: HTMLInputElement;
  private _message: HTMLElement;
}

/** Types for ExportsView. */
export namespace ExportsView {
  /** Options to create an ExportsView. */
  export interface IOptions {
    /** Translations. */
    trans: TranslationBundle;
    /** The declared exports (the runner's). */
    exports: IScriptExports;
  }
}

namespace Private {
  /** A short label of an export's state. */
  export function stateLabel(
    trans: TranslationBundle,
    state: ExportState
  ): string {
    switch (state) {
      case 'exported':
        return trans.__('in notebook');
      case 'missing':
        return trans.__('not defined');
      default:
        return trans.__('after next run');
    }
  }

  /** What an export's state means and what to do. */
  export function stateHelp(
    trans: TranslationBundle,
    state: ExportState,
    source: string
  ): string {
    switch (state) {
      case 'exported':
        return trans.__('Copied into the notebook at the last complete run.');
      case 'missing':
        return trans.__(
          "The script's namespace had no variable %1: define it in the script, or run the cell that does.",
          source
        );
      default:
        return trans.__(
          'Copied into the notebook after the next complete run of the script in this kernel.'
        );
    }
  }
}
