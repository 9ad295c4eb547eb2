import { Dialog, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

/** What the user chose when the script cell changed since it was loaded. */
export type ConflictChoice = 'overwrite' | 'load-script' | 'cancel';

/** The two versions of a cell the conflict dialog shows. */
export interface IConflict {
  /** `pipeline.py › Train`. */
  readonly label: string;
  /** 1-based line of the cell in the script now. */
  readonly line: number;
  /** The cell's text in the script now. */
  readonly scriptText: string;
  /** The notebook cell's text. */
  readonly notebookText: string;
}

/**
 * Ask what to do when a cell being saved changed in the script since it was loaded: both
 * versions side by side (as text, never HTML), and overwrite the script / load the script's
 * version into the notebook / cancel. Nothing is written before the user chooses.
 */
export async function askOnConflict(
  trans: TranslationBundle,
  conflict: IConflict
): Promise<ConflictChoice> {
  const loadButton = Dialog.okButton({
    label: trans.__("Load Script's Version"),
    caption: trans.__(
      "Replace the notebook cell's text with the script's (Ctrl+Z in the cell brings yours back)"
    )
  });
  const overwriteButton = Dialog.warnButton({
    label: trans.__('Overwrite Script Cell'),
    caption: trans.__("Write the notebook cell's text over the script's")
  });
  const result = await showDialog({
    title: trans.__('%1 changed in the script', conflict.label),
    body: new ConflictBody(trans, conflict),
    buttons: [
      Dialog.cancelButton({ label: trans.__('Cancel') }),
      loadButton,
      overwriteButton
    ],
    defaultButton: 0
  });
  if (!result.button.accept) {
    return 'cancel';
  }
  return result.button.label === overwriteButton.label
    ? 'overwrite'
    : 'load-script';
}

/** The dialog's body: what happened, and the two versions. */
class ConflictBody extends Widget {
  constructor(trans: TranslationBundle, conflict: IConflict) {
    super();
    this.addClass('jp-CellScript-conflict');
    const intro = document.createElement('p');
    intro.textContent = trans.__(
      'The cell at line %1 of the script was edited since it was loaded into this notebook. Saving now would overwrite that edit. Choose which version to keep.',
      conflict.line
    );
    const versions = document.createElement('div');
    versions.className = 'jp-CellScript-conflictVersions';
    versions.append(
      version(trans.__('In the script now'), conflict.scriptText, 'script'),
      version(
        trans.__('In the notebook cell'),
        conflict.notebookText,
        'notebook'
      )
    );
    this.node.append(intro, versions);
  }
}

function version(title: string, text: string, which: string): HTMLElement {
  const section = document.createElement('section');
  section.className = 'jp-CellScript-conflictVersion';
  section.dataset.version = which;
  const heading = document.createElement('h3');
  heading.textContent = title;
  const pre = document.createElement('pre');
  pre.textContent = text;
  section.append(heading, pre);
  return section;
}
