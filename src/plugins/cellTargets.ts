import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { CodeEditor } from '@jupyterlab/codeeditor';
import type { IEditorTracker } from '@jupyterlab/fileeditor';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { cellRefOf } from '../commands';
import { isPythonScriptPath } from '../document/problems';
import { normalizeScriptPath } from '../kernel/paths';
import type { ILineSelection } from '../editor/selectionRun';
import type { CellPosition } from '../run/cellPickers';
import type { ICellScriptSidebar } from '../tokens';

/** A cell a command acts on: a script and a position in it (index, name or line). */
export interface ICellTarget {
  readonly path: string;
  readonly cell: CellPosition;
}

/** Where a command's cell comes from when its args do not name one (`at`). */
export type CellSource = 'cursor' | 'menu';

/** JSON schema of the `at` argument. */
export const atArgSchema = {
  type: 'string',
  enum: ['cursor', 'menu'],
  description:
    "Without `cell`: 'cursor' for the cell at the cursor of the script's editor, 'menu' for the sidebar cell the context menu was opened on."
} as const;

/**
 * Finds the cell a command acts on: the one its args name (`path`, `cell`), the sidebar cell
 * a context menu was opened on, or the cell at the cursor of the script's editor.
 */
export class CellTargets {
  constructor(options: CellTargets.IOptions) {
    this._app = options.app;
    this._sidebar = options.sidebar ?? null;
    this._editors = options.editors ?? null;
  }

  /** The script of `args.path`, else the sidebar's, else null. */
  pathOf(args: ReadonlyPartialJSONObject): string | null {
    return typeof args.path === 'string' && args.path.trim() !== ''
      ? normalizeScriptPath(args.path)
      : (this._sidebar?.path ?? null);
  }

  /**
   * The cell of a command's args: `cell` (with `path` or the sidebar's script); else per
   * `at` (default: the cursor when a script's editor is current, else nothing).
   */
  targetOf(args: ReadonlyPartialJSONObject): ICellTarget | null {
    if (args.cell !== undefined) {
      const path = this.pathOf(args);
      return path ? { path, cell: cellRefOf(args.cell) } : null;
    }
    const at = args.at as CellSource | undefined;
    if (at === 'menu') {
      return this.menuCell();
    }
    return at === 'cursor' || at === undefined ? this.cursorCell() : null;
  }

  /** The sidebar cell under the last context menu, if the menu was opened on one. */
  menuCell(): ICellTarget | null {
    const row = this._app.contextMenuHitTest(
      node =>
        node.classList.contains('jp-CellScript-cell') && 'index' in node.dataset
    );
    const path = this._sidebar?.path ?? null;
    if (!row || !path || !this._sidebar?.widget.node.contains(row)) {
      return null;
    }
    return { path, cell: { index: Number(row.dataset.index) } };
  }

  /** The cell at the cursor of the current script editor, or null when none is current. */
  cursorCell(): ICellTarget | null {
    const editor = this.currentEditor();
    if (!editor) {
      return null;
    }
    const line = editor.editor.getCursorPosition().line + 1;
    return { path: editor.path, cell: { line } };
  }

  /** The selection of the current script editor (1-based lines), or null when none is current. */
  editorSelection(): { path: string; selection: ILineSelection } | null {
    const editor = this.currentEditor();
    if (!editor) {
      return null;
    }
    const { start, end } = editor.editor.getSelection();
    return {
      path: editor.path,
      selection: {
        anchor: { line: start.line + 1, column: start.column },
        head: { line: end.line + 1, column: end.column }
      }
    };
  }

  /** The current widget's editor when it is a Python script's, with the script's path. */
  currentEditor(): { path: string; editor: CodeEditor.IEditor } | null {
    const widget = this._editors?.currentWidget ?? null;
    if (!widget || this._app.shell.currentWidget !== widget) {
      return null;
    }
    const path = widget.context.path;
    return isPythonScriptPath(path)
      ? { path: normalizeScriptPath(path), editor: widget.content.editor }
      : null;
  }

  private _app: JupyterFrontEnd;
  private _sidebar: ICellScriptSidebar | null;
  private _editors: IEditorTracker | null;
}

/** Types for CellTargets. */
export namespace CellTargets {
  /** Options to create CellTargets. */
  export interface IOptions {
    app: JupyterFrontEnd;
    sidebar?: ICellScriptSidebar | null;
    editors?: IEditorTracker | null;
  }
}
