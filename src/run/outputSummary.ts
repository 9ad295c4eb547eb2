import type * as nbformat from '@jupyterlab/nbformat';
import type { IUserError } from '../kernel/protocol';

/**
 * A cell's outputs in one line, for a list that has no room for them: what they say (the first
 * line of text), what they are (a plot, a table) or how the cell failed. The UI turns it into
 * words; `text` and `full` are the outputs' own text, shown as text, never as HTML.
 */
export type OutputSummary =
  | {
      readonly kind: 'text';
      /** The first non-empty line. */
      readonly text: string;
      /** Every line of the text outputs (for a tooltip). */
      readonly full: string;
    }
  | {
      readonly kind: 'rich';
      /** What the richest output is: 'image', 'table', 'html', or another MIME type. */
      readonly what: 'image' | 'table' | 'html' | 'other';
      /** Its MIME type, e.g. `image/png`. */
      readonly mime: string;
      /** How many outputs the cell has. */
      readonly count: number;
    }
  | {
      readonly kind: 'error';
      readonly ename: string;
      readonly evalue: string;
      /** The script line it failed at, when known. */
      readonly line: number | null;
    };

/** MIME types shown as text, best first: what a rich output says about itself in words. */
const RICH_ORDER = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/svg+xml',
  'text/html',
  'application/pdf'
];

/** Terminal colour and cursor codes (CSI and OSC sequences), which tracebacks and tqdm use. */
const ANSI =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)/g;

/** Text without terminal escape codes. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/**
 * Summarise a cell's outputs; `error` is the run's error (with its script line), which wins
 * over everything else. Null when there is nothing to show.
 */
export function summarizeOutputs(
  outputs: readonly nbformat.IOutput[],
  error: IUserError | null = null
): OutputSummary | null {
  if (error) {
    return {
      kind: 'error',
      ename: error.ename,
      evalue: error.evalue,
      line: error.line
    };
  }
  // Text as a terminal would show it: streams run on into each other, results start a line.
  let text = '';
  let rich: { mime: string; rank: number } | null = null;
  for (const output of outputs) {
    switch (output.output_type) {
      case 'stream':
        text += joined(output.text);
        break;
      case 'error':
        return {
          kind: 'error',
          ename: String(output.ename ?? ''),
          evalue: stripAnsi(String(output.evalue ?? '')),
          line: null
        };
      case 'execute_result':
      case 'display_data': {
        const data = (output.data ?? {}) as nbformat.IMimeBundle;
        const mime = richestMime(data);
        if (mime !== null) {
          const rank = RICH_ORDER.indexOf(mime);
          const better = rank === -1 ? RICH_ORDER.length : rank;
          if (!rich || better < rich.rank) {
            rich = { mime, rank: better };
          }
        } else if (data['text/plain'] !== undefined) {
          text += `${text === '' || text.endsWith('\n') ? '' : '\n'}${joined(data['text/plain'])}\n`;
        }
        break;
      }
      default:
        break;
    }
  }
  if (rich) {
    return {
      kind: 'rich',
      what: richKind(rich.mime, outputs),
      mime: rich.mime,
      count: outputs.length
    };
  }
  const lines = textLines(text);
  const first = lines.find(line => line.trim() !== '');
  if (first === undefined) {
    return null;
  }
  return { kind: 'text', text: first.trim(), full: lines.join('\n').trim() };
}

/** The richest MIME type of a bundle that is more than text, or null. */
function richestMime(data: nbformat.IMimeBundle): string | null {
  for (const mime of RICH_ORDER) {
    if (data[mime] !== undefined) {
      return mime;
    }
  }
  const other = Object.keys(data).find(
    mime => mime !== 'text/plain' && mime !== 'text/markdown'
  );
  if (other) {
    return other;
  }
  return data['text/markdown'] !== undefined ? 'text/markdown' : null;
}

function richKind(
  mime: string,
  outputs: readonly nbformat.IOutput[]
): 'image' | 'table' | 'html' | 'other' {
  if (mime.startsWith('image/')) {
    return 'image';
  }
  if (mime === 'text/html') {
    const isTable = outputs.some(output => {
      const html = (output.data as nbformat.IMimeBundle | undefined)?.[
        'text/html'
      ];
      return html !== undefined && /<table[\s>]/i.test(joined(html));
    });
    return isTable ? 'table' : 'html';
  }
  return 'other';
}

function joined(value: unknown): string {
  if (Array.isArray(value)) {
    return value.join('');
  }
  return typeof value === 'string' ? value : '';
}

/** Lines of output text, escape codes stripped, carriage returns (progress bars) resolved. */
function textLines(text: string): string[] {
  return stripAnsi(text)
    .split('\n')
    .map(line => {
      const parts = line.split('\r');
      // "50%\r100%": a terminal shows what was written last.
      return [...parts].reverse().find(part => part !== '') ?? '';
    });
}
