import type { IDocumentWidget } from '@jupyterlab/docregistry';
import type { FileEditor } from '@jupyterlab/fileeditor';
import type { Contents } from '@jupyterlab/services';
import { CellScriptError } from '../script/errors';
import {
  problemFromContentsError,
  ScriptUnavailableError
} from '../document/problems';

/** The part of the contents manager saving a cell needs: a seam tests can fake. */
export type IScriptFileContents = Pick<Contents.IManager, 'get' | 'save'>;

/** Finds the file editor that has a path open. */
export interface IScriptEditors {
  /** The editor of `path`, or undefined when none has it open. */
  find(
    test: (widget: IDocumentWidget<FileEditor>) => boolean
  ): IDocumentWidget<FileEditor> | undefined;
}

/** A script's text as read for a save, and where it came from. */
export interface IScriptText {
  readonly path: string;
  readonly text: string;
  /** The editor it was read from (its text, saved or not), or null: read from the server. */
  readonly editor: IDocumentWidget<FileEditor> | null;
}

/** A script that could not be written; the message says why and that nothing was written. */
export class ScriptWriteError extends CellScriptError {
  constructor(message: string, kind?: string) {
    super(message, kind);
    this.name = 'ScriptWriteError';
  }
}

/**
 * Reads and writes script text for saving cells back. A script open in an editor is read from
 * and written into the editor's model, so its unsaved edits are kept and the user saves; else
 * it goes through the contents API.
 */
export class ScriptFiles {
  constructor(options: ScriptFiles.IOptions) {
    this._contents = options.contents;
    this._editors = options.editors ?? null;
  }

  /**
   * The script's text now: the open editor's, else the file's, read fresh from the server.
   * @throws ScriptUnavailableError when it is missing, not UTF-8 or unreadable.
   */
  async read(path: string): Promise<IScriptText> {
    const editor =
      this._editors?.find(widget => widget.context.path === path) ?? null;
    if (editor) {
      await editor.context.ready;
      return { path, text: editor.context.model.toString(), editor };
    }
    let model: Contents.IModel;
    try {
      model = await this._contents.get(path, {
        type: 'file',
        format: 'text',
        content: true
      });
    } catch (error) {
      throw new ScriptUnavailableError(problemFromContentsError(path, error));
    }
    if (model.type === 'directory' || typeof model.content !== 'string') {
      throw new ScriptUnavailableError({
        kind: 'unreadable',
        message: `${path} is not a text file. Choose the .py script the cell came from.`
      });
    }
    return { path, text: model.content, editor: null };
  }

  /**
   * Write `text` where `read` found the script: into the editor's model as one edit of the
   * lines that changed (the user saves; undo takes it back), else to the file.
   * @throws ScriptWriteError when the file cannot be written (e.g. permission denied).
   */
  async write(from: IScriptText, text: string): Promise<void> {
    if (from.editor) {
      const shared = from.editor.content.model.sharedModel;
      const now = shared.getSource();
      const { start, end, insert } = changedSpan(now, text);
      shared.updateSource(start, end, insert);
      return;
    }
    try {
      await this._contents.save(from.path, {
        type: 'file',
        format: 'text',
        content: text
      });
    } catch (error) {
      const status = (error as { response?: { status?: number } })?.response
        ?.status;
      const detail = error instanceof Error ? error.message : String(error);
      const why =
        status === 403 || /permission denied/i.test(detail)
          ? 'permission denied (the file is read-only for the server)'
          : detail;
      throw new ScriptWriteError(
        `Could not write ${from.path}: ${why}. Nothing was written; make the file writable, or copy the cell's code into the script yourself.`,
        'write-failed'
      );
    }
  }

  private _contents: IScriptFileContents;
  private _editors: IScriptEditors | null;
}

/** Types for ScriptFiles. */
export namespace ScriptFiles {
  /** Options to create ScriptFiles. */
  export interface IOptions {
    /** The contents manager files are read and written through. */
    contents: IScriptFileContents;
    /** The file editors (an open script is written into its editor). */
    editors?: IScriptEditors | null;
  }
}

/** The one span that turns `before` into `after`: their common start and end are kept. */
export function changedSpan(
  before: string,
  after: string
): { start: number; end: number; insert: string } {
  const most = Math.min(before.length, after.length);
  let start = 0;
  while (start < most && before[start] === after[start]) {
    start++;
  }
  let tail = 0;
  while (
    tail < most - start &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  ) {
    tail++;
  }
  // Never cut a surrogate pair: the editor's text counts UTF-16 units.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) {
    start--;
  }
  if (tail > 0 && isLowSurrogate(before.charCodeAt(before.length - tail))) {
    tail--;
  }
  return {
    start,
    end: before.length - tail,
    insert: after.slice(start, after.length - tail)
  };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
