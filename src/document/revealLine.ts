import { IDocumentManager } from '@jupyterlab/docmanager';
import { IDocumentWidget } from '@jupyterlab/docregistry';
import { FileEditor } from '@jupyterlab/fileeditor';

/**
 * Open `path` in the file editor (or bring its editor to front) with the cursor at the start
 * of a 1-based `line`, scrolled into view and focused.
 */
export async function revealLine(
  docManager: IDocumentManager,
  path: string,
  line: number
): Promise<void> {
  const widget = docManager.openOrReveal(path, 'Editor') as
    | IDocumentWidget<FileEditor>
    | undefined;
  if (!widget) {
    throw new Error(
      `Could not open ${path} in the editor. Check that the file exists.`
    );
  }
  await widget.context.ready;
  await widget.revealed;
  const editor = widget.content.editor;
  const position = {
    line: Math.max(0, Math.min(line - 1, editor.lineCount - 1)),
    column: 0
  };
  editor.setCursorPosition(position);
  editor.revealPosition(position);
  editor.focus();
}
