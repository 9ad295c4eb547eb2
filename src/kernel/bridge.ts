/**
 * The typed bridge to the kernel runtime: one request type per operation, outputs streamed to a
 * sink, the runtime installed on demand (and again after a restart or a version change).
 */
import type { Kernel, KernelMessage } from '@jupyterlab/services';
import { UUID } from '@lumino/coreutils';
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
 * assigns nothing in the user's namespace (short, because IPython tokenizes every cell). It
 * calls the runtime's `entry()`, which reads the request from the metadata and checks the
 * version; when the runtime is missing it calls `int()` instead and nothing happens: the
 * bridge sees no reply and sends INSTALL_CODE.
 */
export const ENTRY_CODE = `getattr(__import__('sys').modules.get('${RUNTIME_MODULE}'), 'entry', int)()`;

/**
 * The user expression of every request: the runtime's reply, as JSON in the execute_reply.
 * When the runtime is missing it evaluates `int()`, whose value has no JSON: nothing ran.
 */
export const REPLY_EXPRESSION = `getattr(__import__('sys').modules.get('${RUNTIME_MODULE}'), 'reply', int)()`;

/** What the runtime's reply object shows as text/plain (when JSON display is switched off). */
const REPLY_REPR = '<cellscript reply>';

/** How long to wait for the kernel's idle status after the reply (IOPub may lose it). */
const IDLE_GRACE_MS = 1000;

/** How long an interrupted run waits to see whether the kernel is going away (a shutdown). */
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
      stop_on_error: false,
      user_expressions: { [METADATA_KEY]: REPLY_EXPRESSION }
    };
    const cells = op === 'run' ? (args as IRequests['run']).cells : [];
    const messages = new RequestMessages({ sink, cells, requestId: id });
    const restartsBefore = this._restarts;
    let reply: RuntimeReply | 'not-installed';
    try {
      const future = this._kernel.requestExecute(content, true, {
        [METADATA_KEY]: payload as any
      });
      future.onIOPub = msg => messages.handle(msg);
      reply = this._answerOf(await settled(future), id, op);
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
    if (interrupted && (await this._goneWithin(SHUTDOWN_GRACE_MS))) {
      // The kernel was shut down: jupyter_client interrupts a busy kernel before it stops it.
      throw this._explain(new Error('shut down'), restartsBefore);
    }
    return reply;
  }

  /** The runtime's reply in an execute_reply, or 'not-installed' when nothing ran. */
  private _answerOf(
    msg: KernelMessage.IExecuteReplyMsg,
    id: string,
    op: Operation
  ): RuntimeReply | 'not-installed' {
    const content = msg.content;
    if (content.status === 'ok') {
      const value = content.user_expressions?.[METADATA_KEY] as
        | {
            status?: string;
            data?: Record<string, unknown>;
            ename?: string;
            evalue?: string;
          }
        | undefined;
      if (value?.status === 'ok') {
        const json = value.data?.['application/json'] as
          | RuntimeReply
          | undefined;
        if (json?.kind === 'reply' && json.id === id) {
          // The bootstrap found no runtime of our version and nothing ran.
          return !json.ok && json.error.kind === 'not-installed'
            ? 'not-installed'
            : json;
        }
        if (json === undefined && value.data?.['text/plain'] !== REPLY_REPR) {
          return 'not-installed';
        }
        throw new KernelRequestError(
          'The kernel answered the cellscript request in a form cellscript cannot read ' +
            '(is JSON display switched off in its IPython configuration?). It was not run again.',
          'no-reply'
        );
      }
      if (value?.status === 'error') {
        throw this._broken(`${value.ename}: ${value.evalue}`);
      }
      throw new KernelRequestError(
        `The kernel ran the cellscript ${op} request but evaluated no user expression: ` +
          'cellscript needs an IPython kernel (ipykernel 6 or later).',
        'unsupported-kernel'
      );
    }
    if (content.status === 'error') {
      const { ename, evalue } = content as KernelMessage.IReplyErrorContent;
      if (ename === 'KeyboardInterrupt') {
        throw new KernelRequestError(
          'Interrupted before cellscript could answer. The request was not run again.',
          'interrupted'
        );
      }
      throw this._broken(`${ename}: ${evalue}`);
    }
    throw new KernelRequestError(
      'The kernel skipped the cellscript request because a cell queued before it failed. ' +
        'Run it again.',
      'aborted'
    );
  }

  /** The error for a kernel where even the constant request code fails. */
  private _broken(detail: string): KernelRequestError {
    if (this._isIPython) {
      return new KernelRequestError(
        `The kernel's namespace is broken, so cellscript cannot run there (${detail}). ` +
          'Restart the kernel.',
        'namespace-broken'
      );
    }
    return new KernelRequestError(
      `The kernel could not run the cellscript runtime (${detail}). ` +
        'cellscript needs an IPython kernel (ipykernel 6 or later).',
      'unsupported-kernel'
    );
  }

  /** Whether the kernel is gone now or goes within `ms` (shut down, died, disposed). */
  private _goneWithin(ms: number): Promise<boolean> {
    const gone = () =>
      this._kernel.isDisposed ||
      this._kernel.status === 'dead' ||
      this._kernel.connectionStatus === 'disconnected';
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
        this._kernel.connectionStatusChanged.disconnect(check);
        this._kernel.disposed.disconnect(check);
        resolve(value);
      };
      const timer = setTimeout(() => finish(false), ms);
      this._kernel.statusChanged.connect(check);
      this._kernel.connectionStatusChanged.connect(check);
      this._kernel.disposed.connect(check);
    });
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
    if (
      this._kernel.isDisposed ||
      this._kernel.status === 'dead' ||
      this._kernel.connectionStatus === 'disconnected'
    ) {
      return new KernelRequestError(
        'The kernel shut down or died while cellscript was running. Start the kernel again, ' +
          'then run the cells again.',
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
  private _isIPython = true;
  private _restarted = new Signal<this, void>(this);
}

/**
 * The execute_reply of a request, once the kernel is idle again; or, when the idle status does
 * not come (IOPub can lose it in a burst), shortly after the reply. Never waits forever for
 * IOPub: the reply travels on the shell channel.
 */
function settled(
  future: Kernel.IShellFuture<
    KernelMessage.IExecuteRequestMsg,
    KernelMessage.IExecuteReplyMsg
  >
): Promise<KernelMessage.IExecuteReplyMsg> {
  return new Promise((resolve, reject) => {
    let reply: KernelMessage.IExecuteReplyMsg | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    future.onReply = msg => {
      reply = msg;
      timer = setTimeout(() => {
        resolve(msg);
        future.dispose();
      }, IDLE_GRACE_MS);
    };
    future.done.then(
      msg => {
        clearTimeout(timer);
        resolve(reply ?? (msg as KernelMessage.IExecuteReplyMsg));
      },
      error => {
        clearTimeout(timer);
        if (reply) {
          resolve(reply);
        } else {
          reject(error);
        }
      }
    );
  });
}
