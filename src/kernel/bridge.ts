/**
 * The typed bridge to the kernel runtime: one request type per operation, outputs streamed to a
 * sink, the runtime installed on demand (and again after a restart or a version change).
 */
import type { Kernel, KernelMessage } from '@jupyterlab/services';
import type { IDisposable } from '@lumino/disposable';
import { type ISignal, Signal } from '@lumino/signaling';
import { KernelRequestError } from './errors';
import { type IOutputSink, RequestMessages } from './outputs';
import {
  METADATA_KEY,
  RUNTIME_FILENAME,
  RUNTIME_MODULE,
  type IRequestPayload,
  type IRequests,
  type IResponses,
  type Operation
} from './protocol';
import {
  BOOTSTRAP_SOURCE,
  RUNTIME_SOURCE,
  RUNTIME_VERSION
} from './runtimeSource';

/**
 * The code of a request when the runtime is installed: a short constant expression that
 * assigns nothing in the user's namespace (short, because IPython tokenizes every cell). It
 * calls the runtime's `entry()`, which reads the request from the metadata and checks the
 * version; when the runtime is missing it calls `int()` instead and nothing happens: the
 * bridge sees no reply and sends INSTALL_CODE.
 */
export const ENTRY_CODE = `getattr(__import__('sys').modules.get('${RUNTIME_MODULE}'), 'entry', int)()`;

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
      });
      // A failed check (e.g. a kernel that did not answer) may succeed later.
      this._kernelCheck.catch(() => (this._kernelCheck = null));
    }
    return this._kernelCheck;
  }

  /**
   * Send one request to the runtime.
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
    const install = !this._installed;
    let messages = await this._execute(op, args, sink, install);
    const first = messages.reply;
    if (
      !install &&
      (!first || (!first.ok && first.error.kind === 'not-installed'))
    ) {
      // Nothing ran: the kernel lost the runtime (or has an older one) behind our back.
      // Install and retry once.
      messages = await this._execute(op, args, sink, true);
    }
    const reply = messages.reply;
    if (!reply) {
      throw new KernelRequestError(
        `The kernel answered the cellscript ${op} request without a reply. ` +
          'Check that it is an IPython kernel (ipykernel 6 or later) and try again.',
        'no-reply'
      );
    }
    // Any answer but 'not-installed' comes from an installed runtime of our version.
    this._installed = reply.ok || reply.error.kind !== 'not-installed';
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
    Signal.clearData(this);
  }

  private async _execute(
    op: Operation,
    args: IRequests[Operation],
    sink: IOutputSink | undefined,
    install: boolean
  ): Promise<RequestMessages> {
    const payload: IRequestPayload = {
      module: RUNTIME_MODULE,
      version: RUNTIME_VERSION,
      filename: RUNTIME_FILENAME,
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
    // The first cell of a run starts when the kernel starts the request (no event of its own).
    const cells = op === 'run' ? (args as IRequests['run']).cells : [];
    const mayRefuse = op === 'run' && !!(args as IRequests['run']).expect;
    const messages = new RequestMessages(sink, cells[0], mayRefuse);
    const restartsBefore = this._restarts;
    try {
      const future = this._kernel.requestExecute(content, true, {
        [METADATA_KEY]: payload as any
      });
      future.onIOPub = msg => messages.handle(msg);
      const reply = await future.done;
      if (reply.content.status === 'error' && !messages.reply) {
        const { ename, evalue } =
          reply.content as KernelMessage.IReplyErrorContent;
        throw new KernelRequestError(
          `The kernel could not run the cellscript runtime (${ename}: ${evalue}). ` +
            'cellscript needs an IPython kernel (ipykernel 6 or later).',
          'unsupported-kernel'
        );
      }
    } catch (error) {
      throw this._explain(error, restartsBefore);
    }
    return messages;
  }

  /** Turn a failed future into an error that says what happened to the kernel. */
  private _explain(error: unknown, restartsBefore: number): unknown {
    if (error instanceof KernelRequestError) {
      return error;
    }
    if (this._restarts !== restartsBefore) {
      return new KernelRequestError(
        'The kernel restarted while cellscript was running: the script namespace is gone. ' +
          'Run the cells again.',
        'kernel-restarted'
      );
    }
    if (this._kernel.isDisposed || this._kernel.status === 'dead') {
      return new KernelRequestError(
        'The kernel died while cellscript was running. Restart the kernel and run again.',
        'kernel-dead'
      );
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
  private _kernelCheck: Promise<void> | null = null;
  private _restarted = new Signal<this, void>(this);
}
