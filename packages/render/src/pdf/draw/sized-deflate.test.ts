import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflateStream } from './sized-deflate.js';

/** Content-stream-like bytes: repeated operators with varying numbers, deterministic. */
function contentStream(length: number): Buffer {
  let seed = 12345;
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const part = `BT /F${seed % 7} ${(seed % 2000) / 100} Tf ${seed % 595} ${seed % 842} Td <${seed.toString(16)}> Tj ET\n`;
    parts.push(part);
    size += part.length;
  }
  return Buffer.from(parts.join('').slice(0, length), 'latin1');
}

describe('deflateStream', () => {
  // Around each window size's edge (size + 262 = 2^bits), and past the largest window.
  it.each([0, 1, 100, 250, 251, 762, 763, 5000, 16_000, 32_506, 32_507, 40_000, 200_000])(
    'writes the bytes of zlib defaults for %i bytes',
    (length) => {
      const data = contentStream(length);
      const out = deflateStream(data);
      expect(out.equals(deflateSync(data))).toBe(true);
      expect(inflateSync(out).equals(data)).toBe(true);
    },
  );
});
