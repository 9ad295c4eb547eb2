/**
 * The pure parts of the kernel side, without a kernel: routing of IOPub messages to a sink,
 * kernel paths, export declarations, the source check (same numbers as Python's zlib).
 */
import type { KernelMessage } from '@jupyterlab/services';
import {
  KernelRequestError,
  REPLY_MIME,
  RequestMessages,
  kernelFileFor,
  parseExportSpec,
  type IOutputSink
} from '../../../src/kernel';
import { crc32, sourceCheckOf } from '../../../src/kernel/sourceCheck';

function iopub(
  msgType: string,
  content: Record<string, unknown>
): KernelMessage.IIOPubMessage {
  return {
    header: { msg_type: msgType } as any,
    parent_header: {},
    metadata: {},
    content,
    channel: 'iopub'
  } as unknown as KernelMessage.IIOPubMessage;
}

const reply = (message: Record<string, unknown>) =>
  iopub('display_data', { data: { [REPLY_MIME]: message }, metadata: {} });

function recorder() {
  const log: string[] = [];
  const sink: IOutputSink = {
    cellStarted: (index, start) =>
      log.push(`start ${index} line ${start.line}`),
    output: (index, output, extra) =>
      log.push(
        `output ${index} ${output.output_type}${extra.update ? ' update' : ''}`
      ),
    clearOutput: (index, wait) => log.push(`clear ${index} ${wait}`),
    cellFinished: (index, outcome) =>
      log.push(`finish ${index} ${outcome.status}`)
  };
  return { log, sink };
}

const cells = [
  { index: 2, name: 'A', source: 'a', firstLine: 5 },
  { index: 3, name: 'B', source: 'b', firstLine: 9 }
];

describe('RequestMessages', () => {
  it('attributes outputs to the cell that runs and finishes the last one from the reply', () => {
    const { log, sink } = recorder();
    const messages = new RequestMessages(sink, cells[0]);
    messages.handle(iopub('status', { execution_state: 'busy' }));
    messages.handle(iopub('stream', { name: 'stdout', text: 'a' }));
    messages.handle(
      reply({
        kind: 'event',
        event: 'cell-start',
        index: 3,
        name: 'B',
        line: 9,
        previous: { index: 2, status: 'ok', durationMs: 1 }
      })
    );
    messages.handle(iopub('clear_output', { wait: true }));
    messages.handle(
      iopub('update_display_data', {
        data: {},
        metadata: {},
        transient: { display_id: 'd' }
      })
    );
    const result = {
      status: 'ok',
      cells: [
        { index: 2, status: 'ok', durationMs: 1 },
        { index: 3, status: 'ok', durationMs: 2 }
      ]
    };
    messages.handle(reply({ kind: 'reply', op: 'run', ok: true, result }));
    messages.handle(iopub('stream', { name: 'stdout', text: 'late' }));
    messages.handle(iopub('status', { execution_state: 'idle' }));
    expect(log).toEqual([
      'start 2 line 5',
      'output 2 stream',
      'finish 2 ok',
      'start 3 line 9',
      'clear 3 true',
      'output 3 display_data update',
      'finish 3 ok',
      'output null stream'
    ]);
    expect(messages.reply).toMatchObject({ ok: true, result });
  });

  it('reports the first cell only once something happens when the run may be refused', () => {
    const refused = recorder();
    const messages = new RequestMessages(refused.sink, cells[0], true);
    messages.handle(iopub('status', { execution_state: 'busy' }));
    const error = {
      kind: 'stale-source',
      message: 'changed',
      reason: 'changed'
    };
    messages.handle(reply({ kind: 'reply', op: 'run', ok: false, error }));
    expect(refused.log).toEqual([]);
    expect(messages.reply).toMatchObject({ ok: false, error });

    const ran = recorder();
    const running = new RequestMessages(ran.sink, cells[0], true);
    running.handle(iopub('status', { execution_state: 'busy' }));
    running.handle(iopub('error', { ename: 'E', evalue: '', traceback: [] }));
    expect(ran.log).toEqual(['start 2 line 5', 'output 2 error']);
  });

  it('never hands the reply MIME type to the sink', () => {
    const { log, sink } = recorder();
    const messages = new RequestMessages(sink);
    messages.handle(reply({ kind: 'reply', op: 'get', ok: true, result: {} }));
    expect(log).toEqual([]);
  });
});

describe('kernelFileFor', () => {
  it.each([
    ['a/b.py', {}, 'a/b.py'],
    ['a/b.py', { kernelCwd: 'a' }, 'b.py'],
    ['x/b.py', { kernelCwd: 'a/c' }, '../../x/b.py'],
    ['a/b.py', { rootDir: '/srv/root/' }, '/srv/root/a/b.py'],
    ['a/b.py', { rootDir: 'C:\\Users\\me' }, 'C:\\Users\\me\\a\\b.py'],
    ['a/b.py', { kernelFile: '/exact.py', rootDir: '/r' }, '/exact.py']
  ])('%s with %j is %s', (path, options, expected) => {
    expect(kernelFileFor(path, options)).toBe(expected);
  });
});

describe('parseExportSpec', () => {
  it.each([
    ['model', { target: 'model', source: 'model' }],
    [' nb_model = model ', { target: 'nb_model', source: 'model' }],
    ['naïve=é', { target: 'naïve', source: 'é' }]
  ])('reads %j', (spec, expected) => {
    expect(parseExportSpec(spec)).toEqual(expected);
  });

  it.each(['a=b=c', 'x.y', '1a', 'a=', 'os.system("x")', ''])(
    'refuses %j',
    spec => {
      expect(() => parseExportSpec(spec)).toThrow(KernelRequestError);
    }
  );
});

describe('sourceCheckOf', () => {
  it('gives the UTF-8 length and zlib CRC-32', () => {
    // Python: len(t.encode()), zlib.crc32(t.encode()) for t = 'héllo 🐍\n'
    expect(sourceCheckOf('héllo 🐍\n')).toEqual({
      bytes: 12,
      crc32: 1093689290
    });
    expect(crc32(new Uint8Array())).toBe(0);
    expect(sourceCheckOf('123456789').crc32).toBe(0xcbf43926);
  });
});
