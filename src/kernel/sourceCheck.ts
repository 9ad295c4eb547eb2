/**
 * Identifies a script text the way the kernel can check it against the file: UTF-8 length and
 * CRC-32 (the same numbers as Python's `len(data)` and `zlib.crc32(data)`).
 */
import type { ISourceCheck } from './protocol';

let table: Uint32Array | null = null;

function crcTable(): Uint32Array {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) {
        c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      table[n] = c >>> 0;
    }
  }
  return table;
}

/** CRC-32 (IEEE, as zlib) of bytes. */
export function crc32(bytes: Uint8Array): number {
  const t = crcTable();
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    crc = t[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** The check of a text as the file would hold it in UTF-8. */
export function sourceCheckOf(text: string): ISourceCheck {
  const bytes = new TextEncoder().encode(text);
  return { bytes: bytes.length, crc32: crc32(bytes) };
}
