/**
 * Decoding a script's bytes as UTF-8, with an error that points at the first invalid byte
 * (line, column and offset) instead of silently inserting replacement characters.
 */
import { ScriptEncodingError } from './errors';

/** Where the first invalid UTF-8 sequence starts, or null when the bytes are valid. */
interface IInvalidByte {
  offset: number;
  line: number;
  column: number;
}

/** Length of a valid UTF-8 sequence at `i`, or 0 when it is invalid (RFC 3629 rules). */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i];
  if (b0 < 0x80) {
    return 1;
  }
  const cont = (k: number, lo = 0x80, hi = 0xbf) =>
    i + k < bytes.length && bytes[i + k] >= lo && bytes[i + k] <= hi;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    return cont(1) ? 2 : 0;
  }
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf; // no UTF-16 surrogates
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

function findInvalidByte(bytes: Uint8Array): IInvalidByte | null {
  let line = 1;
  let column = 1;
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      return { offset: i, line, column };
    }
    if (bytes[i] === 0x0a) {
      line += 1;
      column = 1;
    } else {
      column += length === 4 ? 2 : 1; // columns count UTF-16 code units, as editors do
    }
    i += length;
  }
  return null;
}

/**
 * Decodes a script's bytes as UTF-8. A UTF-8 byte order mark is kept (as `'\ufeff'`) so
 * {@link parseScript} can record it and write-back can keep it.
 *
 * @param bytes - the file's content.
 * @param path - the file's path, for the message.
 * @throws ScriptEncodingError naming the line, column and byte of the first invalid byte.
 */
export function decodeScript(bytes: Uint8Array, path = 'The script'): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(
      bytes
    );
  } catch {
    // fall through: find the first bad byte for a useful message
  }
  const invalid = findInvalidByte(bytes) ?? { offset: 0, line: 1, column: 1 };
  const byte = bytes[invalid.offset] ?? 0;
  const hex = `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  const utf16 =
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) ||
      (bytes[0] === 0xfe && bytes[1] === 0xff));
  const hint = utf16
    ? ' It looks like UTF-16: save the file as UTF-8 and open it again.'
    : ' Save the file as UTF-8 (in most editors: "Save with encoding" or "Reopen with encoding", then UTF-8) and open it again.';
  throw new ScriptEncodingError(
    `${path} is not valid UTF-8: line ${invalid.line}, column ${invalid.column} ` +
      `(byte ${invalid.offset}) holds the byte ${hex}.${hint}`,
    invalid.line,
    invalid.column,
    invalid.offset
  );
}
