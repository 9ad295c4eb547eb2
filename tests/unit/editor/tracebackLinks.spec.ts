import {
  contentsPathOf,
  findFrameReferences,
  stripAnsi
} from '../../../src/editor/tracebackLinks';
import tracebacks from './fixtures/tracebacks.json';

/** The frames found in `text`, as `file:line` with the header text they cover. */
function frames(text: string) {
  return findFrameReferences(text).map(ref => ({
    file: ref.file,
    line: ref.line,
    header: text.slice(ref.start, ref.end)
  }));
}

const NUMPY = '/usr/lib/python3/dist-packages/numpy/lib';

describe('findFrameReferences', () => {
  it.each([
    [
      'IPython 8, module level',
      'File /srv/proj/pipeline.py:6\n----> 6 x = 1',
      [
        {
          file: '/srv/proj/pipeline.py',
          line: 6,
          header: 'File /srv/proj/pipeline.py:6'
        }
      ]
    ],
    [
      'IPython 8, in a function',
      'File ~/proj/pipeline.py:12, in load(path)\n',
      [
        {
          file: '~/proj/pipeline.py',
          line: 12,
          header: 'File ~/proj/pipeline.py:12'
        }
      ]
    ],
    [
      'IPython 8, a path with spaces and a colon',
      'File /srv/my proj/a:b/pipeline.py:3, in <module>',
      [
        {
          file: '/srv/my proj/a:b/pipeline.py',
          line: 3,
          header: 'File /srv/my proj/a:b/pipeline.py:3'
        }
      ]
    ],
    [
      'plain Python',
      'Traceback (most recent call last):\n  File "/srv/my proj/pipeline.py", line 7, in <module>\n    data = load()\n',
      [
        {
          file: '/srv/my proj/pipeline.py',
          line: 7,
          header: 'File "/srv/my proj/pipeline.py", line 7'
        }
      ]
    ],
    [
      'plain Python, Windows line ends',
      '  File "/srv/pipeline.py", line 7\r\n    x\r\n',
      [
        {
          file: '/srv/pipeline.py',
          line: 7,
          header: 'File "/srv/pipeline.py", line 7'
        }
      ]
    ],
    ['a line that is not a number (IPython)', 'File /srv/p.py:seven\n', []],
    [
      'a line that is not a number (plain)',
      '  File "/srv/p.py", line seven, in <module>\n',
      []
    ],
    ['line 0', 'File /srv/p.py:0\n', []],
    [
      'a line number too large to be one',
      'File /srv/p.py:99999999999999999999\n',
      []
    ],
    ['a notebook cell (no file)', 'Cell In[3], line 5\n', []],
    ['"File" inside a sentence', 'See File /srv/p.py:3 for details\n', []],
    [
      'a number followed by more text is not a header',
      'File /srv/p.py:3 was changed\n',
      []
    ],
    ['no traceback at all', 'hello\nworld', []]
  ])('%s', (_, text, expected) => {
    expect(frames(text)).toEqual(expected);
  });

  it('gives offsets into the text it was given', () => {
    const text = 'x\nFile /a.py:1\n  File "/b.py", line 2, in f\n';
    const refs = findFrameReferences(text);
    expect(refs.map(r => [r.start, r.end])).toEqual([
      [2, 14],
      [17, 37]
    ]);
  });

  it('can be called again on other text (no state left in the pattern)', () => {
    expect(frames('File /a.py:1\nFile /a.py:2')).toHaveLength(2);
    expect(frames('File /b.py:3')).toHaveLength(1);
  });
});

