/**
 * What each execute_reply means for a cellscript request: the runtime's answer, "nothing ran"
 * (the only case the bridge sends again), or an error that says what happened. A request that
 * may have run must never read as "nothing ran".
 */
import type { KernelMessage } from '@jupyterlab/services';
import { answerOf } from '../../../src/kernel/executeReply';

function executeReply(content: Record<string, unknown>) {
  return { content } as unknown as KernelMessage.IExecuteReplyMsg;
}

const ok = (expression: Record<string, unknown>) =>
  executeReply({ status: 'ok', user_expressions: { cellscript: expression } });
const json = (data: unknown) =>
  ok({ status: 'ok', data: { 'application/json': data }, metadata: {} });

describe('answerOf', () => {
  it("returns the runtime's reply to this request", () => {
    const reply = { kind: 'reply', id: 'r1', ok: true, result: { x: 1 } };
    expect(answerOf(json(reply), 'r1', 'get', true)).toEqual(reply);
  });

  it.each<[string, KernelMessage.IExecuteReplyMsg]>([
    [
      'the runtime is missing (the fallback int() ran)',
      ok({ status: 'ok', data: { 'text/plain': '0' }, metadata: {} })
    ],
    [
      'the bootstrap found no runtime of this version',
      json({
        kind: 'reply',
        id: 'r1',
        ok: false,
        error: { kind: 'not-installed', message: 'not installed' }
      })
    ]
  ])('says nothing ran when %s', (_, msg) => {
    expect(answerOf(msg, 'r1', 'run', true)).toBe('not-installed');
  });

  it.each<[string, KernelMessage.IExecuteReplyMsg, boolean, string]>([
    [
      'a reply to another request',
      json({ kind: 'reply', id: 'other', ok: true, result: {} }),
      true,
      'no-reply'
    ],
    [
      'a runtime whose JSON display is off',
      ok({
        status: 'ok',
        data: { 'text/plain': '<cellscript reply>' },
        metadata: {}
      }),
      true,
      'no-reply'
    ],
    [
      'a user expression that raised in IPython',
      ok({ status: 'error', ename: 'TypeError', evalue: 'x' }),
      true,
      'namespace-broken'
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
    [
      'an aborted request',
      executeReply({ status: 'aborted' }),
      true,
      'aborted'
    ],
    [
      'no user expression evaluated',
      executeReply({ status: 'ok', user_expressions: {} }),
      true,
      'unsupported-kernel'
    ]
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
