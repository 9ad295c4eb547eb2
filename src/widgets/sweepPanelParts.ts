/**
 * The parts of the sweep panel, drawn from plain data: the spec form's rows, the results
 * table, the history list and the compare table. Every value and traceback is shown as text,
 * never as HTML.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IScriptParameter, JSONValue } from '../script';
import type { IIterationResult, ISweepRecord } from '../sweep/types';
import { button, element } from './parametersFormParts';
import { valueText } from './parametersModel';
import { cellText, errorText, outputText } from '../sweep/results';
import { compareRecords, durationText, type IResultColumn } from './sweepModel';

export { button, element };

/** A labelled field of the form. */
export function field(
  label: string,
  control: HTMLElement,
  className = ''
): HTMLElement {
  const box = element('label', `jp-CellScript-sweepField ${className}`.trim());
  box.append(element('span', 'jp-CellScript-sweepFieldLabel', label), control);
  return box;
}

/** A select of `options` ([value, label]) with `value` chosen. */
export function select(
  className: string,
  options: Array<[string, string]>,
  value: string
): HTMLSelectElement {
  const node = document.createElement('select');
  node.className = `${className} jp-mod-styled`;
  for (const [optionValue, label] of options) {
    const option = document.createElement('option');
    option.value = optionValue;
    option.textContent = label;
    node.append(option);
  }
  node.value = value;
  return node;
}

/** A text input. */
export function textInput(
  className: string,
  value: string,
  placeholder = ''
): HTMLInputElement {
  const input = document.createElement('input');
  input.type = 'text';
  input.className = `${className} jp-mod-styled`;
  input.value = value;
  input.placeholder = placeholder;
  input.spellcheck = false;
  input.autocomplete = 'off';
  return input;
}

/** The row of one parameter in the spec form: name, type, line, its values, its error. */
export function renderValuesRow(
  trans: TranslationBundle,
  parameter: IScriptParameter,
  text: string,
  options: {
    id: string;
    onInput: (text: string) => void;
    reveal: (line: number) => void;
  }
): HTMLElement {
  const row = element('div', 'jp-CellScript-sweepParameter');
  row.dataset.name = parameter.name;
  const head = element('div', 'jp-CellScript-sweepParameterHead');
  const label = element(
    'label',
    'jp-CellScript-sweepParameterName',
    parameter.name
  );
  label.setAttribute('for', options.id);
  const type = element('span', 'jp-CellScript-parameterType', parameter.type);
  const line = button(
    'jp-CellScript-parameterLine',
    trans.__('line %1', parameter.line)
  );
  line.title = trans.__('Open the script at line %1', parameter.line);
  line.addEventListener('click', () => options.reveal(parameter.line));
  head.append(label, type, line);
  const input = textInput('jp-CellScript-sweepValues', text);
  input.id = options.id;
  input.dataset.name = parameter.name;
  input.placeholder = parameter.required
    ? trans.__('required: values, comma separated')
    : trans.__(
        'default %1; values, comma separated',
        valueText(parameter.value, parameter.type) || '""'
      );
  input.addEventListener('input', () => options.onInput(input.value));
  const error = element('div', 'jp-CellScript-sweepParameterError');
  error.id = `${options.id}-error`;
  error.setAttribute('role', 'alert');
  error.hidden = true;
  row.append(head, input, error);
  return row;
}

/** The results table: one row per iteration, a row with the error below each failed one. */
export function renderResultsTable(
  trans: TranslationBundle,
  columns: readonly IResultColumn[],
  iterations: readonly IIterationResult[]
): HTMLTableElement {
  const table = element(
    'table',
    'jp-CellScript-sweepTable'
  ) as HTMLTableElement;
  const head = element('thead', '');
  const headRow = element('tr', '');
  for (const column of columns) {
    const th = element(
      'th',
      `jp-CellScript-sweepColumn-${column.kind}`
    ) as HTMLTableCellElement;
    th.textContent =
      column.kind === 'status'
        ? trans.__('status')
        : column.kind === 'duration'
          ? trans.__('duration')
          : column.key;
    th.dataset.kind = column.kind;
    th.dataset.key = column.key;
    th.scope = 'col';
    headRow.append(th);
  }
  head.append(headRow);
  const body = element('tbody', '');
  for (const result of iterations) {
    const row = element('tr', 'jp-CellScript-sweepRow');
    row.dataset.status = result.status;
    row.dataset.position = String(result.position);
    for (const column of columns) {
      const cell = element('td', `jp-CellScript-sweepCell-${column.kind}`);
      switch (column.kind) {
        case 'parameter':
          cell.textContent = cellText(result.varied[column.key]);
          break;
        case 'status':
          cell.textContent = statusText(trans, result);
          cell.classList.add(`jp-CellScript-sweepStatus-${result.status}`);
          break;
        case 'duration':
          cell.textContent =
            result.durationMs > 0 ? durationText(result.durationMs) : '';
          break;
        case 'output':
          cell.textContent = outputText(result.outputs[column.key]);
          break;
      }
      row.append(cell);
    }
    body.append(row);
    if (result.error) {
      body.append(renderErrorRow(columns.length, result));
    }
  }
  table.append(head, body);
  return table;
}

