import type * as nbformat from '@jupyterlab/nbformat';
import { OutputArea, OutputAreaModel } from '@jupyterlab/outputarea';
import type { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { Widget } from '@lumino/widgets';

/**
 * The output areas under the sidebar's cells, one per cell that has outputs, rendered with the
 * app's rendermime (plots, tables and errors show as in a notebook). Outputs are untrusted:
 * HTML is sanitised and scripts do not run, since the sidebar is no notebook the user trusted.
 */
export class CellOutputs {
  constructor(rendermime: IRenderMimeRegistry) {
    this._rendermime = rendermime;
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
      area.addClass('jp-CellScript-outputs');
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
  private _entries = new Map<string, IEntry>();
}

interface IEntry {
  model: OutputAreaModel;
  area: OutputArea;
  shown: readonly nbformat.IOutput[];
}
