import { MagicUsageError } from '../../../src/magics/errors';
import {
  formatHelp,
  parseArgs,
  splitArgs
} from '../../../src/magics/magicArgs';

describe('splitArgs', () => {
  it.each([
    ['', [], []],
    ['  run   A  ', ['run', 'A'], ['run', 'A']],
    ['"Fit model" B', ['Fit model', 'B'], ['"Fit model"', 'B']],
    ["x='a b'", ['x=a b'], ["x='a b'"]],
    [
      'y=[1, 2] z={"a": (1, 2)}',
      ['y=[1, 2]', 'z={a: (1, 2)}'],
      ['y=[1, 2]', 'z={"a": (1, 2)}']
    ],
    ['a\\ b', ['a b'], ['a\\ b']],
    ['"say \\"hi\\""', ['say "hi"'], ['"say \\"hi\\""']],
    ["'it\\'s'", ["it's"], ["'it\\'s'"]],
    ['"a]b"', ['a]b'], ['"a]b"']],
    ['tab\tsplit', ['tab', 'split'], ['tab', 'split']]
  ])('%j', (text, values, raws) => {
    const args = splitArgs(text);
    expect(args.map(a => a.value)).toEqual(values);
    expect(args.map(a => a.raw)).toEqual(raws);
  });

  it.each([
    [
      'run "Fit model',
      /Unbalanced quote: the " that starts "Fit model is never closed/
    ],
    ["x='abc", /Unbalanced quote/],
    [
      'x=[1, 2',
      /Unbalanced bracket: the \[ that starts \[1, 2 is never closed. Close it with \]/
    ],
    ['f(a, [b)', /Unbalanced bracket/]
  ])('%j is a usage error', (text, message) => {
    expect(() => splitArgs(text)).toThrow(MagicUsageError);
    expect(() => splitArgs(text)).toThrow(message);
  });
});

describe('parseArgs', () => {
  const specs = [
    { long: 'script', short: 's', value: 'PATH', help: 'the script' },
    { long: 'quiet', short: 'q', help: 'say less' }
  ];
  const parse = (text: string) => parseArgs(splitArgs(text), specs, '%cs run');

  it.each([
    ['A B', {}, ['A', 'B'], false],
    ['-s x.py A', { script: 'x.py' }, ['A'], false],
    ['A --script=dir/y.py', { script: 'dir/y.py' }, ['A'], false],
    ['--script "my dir/z.py"', { script: 'my dir/z.py' }, [], false],
    ['-q -1', { quiet: 'true' }, ['-1'], false],
    ['--help', {}, [], true],
    ['A -h', {}, ['A'], true],
    ['-- -s', {}, ['-s'], false]
  ])('%j', (text, options, positionals, help) => {
    const parsed = parse(text);
    expect(Object.fromEntries(parsed.options)).toEqual(options);
    expect(parsed.positionals.map(a => a.value)).toEqual(positionals);
    expect(parsed.help).toBe(help);
  });

  it('names an unknown option and the known ones', () => {
    expect(() => parse('--nope A')).toThrow(
      'Unknown option --nope for %cs run. It takes -s/--script, -q/--quiet, --help.'
    );
  });

  it('says what a value option needs', () => {
    expect(() => parse('A -s')).toThrow('-s needs a value: %cs run -s PATH.');
  });
});

describe('formatHelp', () => {
  it('shows usage, summary, options and details', () => {
    expect(
      formatHelp({
        summary: 'Run cells.',
        usage: ['%cs run [SELECTOR...]'],
        options: [
          { long: 'script', short: 's', value: 'PATH', help: 'the script' }
        ],
        details: 'More.'
      })
    ).toBe(
      'Usage: %cs run [SELECTOR...]\n\nRun cells.\n\nOptions:\n  -s, --script PATH  the script\n\nMore.'
    );
  });
});
