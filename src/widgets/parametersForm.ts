import type { TranslationBundle } from '@jupyterlab/translation';
import type { CommandRegistry } from '@lumino/commands';
import type { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import { CommandIDs } from '../commands';
import { normalizeScriptPath } from '../kernel/paths';
import type { IScriptParameter } from '../script';
import type {
  IScriptParameters,
  IScriptReference,
  IScriptService
} from '../tokens';
import {
  type IParameterRow,
  parametersView,
  valueText
} from './parametersModel';

/**
 * The sidebar's "Parameters" section: each parameter of the chosen script (name, type, help,
 * line) with a field for its value. Enter or leaving the field converts the text by the
 * parameter's type and stores it as an override (an error stays in the field, nothing is
 * stored); an override shows as such beside the default, with buttons to reset it and to
 * assign it in the kernel now. Script text is shown as text, never as HTML. Renders only
 * while visible.
 */
export class ParametersForm extends Widget {
  constructor(options: ParametersForm.IOptions) {
    super({ node: document.createElement('section') });
    this._trans = options.trans;
    this._parameters = options.parameters;
    this._scripts = options.scripts;
    this._commands = options.commands;
    const trans = this._trans;
    this.id = 'jp-CellScript-parameters';
    this.addClass('jp-CellScript-parameters');
    this.node.setAttribute('aria-labelledby', `${this.id}-title`);

    const head = element('div', 'jp-CellScript-parametersHead');
    const title = element(
      'h3',
      'jp-CellScript-parametersTitle',
      trans.__('Parameters')
    );
    title.id = `${this.id}-title`;
    this._count = element('span', 'jp-CellScript-parametersCount');
    title.append(' ', this._count);
    this._assignAll = button(
      'jp-CellScript-parametersAssignAll',
      trans.__('Assign all')
    );
    this._assignAll.title = trans.__(
      "Assign every value set in the script's namespace in the notebook's kernel now"
    );
    this._assignAll.addEventListener('click', () => this._assign());
    this._resetAll = button(
      'jp-CellScript-parametersResetAll',
      trans.__('Reset all')
    );
    this._resetAll.title = trans.__(
      "Go back to the script's defaults for every parameter"
    );
    this._resetAll.addEventListener('click', () => this._reset());
    head.append(title, this._assignAll, this._resetAll);

    this._body = element('div', 'jp-CellScript-parametersBody');
    this._message = element('div', 'jp-CellScript-parametersMessage');
    this._message.setAttribute('role', 'status');
    this._message.hidden = true;
    this.node.append(head, this._body, this._message);
    this.node.hidden = true;
    this._parameters.changed.connect(this._onOverridesChanged, this);
  }

  /** The script shown (a contents path), or null. */
  get path(): string | null {
    return this._path;
  }

  /** Show the parameters of a script (null: none chosen, the section hides). */
  setPath(path: string | null): void {
    const key = path ? normalizeScriptPath(path) : null;
    if (key === this._path) {
      return;
    }
    this._reference?.document.changed.disconnect(this._onScriptChanged, this);
    this._reference?.dispose();
    this._reference = null;
    this._path = key;
    this._drafts.clear();
    this._showMessage('', 'info');
    if (key) {
      this._reference = this._scripts.open(key);
      this._reference.document.changed.connect(this._onScriptChanged, this);
    }
    this.node.hidden = !key;
    this.update();
  }

  /** Stop following the script and the overrides. */
  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._reference?.dispose();
    this._reference = null;
    this._parameters.changed.disconnect(this._onOverridesChanged, this);
    super.dispose();
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    if (this._stale) {
      this.update();
    }
  }

  protected onUpdateRequest(msg: Message): void {
    super.onUpdateRequest(msg);
    if (!this.isVisible) {
      this._stale = true; // rendered when shown
      return;
    }
    this._stale = false;
    this._render();
  }

  private _render(): void {
    const trans = this._trans;
    const path = this._path;
    const script = this._reference?.document.script ?? null;
    if (!path || !script) {
      this._count.textContent = '';
      this._assignAll.disabled = this._resetAll.disabled = true;
      this._body.replaceChildren(
        element(
          'p',
          'jp-CellScript-parametersHint',
          this._reference?.document.problem?.message ?? ''
        )
      );
      return;
    }
    this._keepFocusedDraft();
    const overrides = this._parameters.overridesFor(path);
    const view = parametersView(script, overrides);
    const set = Object.keys(overrides).length;
    this._count.textContent = set
      ? trans.__('(%1, %2 set)', view.rows.length, set)
      : `(${view.rows.length})`;
    this._resetAll.disabled = set === 0;
    this._assignAll.disabled = view.rows.every(
      row => row.override === undefined
    );
    const focused = document.activeElement as HTMLInputElement | null;
    const focusName =
      focused && this.node.contains(focused)
        ? (focused.dataset.name ?? null)
        : null;
    const parts: HTMLElement[] = [];
    if (view.rows.length === 0) {
      parts.push(this._emptyHint());
    } else {
      const list = element('ul', 'jp-CellScript-parameterList');
      list.append(...view.rows.map((row, i) => this._renderRow(row, i)));
      parts.push(list);
    }
    if (view.orphaned.length > 0) {
      parts.push(this._renderOrphaned(view.orphaned.map(o => o.name)));
    }
    this._body.replaceChildren(...parts);
    if (focusName !== null) {
      const input = this._inputOf(focusName);
      input?.focus();
    }
  }

  private _renderRow(row: IParameterRow, position: number): HTMLElement {
    const trans = this._trans;
    const { parameter, override } = row;
    const name = parameter.name;
    const id = `${this.id}-${position}`;
    const item = element('li', 'jp-CellScript-parameter');
    item.dataset.name = name;
    item.dataset.state = override !== undefined ? 'override' : 'default';

    const head = element('div', 'jp-CellScript-parameterHead');
    const label = element('label', 'jp-CellScript-parameterName', name);
    label.setAttribute('for', id);
    const type = element('span', 'jp-CellScript-parameterType', parameter.type);
    type.title = trans.__('Type: values are converted to %1', parameter.type);
    head.append(label, type);
    if (parameter.required) {
      const required = element(
        'span',
        'jp-CellScript-parameterRequired',
        trans.__('required')
      );
      required.title = trans.__(
        'Param() without a default: set a value before running its cell.'
      );
      head.append(required);
    }
    if (override !== undefined) {
      const badge = element(
        'span',
        'jp-CellScript-parameterBadge',
        trans.__('override')
      );
      badge.title = trans.__(
        'Assigned right after the cell that defines it, whenever that cell runs'
      );
      head.append(badge);
    }
    const line = button(
      'jp-CellScript-parameterLine',
      trans.__('line %1', parameter.line)
    );
    line.title = trans.__('Open the script at line %1', parameter.line);
    line.addEventListener('click', () => {
      void this._commands.execute(CommandIDs.revealLine, {
        path: this._path,
        line: parameter.line
      });
    });
    head.append(line);

    const field = element('div', 'jp-CellScript-parameterField');
    const input = document.createElement('input');
    input.type = 'text';
    input.id = id;
    input.className = 'jp-CellScript-parameterInput jp-mod-styled';
    input.dataset.name = name;
    input.spellcheck = false;
    input.autocomplete = 'off';
    const shown = valueText(override, parameter.type);
    const draft = this._drafts.get(name);
    input.value = draft?.text ?? shown;
    input.placeholder = parameter.required
      ? trans.__('required: set a value')
      : valueText(parameter.value, parameter.type);
    if (parameter.required) {
      input.setAttribute('aria-required', 'true');
    }
    const errorId = `${id}-error`;
    const helpId = `${id}-help`;
    input.addEventListener('keydown', event => {
      if (event.key === 'Enter') {
        event.preventDefault();
        void this._commit(parameter, input, shown);
      } else if (event.key === 'Escape') {
        this._drafts.delete(name);
        input.value = shown;
        this._setFieldError(input, null);
      }
    });
    input.addEventListener(
      'change',
      () => void this._commit(parameter, input, shown)
    );
    field.append(input);
    if (override !== undefined) {
      const assign = button(
        'jp-CellScript-parameterAssign',
        trans.__('Assign')
      );
      assign.title = trans.__(
        "Assign %1 in the script's namespace in the notebook's kernel now",
        name
      );
      assign.addEventListener('click', () => this._assign([name]));
      const reset = button('jp-CellScript-parameterReset', trans.__('Reset'));
      reset.title = trans.__("Go back to the script's default for %1", name);
      reset.addEventListener('click', () => this._reset([name]));
      field.append(assign, reset);
    }
    item.append(head, field);

    const described: string[] = [];
    const error = element(
      'div',
      'jp-CellScript-parameterError',
      draft?.error ?? ''
    );
    error.id = errorId;
    error.hidden = !draft?.error;
    if (draft?.error) {
      input.setAttribute('aria-invalid', 'true');
      described.push(errorId);
    }
    item.append(error);
    const notes = element('div', 'jp-CellScript-parameterHelp');
    notes.id = helpId;
    if (override !== undefined && !parameter.required) {
      notes.append(
        element(
          'span',
          'jp-CellScript-parameterDefault',
          trans.__(
            'default: %1',
            valueText(parameter.value, parameter.type) || '""'
          )
        )
      );
    }
    if (parameter.help) {
      notes.append(
        element('span', 'jp-CellScript-parameterText', parameter.help)
      );
    }
    if (notes.childElementCount > 0) {
      item.append(notes);
      described.push(helpId);
    }
    if (row.reassignedAt.length > 0) {
      const warning = element(
        'div',
        'jp-CellScript-parameterWarning',
        trans._n(
          '%2 is assigned again at line %3; that value wins from there.',
          '%2 is assigned again at lines %3; the last value wins from there.',
          row.reassignedAt.length,
          parameter.variable,
          row.reassignedAt.join(', ')
        )
      );
      warning.id = `${id}-warning`;
      described.push(warning.id);
      item.append(warning);
    }
    if (described.length > 0) {
      input.setAttribute('aria-describedby', described.join(' '));
    }
    return item;
  }

  private _renderOrphaned(names: string[]): HTMLElement {
    const trans = this._trans;
    const box = element('div', 'jp-CellScript-parametersOrphaned');
    box.append(
      element(
        'p',
        'jp-CellScript-parametersHint',
        trans.__(
          'Values kept for names that are no parameter of the script now (not sent to runs):'
        )
      )
    );
    const list = element('ul', 'jp-CellScript-parameterList');
    for (const name of names) {
      const item = element('li', 'jp-CellScript-parameterOrphan');
      item.dataset.name = name;
      const reset = button('jp-CellScript-parameterReset', trans.__('Reset'));
      reset.title = trans.__('Forget the value kept for %1', name);
      reset.addEventListener('click', () => this._reset([name]));
      item.append(element('code', 'jp-CellScript-parameterName', name), reset);
      list.append(item);
    }
    box.append(list);
    return box;
  }

  private _emptyHint(): HTMLElement {
    const trans = this._trans;
    const hint = element('div', 'jp-CellScript-parametersHint');
    hint.append(
      element(
        'p',
        '',
        trans.__('This script declares no parameters. A parameter is:')
      ),
      Private.example(
        trans.__('a module-level assignment of a literal'),
        'lr = 0.1  # step size'
      ),
      Private.example(
        trans.__('with a type and help (papermill)'),
        'epochs = 10  # type: int  passes'
      ),
      Private.example(
        trans.__('declared with Param(); no default means required'),
        'data = Param(help="input CSV")'
      ),
      element(
        'p',
        '',
        trans.__(
          'When a cell is tagged "parameters" (or named Parameters), only its assignments count.'
        )
      )
    );
    return hint;
  }

  /** Convert and store a field's text; an error stays in the field with the text as typed. */
  private async _commit(
    parameter: IScriptParameter,
    input: HTMLInputElement,
    shown: string
  ): Promise<void> {
    const path = this._path;
    const name = parameter.name;
    const text = input.value;
    if (this._committing.get(name) === text) {
      return; // Enter, then the change event of the same text
    }
    if (!path || text === shown) {
      this._drafts.delete(name);
      this._setFieldError(input, null);
      return;
    }
    if (text.trim() === '' && parameter.type !== 'str') {
      this._drafts.delete(name);
      this._reset([name]); // an emptied field goes back to the default
      return;
    }
    this._committing.set(name, text);
    try {
      await this._parameters.set(path, name, text);
      this._drafts.delete(name);
      this._showMessage('', 'info');
      this.update();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this._drafts.set(name, { text, error: message });
      const current = this._inputOf(name) ?? input;
      this._setFieldError(current, message);
    } finally {
      this._committing.delete(name);
    }
  }

  private _reset(names?: string[]): void {
    if (!this._path) {
      return;
    }
    names?.forEach(name => this._drafts.delete(name));
    if (!names) {
      this._drafts.clear();
    }
    this._parameters.reset(this._path, names);
    this.update();
  }

  private _assign(names?: string[]): void {
    const path = this._path;
    if (!path) {
      return;
    }
    this._commands
      .execute(CommandIDs.assignParameters, names ? { path, names } : { path })
      .then(
        () => this._showMessage('', 'info'),
        error =>
          this._showMessage(
            error instanceof Error ? error.message : String(error),
            'error'
          )
      );
  }

  /** Show (or clear) the error of a field: red outline, message below, `aria-invalid`. */
  private _setFieldError(
    input: HTMLInputElement,
    message: string | null
  ): void {
    const error = this.node.querySelector<HTMLElement>(
      `#${CSS.escape(input.id)}-error`
    );
    if (error) {
      error.textContent = message ?? '';
      error.hidden = !message;
    }
    const described = (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(id => id && id !== `${input.id}-error`);
    if (message) {
      input.setAttribute('aria-invalid', 'true');
      described.unshift(`${input.id}-error`);
    } else {
      input.removeAttribute('aria-invalid');
    }
    if (described.length > 0) {
      input.setAttribute('aria-describedby', described.join(' '));
    } else {
      input.removeAttribute('aria-describedby');
    }
  }

  /** The text of a field being edited survives a re-render (the script changed meanwhile). */
  private _keepFocusedDraft(): void {
    const focused = document.activeElement;
    if (
      focused instanceof HTMLInputElement &&
      this.node.contains(focused) &&
      focused.dataset.name !== undefined
    ) {
      const name = focused.dataset.name;
      const error = this._drafts.get(name)?.error ?? '';
      this._drafts.set(name, { text: focused.value, error });
    }
  }

  private _inputOf(name: string): HTMLInputElement | null {
    return (
      Array.from(
        this.node.querySelectorAll<HTMLInputElement>(
          'input.jp-CellScript-parameterInput'
        )
      ).find(input => input.dataset.name === name) ?? null
    );
  }

  private _showMessage(text: string, kind: 'info' | 'error'): void {
    this._message.textContent = text;
    this._message.hidden = !text;
    this._message.classList.toggle(
      'jp-CellScript-parametersMessage-error',
      kind === 'error'
    );
  }

  private _onOverridesChanged(_: unknown, path: string): void {
    if (path === this._path) {
      this.update();
    }
  }

  private _onScriptChanged(): void {
    this.update();
  }

  private _trans: TranslationBundle;
  private _parameters: IScriptParameters;
  private _scripts: IScriptService;
  private _commands: CommandRegistry;
  private _path: string | null = null;
  private _reference: IScriptReference | null = null;
  private _drafts = new Map<string, { text: string; error: string }>();
  private _committing = new Map<string, string>();
  private _stale = true;
  private _count: HTMLElement;
  private _assignAll: HTMLButtonElement;
  private _resetAll: HTMLButtonElement;
  private _body: HTMLElement;
  private _message: HTMLElement;
}

/** Types for ParametersForm. */
export namespace ParametersForm {
  /** Options to create a ParametersForm. */
  export interface IOptions {
    /** Translations. */
    trans: TranslationBundle;
    /** The overrides (the runner's). */
    parameters: IScriptParameters;
    /** Opens the chosen script to follow its parameters live. */
    scripts: IScriptService;
    /** Runs reveal-line and assign-parameters. */
    commands: CommandRegistry;
  }
}

/** An element with a class and, optionally, text (never HTML). */
function element(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/** A small text button. */
function button(className: string, text: string): HTMLButtonElement {
  const node = element(
    'button',
    `${className} jp-CellScript-parametersButton`,
    text
  );
  (node as HTMLButtonElement).type = 'button';
  return node as HTMLButtonElement;
}

namespace Private {
  /** A line of the empty hint: what it shows and an example in code. */
  export function example(text: string, code: string): HTMLElement {
    const line = element('p', 'jp-CellScript-parametersExample');
    line.append(element('span', '', `${text}: `), element('code', '', code));
    return line;
  }
}
