/**
 * The parts of the parameters form: one parameter's row, the hint for a script without
 * parameters, and small DOM helpers (text only, never HTML).
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IScriptParameter } from '../script';
import { type IParameterRow, valueText } from './parametersModel';

/** What a row of the parameters form needs from the form. */
export interface IParameterRowContext {
  trans: TranslationBundle;
  /** The id of the row's field (unique in the page). */
  id: string;
  /** The text being edited and its error, when the field holds unsaved text. */
  draft?: { text: string; error: string };
  /** Convert and store the field's text (Enter, or the field left changed). */
  commit(
    parameter: IScriptParameter,
    input: HTMLInputElement,
    shown: string
  ): void;
  /** Put back the value shown before editing (Escape). */
  restore(
    parameter: IScriptParameter,
    input: HTMLInputElement,
    shown: string
  ): void;
  assign(name: string): void;
  reset(name: string): void;
  /** Open the script at a line. */
  reveal(line: number): void;
}

/**
 * One parameter of the form: its name (the field's label), type, required and override
 * marks, line; the field with the override (the default as placeholder) and its Assign and
 * Reset buttons; its error, default and help; and the warning when the script assigns it
 * again later. Script text is set as text, never as HTML.
 */
export function renderParameterRow(
  context: IParameterRowContext,
  row: IParameterRow
): HTMLElement {
  const trans = context.trans;
  const { parameter, override } = row;
  const name = parameter.name;
  const id = context.id;
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
  line.addEventListener('click', () => context.reveal(parameter.line));
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
  const draft = context.draft;
  input.value = draft?.text ?? shown;
  input.dataset.shown = shown;
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
      context.commit(parameter, input, shown);
    } else if (event.key === 'Escape') {
      context.restore(parameter, input, shown);
    }
  });
  input.addEventListener('change', () =>
    context.commit(parameter, input, shown)
  );
  field.append(input);
  if (override !== undefined) {
    const assign = button('jp-CellScript-parameterAssign', trans.__('Assign'));
    assign.title = trans.__(
      "Assign %1 in the script's namespace in the notebook's kernel now",
      name
    );
    assign.addEventListener('click', () => context.assign(name));
    const reset = button('jp-CellScript-parameterReset', trans.__('Reset'));
    reset.title = trans.__("Go back to the script's default for %1", name);
    reset.addEventListener('click', () => context.reset(name));
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

/** An element with a class and, optionally, text (never HTML). */
export function element(
  tag: string,
  className: string,
  text?: string
): HTMLElement {
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
export function button(className: string, text: string): HTMLButtonElement {
  const node = element(
    'button',
    `${className} jp-CellScript-parametersButton`,
    text
  ) as HTMLButtonElement;
  node.type = 'button';
  return node;
}

/** What the form shows for a script without parameters: how to declare them. */
export function renderEmptyHint(trans: TranslationBundle): HTMLElement {
  const hint = element('div', 'jp-CellScript-parametersHint');
  hint.append(
    element(
      'p',
      '',
      trans.__('This script declares no parameters. A parameter is:')
    ),
    example(
      trans.__('a module-level assignment of a literal'),
      'lr = 0.1  # step size'
    ),
    example(
      trans.__('with a type and help (papermill)'),
      'epochs = 10  # type: int  passes'
    ),
    example(
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

/** A line of the empty hint: what it shows and an example in code. */
function example(text: string, code: string): HTMLElement {
  const line = element('p', 'jp-CellScript-parametersExample');
  line.append(element('span', '', `${text}: `), element('code', '', code));
  return line;
}
