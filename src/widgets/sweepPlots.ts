/**
 * The plots of the sweep panel: each scalar output against each swept parameter that differs,
 * drawn by JupyterLab's own Vega-Lite renderer (no plotting library of ours). A renderer needs
 * its host in the page, so plots asked for while the panel is hidden are drawn once attached;
 * Vega draws in the theme of the moment, so a theme change draws them again.
 */
import { MimeModel, type IRenderMimeRegistry } from '@jupyterlab/rendermime';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { SweepResults } from '../sweep/results';
import type { ISweepRecord } from '../sweep/types';
import { element } from './parametersFormParts';
import { plotsOf, VEGALITE_MIME } from './sweepModel';

/** Constructor options of SweepPlots. */
export interface ISweepPlotsOptions {
  rendermime: IRenderMimeRegistry;
  trans: TranslationBundle;
  /** Whether the panel holding the plots is in the page now. */
  isAttached: () => boolean;
}

/** The plots box of a sweep panel. */
export class SweepPlots {
  constructor(private readonly _options: ISweepPlotsOptions) {}

  /** Where the plots (or a hint instead) are. */
  readonly node = element('div', 'jp-CellScript-sweepPlots');

  /** Plot `record` (now when the panel is in the page, else once it is). */
  show(record: ISweepRecord): void {
    this._record = record;
    this._pending = true;
    this._draw();
  }

  /** A hint instead of plots. */
  hint(text: string): void {
    this._record = null;
    this._pending = false;
    this._disposeRenderers();
    this.node.replaceChildren(element('p', 'jp-CellScript-sweepHint', text));
  }

  /** The panel is in the page now: draw what waits. */
  attached(): void {
    if (this._pending) {
      this._draw();
    }
  }

  /** The theme changed: draw the plots again in it. */
  themeChanged(): void {
    if (this._record) {
      this._pending = true;
      this._draw();
    }
  }

  dispose(): void {
    this._disposeRenderers();
  }

  private _draw(): void {
    const record = this._record;
    if (!record || !this._options.isAttached()) {
      return;
    }
    this._pending = false;
    this._disposeRenderers();
    const { rendermime, trans } = this._options;
    const results = new SweepResults(
      Object.keys(record.spec.values),
      record.iterations
    );
    const plots = plotsOf(
      record,
      results.differing,
      results.outputNamesWith(record.spec.outputs)
    );
    const hint = (text: string) =>
      this.node.replaceChildren(element('p', 'jp-CellScript-sweepHint', text));
    if (plots.length === 0) {
      hint(
        trans.__(
          'No plot: plots show numeric outputs of ok iterations against the parameters that differ.'
        )
      );
      return;
    }
    const bundle = { [VEGALITE_MIME]: plots[0].spec };
    if (rendermime.preferredMimeType(bundle, 'any') !== VEGALITE_MIME) {
      hint(
        trans.__(
          'No plot: this JupyterLab has no Vega-Lite renderer (@jupyterlab/vega5-extension is disabled or missing). The table above has every value.'
        )
      );
      return;
    }
    this.node.replaceChildren();
    for (const plot of plots) {
      const host = element('figure', 'jp-CellScript-sweepPlot');
      host.dataset.output = plot.output;
      host.dataset.parameter = plot.parameter;
      host.dataset.theme =
        document.body.dataset.jpThemeLight === 'false' ? 'dark' : 'light';
      host.setAttribute(
        'aria-label',
        trans.__('%1 against %2', plot.output, plot.parameter)
      );
      this.node.append(host);
      const renderer = rendermime.createRenderer(VEGALITE_MIME);
      this._renderers.push(renderer);
      Widget.attach(renderer, host);
      void renderer
        .renderModel(
          new MimeModel({
            data: { [VEGALITE_MIME]: plot.spec },
            metadata: { [VEGALITE_MIME]: { embed_options: { actions: false } } }
          })
        )
        .catch(error =>
          host.replaceChildren(
            element(
              'p',
              'jp-CellScript-sweepHint',
              String(error?.message ?? error)
            )
          )
        );
    }
  }

  private _disposeRenderers(): void {
    this._renderers.forEach(renderer => renderer.dispose());
    this._renderers = [];
  }

  private _record: ISweepRecord | null = null;
  private _pending = false;
  private _renderers: Widget[] = [];
}
