/** Shared fast-check inputs and line helpers for the script model's property tests. */
import fc from 'fast-check';
import type { IScriptCell } from '../../../src/script';

/** Multiplies the number of runs: `PROPERTY_SCALE=20 npx jest ...` for a long search. */
export const SCALE = Number(process.env.PROPERTY_SCALE ?? '1');

/** Pieces that stress the parser: markers, quotes, line ends, BOM, header rules. */
export const FRAGMENTS = [
  '# %%',
  '# %% A',
  '# %% B [markdown]',
  '#%% C tags=["t"]',
  '# %% D key="v',
  '# <codecell>',
  '# In[1]:',
  '# ---',
  '# a: 1',
  '"""',
  "'''",
  'r"""',
  '"',
  "'",
  '\\',
  '#',
  '\n',
  '\r\n',
  '\r',
  '\ufeff',
  ' ',
  '\t',
  'x = 1',
  'lr = 0.1  # type: float',
  'p = Param(1, name="k")',
  '[',
  ']',
  '=',
  'é'
];

/** Line starts that matter: markers and things that look like them. */
const LINE_STARTS = [
  '# %% A',
  '# %%',
  '#%% B [md]',
  '# <codecell>',
  '# In[2]:',
  '# x',
  ''
];

/** Lines made of fragments, often starting with a marker: strings open and close across them. */
const scriptLines = fc
  .array(
    fc.tuple(
      fc.constantFrom(...LINE_STARTS),
      fc.array(fc.constantFrom(...FRAGMENTS, '\\"', "\\'", '\\\\'), {
        maxLength: 6
      }),
      fc.constantFrom('\n', '\r\n')
    ),
    { maxLength: 25 }
  )
  .map(lines =>
    lines.map(([start, parts, end]) => start + parts.join('') + end).join('')
  );

export const scriptText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc
    .array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 })
    .map(parts => parts.join('')),
  scriptLines
);

/** The file's lines as the parser counts them: BOM stripped, one `\r` before `\n` dropped. */
export function fileLines(text: string): string[] {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  if (body === '') {
    return [];
  }
  const lines = body.split('\n');
  if (body.endsWith('\n')) {
    lines.pop();
  }
  return lines.map(line => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

export const isBlank = (line: string) => /^[ \t\r\f]*$/.test(line);

/** The lines without the blank ones at the end, as parsing drops them from `source`. */
export function withoutTrailingBlankLines(lines: string[]): string[] {
  const result = lines.slice();
  while (result.length > 0 && isBlank(result[result.length - 1])) {
    result.pop();
  }
  return result;
}

/** The file's lines with their line ends as written (`'\r\n'`, `'\n'`, none), BOM stripped. */
export function rawLines(text: string): string[] {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  return body.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The bytes of a cell's lines, marker to last line, from {@link rawLines}. */
export function rawSpan(lines: string[], cell: IScriptCell): string {
  return lines
    .slice((cell.markerLine ?? cell.firstLine) - 1, cell.lastLine)
    .join('');
}
