import { IParseOptions, parseScript } from '../../../src/script';

/** The name, type and lines of each cell, and its body. */
function outline(text: string, options?: IParseOptions) {
  return parseScript(text, options).cells.map(cell => ({
    name: cell.name,
    type: cell.type,
    markerLine: cell.markerLine,
    firstLine: cell.firstLine,
    lastLine: cell.lastLine,
    source: cell.source
  }));
}

describe('parseScript: markers inside strings', () => {
  it.each([
    ['a """ docstring', 'x = """\n# %% not a marker\n"""\n'],
    ["a ''' docstring", "x = '''\n# %% not a marker\n'''\n"],
    ['a raw docstring', 'x = r"""\\d\n# %% not a marker\n"""\n'],
    ['an f-string', 'x = f"""{y}\n# %% not a marker\n"""\n'],
    ['a bytes prefix', 'x = rb"""\n# %% not a marker\n"""\n'],
    [
      'an escaped quote inside',
      'x = """ \\""" still open\n# %% not a marker\n"""\n'
    ],
    ['a continued single-quoted string', "x = 'abc\\\n# %% not a marker'\n"],
    [
      'a docstring in a def',
      'def f():\n    """Doc.\n# %% not a marker\n    """\n'
    ]
  ])('%s', (_, body) => {
    const script = parseScript(`# %% A\n${body}# %% B\ny = 1\n`);
    expect(script.cells.map(cell => cell.name)).toEqual(['A', 'B']);
    expect(script.cells[0].source).toContain('# %% not a marker');
  });

  it.each([
    ['a closed docstring', 'x = """doc"""\n'],
    ['a string holding triple quotes', "x = \"'''\"\n"],
    ['a comment holding triple quotes', '# here """ is just text\n'],
    ['an unterminated single-quoted string', "x = 'oops\n"],
    ['a string ending in an escaped backslash', "x = 'a\\\\'\n"],
    ['a docstring closed by four quotes', 'x = """a""""\n']
  ])('a marker after %s is a marker', (_, body) => {
    const script = parseScript(`# %% A\n${body}# %% B\ny = 1\n`);
    expect(script.cells.map(cell => cell.name)).toEqual(['A', 'B']);
  });
});

describe('parseScript: options', () => {
  it('uses a configured marker', () => {
    const text = '# %% not\n# + A\nx = 1\n# + B\n';
    expect(outline(text, { marker: '+' }).map(cell => cell.name)).toEqual([
      null,
      'A',
      'B'
    ]);
    expect(outline(text, { marker: '# +' }).map(cell => cell.name)).toEqual([
      null,
      'A',
      'B'
    ]);
  });

  it.each([[''], ['#'], ['% %'], ['%%\n']])(
    'rejects the marker %j with a message',
    marker => {
      expect(() => parseScript('x', { marker })).toThrow(
        /cannot be used.*settings/
      );
    }
  );

  it('rejects an unknown marker form', () => {
    expect(() => parseScript('x', { forms: ['cells' as any] })).toThrow(
      /Unknown marker form "cells": use one of percent, codecell, prompt/
    );
  });

  it.each([
    ['# <codecell>', 'code'],
    ['# <markdowncell>', 'markdown'],
    ['# <rawcell>', 'raw'],
    ['#<codecell>', 'code']
  ])('reads %j with the codecell form', (marker, type) => {
    const text = `x = 0\n${marker}\ny = 1\n`;
    expect(outline(text).length).toBe(1);
    const cells = outline(text, { forms: ['percent', 'codecell'] });
    expect(cells[1]).toMatchObject({
      name: null,
      type,
      markerLine: 2,
      source: 'y = 1'
    });
  });

  it.each([['# In[ ]:'], ['# In[12]:'], ['# In[]:'], ['# In[ 3 ]:  ']])(
    'reads %j with the prompt form',
    marker => {
      const text = `x = 0\n${marker}\ny = 1\n`;
      expect(outline(text)).toHaveLength(1);
      const cells = outline(text, { forms: ['prompt'] });
      expect(cells[1]).toMatchObject({
        name: null,
        type: 'code',
        markerLine: 2
      });
    }
  );

  it('ignores percent markers when the percent form is off', () => {
    const cells = outline('# %% A\n# In[1]:\nx\n', { forms: ['prompt'] });
    expect(cells.map(cell => cell.markerLine)).toEqual([null, 2]);
  });
});
