import { defaultArticle } from '@broadsheet/content';
import { parseEdition } from '@broadsheet/model';
import { describe, expect, it } from 'vitest';
import { COVER_HEIGHT, COVER_WIDTH } from './cover.js';
import { renderCoverPng } from './cover-png.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('renderCoverPng', () => {
  it.each([
    ['an article', () => defaultArticle()],
    [
      'an edition',
      () =>
        parseEdition({
          title: 'Morning Brief',
          date: '2018-05-02',
          language: 'en',
          sections: [{ title: 'World', articles: [defaultArticle()] }],
        }),
    ],
  ])(
    'draws %s as a cover-sized PNG, the same bytes every time',
    async (_what, make) => {
      const first = await renderCoverPng(make());
      const second = await renderCoverPng(make());
      expect([...first.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      expect(pngSize(first)).toEqual({ width: COVER_WIDTH, height: COVER_HEIGHT });
      expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    },
    60_000,
  );
});
