/**
 * Where a sweep's kernels come from: sessions of the Jupyter services API, so a server that
 * forwards kernels to a gateway (`--GatewayClient.url`) runs them there. Every sweep kernel is
 * a session of type `cellscript-sweep`: recognisable after a reload, when leftovers of a page
 * that went away are found and shut down.
 */
import { PathExt, URLExt } from '@jupyterlab/coreutils';
import {
  ServerConnection,
  type Kernel,
  type Session
} from '@jupyterlab/services';

/** The session type of every kernel a sweep starts. */
export const SWEEP_SESSION_TYPE = 'cellscript-sweep';

/** A kernel a sweep started, and how to give it back. */
export interface ISweepKernel {
  readonly kernel: Kernel.IKernelConnection;
  /** Shut the kernel down (resolves also when it is gone already). */
  shutdown(): Promise<void>;
  /**
   * Ask the server to shut it down without waiting for anything: a page that unloads cannot
   * wait (a `keepalive` request outlives the page).
   */
  abandon(): void;
}

/** Starts the kernels of sweeps. */
export interface ISweepKernels {
  /**
   * Start a kernel and wait until it answers.
   * @param script - contents path of the script (the kernel starts in its folder).
   * @param label - names the kernel's session, unique per kernel, e.g.
   *   `sweep 20261203T120000-000Z worker 2 kernel 5`.
   */
  start(script: string, label: string): Promise<ISweepKernel>;
}

/** Sweep kernels as sessions of `sessions` running `kernelName` (default 'python3'). */
export class SessionSweepKernels implements ISweepKernels {
  constructor(
    private readonly _sessions: Session.IManager,
    private readonly _kernelName = 'python3'
  ) {}

  async start(script: string, label: string): Promise<ISweepKernel> {
    // A path next to the script: the server starts the kernel in the script's folder (the
    // nearest folder that exists), as `python train.py` would run there.
    const session = await this._sessions.startNew({
      path: `${script}.${label.replace(/[^\w.-]+/g, '-')}`,
      name: label,
      type: SWEEP_SESSION_TYPE,
      kernel: { name: this._kernelName }
    });
    const kernel = session.kernel;
    if (!kernel) {
      await session.shutdown().catch(() => undefined);
      throw new Error(`The server started no kernel for ${label}.`);
    }
    try {
      await answered(kernel);
    } catch (error) {
      await session.shutdown().catch(() => undefined);
      throw error;
    }
    const settings =
      this._sessions.serverSettings ?? ServerConnection.makeSettings();
    return {
      kernel,
      shutdown: async () => {
        // A kernel that died is restarted by the server, and the connection reconnects to it:
        // let that settle, so the shutdown reaches the new process and the reconnect ends.
        await connectionSettled(kernel);
        try {
          await session.shutdown();
        } catch {
          // Ask once more by id (the session connection may be broken); a 404 means gone.
          await this._sessions.shutdown(session.id).catch(() => undefined);
        }
        session.dispose();
      },
      abandon: () => {
        const url = URLExt.join(settings.baseUrl, 'api/sessions', session.id);
        void ServerConnection.makeRequest(
          url,
          { method: 'DELETE', keepalive: true },
          settings
        ).catch(() => undefined);
      }
    };
  }
}

/** How long a new kernel may take to answer kernel_info before it is asked again, ms. */
const INFO_RETRY_MS = 10_000;
/** How long after that it may take before the start counts as failed, ms. */
const INFO_LIMIT_MS = 60_000;

/**
 * Resolves once the kernel answered kernel_info. A gateway proxy of jupyter_server 1.x can lose
 * the first message of a new websocket, so the request is sent once more after a while; a
 * kernel that never answers is an error that says so (the sweep stops and keeps its results).
 */
async function answered(kernel: Kernel.IKernelConnection): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const after = (ms: number) =>
    new Promise<'late'>(resolve => {
      timer = setTimeout(() => resolve('late'), ms);
    });
  try {
    if ((await Promise.race([kernel.info, after(INFO_RETRY_MS)])) !== 'late') {
      return;
    }
    clearTimeout(timer);
    const again = kernel.requestKernelInfo().then(() => 'answered' as const);
    again.catch(() => undefined); // a late failure after an answer is no news
    const outcome = await Promise.race([
      kernel.info.then(() => 'answered' as const),
      again,
      after(INFO_LIMIT_MS)
    ]);
    if (outcome === 'late') {
      throw new Error(
        `The kernel ${kernel.id} started but did not answer within ${(INFO_RETRY_MS + INFO_LIMIT_MS) / 1000} s. ` +
          'Check the server (or gateway) log, then retry the sweep.'
      );
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves once the connection is not reconnecting (connected, or given up), at most `ms`. */
async function connectionSettled(
  kernel: Kernel.IKernelConnection,
  ms = 10_000
): Promise<void> {
  // The server's auto-restart schedules the reconnect in a microtask of the status message.
  await new Promise(resolve => setTimeout(resolve, 0));
  if (kernel.isDisposed || kernel.connectionStatus !== 'connecting') {
    return;
  }
  await new Promise<void>(resolve => {
    const done = () => {
      clearTimeout(timer);
      kernel.connectionStatusChanged.disconnect(check);
      resolve();
    };
    const check = () => {
      if (kernel.connectionStatus !== 'connecting') {
        done();
      }
    };
    const timer = setTimeout(done, ms);
    kernel.connectionStatusChanged.connect(check);
  });
}

/**
 * Sweep kernels of pages that went away: sessions of type `cellscript-sweep` that are not in
 * `ours`, whose kernel is idle and has done nothing for `idleMs` (a live sweep keeps its
 * kernels busy; one of another open page is left alone).
 */
export async function findLeftoverSweepKernels(
  sessions: Session.IManager,
  ours: ReadonlySet<string> = new Set(),
  idleMs = 60_000,
  now = Date.now()
): Promise<Session.IModel[]> {
  await sessions.refreshRunning();
  return [...sessions.running()].filter(model => {
    if (model.type !== SWEEP_SESSION_TYPE || ours.has(model.id)) {
      return false;
    }
    const kernel = model.kernel as
      | (Kernel.IModel & { last_activity?: string })
      | null;
    if (!kernel) {
      return true;
    }
    const busy = kernel.execution_state === 'busy';
    const last = kernel.last_activity ? Date.parse(kernel.last_activity) : NaN;
    return !busy && (Number.isNaN(last) || now - last >= idleMs);
  });
}

/** Shut down the given sweep sessions; resolves with how many were shut down. */
export async function shutdownSweepKernels(
  sessions: Session.IManager,
  models: readonly Session.IModel[]
): Promise<number> {
  const done = await Promise.allSettled(
    models.map(model => sessions.shutdown(model.id))
  );
  return done.filter(outcome => outcome.status === 'fulfilled').length;
}

/** The folder a sweep kernel starts in, as a contents path. */
export function sweepKernelFolder(script: string): string {
  return PathExt.dirname(script);
}
