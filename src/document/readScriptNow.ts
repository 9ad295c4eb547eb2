import type { IParsedScript } from '../script';
import type { IScriptService } from '../tokens';

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
  const reference = scripts.open(path);
  try {
    await reference.document.ready;
    return reference.document.snapshot().script;
  } finally {
    reference.dispose();
  }
}
