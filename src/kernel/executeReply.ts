/**
 * Reading the kernel's answer to one cellscript request: the execute_reply (its `payload` list
 * carries the runtime's reply) and what each other outcome means, in the user's words.
 */
import type { Kernel, KernelMessage } from '@jupyterlab/services';
import { KernelRequestError } from './errors';
import {
  PAYLOAD_SOURCE,
  type IReplyPayload,
  type Operation,
  type RuntimeReply
} from './protocol';

/** How long to wait for the kernel's idle status after the reply (IOPub may lose it). */
const IDLE_GRACE_MS = 1000;

/**
 * The runtime's reply in an execute_reply, or 'not-installed' when the kernel says that nothing
 * ran. Throws a KernelRequestError that says what happened otherwise.
 *
 * @param isIPython - whether the kernel is IPython (a failing entry code then means its
 *   namespace is broken, not that it cannot run the runtime).
 */
export function answerOf(
  msg: KernelMessage.IExecuteReplyMsg,
  id: string,
  op: Operation,
  isIPython: boolean
): RuntimeReply | 'not-installed' {
  const content = msg.content;
  const payloads = (content as { payload?: unknown[] }).payload ?? [];
  const ours = payloads.find(
    (p): p is IReplyPayload =>
      (p as Partial<IReplyPayload> | null)?.source === PAYLOAD_SOURCE
  );
  if (ours && (ours.id === id || (ours.id === null && !ours.reply.ok))) {
    const reply = ours.reply;
    // The bootstrap found no runtime of our version and nothing ran.
    return !reply.ok && reply.error.kind === 'not-installed'
      ? 'not-installed'
      : { ...reply, id };
  }
  if (content.status === 'error') {
    const { ename, evalue } = content as KernelMessage.IReplyErrorContent;
    if (ename === 'KeyboardInterrupt') {
      throw new KernelRequestError(
        'Interrupted before cellscript could answer. The request was not run again.',
        'interrupted'
      );
    }
    throw brokenError(isIPython, `${ename}: ${evalue}`);
  }
  if (content.status === 'aborted') {
    throw new KernelRequestError(
      'The kernel skipped the cellscript request because a cell queued before it failed. ' +
        'Run it again.',
      'aborted'
    );
  }
  if (ours) {
    throw new KernelRequestError(
      `The kernel answered another cellscript request than this ${op} request. ` +
        'It was not run again.',
      'no-reply'
    );
  }
  // The runtime answers every request it handles (handle() never raises, and ipykernel sends
  // payloads whatever the outcome), so an ok reply without its answer means the entry code
  // found no runtime and called int(): nothing ran.
  if (isIPython) {
    return 'not-installed';
  }
  throw new KernelRequestError(
    `The kernel ran the cellscript ${op} request but sent no answer: cellscript needs an ` +
      'IPython kernel (ipykernel 6 or later).',
    'unsupported-kernel'
  );
}

/** The error for a kernel where even the constant request code fails. */
function brokenError(isIPython: boolean, detail: string): KernelRequestError {
  if (isIPython) {
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

/**
 * The execute_reply of a request, once the kernel is idle again; or, when the idle status does
 * not come (IOPub can lose it in a burst), shortly after the reply. Never waits forever for
 * IOPub: the reply travels on the shell channel.
 */
export function settled(
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

export function restartedError(): KernelRequestError {
  return new KernelRequestError(
    'The kernel restarted while cellscript was running: the script namespace is gone. ' +
      'Run the cells again.',
    'kernel-restarted'
  );
}

export function deadError(): KernelRequestError {
  return new KernelRequestError(
    'The kernel shut down or died while cellscript was running. Start the kernel again, ' +
      'then run the cells again.',
    'kernel-dead'
  );
}
