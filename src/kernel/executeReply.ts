/**
 * Reading the kernel's answer to one cellscript request: the execute_reply (its user expression
 * carries the runtime's reply as JSON) and what each other outcome means, in the user's words.
 */
import type { Kernel, KernelMessage } from '@jupyterlab/services';
import { KernelRequestError } from './errors';
import { METADATA_KEY, type Operation, type RuntimeReply } from './protocol';

/** What the runtime's reply object shows as text/plain (when JSON display is switched off). */
const REPLY_REPR = '<cellscript reply>';

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
      const json = value.data?.['application/json'] as RuntimeReply | undefined;
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
      throw brokenError(isIPython, `${value.ename}: ${value.evalue}`);
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
    throw brokenError(isIPython, `${ename}: ${evalue}`);
  }
  throw new KernelRequestError(
    'The kernel skipped the cellscript request because a cell queued before it failed. ' +
      'Run it again.',
    'aborted'
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
