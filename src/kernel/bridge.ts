/**
 * The typed bridge to the kernel runtime: one request type per operation, outputs streamed to a
 * sink, the runtime installed on demand (and again after a restart or a version change).
 */
import type { Kernel, KernelMessage } from '@jupyterlab/services';
import { UUID } from '@lumino/coreutils';
import type { IDisposable } from '@lumino/disposable';
import { type ISignal, Signal } from '@lumino/signaling';
import { KernelRequestError } from './errors';
import { answerOf, deadError, restartedError, settled } from './executeReply';
import { type IOutputSink, RequestMessages } from './outputs';
import {
  METADATA_KEY,
  RUNTIME_FILENAME,
  RUNTIME_MODULE,
  type IRequestPayload,
  type IRequests,
  type IResponses,
  type IRunResult,
  type Operation,
  type RuntimeReply
} from './protocol';
import {
  BOOTSTRAP_SOURCE,
  RUNTIME_SOURCE,
  RUNTIME_VERSION
} from './runtimeSource';

/**
 * The code of a request when the runtime is installed: a short constant expression that
 * assigns nothing in the user's namespace (short: IPython tokenizes and transforms every
 * cell, which costs more than the rest of a small request). It calls the runtime's `entry()`,
 * which reads the request from the metadata and always answers with a payload; when the
 * runtime is missing it calls `int()` instead and the reply carries no payload: nothing ran,
 * and the bridge sends INSTALL_CODE.
 */
export const ENTRY_CODE = `getattr(__import__('sys').modules.get('${RUNTIME_MODULE}'), 'entry', int)()`;

/**
 * How long an interrupted request waits for the kernel's shutdown_reply: jupyter_client
 * interrupts a busy kernel just before it asks it to shut down, so an interrupt may be the
 * first step of a shutdown. Only interrupted requests wait.
 */
const SHUTDOWN_GRACE_MS = 500;

/**
 * The code of a request that installs the runtime (first request, after a restart or a
 * version change): runs the bootstrap the metadata carries, in a throw-away namespace.
 */
export const INSTALL_CODE =
  "exec(__import__('IPython').get_ipython().kernel.get_parent()" +
  `['metadata']['${METADATA_KEY}']['bootstrap'], {})`;

/** Constructor options of KernelBridge. */
export interface IKernelBridgeOptions {
  /** The kernel to talk to (e.g. a notebook's `sessionContext.session.kernel`). */
  kernel: Kernel.IKernelConnection;
}

/**
 * Talks to the cellscript runtime in one kernel.
 *
 * Every operation is one execute request (silent, no history) whose constant code checks the
 * installed runtime's version; the runtime's source rides along only when the bridge believes
 * it is missing, so an ordinary request is a single round trip.
 */
export class KernelBridge implements IDisposable {
  /**
   * @param options - the kernel to talk to.
   */
  constructor(options: IKernelBridgeOptions) {
    this._kernel = options.kernel;
    this._kernel.statusChanged.connect(this._onStatusChanged, this);
    this._kernel.iopubMessage.connect(this._onIOPub, this);
  }

  /** The kernel this bridge talks to. */
  get kernel(): Kernel.IKernelConnection {
    return this._kernel;
  }

  /**
   * Emitted when the kernel restarts: the runtime and every script namespace are gone, so a UI
   * should mark every cell as not run.
   */
  get restarted(): ISignal<this, void> {
    return this._restarted;
  }

  /** Whether the bridge believes the runtime is installed in the kernel. */
  get isInstalled(): boolean {
    return this._installed;
  }

  /** Whether the bridge is disposed. */
  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /**
   * Resolve when the kernel is a Python kernel; reject with a KernelRequestError
   * (kind 'not-python' or 'no-kernel') that says what to do otherwise.
   */
  checkKernel(): Promise<void> {
    if (this._kernel.isDisposed || this._kernel.status === 'dead') {
      return Promise.reject(
        new KernelRequestError(
          'The kernel has shut down. Start a Python kernel for the notebook, then try again.',
          'no-kernel'
        )
      );
    }
    if (!this._kernelCheck) {
      this._kernelCheck = this._kernel.info.then(info => {
        const language = info.language_info?.name ?? 'an unknown language';
        if (language.toLowerCase() !== 'python') {
          throw new KernelRequestError(
            `The kernel "${this._kernel.name}" runs ${language}; cellscript runs Python ` +
              'scripts and needs a Python kernel (ipykernel). Switch the notebook to a Python kernel.',
            'not-python'
          );
        }
        this._isIPython =
          (info.implementation ?? '').toLowerCase() === 'ipython';
      });
      // A failed check (e.g. a kernel that did not answer) may succeed later.
      this._kernelCheck.catch(() => (this._kernelCheck = null));
    }
    return this._kernelCheck;
  }

