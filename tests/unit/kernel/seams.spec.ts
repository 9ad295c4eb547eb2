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
  normalizeScriptPath,
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

const progress = (message: Record<string, unknown>) =>
  iopub('display_data', {
    data: { [REPLY_MIME]: { kind: 'event', event: 'progress', ...message } },
    metadata: {}
  });

/** A message of a script cell: its parent header names the cell. */
function tagged(
  msg: KernelMessage.IIOPubMessage,
  tag: Record<string, unknown>
): KernelMessage.IIOPubMessage {
  return { ...msg, parent_header: { cellscript: tag } } as any;
}

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
  { index: 3, name: 'B', source: 'b', firstLine: 9 },
  { index: 7, name: 'C', source: 'c', firstLine: 20 }
];
const ok = (index: number) => ({ index, status: 'ok', durationMs: 1 }) as const;

describe('RequestMessages', () => {
  it('puts each output on the cell its tag names and finishes the one before', () => {
    const { log, sink } = recorder();
    const messages = new RequestMessages({ sink, cells, requestId: 'r' });
    messages.handle(iopub('status', { execution_state: 'busy' }));
    const stream = iopub('stream', { name: 'stdout', text: 'a' });
    messages.handle(tagged(stream, { run: 'r', position: 0, index: 2 }));
    messages.handle(
      tagged(iopub('clear_output', { wait: true }), {
        run: 'r',
        position: 1,
        index: 3,
        previous: ok(2)
      })
    );
    messages.handle(
      tagged(
        iopub('update_display_data', {
          data: {},
          metadata: {},
          transient: { display_id: 'd' }
        }),
        { run: 'r', position: 1, index: 3, previous: ok(2) }
      )
    );
    messages.close({
      status: 'ok',
      cells: [ok(2), ok(3), ok(7)],
      namespace: { mode: 'module', module: 'm', file: 'f' }
    });
    // Late output after the reply: still on its cell, but nothing starts again.
    messages.handle(tagged(stream, { run: 'r', position: 2, index: 7 }));
    expect(log).toEqual([
      'start 2 line 5',
      'output 2 stream',
      'finish 2 ok',
      'start 3 line 9',
      'clear 3 true',
      'output 3 display_data update',
      'finish 3 ok',
      'finish 7 ok',
      'output 7 stream'
    ]);
  });

  it('announces a long cell from a progress event, finishing those before it once', () => {
    const { log, sink } = recorder();
    const messages = new RequestMessages({ sink, cells, requestId: 'r' });
    messages.handle(
      progress({ run: 'r', position: 2, index: 7, from: 0, finished: [ok(2)] })
    );
    // A repeated or stale event changes nothing.
    messages.handle(
      progress({ run: 'r', position: 1, index: 3, from: 0, finished: [ok(2)] })
    );
    messages.close({
      status: 'ok',
      cells: [ok(2), ok(3), ok(7)],
      namespace: { mode: 'module', module: 'm', file: 'f' }
    });
    expect(log).toEqual([
      'finish 2 ok',
      'start 7 line 20',
      'finish 3 ok',
      'finish 7 ok'
    ]);
  });

  it('ignores tags and events of other requests', () => {
    const { log, sink } = recorder();
    const messages = new RequestMessages({ sink, cells, requestId: 'r' });
    messages.handle(
      progress({ run: 'other', position: 1, index: 3, from: 0, finished: [] })
    );
    const stream = iopub('stream', { name: 'stdout', text: 'x' });
    messages.handle(tagged(stream, { run: 'other', position: 1, index: 3 }));
    expect(log).toEqual(['output null stream']);
  });

  it('finishes every cell exactly once from the result when IOPub lost everything', () => {
    const { log, sink } = recorder();
    const messages = new RequestMessages({ sink, cells, requestId: 'r' });
    messages.close({
      status: 'error',
      cells: [ok(2), { index: 3, status: 'error', durationMs: 1 }],
      namespace: { mode: 'module', module: 'm', file: 'f' }
    });
    messages.close(null);
    expect(log).toEqual(['finish 2 ok', 'finish 3 error']);
  });

  it('never hands the private MIME type to the sink', () => {
    const { log, sink } = recorder();
    const messages = new RequestMessages({ sink });
    messages.handle(progress({ run: 'x', position: 0, from: 0, finished: [] }));
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

describe('normalizeScriptPath', () => {
  it.each([
    ['./f/a.py', 'f/a.py'],
    ['f//a.py', 'f/a.py'],
    ['/f/a.py', 'f/a.py'],
    [' f/./g/../a.py ', 'f/a.py'],
    ['a.py', 'a.py']
  ])('spells %j as %j (one namespace per file)', (path, expected) => {
    expect(normalizeScriptPath(path)).toBe(expected);
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
