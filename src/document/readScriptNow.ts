import type { IParsedScript } from '../script';
import type { IScriptService } from '../tokens';
import type { IScriptSnapshot } from './scriptDocument';

/**
 * A script as it is now, parsed with the user's marker settings: an open editor's unsaved
 * text first, else the file. Shares the document of a script already open.
 *
 * @throws ScriptUnavailableError when the script cannot be read.
 */
export async function readScriptNow(
  scripts: IScriptService,
  path: string
): Promise<IParsedScript> {
  return (await readSnapshotNow(scripts, path)).script;
}

/** The text and parse of a script as it is now (see readScriptNow). */
export async function readSnapshotNow(
  scripts: IScriptService,
  path: string
): Promise<IScriptSnapshot> {
  const reference = scripts.open(path);
  try {
    await reference.document.ready;
    return reference.document.snapshot();
  } finally {
    reference.dispose();
  }
}
