/**
 * Where the kernel finds a script: `__file__` must be the path as the kernel's file system
 * sees it, while the frontend knows contents paths (relative to the server's root).
 */
import { PathExt } from '@jupyterlab/coreutils';

/** How to turn a contents path into the path the kernel sees. First match wins. */
export interface IKernelPathOptions {
  /** The exact path the kernel should use (overrides everything else). */
  kernelFile?: string;
  /**
   * Absolute path of the contents root on the kernel's machine (jupyter_server's `root_dir`;
   * in JupyterLab `PageConfig.getOption('serverRoot')`). The script is `rootDir/path`.
   */
  rootDir?: string;
  /**
   * Contents path of the kernel's working directory: a notebook's kernel starts in the
   * notebook's directory, a kernel started without a path in the root (`''`, the default).
   * The runtime then resolves the relative path against the kernel's current directory.
   */
  kernelCwd?: string;
}

/**
 * The script's file as the kernel should see it: absolute when `rootDir` is known, else
 * relative to the kernel's working directory (made absolute by the runtime with os.getcwd()).
 */
export function kernelFileFor(
  path: string,
  options: IKernelPathOptions = {}
): string {
  if (options.kernelFile) {
    return options.kernelFile;
  }
  const relative = normalizeScriptPath(path);
  if (options.rootDir) {
    const windows =
      /^[A-Za-z]:\\/.test(options.rootDir) || !options.rootDir.includes('/');
    const separator = windows ? '\\' : '/';
    const root = options.rootDir.replace(/[\\/]+$/, '');
    return root + separator + relative.split('/').join(separator);
  }
  const cwd = PathExt.removeSlash(PathExt.normalize(options.kernelCwd ?? ''));
  return cwd ? PathExt.relative(cwd, relative) || '.' : relative;
}

/**
 * A contents path in one spelling: `./f/a.py`, `f//a.py`, `/f/a.py` and `f/a.py` are one file,
 * so they get one namespace. Leading `..` segments stay (they leave the root: the server
 * refuses them with a clear error).
 */
export function normalizeScriptPath(path: string): string {
  const normalized = PathExt.removeSlash(PathExt.normalize(path.trim()));
  return normalized === '.' ? '' : normalized;
}