  /**
   * Send one request to the runtime. It runs at most once: it is sent again only when the
   * kernel says that nothing ran (the runtime was missing or outdated, and is installed then).
   *
   * @param op - the operation.
   * @param args - its arguments (JSON; never spliced into code).
   * @param sink - receives the user-visible output and cell events while it runs.
   * @returns the operation's result; rejects with a KernelRequestError when the runtime
   * refuses the request, user code raises (eval/exec), or the kernel restarts or dies.
   */
  async sendRequest<K extends Operation>(
    op: K,
    args: IRequests[K],
    sink?: IOutputSink
  ): Promise<IResponses[K]> {
    if (this._isDisposed) {
      throw new KernelRequestError(
        'The kernel bridge is disposed.',
        'no-kernel'
      );
    }
    await this.checkKernel();
    let install = !this._installed;
    let reply = await this._execute(op, args, sink, install);
    if (reply === 'not-installed' && !install) {
      // Nothing ran: the kernel lost the runtime (or has an older one) behind our back.
      install = true;
      reply = await this._execute(op, args, sink, install);
    }
    if (reply === 'not-installed') {
      throw new KernelRequestError(
        'The kernel did not install the cellscript runtime. Restart the kernel and try again.',
        'not-installed'
      );
    }
    this._installed = true;
    if (!reply.ok) {
      throw new KernelRequestError(
        reply.error.message,
        reply.error.kind,
        reply.error
      );
    }
    return reply.result as IResponses[K];
  }

  /**
   * Send a read-only request only if the runtime is already installed: it is never installed
   * for it, so a kernel where no script ran is left untouched (one cheap round trip).
   *
   * @returns the operation's result, or null when the kernel has no runtime (or another
   * version of it); rejects as `sendRequest` does otherwise.
   */
  async requestIfInstalled<K extends Operation>(
    op: K,
    args: IRequests[K]
  ): Promise<IResponses[K] | null> {
    if (this._isDisposed) {
      throw new KernelRequestError(
        'The kernel bridge is disposed.',
        'no-kernel'
      );
    }
    await this.checkKernel();
    const reply = await this._execute(op, args, undefined, false);
    if (reply === 'not-installed') {
      return null;
    }
    this._installed = true;
    if (!reply.ok) {
      throw new KernelRequestError(
        reply.error.message,
        reply.error.kind,
        reply.error
      );
    }
    return reply.result as IResponses[K];
  }

  /** Interrupt the kernel: a running script cell stops with KeyboardInterrupt. */
  async interrupt(): Promise<void> {
    await this._kernel.interrupt();
  }