function statusText(trans: TranslationBundle, result: IIterationResult) {
  switch (result.status) {
    case 'ok':
      return result.stopped ? trans.__('ok (stopped early)') : trans.__('ok');
    case 'error':
      return trans.__('error');
    case 'cancelled':
      return trans.__('cancelled');
    default:
      return trans.__('not run');
  }
}

/** A failed iteration's error, its traceback shown when expanded (as text). */
function renderErrorRow(span: number, result: IIterationResult): HTMLElement {
  const row = element('tr', 'jp-CellScript-sweepErrorRow');
  row.dataset.position = String(result.position);
  const cell = element('td', '') as HTMLTableCellElement;
  cell.colSpan = span;
  const details = document.createElement('details');
  details.className = 'jp-CellScript-sweepError';
  details.append(
    element(
      'summary',
      'jp-CellScript-sweepErrorSummary',
      errorText(result.error)
    ),
    element(
      'pre',
      'jp-CellScript-sweepTraceback',
      stripAnsi(result.error?.traceback ?? '')
    )
  );
  cell.append(details);
  row.append(cell);
  return row;
}

/** Terminal colour codes of a Python traceback, removed for showing as text. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
}

/** One past sweep in the history list, with its actions. */
export function renderHistoryItem(
  trans: TranslationBundle,
  record: ISweepRecord,
  actions: {
    open: () => void;
    rerun: () => void;
    select: (selected: boolean) => void;
    selected: boolean;
    current: boolean;
  }
): HTMLElement {
  const item = element('li', 'jp-CellScript-sweepHistoryItem');
  item.dataset.id = record.id;
  item.classList.toggle('jp-mod-current', actions.current);
  const pick = document.createElement('input');
  pick.type = 'checkbox';
  pick.className = 'jp-CellScript-sweepHistoryPick';
  pick.checked = actions.selected;
  pick.title = trans.__('Select to compare (two at a time)');
  pick.setAttribute('aria-label', trans.__('Compare %1', record.id));
  pick.addEventListener('change', () => actions.select(pick.checked));
  const ok = record.iterations.filter(r => r.status === 'ok').length;
  const failed = record.iterations.filter(r => r.status === 'error').length;
  const when = new Date(record.startedAt);
  const summary = element(
    'span',
    'jp-CellScript-sweepHistorySummary',
    trans.__(
      '%1 · %2 · %3: %4 ok, %5 failed of %6 · %7',
      Number.isNaN(when.getTime()) ? record.id : when.toLocaleString(),
      record.spec.mode,
      Object.keys(record.spec.values).join(', '),
      ok,
      failed,
      record.iterations.length,
      record.status
    )
  );
  summary.title = record.id;
  const open = button('jp-CellScript-sweepHistoryOpen', trans.__('Open'));
  open.title = trans.__('Show the results of this sweep');
  open.addEventListener('click', actions.open);
  const rerun = button('jp-CellScript-sweepHistoryRerun', trans.__('Re-run'));
  rerun.title = trans.__('Run a new sweep with the same spec');
  rerun.addEventListener('click', actions.rerun);
  item.append(pick, summary, open, rerun);
  return item;
}

/** Two sweeps side by side: the differing parameters, then each output of both. */
export function renderCompare(
  trans: TranslationBundle,
  left: ISweepRecord,
  right: ISweepRecord
): HTMLElement {
  const view = compareRecords(left, right);
  const box = element('div', 'jp-CellScript-sweepCompare');
  box.append(
    element(
      'p',
      'jp-CellScript-sweepHint',
      trans.__('Comparing %1 (A) with %2 (B)', left.id, right.id)
    )
  );
  const table = element('table', 'jp-CellScript-sweepTable');
  const headRow = element('tr', '');
  const th = (text: string) => {
    const cell = element('th', '', text);
    (cell as HTMLTableCellElement).scope = 'col';
    return cell;
  };
  view.differing.forEach(key => headRow.append(th(key)));
  headRow.append(th(trans.__('status A')), th(trans.__('status B')));
  view.outputs.forEach(name =>
    headRow.append(th(`${name} A`), th(`${name} B`))
  );
  const head = element('thead', '');
  head.append(headRow);
  const body = element('tbody', '');
  for (const row of view.rows) {
    const tr = element('tr', 'jp-CellScript-sweepRow');
    view.differing.forEach(key =>
      tr.append(element('td', '', cellText(row.varied[key] as JSONValue)))
    );
    const status = (result: IIterationResult | null) =>
      result
        ? result.status === 'error'
          ? errorText(result.error)
          : result.status
        : '—';
    tr.append(
      element('td', '', status(row.left)),
      element('td', '', status(row.right))
    );
    for (const name of view.outputs) {
      tr.append(
        element('td', '', row.left ? outputText(row.left.outputs[name]) : ''),
        element('td', '', row.right ? outputText(row.right.outputs[name]) : '')
      );
    }
    body.append(tr);
  }
  table.append(head, body);
  box.append(table);
  return box;
}
