import type { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { Widget } from '@lumino/widgets';

const MARKDOWN = 'text/markdown';

/**
 * Renders the markdown cells of the list with the app's markdown renderer, each only once its
 * row scrolls into view (a long script opens as fast as a short one). The text is untrusted:
 * the renderer sanitises its HTML and runs no script.
 */
export class MarkdownPreviews {
  constructor(rendermime: IRenderMimeRegistry, root: HTMLElement) {
    this._rendermime = rendermime;
    this._observer =
      typeof IntersectionObserver === 'undefined'
        ? null
        : new IntersectionObserver(this._onIntersect, {
            root,
            rootMargin: '200px 0px'
          });
  }

  /** Render `text` into `host` when it comes into view. */
  watch(host: HTMLElement, text: string): void {
    this._pending.set(host, text);
    if (this._observer) {
      this._observer.observe(host);
    } else {
      void this._render(host);
    }
  }

  /** Forget `host` (its row was removed) and dispose what was rendered there. */
  forget(host: HTMLElement): void {
    this._pending.delete(host);
    this._observer?.unobserve(host);
    const rendered = this._rendered.get(host);
    if (rendered) {
      this._rendered.delete(host);
      rendered.dispose();
    }
  }

  /** Stop watching and dispose every rendered preview. */
  dispose(): void {
    this._observer?.disconnect();
    this._pending.clear();
    this._rendered.forEach(widget => widget.dispose());
    this._rendered.clear();
  }

  private _onIntersect = (entries: IntersectionObserverEntry[]): void => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        const host = entry.target as HTMLElement;
        this._observer?.unobserve(host);
        void this._render(host);
      }
    }
  };

  private async _render(host: HTMLElement): Promise<void> {
    const text = this._pending.get(host);
    if (text === undefined) {
      return;
    }
    this._pending.delete(host);
    const renderer = this._rendermime.createRenderer(MARKDOWN);
    const model = this._rendermime.createModel({
      data: { [MARKDOWN]: text },
      trusted: false
    });
    try {
      await renderer.renderModel(model);
    } catch (reason) {
      // The plain text stays in place: a preview that cannot render is still readable.
      renderer.dispose();
      console.warn('CellScript: could not render a markdown cell', reason);
      return;
    }
    if (!host.isConnected || this._pending.has(host)) {
      // The row went away or shows newer text meanwhile.
      renderer.dispose();
      return;
    }
    this._rendered.get(host)?.dispose();
    this._rendered.set(host, renderer);
    host.textContent = '';
    Widget.attach(renderer, host);
    host.classList.add('jp-CellScript-markdown-rendered');
  }

  private _rendermime: IRenderMimeRegistry;
  private _observer: IntersectionObserver | null;
  private _pending = new Map<HTMLElement, string>();
  private _rendered = new Map<
    HTMLElement,
    ReturnType<IRenderMimeRegistry['createRenderer']>
  >();
}
