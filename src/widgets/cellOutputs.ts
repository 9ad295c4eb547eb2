import type * as nbformat from '@jupyterlab/nbformat';
import { OutputArea, OutputAreaModel } from '@jupyterlab/outputarea';
import type { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { Widget } from '@lumino/widgets';

/**
 * Output areas of script cells, one per cell that has outputs, each in a host element the
 * caller gives (a sidebar row, an entry of the outputs view), rendered with the app's
 * rendermime (plots, tables and errors show as in a notebook). Outputs are untrusted: HTML is
 * sanitised and scripts do not run, since no notebook the user trusted holds them.
 */
export class CellOutputs {
  /**
   * @param rendermime - the app's rendermime registry.
   * @param className - the class of each output area (styles differ per surface).
   */
  constructor(
    rendermime: IRenderMimeRegistry,
    className = 'jp-CellScript-outputs'
  ) {
    this._rendermime = rendermime;
    this._className = className;
  }

  /**
   * Show `outputs` for the cell `key` inside `host` (the cell's row). Only new outputs are
   * added while a cell streams; the area is reset when the outputs were replaced.
   */
  show(key: string, host: HTMLElement, outputs: readonly nbformat.IOutput[]) {
    let entry = this._entries.get(key);
    if (outputs.length === 0) {
      if (entry) {
        this._remove(key, entry);
      }
      return;
    }
    if (!entry) {
      const model = new OutputAreaModel({ trusted: false });
      const area = new OutputArea({ model, rendermime: this._rendermime });
      area.addClass(this._className);
      entry = { model, area, shown: [] };
      this._entries.set(key, entry);
    }
    if (entry.area.node.parentElement !== host) {
      if (entry.area.isAttached) {
        Widget.detach(entry.area);
      }
      if (host.isConnected) {
        Widget.attach(entry.area, host);
      } else {
        host.appendChild(entry.area.node);
      }
    }
    const shown = entry.shown;
    const extends_ =
      outputs.length >= shown.length && shown.every((o, i) => outputs[i] === o);
    if (!extends_) {
      entry.model.clear();
      entry.shown = [];
    }
    for (let i = entry.shown.length; i < outputs.length; i++) {
      entry.model.add(outputs[i]);
    }
    entry.shown = outputs.slice();
  }

  /** Remove every output area whose key is not in `keep`. */
  retain(keep: Set<string>): void {
    for (const [key, entry] of this._entries) {
      if (!keep.has(key)) {
        this._remove(key, entry);
      }
    }
  }

  /**
   * Take every output area out of the page, before their hosts leave it (a Lumino widget
   * cannot be detached once its node is gone); `show` puts them back.
   */
  detachAll(): void {
    for (const { area } of this._entries.values()) {
      if (area.isAttached && area.node.isConnected) {
        Widget.detach(area);
      }
    }
  }

  /** How many output areas there are (one per cell with outputs). */
  get size(): number {
    return this._entries.size;
  }

  /** Remove all output areas. */
  dispose(): void {
    this._entries.forEach((entry, key) => this._remove(key, entry));
  }

  private _remove(key: string, entry: IEntry): void {
    this._entries.delete(key);
    if (entry.area.isAttached) {
      Widget.detach(entry.area);
    }
    entry.area.dispose();
    entry.model.dispose();
  }

  private _rendermime: IRenderMimeRegistry;
  private _className: string;
  private _entries = new Map<string, IEntry>();
}

interface IEntry {
  model: OutputAreaModel;
  area: OutputArea;
  shown: readonly nbformat.IOutput[];
}
