import type { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { Message } from '@lumino/messaging';
import type { ISignal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import { inferParameters, type IScriptParameter } from '../script';
import { SweepResults, type SweepRow } from '../sweep/results';
import type { ISweepProgress, Sweep } from '../sweep/runner';
import type {
  ISweepOptions,
  ISweepRecord,
  SweepIsolation,
  SweepValues
} from '../sweep/types';
import type { IScriptReference, IScriptService } from '../tokens';
import {
  button,
  element,
  field,
  renderCompare,
  renderHistoryItem,
  renderResultsTable,
  renderValuesRow,
  select,
  textInput
} from './sweepPanelParts';
import { SweepPlots } from './sweepPlots';
import {
  durationText,
  resultColumns,
  specErrorOf,
  specOf,
  type ISweepFormState
} from './sweepModel';

/** What the panel asks of the app: start sweeps, read the history, send rows to a notebook. */
export interface ISweepActions {
  /** Plan and start a sweep; rejects (nothing started) when the spec does not fit the script. */
  start(
    path: string,
    values: SweepValues,
    options: ISweepOptions
  ): Promise<Sweep>;
  /** The script's past sweeps, newest first. */
  history(path: string): Promise<ISweepRecord[]>;
  /** Put rows of the script's sweep into the active notebook's namespace as `name`. */
  sendToNotebook(
    path: string,
    name: string,
    rows: SweepRow[]
  ): Promise<{ type: 'DataFrame' | 'list'; notebook: string }>;
  /** The defaults of a new spec (from the settings). */
  defaults(): {
    concurrency: number;
    isolation: SweepIsolation;
    stopAfterOutputs: boolean;
  };
  /** Open the script at a line. */
  reveal(path: string, line: number): void;
}

/**
 * The sweep panel of one script (main area): a spec form (values per parameter, mode,
 * isolation, concurrency, outputs), live progress with cancel, the results table of the
 * parameters that differ, a plot of each scalar output per parameter (JupyterLab's Vega-Lite
 * renderer), sending the rows to the notebook, and the history of past sweeps.
 */
export class SweepPanel extends Widget {
  constructor(options: SweepPanel.IOptions) {
    super();
    this.path = options.path;
    this._trans = options.trans;
    this._actions = options.actions;
    const trans = this._trans;
    const defaults = this._actions.defaults();
    this._form = {
      values: {},
      mode: 'independent',
      isolation: defaults.isolation,
      concurrency: String(defaults.concurrency),
      outputs: '',
      stopAfterOutputs: defaults.stopAfterOutputs
    };
    this.id = `jp-CellScript-sweep-${Private.ids.next++}`;
    this.addClass('jp-CellScript-sweepPanel');
    this.title.label = trans.__('Sweep %1', this.path.split('/').pop() ?? '');
    this.title.caption = trans.__('Parameter sweeps of %1', this.path);
    this.title.closable = true;

    const spec = this._section('spec', trans.__('Sweep %1', this.path));
    this._parametersBox = element('div', 'jp-CellScript-sweepParameters');
    this._optionsBox = element('div', 'jp-CellScript-sweepOptions');
    this._specError = element('div', 'jp-CellScript-sweepSpecError');
    this._specError.setAttribute('role', 'alert');
    this._specError.hidden = true;
    this._startButton = button('jp-CellScript-sweepStart', trans.__('Start'));
    this._startButton.classList.add('jp-mod-accept');
    this._startButton.addEventListener('click', () => void this._start());
    const startRow = element('div', 'jp-CellScript-sweepActions');
    startRow.append(this._startButton);
    spec.append(
      this._parametersBox,
      this._optionsBox,
      this._specError,
      startRow
    );
    this._renderOptions();

    const progress = this._section('progress', trans.__('Progress'));
    this._progressText = element('span', 'jp-CellScript-sweepProgressText');
    this._progressText.setAttribute('role', 'status');
    this._progressBar = document.createElement('progress');
    this._progressBar.className = 'jp-CellScript-sweepProgressBar';
    this._cancelButton = button(
      'jp-CellScript-sweepCancel',
      trans.__('Cancel')
    );
    this._cancelButton.addEventListener(
      'click',
      () => void this._sweep?.cancel()
    );
    this._retryButton = button(
      'jp-CellScript-sweepRetry',
      trans.__('Retry failed')
    );
    this._retryButton.title = trans.__(
      'Run again only the iterations that failed, were cancelled or did not run'
    );
    this._retryButton.addEventListener('click', () => void this._retry());
    const progressRow = element('div', 'jp-CellScript-sweepActions');
    progressRow.append(
      this._progressBar,
      this._progressText,
      this._cancelButton,
      this._retryButton
    );
    progress.append(progressRow);
    progress.hidden = true;
    this._progressSection = progress;

    const results = this._section('results', trans.__('Results'));
    this._resultsTitle = element('p', 'jp-CellScript-sweepHint');
    this._tableBox = element('div', 'jp-CellScript-sweepTableBox');
    this._plots = new SweepPlots({
      rendermime: options.rendermime,
      trans,
      isAttached: () => this.isAttached
    });
    this._nameInput = textInput('jp-CellScript-sweepSendName', 'sweep_results');
    this._nameInput.setAttribute(
      'aria-label',
      trans.__('Variable name in the notebook')
    );
    const send = button(
      'jp-CellScript-sweepSend',
      trans.__('Send to notebook')
    );
    send.title = trans.__(
      "Put the results table into the active notebook's namespace (a pandas DataFrame, or a list of dicts without pandas)"
    );
    send.addEventListener('click', () => void this._send());
    this._sendStatus = element('span', 'jp-CellScript-sweepSendStatus');
    this._sendStatus.setAttribute('role', 'status');
    const sendRow = element('div', 'jp-CellScript-sweepActions');
    sendRow.append(
      field(trans.__('Name'), this._nameInput),
      send,
      this._sendStatus
    );
    results.append(
      this._resultsTitle,
      this._tableBox,
      sendRow,
      this._plots.node
    );
    results.hidden = true;
    this._resultsSection = results;

    const history = this._section('history', trans.__('History'));
    this._historyList = element('ul', 'jp-CellScript-sweepHistory');
    this._compareButton = button(
      'jp-CellScript-sweepCompareButton',
      trans.__('Compare selected')
    );
    this._compareButton.disabled = true;
    this._compareButton.addEventListener('click', () => this._compare());
    this._compareBox = element('div', 'jp-CellScript-sweepCompareBox');
    history.append(this._historyList, this._compareButton, this._compareBox);

    this._reference = options.scripts.open(this.path);
    this._reference.document.changed.connect(this._renderParameters, this);
    void this._reference.document.ready.then(
      () => this._renderParameters(),
      error => this._showSpecError(String(error?.message ?? error))
    );
    void this.refreshHistory();
    options.themeChanged?.connect(this._onThemeChanged, this);
  }

  /** Contents path of the script. */
  readonly path: string;

  /** The sweep shown, if it was started here. */
  get sweep(): Sweep | null {
    return this._sweep;
  }

  /** Read the history again (after a sweep of this script ended anywhere). */
  async refreshHistory(): Promise<void> {
    const records = await this._actions.history(this.path).catch(() => []);
    this._records = records;
    this._selected = new Set(
      [...this._selected].filter(id => records.some(r => r.id === id))
    );
    const shownId = this._shown?.id;
    this._historyList.replaceChildren(
      ...(records.length === 0
        ? [
            element(
              'li',
              'jp-CellScript-sweepHint',
              this._trans.__('No sweeps yet.')
            )
          ]
        : records.map(record =>
            renderHistoryItem(this._trans, record, {
              open: () => this.showRecord(record),
              rerun: () => void this._rerun(record),
              select: selected => this._select(record.id, selected),
              selected: this._selected.has(record.id),
              current: record.id === shownId
            })
          ))
    );
    this._compareButton.disabled = this._selected.size !== 2;
  }

  /** Show a past sweep's results and plots. */
  showRecord(record: ISweepRecord): void {
    if (this._sweep?.isRunning) {
      return; // the live sweep stays in view
    }
    this._shown = record;
    this._renderResults(true);
    void this.refreshHistory();
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._reference.document.changed.disconnect(this._renderParameters, this);
    this._reference.dispose();
    this._sweep?.progress.disconnect(this._onProgress, this);
    this._plots.dispose();
    super.dispose();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._plots.attached();
  }

  private _section(name: string, title: string): HTMLElement {
    const section = element('section', `jp-CellScript-sweepSection`);
    section.dataset.section = name;
    section.append(element('h3', 'jp-CellScript-sweepTitle', title));
    this.node.append(section);
    return section;
  }

  private _renderParameters(): void {
    const script = this._reference.document.script;
    const parameters = script ? inferParameters(script) : [];
    const signature = JSON.stringify(parameters);
    if (signature === this._parametersSignature) {
      return;
    }
    this._parametersSignature = signature;
    this._parameters = parameters;
    this._parametersBox.replaceChildren();
    if (parameters.length === 0) {
      this._parametersBox.append(
        element(
          'p',
          'jp-CellScript-sweepHint',
          this._reference.document.problem?.message ??
            this._trans.__(
              'This script declares no parameters to sweep: add module-level assignments of literals (lr = 0.1) or Param() declarations.'
            )
        )
      );
      return;
    }
    this._parametersBox.append(
      element(
        'p',
        'jp-CellScript-sweepHint',
        this._trans.__(
          'Values to try per parameter, comma separated (converted by its type). Leave a parameter empty to keep its value.'
        )
      )
    );
    parameters.forEach((parameter, index) => {
      this._parametersBox.append(
        renderValuesRow(
          this._trans,
          parameter,
          this._form.values[parameter.name] ?? '',
          {
            id: `${this.id}-values-${index}`,
            onInput: text => {
              this._form.values[parameter.name] = text;
              this._clearErrors();
            },
            reveal: line => this._actions.reveal(this.path, line)
          }
        )
      );
    });
  }

  private _renderOptions(): void {
    const trans = this._trans;
    const form = this._form;
    const mode = select(
      'jp-CellScript-sweepMode',
      [
        ['independent', trans.__('independent (one at a time)')],
        ['grid', trans.__('grid (every combination)')]
      ],
      form.mode
    );
    mode.addEventListener('change', () => {
      form.mode = mode.value as ISweepFormState['mode'];
    });
    const isolation = select(
      'jp-CellScript-sweepIsolation',
      [
        ['kernel', trans.__('kernel (fresh kernel per iteration)')],
        ['fork', trans.__('fork (set-up once, fork per iteration)')]
      ],
      form.isolation
    );
    isolation.addEventListener('change', () => {
      form.isolation = isolation.value as SweepIsolation;
    });
    const concurrency = textInput(
      'jp-CellScript-sweepConcurrency',
      form.concurrency
    );
    concurrency.inputMode = 'numeric';
    concurrency.addEventListener('input', () => {
      form.concurrency = concurrency.value;
    });
    const outputs = textInput(
      'jp-CellScript-sweepOutputs',
      form.outputs,
      trans.__('e.g. loss, accuracy')
    );
    outputs.addEventListener('input', () => {
      form.outputs = outputs.value;
    });
    const stop = document.createElement('input');
    stop.type = 'checkbox';
    stop.className = 'jp-CellScript-sweepStopAfter';
    stop.checked = form.stopAfterOutputs;
    stop.addEventListener('change', () => {
      form.stopAfterOutputs = stop.checked;
    });
    this._optionsBox.replaceChildren(
      field(trans.__('Mode'), mode),
      field(trans.__('Isolation'), isolation),
      field(trans.__('Kernels at once'), concurrency),
      field(trans.__('Outputs'), outputs),
      field(
        trans.__('Stop after outputs'),
        stop,
        'jp-CellScript-sweepCheckField'
      )
    );
  }

  private async _start(): Promise<void> {
    this._clearErrors();
    let spec: ReturnType<typeof specOf>;
    try {
      spec = specOf(this._form);
    } catch (error) {
      this._placeError(error);
      return;
    }
    await this._launch(spec.values, spec.options);
  }

  private async _rerun(record: ISweepRecord): Promise<void> {
    const spec = record.spec;
    await this._launch(spec.values, {
      mode: spec.mode,
      nominal: spec.nominal,
      outputs: spec.outputs,
      stopAfterOutputs: spec.stopAfterOutputs,
      concurrency: spec.concurrency,
      isolation: spec.isolation
    });
  }

  private async _launch(
    values: SweepValues,
    options: ISweepOptions
  ): Promise<void> {
    if (this._sweep?.isRunning) {
      this._showSpecError(
        this._trans.__('A sweep is running: wait for it, or cancel it.')
      );
      return;
    }
    this._startButton.disabled = true;
    try {
      const sweep = await this._actions.start(this.path, values, options);
      this._sweep?.progress.disconnect(this._onProgress, this);
      this._sweep = sweep;
      this._shown = sweep.record;
      sweep.progress.connect(this._onProgress, this);
      this._sendStatus.textContent = '';
      this._onProgress(sweep, null);
      void sweep.done.finally(() => void this.refreshHistory());
    } catch (error) {
      this._placeError(error);
    } finally {
      this._startButton.disabled = false;
    }
  }

  /** Show a spec's error next to the parameter it is about, else above Start. */
  private _placeError(error: unknown): void {
    const placed = specErrorOf(error, this._parameters);
    const input = placed.parameter ? this._valuesInput(placed.parameter) : null;
    if (input) {
      const box = this.node.querySelector<HTMLElement>(`#${input.id}-error`);
      if (box) {
        box.textContent = placed.message;
        box.hidden = false;
      }
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', `${input.id}-error`);
    } else {
      this._showSpecError(placed.message);
    }
  }

  private async _retry(): Promise<void> {
    const sweep = this._sweep;
    if (!sweep || sweep.isRunning) {
      return;
    }
    this._shown = sweep.record;
    const done = sweep.retry();
    this._onProgress(sweep, null);
    await done.catch(() => undefined);
    void this.refreshHistory();
  }

  private _onProgress(sweep: Sweep, progress: ISweepProgress | null): void {
    if (sweep !== this._sweep) {
      return;
    }
    const trans = this._trans;
    const record = sweep.record;
    const running = sweep.isRunning;
    const total = record.iterations.length;
    const finished = record.iterations.filter(
      r => r.status === 'ok' || r.status === 'error'
    ).length;
    const failed = record.iterations.filter(r => r.status === 'error').length;
    this._progressSection.hidden = false;
    this._progressBar.max = total;
    this._progressBar.value = finished;
    const eta = progress?.etaMs;
    const parts = [
      trans.__('%1/%2 done', finished, total),
      trans._n('%1 failed', '%1 failed', failed)
    ];
    if (running && eta !== null && eta !== undefined) {
      parts.push(trans.__('about %1 left', durationText(eta)));
    }
    if (!running) {
      parts.push(
        record.status === 'done'
          ? trans.__('finished')
          : record.status === 'cancelled'
            ? trans.__('cancelled')
            : trans.__('stopped: %1', record.message ?? '')
      );
    }
    this._progressText.textContent = parts.join(' · ');
    this._progressSection.dataset.status = record.status;
    this._cancelButton.hidden = !running;
    this._retryButton.hidden =
      running || record.iterations.every(r => r.status === 'ok');
    if (this._shown === record) {
      this._renderResults(!running);
    }
  }

  /** Draw the table of the shown sweep; with `plots`, also its plots (else they are cleared). */
  private _renderResults(plots: boolean): void {
    const record = this._shown;
    if (!record) {
      return;
    }
    const trans = this._trans;
    this._resultsSection.hidden = false;
    const swept = Object.keys(record.spec.values);
    const results = new SweepResults(swept, record.iterations);
    const differing = results.differing;
    const outputs = results.outputNamesWith(record.spec.outputs);
    const columns = resultColumns(
      differing.length > 0 ? differing : swept,
      outputs
    );
    this._resultsTitle.textContent = trans.__(
      'Sweep %1 (%2, %3 isolation): only the parameters that differ are shown.',
      record.id,
      record.spec.mode,
      record.spec.isolation
    );
    this._tableBox.replaceChildren(
      renderResultsTable(trans, columns, record.iterations)
    );
    if (plots) {
      this._plots.show(record);
    } else {
      this._plots.hint(trans.__('Plots are drawn when the sweep ends.'));
    }
  }

  private async _send(): Promise<void> {
    const record = this._shown;
    const trans = this._trans;
    if (!record) {
      return;
    }
    const name = this._nameInput.value.trim() || 'sweep_results';
    const rows = new SweepResults(
      Object.keys(record.spec.values),
      record.iterations
    ).rows();
    this._sendStatus.textContent = trans.__('Sending…');
    this._sendStatus.classList.remove('jp-mod-error');
    try {
      const sent = await this._actions.sendToNotebook(this.path, name, rows);
      this._sendStatus.textContent =
        sent.type === 'DataFrame'
          ? trans._n(
              '%2 is a pandas DataFrame of %1 row in the kernel of %3.',
              '%2 is a pandas DataFrame of %1 rows in the kernel of %3.',
              rows.length,
              name,
              sent.notebook
            )
          : trans._n(
              '%2 is a list of %1 dict in the kernel of %3 (pandas is not installed there).',
              '%2 is a list of %1 dicts in the kernel of %3 (pandas is not installed there).',
              rows.length,
              name,
              sent.notebook
            );
    } catch (error) {
      this._sendStatus.classList.add('jp-mod-error');
      this._sendStatus.textContent = String(
        error instanceof Error ? error.message : error
      );
    }
  }

  private _select(id: string, selected: boolean): void {
    if (selected) {
      this._selected.add(id);
    } else {
      this._selected.delete(id);
    }
    this._compareButton.disabled = this._selected.size !== 2;
  }

  private _compare(): void {
    const [left, right] = this._records
      .filter(record => this._selected.has(record.id))
      .reverse(); // older first
    if (!left || !right) {
      return;
    }
    this._compareBox.replaceChildren(renderCompare(this._trans, left, right));
  }

  private _valuesInput(name: string): HTMLInputElement | null {
    return (
      Array.from(
        this._parametersBox.querySelectorAll<HTMLInputElement>(
          'input.jp-CellScript-sweepValues'
        )
      ).find(input => input.dataset.name === name) ?? null
    );
  }

  private _showSpecError(message: string): void {
    this._specError.textContent = message;
    this._specError.hidden = !message;
  }

  private _clearErrors(): void {
    this._showSpecError('');
    this._parametersBox
      .querySelectorAll<HTMLElement>('.jp-CellScript-sweepParameterError')
      .forEach(box => {
        box.textContent = '';
        box.hidden = true;
      });
    this._parametersBox
      .querySelectorAll<HTMLInputElement>('input.jp-CellScript-sweepValues')
      .forEach(input => {
        input.removeAttribute('aria-invalid');
        input.removeAttribute('aria-describedby');
      });
  }

  private _trans: TranslationBundle;
  private _actions: ISweepActions;
  private _reference: IScriptReference;
  private _form: ISweepFormState;
  private _parameters: IScriptParameter[] = [];
  private _parametersSignature = '';
  private _sweep: Sweep | null = null;
  private _shown: ISweepRecord | null = null;
  private _records: ISweepRecord[] = [];
  private _selected = new Set<string>();
  private _plots: SweepPlots;
  private _parametersBox: HTMLElement;
  private _optionsBox: HTMLElement;
  private _specError: HTMLElement;
  private _startButton: HTMLButtonElement;
  private _progressSection: HTMLElement;
  private _progressText: HTMLElement;
  private _progressBar: HTMLProgressElement;
  private _cancelButton: HTMLButtonElement;
  private _retryButton: HTMLButtonElement;
  private _resultsSection: HTMLElement;
  private _resultsTitle: HTMLElement;
  private _tableBox: HTMLElement;
  private _nameInput: HTMLInputElement;
  /** Vega draws in the theme of the moment: draw the plots again in the new one. */
  private _onThemeChanged(): void {
    this._plots.themeChanged();
  }

  private _sendStatus: HTMLElement;
  private _historyList: HTMLElement;
  private _compareButton: HTMLButtonElement;
  private _compareBox: HTMLElement;
}

/** Types of SweepPanel. */
export namespace SweepPanel {
  /** Options to create a SweepPanel. */
  export interface IOptions {
    /** Contents path of the script. */
    path: string;
    trans: TranslationBundle;
    scripts: IScriptService;
    actions: ISweepActions;
    rendermime: IRenderMimeRegistry;
    /** Emits when the JupyterLab theme changed (the plots are drawn again). */
    themeChanged?: ISignal<unknown, unknown>;
  }
}

namespace Private {
  export const ids = { next: 0 };
}
