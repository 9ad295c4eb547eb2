/**
 * Which script a notebook's magics drive: the one `%cellscript open` chose for that notebook,
 * else the sidebar's; a typed path is read from the notebook's folder, as `%run` reads it.
 */
import { PathExt } from '@jupyterlab/coreutils';
import { MagicUsageError } from './errors';

/**
 * The contents path of `typed` as seen from the notebook at `notebookPath`: relative to the
 * notebook's folder, or to the server's root when it starts with `/`.
 *
 * @throws MagicUsageError when the path leaves the server's root.
 */
export function resolveScriptPath(notebookPath: string, typed: string): string {
  const text = typed.trim();
  if (text === '') {
    throw new MagicUsageError('Give the path of a script, e.g. train.py.');
  }
  const joined = text.startsWith('/')
    ? PathExt.normalize(text)
    : PathExt.join(PathExt.dirname(notebookPath), text);
  const path = PathExt.removeSlash(joined);
  if (path === '..' || path.startsWith('../') || path === '' || path === '.') {
    throw new MagicUsageError(
      `${typed} is outside the folder JupyterLab serves. Give a path inside it (relative to the notebook's folder, or from the root with a leading /).`
    );
  }
  return path;
}

/** The script chosen per notebook session (forgotten with the session). */
export class CurrentScripts<K extends object> {
  /** The chosen script of `key`, else `fallback()`. */
  get(key: K, fallback: () => string | null): string | null {
    return this._chosen.get(key) ?? fallback();
  }

  set(key: K, path: string): void {
    this._chosen.set(key, path);
  }

  private _chosen = new WeakMap<K, string>();
}
