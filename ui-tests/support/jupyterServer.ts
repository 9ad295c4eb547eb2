/**
 * Start and stop the JupyterLab host server (ui-tests/host/server/cellscript_host.py) for one
 * browser test: its own port, token, server root and Jupyter directories, so tests share nothing
 * and leave nothing in the home directory.
 */
import { ChildProcess, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

/** The ui-tests folder. */
export const UI_TESTS_DIR = path.resolve(__dirname, '..');

/** The repository root. */
export const REPO_DIR = path.resolve(UI_TESTS_DIR, '..');

/** Debian's Python, which has jupyter_server, jupyterlab_server and ipykernel. */
export const PYTHON = process.env.CELLSCRIPT_PYTHON || '/usr/bin/python3';

const SERVER_SCRIPT = path.join(
  UI_TESTS_DIR,
  'host',
  'server',
  'cellscript_host.py'
);

/**
 * How the host finds the extension. By default it serves the source tree's build; a test of an
 * installed wheel runs it with the venv's Python and without that link.
 */
export interface IHostOptions {
  /** The Python that runs the host (default: PYTHON), e.g. a venv's: its data path is searched. */
  python?: string;
  /**
   * Link the source tree's build (`npm run build`) into the server's labextensions folder
   * (default: true). With false (`--link-extension=False`) the extension is served only where it
   * is installed, found as JupyterLab finds installed extensions (`jupyter --paths`).
   */
  linkExtension?: boolean;
}

/** How to start a server. */
export interface IJupyterServerOptions extends IHostOptions {
  /** The directory the server serves (its contents API root). */
  rootDir: string;
  /** Per-run state: Jupyter config/data/runtime dirs, IPython, settings, workspaces. */
  runDir: string;
  /** The server's output goes here (created or truncated). */
  logFile: string;
  /** Port to listen on; default: a free one. */
  port?: number;
}

/** A running server. */
export interface IJupyterServer {
  /** Absolute path of the served root. */
  readonly rootDir: string;
  /** `http://127.0.0.1:<port>/`, with the trailing slash. */
  readonly baseURL: string;
  /** The token every request needs. */
  readonly token: string;
  /** The server's process id. */
  readonly pid: number;
  /** The file holding the server's output. */
  readonly logFile: string;
  /** A URL of this server with the token in the query, e.g. `url('lab/tree/a.ipynb')`. */
  url(pathname?: string): string;
  /** Stop the server (SIGTERM, which also shuts its kernels down; SIGKILL if it hangs). */
  stop(): Promise<void>;
}

/**
 * A TCP port on 127.0.0.1 that nobody listens on right now.
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address() as net.AddressInfo;
      probe.close(() => resolve(address.port));
    });
  });
}

/**
 * The environment of the server and its kernels: every Jupyter, IPython and matplotlib
 * directory under the run directory.
 */
function serverEnvironment(runDir: string): NodeJS.ProcessEnv {
  const jupyterDir = path.join(runDir, 'jupyter');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JUPYTER_CONFIG_DIR: path.join(jupyterDir, 'config'),
    JUPYTER_DATA_DIR: path.join(jupyterDir, 'data'),
    JUPYTER_RUNTIME_DIR: path.join(jupyterDir, 'runtime'),
    IPYTHONDIR: path.join(runDir, 'ipython'),
    MPLCONFIGDIR: path.join(runDir, 'matplotlib'),
    PYDEVD_DISABLE_FILE_VALIDATION: '1',
    PYTHONUNBUFFERED: '1'
  };
  // The interpreter first on PATH may be another Python; the kernelspec names /usr/bin/python3.
  delete env.PYTHONPATH;
  delete env.PYTHONHOME;
  for (const dir of ['config', 'data', 'runtime']) {
    fs.mkdirSync(path.join(jupyterDir, dir), { recursive: true });
  }
  return env;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise(resolve => child.once('exit', () => resolve()));
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}

/**
 * Poll the status API until the server answers, or fail when the process dies or time is up.
 */
async function waitUntilServing(
  child: ChildProcess,
  statusURL: string,
  token: string,
  logFile: string,
  timeoutMs: number
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The JupyterLab host server exited (${child.exitCode ?? child.signalCode}) before serving. ` +
          `Its log (${logFile}) ends with:\n${tail(logFile)}`
      );
    }
    try {
      const response = await fetch(statusURL, {
        headers: { Authorization: `token ${token}` }
      });
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    // A short poll interval: the server usually answers within a second.
    await sleep(100);
  }
  throw new Error(
    `The JupyterLab host server did not answer ${statusURL} within ${timeoutMs / 1000} s. ` +
      `Its log (${logFile}) ends with:\n${tail(logFile)}`
  );
}

/**
 * Start the host server and resolve once its API answers.
 *
 * Without a fixed port, a free one is picked; if another process takes it first, a new one is
 * tried (twice).
 */
export async function startJupyterServer(
  options: IJupyterServerOptions
): Promise<IJupyterServer> {
  if (options.port !== undefined) {
    return startOnPort(options, options.port);
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnPort(options, await findFreePort());
    } catch (error) {
      const portTaken = /port \d+ is already in use/i.test(
        tail(options.logFile)
      );
      if (!portTaken || attempt === 3) {
        throw error;
      }
    }
  }
}

async function startOnPort(
  options: IJupyterServerOptions,
  port: number
): Promise<IJupyterServer> {
  const rootDir = path.resolve(options.rootDir);
  const token = randomBytes(16).toString('hex');
  const baseURL = `http://127.0.0.1:${port}/`;
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = fs.openSync(options.logFile, 'w');
  const python = options.python ?? PYTHON;
  const child = spawn(
    python,
    [
      SERVER_SCRIPT,
      `--run-dir=${path.join(options.runDir, 'lab')}`,
      ...(options.linkExtension === false ? ['--link-extension=False'] : []),
      '--no-browser',
      '--allow-root',
      '--ServerApp.ip=127.0.0.1',
      `--ServerApp.port=${port}`,
      '--ServerApp.port_retries=0',
      `--ServerApp.token=${token}`,
      `--ServerApp.root_dir=${rootDir}`
    ],
    {
      cwd: rootDir,
      env: serverEnvironment(options.runDir),
      stdio: ['ignore', log, log],
      // Its own process group, so that stop() can end everything it started.
      detached: true
    }
  );
  fs.closeSync(log);
  if (child.pid === undefined) {
    throw new Error(`Could not start ${python} ${SERVER_SCRIPT}.`);
  }
  const pid = child.pid;

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    process.kill(pid, 'SIGTERM');
    const stopped = await Promise.race([
      exited(child).then(() => true),
      sleep(10_000).then(() => false)
    ]);
    if (!stopped) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      await exited(child);
    }
  };

  try {
    await waitUntilServing(
      child,
      `${baseURL}api/status`,
      token,
      options.logFile,
      30_000
    );
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    rootDir,
    baseURL,
    token,
    pid,
    logFile: options.logFile,
    url: (pathname = 'lab') =>
      `${baseURL}${pathname.replace(/^\//, '')}${pathname.includes('?') ? '&' : '?'}token=${token}`,
    stop
  };
}
