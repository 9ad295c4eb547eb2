/**
 * What each execute_reply means for a cellscript request: the runtime's answer (a payload of
 * the reply), "nothing ran" (the only case the bridge sends again), or an error that says what
 * happened. A request that may have run must never read as "nothing ran".
 */
import type { KernelMessage } from '@jupyterlab/services';
import { answerOf } from '../../../src/kernel/executeReply';

function executeReply(content: Record<string, unknown>) {
  return { content } as unknown as KernelMessage.IExecuteReplyMsg;
}

const withPayload = (payload: unknown[], status = 'ok') =>
  executeReply({ status, payload, user_expressions: {} });
const ours = (id: string | null, reply: Record<string, unknown>) => ({
  source: 'cellscript',
  id,
  reply
});
const page = { source: 'page', data: { 'text/plain': 'help' }, start: 0 };

describe('answerOf', () => {
  it("returns the runtime's reply to this request, among other payloads", () => {
    const reply = { kind: 'reply', ok: true, result: { x: 1 } };
    expect(
      answerOf(withPayload([page, ours('r1', reply)]), 'r1', 'get', true)
    ).toEqual({ ...reply, id: 'r1' });
  });

  it('keeps the answer when the request ended with an error after it', () => {
    const reply = { kind: 'reply', ok: true, result: {} };
    const msg = withPayload([ours('r1', reply)], 'error');
    expect(answerOf(msg, 'r1', 'run', true)).toMatchObject({ ok: true });
  });

  it.each<[string, KernelMessage.IExecuteReplyMsg]>([
    ['the entry code found no runtime (no answer at all)', withPayload([page])],
    [
      'the bootstrap found no runtime of this version',
      withPayload([
        ours('r1', {
          kind: 'reply',
          ok: false,
          error: { kind: 'not-installed', message: 'not installed' }
        })
      ])
    ]
  ])('says nothing ran when %s', (_, msg) => {
    expect(answerOf(msg, 'r1', 'run', true)).toBe('not-installed');
  });

  it('takes an error the kernel could not tie to a request (no metadata support)', () => {
    const msg = withPayload([
      ours(null, {
        kind: 'reply',
        ok: false,
        error: { kind: 'unsupported-kernel', message: 'needs ipykernel 6' }
      })
    ]);
    expect(answerOf(msg, 'r1', 'run', true)).toMatchObject({
      ok: false,
      error: { kind: 'unsupported-kernel' }
    });
  });

  it.each<[string, KernelMessage.IExecuteReplyMsg, boolean, string]>([
    [
      'a reply to another request',
      withPayload([ours('other', { kind: 'reply', ok: true, result: {} })]),
      true,
      'no-reply'
    ],
    [
      'no answer at all from another kernel',
      executeReply({ status: 'ok' }),
      false,
      'unsupported-kernel'
    ],
    [
      'an entry code that raised in IPython',
      executeReply({ status: 'error', ename: 'NameError', evalue: 'x' }),
      true,
      'namespace-broken'
    ],
    [
      'an entry code that raised in another kernel',
      executeReply({ status: 'error', ename: 'NameError', evalue: 'x' }),
      false,
      'unsupported-kernel'
    ],
    [
      'an interrupt before the runtime answered',
      executeReply({ status: 'error', ename: 'KeyboardInterrupt', evalue: '' }),
      true,
      'interrupted'
    ],
    ['an aborted request', executeReply({ status: 'aborted' }), true, 'aborted']
  ])('never reads %s as "nothing ran"', (_, msg, isIPython, kind) => {
    let error: any;
    try {
      answerOf(msg, 'r1', 'run', isIPython);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ kind });
    expect(error.message.length).toBeGreaterThan(20);
  });
});