  /** Disconnect from the kernel (the kernel itself is left alone). Idempotent. */
  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._kernel.statusChanged.disconnect(this._onStatusChanged, this);
    this._kernel.iopubMessage.disconnect(this._onIOPub, this);
    Signal.clearData(this);
  }

  /**
   * One execute request. Resolves with the runtime's reply, or 'not-installed' when the kernel
   * says that nothing ran; rejects when the request may have run but gave no answer.
   */
  private async _execute(
    op: Operation,
    args: IRequests[Operation],
    sink: IOutputSink | undefined,
    install: boolean
  ): Promise<RuntimeReply | 'not-installed'> {
    const id = UUID.uuid4();
    const payload: IRequestPayload = {
      module: RUNTIME_MODULE,
      version: RUNTIME_VERSION,
      filename: RUNTIME_FILENAME,
      id,
      request: { ...args, op }
    };
    if (install) {
      payload.source = RUNTIME_SOURCE;
      payload.bootstrap = BOOTSTRAP_SOURCE;
    }
    const content: KernelMessage.IExecuteRequestMsg['content'] = {
      code: install ? INSTALL_CODE : ENTRY_CODE,
      silent: true,
      store_history: false,
      allow_stdin: false,
      stop_on_error: false
    };
    const cells = op === 'run' ? (args as IRequests['run']).cells : [];
    const messages = new RequestMessages({ sink, cells, requestId: id });
    const restartsBefore = this._restarts;
    const shutdownsBefore = this._shutdowns;
    let reply: RuntimeReply | 'not-installed';
    try {
      const future = this._kernel.requestExecute(content, true, {
        [METADATA_KEY]: payload as any
      });
      future.onIOPub = msg => messages.handle(msg);
      reply = answerOf(await settled(future), id, op, this._isIPython);
    } catch (error) {
      messages.close(null);
      throw this._explain(error, restartsBefore);
    }
    const result =
      reply !== 'not-installed' && reply.ok && op === 'run'
        ? (reply.result as IRunResult)
        : null;
    messages.close(result);
    const interrupted =
      result?.status === 'interrupted' ||
      (reply !== 'not-installed' &&
        !reply.ok &&
        reply.error.kind === 'interrupted');
    if (interrupted && (await this._shutDownWithin(shutdownsBefore))) {
      // jupyter_client interrupts a busy kernel before it shuts it down or restarts it.
      throw this._shutdownRestarts ? restartedError() : deadError();
    }
    return reply;
  }

  /**
   * Whether the kernel is shutting down (its shutdown_reply, broadcast on IOPub, came since
   * `shutdownsBefore`) or gone, now or within a short grace: an interrupt that was the first
   * step of a shutdown must not be reported as the user's interrupt.
   */
  private _shutDownWithin(shutdownsBefore: number): Promise<boolean> {
    const gone = () =>
      this._shutdowns !== shutdownsBefore ||
      this._kernel.isDisposed ||
      this._kernel.status === 'dead';
    if (gone()) {
      return Promise.resolve(true);
    }
    return new Promise(resolve => {
      const check = () => {
        if (gone()) {
          finish(true);
        }
      };
      const finish = (value: boolean) => {
        clearTimeout(timer);
        this._kernel.statusChanged.disconnect(check);
        this._kernel.iopubMessage.disconnect(check);
        this._kernel.disposed.disconnect(check);
        resolve(value);
      };
      const timer = setTimeout(() => finish(false), SHUTDOWN_GRACE_MS);
      this._kernel.statusChanged.connect(check);
      this._kernel.iopubMessage.connect(check);
      this._kernel.disposed.connect(check);
    });
  }

  /** A kernel broadcasts its shutdown_reply on IOPub when it shuts down or restarts. */
  private _onIOPub(
    _: Kernel.IKernelConnection,
    msg: KernelMessage.IIOPubMessage
  ): void {
    if ((msg.header.msg_type as string) === 'shutdown_reply') {
      this._shutdownRestarts = !!(msg.content as { restart?: boolean }).restart;
      this._shutdowns++;
    }
  }

  /** Turn a failed future into an error that says what happened to the kernel. */
  private _explain(error: unknown, restartsBefore: number): unknown {
    if (error instanceof KernelRequestError) {
      return error;
    }
    if (this._restarts !== restartsBefore) {
      return restartedError();
    }
    if (
      this._kernel.isDisposed ||
      this._kernel.status === 'dead' ||
      this._kernel.connectionStatus === 'disconnected'
    ) {
      return deadError();
    }
    return error;
  }

  private _onStatusChanged(
    _: Kernel.IKernelConnection,
    status: KernelMessage.Status
  ): void {
    if (status === 'restarting' || status === 'autorestarting') {
      this._installed = false;
      this._restarts++;
      this._restarted.emit();
    }
  }

  private _kernel: Kernel.IKernelConnection;
  private _installed = false;
  private _isDisposed = false;
  private _restarts = 0;
  private _shutdowns = 0;
  private _shutdownRestarts = false;
  private _kernelCheck: Promise<void> | null = null;
  private _isIPython = true;
  private _restarted = new Signal<this, void>(this);
}
