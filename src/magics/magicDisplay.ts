/**
 * What a magic shows (no DOM): tables as aligned text and escaped HTML, and kernel values as
 * Python writes them. Cell names and values are data, never trusted as markup.
 */
import type * as nbformat from '@jupyterlab/nbformat';

/** A table as a mime bundle: text/plain aligned, text/html escaped. */
export function tableBundle(
  headers: readonly string[],
  rows: ReadonlyArray<readonly string[]>
): nbformat.IMimeBundle {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map(row => (row[i] ?? '').length))
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (cell ?? '').padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const text = [
    line(headers),
    line(widths.map(w => '-'.repeat(w))),
    ...rows.map(line)
  ].join('\n');
  const html =
    '<table class="jp-CellScript-magicTable"><thead><tr>' +
    headers.map(h => `<th>${escapeHtml(h)}</th>`).join('') +
    '</tr></thead><tbody>' +
    rows
      .map(
        row =>
          '<tr>' +
          headers
            .map((_, i) => `<td>${escapeHtml(row[i] ?? '')}</td>`)
            .join('') +
          '</tr>'
      )
      .join('') +
    '</tbody></table>';
  return { 'text/plain': text, 'text/html': html };
}

/** Text as HTML text: `& < > " '` escaped. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    c =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[
        c
      ] as string
  );
}

/**
 * A JSON value read from the kernel as Python writes it (`True`, `None`, `'text'`, `(1, 2)`
 * for a tuple): what `eval` shows, as IPython shows a value.
 */
export function pythonRepr(value: unknown, type?: string): string {
  if (value === null || value === undefined) {
    return 'None';
  }
  if (typeof value === 'boolean') {
    return value ? 'True' : 'False';
  }
  if (typeof value === 'number') {
    if (Number.isNaN(value)) {
      return 'nan';
    }
    if (!Number.isFinite(value)) {
      return value > 0 ? 'inf' : '-inf';
    }
    return type === 'float' && Number.isInteger(value)
      ? `${value}.0`
      : String(value);
  }
  if (typeof value === 'string') {
    return stringRepr(value);
  }
  if (Array.isArray(value)) {
    const items = value.map(item => pythonRepr(item));
    if (type === 'tuple') {
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    }
    return `[${items.join(', ')}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).map(
    ([key, item]) => `${stringRepr(key)}: ${pythonRepr(item)}`
  );
  return `{${entries.join(', ')}}`;
}

/** A str as Python's repr writes it: single quotes unless the text holds one and no double. */
function stringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  // eslint-disable-next-line no-control-regex -- control characters are what Python escapes
  const escaped = text.replace(/[\\\n\r\t]|[\x00-\x1f\x7f]/g, c => {
    switch (c) {
      case '\\':
        return '\\\\';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
    }
  });
  return quote + escaped.split(quote).join(`\\${quote}`) + quote;
}
