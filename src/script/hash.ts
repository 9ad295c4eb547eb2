/**
 * A fast, stable, non-cryptographic string hash (cyrb53) that runs the same in the browser and
 * in Node: write-back only needs to notice that a cell's text changed, not resist attackers.
 */

/**
 * Hashes a string's UTF-16 code units to a 53-bit value, returned as 14 lowercase hex digits.
 * `hashText(text, start, end)` equals `hashText(text.slice(start, end))` without the copy.
 *
 * @param text - the text to hash.
 * @param start - where to start (default 0).
 * @param end - where to stop (default the end).
 */
export function hashText(text: string, start = 0, end = text.length): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const length = end - start;
  // Two UTF-16 code units per step: half the multiplications of per-unit cyrb53.
  const pairs = start + length - (length % 2);
  for (let i = start; i < pairs; i += 2) {
    const ch = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  if (pairs < end) {
    const ch = text.charCodeAt(pairs) | 0x10000; // distinguishes 'a' from 'a\0'
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 ^= length; // and lengths, so no two texts differ only by a trailing pair of zeros
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const value = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return value.toString(16).padStart(14, '0');
}