describe('real tracebacks (ipykernel 6.17, IPython 8.5, Python 3.11)', () => {
  const SCRIPT = '/tmp/tb-demo/my proj/pipeline.py';
  const numpyFrames = [
    { file: `${NUMPY}/npyio.py`, line: 1356 },
    { file: `${NUMPY}/npyio.py`, line: 975 },
    { file: `${NUMPY}/_datasource.py`, line: 193 },
    { file: `${NUMPY}/_datasource.py`, line: 533 }
  ];
  const fileLines = (text: string) =>
    findFrameReferences(text).map(({ file, line }) => ({ file, line }));

  it.each([
    [
      'IPython with the script under home',
      tracebacks.ipythonHome,
      '~/my proj/pipeline.py'
    ],
    ['IPython with an absolute path', tracebacks.ipythonAbsolute, SCRIPT]
  ])('%s: the script frames, then numpy', (_, traceback, script) => {
    // JupyterLab joins an error's traceback lines with newlines before rendering.
    const text = stripAnsi(traceback.join('\n'));
    expect(text).not.toContain('\u001b');
    expect(fileLines(text)).toEqual([
      { file: script, line: 7 },
      { file: script, line: 5 },
      ...numpyFrames
    ]);
    // The ANSI sequences sat inside the headers: the stripped header reads as plain text.
    const first = findFrameReferences(text)[0];
    expect(text.slice(first.start, first.end)).toBe(`File ${script}:7`);
  });

  it('plain Python: frozen modules are found too, the page leaves them plain', () => {
    const found = fileLines(tracebacks.plain);
    expect(found.slice(0, 6)).toEqual([
      { file: '<string>', line: 4 },
      { file: '<frozen runpy>', line: 291 },
      { file: '<frozen runpy>', line: 98 },
      { file: '<frozen runpy>', line: 88 },
      { file: SCRIPT, line: 7 },
      { file: SCRIPT, line: 5 }
    ]);
    expect(found.slice(6)).toEqual(numpyFrames);
  });
});

describe('stripAnsi', () => {
  it.each([
    ['\u001b[0;32m~/p.py:7\u001b[0m', '~/p.py:7'],
    ['\u001b[38;5;241;43m.\u001b[39;49m', '.'],
    ['no escapes', 'no escapes'],
    ['\u001b[1A\u001b[2Kline', 'line']
  ])('%j', (text, expected) => {
    expect(stripAnsi(text)).toBe(expected);
  });
});

describe('contentsPathOf', () => {
  it.each([
    // [file, server root, home, contents path]
    ['/srv/proj/pipeline.py', '/srv/proj', null, 'pipeline.py'],
    ['/srv/proj/sub/dir/a.py', '/srv/proj/', null, 'sub/dir/a.py'],
    ['/srv/my proj/pipeline.py', '/srv/my proj', null, 'pipeline.py'],
    ['/srv/proj/./sub/../a.py', '/srv/proj', null, 'a.py'],
    ['//srv//proj/a.py', '/srv/proj', null, 'a.py'],
    ['/anything/a.py', '/', null, 'anything/a.py'],
    // `~` files under a `~` root (jupyter_server writes a root under home that way).
    ['~/proj/pipeline.py', '~/proj', null, 'pipeline.py'],
    ['~/my proj/pipeline.py', '~/my proj', null, 'pipeline.py'],
    ['~/proj/a.py', '~', null, 'proj/a.py'],
    // With the home folder known, `~` and absolute paths meet.
    ['~/proj/a.py', '/home/ada/proj', '/home/ada', 'a.py'],
    ['/home/ada/proj/a.py', '~/proj', '/home/ada', 'a.py'],
    // Outside the root: left plain.
    [`${NUMPY}/npyio.py`, '/srv/proj', null, null],
    [`${NUMPY}/npyio.py`, '~/proj', null, null],
    [
      `${NUMPY}/npyio.py`,
      '/',
      '/root',
      'usr/lib/python3/dist-packages/numpy/lib/npyio.py'
    ],
    ['/srv/project2/a.py', '/srv/proj', null, null],
    ['/srv/proj', '/srv/proj', null, null],
    ['/srv/proj/../other/a.py', '/srv/proj', null, null],
    ['/../srv/proj/a.py', '/srv/proj', null, null],
    ['~/other/a.py', '~/proj', null, null],
    ['~/proj/a.py', '/srv/proj', null, null],
    ['/home/ada/proj/a.py', '~/proj', null, null],
    ['~/proj/a.py', '/home/bob/proj', '/home/ada', null],
    // Names the page cannot place.
    ['pipeline.py', '/srv/proj', null, null],
    ['my proj/pipeline.py', '/srv/proj', null, null],
    ['<frozen runpy>', '/srv/proj', null, null],
    ['<string>', '/', null, null],
    ['~ada/proj/a.py', '~/proj', null, null],
    ['/srv/proj/a.py', '', null, null],
    ['/srv/proj/a.py', '~/proj', 'relative/home', null]
  ])('%s under %j (home %j) is %j', (file, root, home, expected) => {
    expect(contentsPathOf(file, { root, home })).toBe(expected);
  });
});
