import {
  CellScriptError,
  decodeScript,
  hashText,
  parseScript,
  ScriptEncodingError,
  ScriptParseError
} from '../../../src/script';
import { encodeUtf8Into } from '../../../src/script/hash';

const bytes = (...values: Array<number | string>) =>
  new Uint8Array(
    values.flatMap(value =>
      typeof value === 'string' ? [...Buffer.from(value, 'utf8')] : [value]
    )
  );

describe('decodeScript', () => {
  it.each<[string, Uint8Array, string]>([
    ['ASCII', bytes('x = 1\n'), 'x = 1\n'],
    ['multi-byte UTF-8', bytes('s = "é字😀"\n'), 's = "é字😀"\n'],
    ['an empty file', bytes(), ''],
    ['a BOM, kept for parseScript', bytes(0xef, 0xbb, 0xbf, 'x'), '\ufeffx']
  ])('decodes %s', (_, input, expected) => {
    expect(decodeScript(input)).toBe(expected);
  });

  it('keeps the BOM so that parsing records it', () => {
    expect(
      parseScript(decodeScript(bytes(0xef, 0xbb, 0xbf, '# %% A\n'))).hasBom
    ).toBe(true);
  });

  it.each<[string, Uint8Array, number, number, number, string]>([
    ['a Latin-1 byte', bytes('x = 1\ns = "caf', 0xe9, '"\n'), 2, 9, 14, '0xE9'],
    ['a byte on line 1', bytes(0xff, 'abc'), 1, 1, 0, '0xFF'],
    [
      'a truncated sequence at the end',
      bytes('ab', 0xe5, 0xad),
      1,
      3,
      2,
      '0xE5'
    ],
    ['an overlong encoding', bytes('a\n\n', 0xc0, 0xaf), 3, 1, 3, '0xC0'],
    ['an encoded surrogate', bytes('é', 0xed, 0xa0, 0x80), 1, 2, 2, '0xED'],
    [
      'a lone continuation byte after 4-byte text',
      bytes('😀', 0x80),
      1,
      3,
      4,
      '0x80'
    ]
  ])('points at %s', (_, input, line, column, offset, hex) => {
    let error: unknown;
    try {
      decodeScript(input, 'train.py');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScriptEncodingError);
    expect(error).toBeInstanceOf(CellScriptError);
    const encoding = error as ScriptEncodingError;
    expect(encoding).toMatchObject({
      line,
      column,
      byteOffset: offset,
      kind: 'encoding'
    });
    expect(encoding.message).toBe(
      `train.py is not valid UTF-8: line ${line}, column ${column} (byte ${offset}) holds the ` +
        `byte ${hex}. Save the file as UTF-8 (in most editors: "Save with encoding" or ` +
        '"Reopen with encoding", then UTF-8) and open it again.'
    );
  });

  it('recognises UTF-16', () => {
    expect(() =>
      decodeScript(bytes(0xff, 0xfe, 0x78, 0x00, 0x00, 0xd8))
    ).toThrow(/It looks like UTF-16: save the file as UTF-8/);
  });
});

describe('errors', () => {
  it('have a stable kind and their class name', () => {
    const error = new ScriptParseError('bad', { line: 3 });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'ScriptParseError',
      kind: 'parse',
      line: 3
    });
    expect(new CellScriptError('x')).not.toHaveProperty('line');
  });
});

describe('hashText', () => {
  it.each([
    ['', 'a'],
    ['a', 'a\0'],
    ['ab', 'ba'],
    ['x = 1', 'x = 2'],
    ['\0\0', '']
  ])('tells %j from %j', (a, b) => {
    expect(hashText(a)).not.toBe(hashText(b));
  });

  it.each([
    ['ASCII', 'x = 1\n'],
    ['two-byte', 'café ñ'],
    ['three-byte', '字 €'],
    ['astral', '😀 𝄞'],
    ['a lone high surrogate', 'a\ud800b'],
    ['a lone low surrogate', 'a\udc00'],
    ['a high surrogate at the end', 'a\ud83d']
  ])('encodes %s text like TextEncoder where there is none', (_, text) => {
    const bytes = new Uint8Array(text.length * 3);
    const written = encodeUtf8Into(text, bytes);
    expect([...bytes.subarray(0, written)]).toEqual([
      ...new TextEncoder().encode(text)
    ]);
  });

  it('hashes a range like the slice', () => {
    const text = 'prefix|body of the cell|suffix';
    expect(hashText(text, 7, 23)).toBe(hashText('body of the cell'));
    expect(hashText(text, 7, 24)).toBe(hashText('body of the cell|'));
  });
});
