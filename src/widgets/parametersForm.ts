import type { TranslationBundle } from '@jupyterlab/translation';
import type { CommandRegistry } from '@lumino/commands';
import type { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import { CommandIDs } from '../commands';
import { normalizeScriptPath } from '../kernel/paths';
import type { IParsedScript, IScriptParameter, JSONValue } from '../script';
import type {
  IScriptParameters,
  IScriptReference,
  IScriptService
} from '../tokens';
import {
  button,
  element,
  renderEmptyHint,
  renderParameterRow
} from './parametersFormParts';
import { FrameTask } from './frameTask';
import {
  type IParameterRow,
  type IParametersView,
  parametersView
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
    this._sweep = button('jp-CellScript-parametersSweep', trans.__('Sweep…'));
    this._sweep.title = trans.__(
      'Open the sweep panel: run the script over lists of values of these parameters, each iteration in a fresh kernel'
    );
    this._sweep.addEventListener('click', () => {
      if (this._path) {
        void this._commands
          .execute(CommandIDs.sweep, { path: this._path })
          .catch(error =>
            this._showMessage(
              error instanceof Error ? error.message : String(error),
              'error'
            )
          );
      }
    });
    head.append(title, this._assignAll, this._resetAll, this._sweep);

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
    this._drawRest.cancel();
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
      this._sweep.disabled = true;
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
    const view = this._viewOf(script, overrides);
    const set = Object.keys(overrides).length;
    this._count.textContent = set
      ? trans.__('(%1, %2 set)', view.rows.length, set)
      : `(${view.rows.length})`;
    this._resetAll.disabled = set === 0;
    this._sweep.disabled = view.rows.length === 0;
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
      this._rows.clear();
      parts.push(renderEmptyHint(this._trans));
    } else {
      this._updateList(view.rows);
      parts.push(this._list);
    }
    if (view.orphaned.length > 0) {
      parts.push(this._renderOrphaned(view.orphaned.map(o => o.name)));
    }
    syncChildren(this._body, parts);
    if (focusName !== null && !this.node.contains(document.activeElement)) {
      const input = this._inputOf(focusName);
      input?.focus();
    }
  }

  /**
   * Show these rows in the list, keeping the element of every parameter that shows the same
   * as before: an edit elsewhere in a script with a thousand parameters touches no row, and
   * a field being typed in stays as it is. At most ROWS_PER_FRAME rows are drawn at once;
   * the list then shows the rows up to there and draws the rest in the next frames, so that
   * opening a script with a thousand parameters does not hold up the page.
   */
  private _updateList(rows: readonly IParameterRow[]): void {
    const previous = this._rows;
    const next = new Map<string, { signature: string; node: HTMLElement }>();
    const nodes: HTMLElement[] = [];
    let drawn = 0;
    let complete = true;
    for (const row of rows) {
      const signature = rowSignature(row);
      const kept = previous.get(row.parameter.name);
      let entry = kept && kept.signature === signature ? kept : null;
      if (!entry && drawn < ROWS_PER_FRAME) {
        drawn++;
        entry = { signature, node: this._renderRow(row) };
      }
      if (!entry) {
        complete = false; // shown from the next frame on
        continue;
      }
      next.set(row.parameter.name, entry);
      if (complete) {
        nodes.push(entry.node);
      }
    }
    if (!complete) {
      this._drawRest.schedule(); // once this frame has painted
    }
    this._rows = next;
    syncChildren(this._list, nodes);
  }

  /**
   * The rows for this script and these values, computed once for both (a long list is drawn
   * over several frames from the same view).
   */
  private _viewOf(
    script: IParsedScript,
    overrides: { [name: string]: JSONValue }
  ): IParametersView {
    const key = JSON.stringify(overrides);
    const cached = this._view;
    if (cached && cached.script === script && cached.key === key) {
      return cached.view;
    }
    const view = parametersView(script, overrides);
    this._view = { script, key, view };
    return view;
  }

  private _renderRow(row: IParameterRow): HTMLElement {
    const name = row.parameter.name;
    return renderParameterRow(
      {
        trans: this._trans,
        // Unique in the page and kept by the row: ids do not shift when a parameter is added.
        id: `${this.id}-${this._nextRowId++}`,
        draft: this._drafts.get(name),
        commit: (parameter, input, shown) =>
          void this._commit(parameter, input, shown),
        restore: (parameter, input, shown) => {
          this._drafts.delete(parameter.name);
          input.value = shown;
          this._setFieldError(input, null);
        },
        assign: key => this._assign([key]),
        reset: key => this._reset([key]),
        reveal: line =>
          void this._commands.execute(CommandIDs.revealLine, {
            path: this._path,
            line
          })
      },
      row
    );
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
      this._reset([name]); // an emptied field goes back to the default
      return;
    }
    this._committing.set(name, text);
    try {
      await this._parameters.set(path, name, text);
      // Stored: the row is drawn again, its field showing the value as stored (1_000
      // becomes 1000) with no error left from an earlier try.
      this._forgetDrafts([name]);
      const current = this._inputOf(name) ?? input;
      if (current.value === text) {
        current.dataset.shown = text; // stored: no draft to keep from this field
      }
      this._showMessage('', 'info');
      this.update();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this._drafts.set(name, { text, error: message });
      // The form may have been drawn again meanwhile: the new field gets the text back.
      const current = this._inputOf(name) ?? input;
      current.value = text;
      this._setFieldError(current, message);
    } finally {
      this._committing.delete(name);
    }
  }

  private _reset(names?: string[]): void {
    if (!this._path) {
      return;
    }
    this._forgetDrafts(names);
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
    const errorId = `${input.id}-error`;
    const error = Array.from(
      this.node.querySelectorAll<HTMLElement>('.jp-CellScript-parameterError')
    ).find(node => node.id === errorId);
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

  /** The text of a field being edited (not yet stored) survives a re-render. */
  /**
   * Drop what was typed in these fields (all: undefined) and have their rows drawn again at
   * the next render: a kept row would still show the text and its error.
   */
  private _forgetDrafts(names?: string[]): void {
    for (const name of names ?? [...this._drafts.keys()]) {
      if (this._drafts.delete(name)) {
        this._rows.delete(name);
      }
    }
  }

  private _keepFocusedDraft(): void {
    const focused = document.activeElement;
    if (
      focused instanceof HTMLInputElement &&
      this.node.contains(focused) &&
      focused.dataset.name !== undefined &&
      focused.value !== focused.dataset.shown
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
  private _sweep: HTMLButtonElement;
  private _body: HTMLElement;
  private _message: HTMLElement;
  private _list = element('ul', 'jp-CellScript-parameterList');
  /** The element shown for each parameter, by name, with what it shows. */
  private _rows = new Map<string, { signature: string; node: HTMLElement }>();
  private _nextRowId = 0;
  /** Draws more rows of a long list, at the next frame. */
  private _drawRest = new FrameTask(() => this.update());
  private _view: {
    script: IParsedScript;
    key: string;
    view: IParametersView;
  } | null = null;
}

/** The most rows of the parameters form drawn in one frame. */
const ROWS_PER_FRAME = 20;

/**
 * What a parameter's row shows, to tell whether its element can stay. A draft (text typed in
 * the field, not stored) is not part of it: a kept row's field already holds that text.
 */
function rowSignature(row: IParameterRow): string {
  const { parameter, override, reassignedAt } = row;
  return JSON.stringify([
    parameter,
    override ?? null,
    override !== undefined,
    reassignedAt
  ]);
}

/**
 * Make `nodes` the children of `parent`, touching the DOM only where they differ: rows added
 * at the end are appended, a row drawn again replaces its old element in place, and the
 * elements that stay are not moved (moving a thousand rows was most of the cost).
 */
function syncChildren(
  parent: HTMLElement,
  nodes: readonly HTMLElement[]
): void {
  const wanted = new Set(nodes);
  const children = Array.from(parent.children);
  if (!children.some(child => wanted.has(child as HTMLElement))) {
    parent.replaceChildren(...nodes);
    return;
  }
  for (const child of children) {
    if (!wanted.has(child as HTMLElement)) {
      child.remove();
    }
  }
  let cursor = parent.firstElementChild;
  const added = document.createDocumentFragment();
  for (const node of nodes) {
    if (cursor === null) {
      added.appendChild(node); // the rest go at the end, at once
    } else if (node === cursor) {
      cursor = cursor.nextElementSibling;
    } else {
      parent.insertBefore(node, cursor);
    }
  }
  parent.appendChild(added);
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
