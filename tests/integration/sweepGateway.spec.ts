/**
 * Sweeps on a gateway's kernels: jupyter_server A forwards every kernel to jupyter_server B
 * (`--GatewayClient.url`, what Kernel/Enterprise Gateway serve), and the sweep talks only to A
 * (its contents, its sessions, its kernel websockets). What a user would notice: the sweep's
 * results, that every kernel ran on B (B's kernel list, and B's process as the kernel's
 * ancestor), and that neither A nor B keeps a kernel of the sweep once it is done.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  ContentsManager,
  KernelAPI,
  KernelManager,
  ServerConnection,
  SessionManager
} from '@jupyterlab/services';
import {
  SessionSweepKernels,
  SWEEP_SESSION_TYPE,
  startSweep,
  type ISweepKernel,
  type ISweepKernels,
  type SweepIsolation
} from '../../src/sweep';
import { uniqueName } from './helpers';

const { startJupyterServer } = require('./jupyterServer');

/** What tests/integration/jupyterServer.js gives back. */
interface IStartedServer {
  url: string;
  token: string;
  rootDir: string;
  pid: number;
  stop(): Promise<void>;
}

function settingsOf(server: IStartedServer): ServerConnection.ISettings {
  return ServerConnection.makeSettings({
    baseUrl: server.url + '/',
    wsUrl: server.url.replace(/^http/, 'ws') + '/',
    token: server.token,
    appendToken: true
  });
}

/**
 * Starts kernels through A; for each, records its id and whether B listed it right after it
 * started (B's kernel list at the time of each lease: no polling).
 */
class GatewayCheckingKernels implements ISweepKernels {
  constructor(
    private readonly _inner: ISweepKernels,
    private readonly _gateway: ServerConnection.ISettings
  ) {}
  readonly started: { id: string; onGateway: boolean }[] = [];
  async start(script: string, label: string): Promise<ISweepKernel> {
    const lease = await this._inner.start(script, label);
    const onGateway = (await KernelAPI.listRunning(this._gateway)).some(
      kernel => kernel.id === lease.kernel.id
    );
    this.started.push({ id: lease.kernel.id, onGateway });
    return lease;
  }
}

