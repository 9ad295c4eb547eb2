import type * as nbformat from '@jupyterlab/nbformat';
import {
  type OutputSummary,
  stripAnsi,
  summarizeOutputs
} from '../../../src/run/outputSummary';

const stream = (text: string | string[], name = 'stdout'): nbformat.IOutput =>
  ({ output_type: 'stream', name, text }) as nbformat.IOutput;
const display = (
  data: nbformat.IMimeBundle,
  type: 'display_data' | 'execute_result' = 'display_data'
): nbformat.IOutput =>
  ({
    output_type: type,
    data,
    metadata: {},
    ...(type === 'execute_result' ? { execution_count: 1 } : {})
  }) as nbformat.IOutput;
const errorOutput = (ename: string, evalue: string): nbformat.IOutput =>
  ({ output_type: 'error', ename, evalue, traceback: [] }) as nbformat.IOutput;

describe('summarizeOutputs', () => {
  it.each<[string, nbformat.IOutput[], OutputSummary | null]>([
    ['no outputs', [], null],
    ['only blank text', [stream('\n  \n')], null],
    [
      'the first non-empty line of a stream',
      [stream('\ntraining rows: 80\nvalidation rows: 20\n')],
      {
        kind: 'text',
        text: 'training rows: 80',
        full: 'training rows: 80\nvalidation rows: 20'
      }
    ],
    [
      'a stream split in parts, stdout and stderr together',
      [stream(['a', 'b\n']), stream('warning\n', 'stderr')],
      { kind: 'text', text: 'ab', full: 'ab\nwarning' }
    ],
    [
      'ANSI colour codes stripped',
      [stream('\u001b[1;31mred\u001b[0m text\n')],
      { kind: 'text', text: 'red text', full: 'red text' }
    ],
    [
      'a progress bar shows its last state',
      [stream('10%\r50%\r100%\n')],
      { kind: 'text', text: '100%', full: '100%' }
    ],
    [
      'an execute_result as text/plain',
      [display({ 'text/plain': '41' }, 'execute_result')],
      { kind: 'text', text: '41', full: '41' }
    ],
    [
      'display_data with text/plain after a stream',
      [stream('\n'), display({ 'text/plain': ['array([1, 2])'] })],
      { kind: 'text', text: 'array([1, 2])', full: 'array([1, 2])' }
    ],
    [
      'an image wins over text',
      [
        stream('plotting\n'),
        display({ 'image/png': 'iVBOR', 'text/plain': '<Figure>' })
      ],
      { kind: 'rich', what: 'image', mime: 'image/png', count: 2 }
    ],
    [
      'an HTML table (a DataFrame)',
      [
        display(
          { 'text/html': '<div><table border="1">…</table></div>' },
          'execute_result'
        )
      ],
      { kind: 'rich', what: 'table', mime: 'text/html', count: 1 }
    ],
    [
      'HTML that is no table',
      [display({ 'text/html': '<b>hi</b>', 'text/plain': 'hi' })],
      { kind: 'rich', what: 'html', mime: 'text/html', count: 1 }
    ],
    [
      'an image beats a table whatever the order',
      [
        display({ 'text/html': '<table></table>' }),
        display({ 'image/svg+xml': '<svg/>' })
      ],
      { kind: 'rich', what: 'image', mime: 'image/svg+xml', count: 2 }
    ],
    [
      'another MIME type is named',
      [display({ 'application/vnd.vegalite.v5+json': {}, 'text/plain': 'x' })],
      {
        kind: 'rich',
        what: 'other',
        mime: 'application/vnd.vegalite.v5+json',
        count: 1
      }
    ],
    [
      'an error output, its message stripped of colour',
      [stream('before\n'), errorOutput('ValueError', '\u001b[0mbad value')],
      { kind: 'error', ename: 'ValueError', evalue: 'bad value', line: null }
    ]
  ])('%s', (_, outputs, expected) => {
    expect(summarizeOutputs(outputs)).toEqual(expected);
  });

  it("prefers the run's error, which knows the script line", () => {
    expect(
      summarizeOutputs([stream('x\n'), errorOutput('ZeroDivisionError', 'z')], {
        ename: 'ZeroDivisionError',
        evalue: 'division by zero',
        file: 'broken.py',
        line: 9
      })
    ).toEqual({
      kind: 'error',
      ename: 'ZeroDivisionError',
      evalue: 'division by zero',
      line: 9
    });
  });

  it.each([
    ['\u001b[31mred\u001b[0m', 'red'],
    ['\u001b]0;title\u0007text', 'text'],
    ['\u001b[?25lhidden cursor', 'hidden cursor'],
    ['plain', 'plain']
  ])('stripAnsi(%j) is %j', (text, expected) => {
    expect(stripAnsi(text)).toBe(expected);
  });
});