/** Is a process with this id still there (a zombie counts)? */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('sweeps through a server that forwards kernels to a gateway', () => {
  let root: string;
  let gateway: IStartedServer | undefined; // B: runs the kernels
  let server: IStartedServer | undefined; // A: what the sweep talks to
  let gatewaySettings: ServerConnection.ISettings;
  let serverSettings: ServerConnection.ISettings;
  let kernelManager: KernelManager;
  let sessions: SessionManager;
  let contents: ContentsManager;

  beforeAll(async () => {
    // One root for both: A's contents API reads the script, B's kernels start in its root
    // and find the same file (tracebacks show its lines).
    root = fs.realpathSync(
      fs.mkdtempSync(path.join(os.tmpdir(), 'cellscript-gateway-'))
    );
    gateway = await startJupyterServer({ rootDir: root });
    server = await startJupyterServer({
      rootDir: root,
      // Fixes jupyter_server 1.23's gateway proxy losing a first message (see the file).
      config: path.join(__dirname, 'fixtures', 'gateway_config.py'),
      extraArgs: [
        `--GatewayClient.url=${gateway!.url}`,
        `--GatewayClient.auth_token=${gateway!.token}`
      ]
    });
    gatewaySettings = settingsOf(gateway!);
    serverSettings = settingsOf(server!);
    kernelManager = new KernelManager({ serverSettings });
    sessions = new SessionManager({ kernelManager, serverSettings });
    contents = new ContentsManager({ serverSettings });
  }, 120_000);

  afterAll(async () => {
    sessions?.dispose();
    kernelManager?.dispose();
    contents?.dispose();
    // A first: it would otherwise log B's absence while it shuts down.
    await server?.stop();
    await gateway?.stop();
    if (root) {
      fs.rmSync(root, { recursive: true, force: true });
    }
    for (const started of [server, gateway]) {
      if (started) {
        expect(alive(started.pid)).toBe(false);
      }
    }
  }, 60_000);

  // The ids of the kernel process's parent and grandparent: a kernel is a child of B; a forked
  // iteration is a child of the kernel.
  const TEXT =
    '# %% Parameters\nn = 1\n' +
    '# %% Work\nimport os\nfrom cellscript import Output\n' +
    'def parent_of(pid):\n' +
    '    with open(f"/proc/{pid}/stat") as f:\n' +
    '        return int(f.read().rsplit(")", 1)[1].split()[1])\n' +
    'square = n * n\n' +
    'Output(os.getpid(), name="pid")\n' +
    'Output([os.getppid(), parent_of(os.getppid())], name="ancestors")\n';

  async function sweepOnGateway(isolation: SweepIsolation) {
    const name = uniqueName(`gateway_${isolation}`);
    fs.writeFileSync(path.join(root, name), TEXT);
    const kernels = new GatewayCheckingKernels(
      new SessionSweepKernels(sessions),
      gatewaySettings
    );
    const run = await startSweep(
      { path: name, contents, kernels, save: false },
      { n: [2, 3, 4, 5] },
      { outputs: ['square', 'pid', 'ancestors'], isolation, concurrency: 2 }
    );
    const results = await run.done;
    return { run, results, kernels };
  }

  /** Neither A nor B has a kernel of the sweep, nor A a sweep session. */
  async function expectNoKernelLeft(started: readonly { id: string }[]) {
    const ids = started.map(kernel => kernel.id);
    const onGateway = (await KernelAPI.listRunning(gatewaySettings)).map(
      kernel => kernel.id
    );
    const onServer = (await KernelAPI.listRunning(serverSettings)).map(
      kernel => kernel.id
    );
    expect(ids.filter(id => onGateway.includes(id))).toEqual([]);
    expect(ids.filter(id => onServer.includes(id))).toEqual([]);
    // Nobody else uses B: nothing at all may be left there.
    expect(onGateway).toEqual([]);
    await sessions.refreshRunning();
    expect(
      [...sessions.running()].filter(s => s.type === SWEEP_SESSION_TYPE)
    ).toEqual([]);
  }

  it('forwards kernels to B (a check of the set-up itself)', async () => {
    const kernel = await kernelManager.startNew({ name: 'python3' });
    try {
      await kernel.info;
      const onGateway = await KernelAPI.listRunning(gatewaySettings);
      expect(onGateway.map(k => k.id)).toContain(kernel.id);
    } finally {
      await kernel.shutdown();
    }
    expect(await KernelAPI.listRunning(gatewaySettings)).toEqual([]);
  });

  it.each(['kernel', 'fork'] as const)(
    'runs a sweep with %s isolation on B and shuts every kernel down there',
    async isolation => {
      const { run, results, kernels } = await sweepOnGateway(isolation);
      // Whatever happened, every kernel the sweep started is gone from A and B.
      await expectNoKernelLeft(kernels.started);
      expect(run.record.message).toBeUndefined();
      expect(run.record.status).toBe('done');
      expect(results.iterations.map(r => r.varied.n)).toEqual([1, 2, 3, 4, 5]);
      for (const result of results.iterations) {
        expect(result.status).toBe('ok');
        const n = result.varied.n as number;
        expect(result.outputs.square).toMatchObject({ value: n * n });
      }

      // Kernel isolation: a kernel per iteration; fork: one per worker.
      expect(kernels.started).toHaveLength(isolation === 'kernel' ? 5 : 2);
      expect(kernels.started.every(kernel => kernel.onGateway)).toBe(true);

      // Every iteration's process descends from B, none from A.
      const pids = results.iterations.map(
        r => (r.outputs.pid as { value: number }).value
      );
      expect(new Set(pids).size).toBe(5);
      for (const result of results.iterations) {
        const [parent, grandparent] = (
          result.outputs.ancestors as { value: number[] }
        ).value;
        const kernelParent = isolation === 'kernel' ? parent : grandparent;
        expect(kernelParent).toBe(gateway!.pid);
        expect([parent, grandparent]).not.toContain(server!.pid);
      }

      if (isolation === 'kernel') {
        // B waits for a kernel's process to end before it answers the shutdown.
        expect(pids.filter(alive)).toEqual([]);
      }
    }
  );
});
