import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { defaultArticle } from '@broadsheet/content';
import { parseEdition } from '@broadsheet/model';
import type * as Canvas from '@napi-rs/canvas';
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

describe('the cover and installed fonts', () => {
  it('never makes the canvas read the installed fonts (it draws glyph outlines from npm fonts)', async () => {
    // The canvas module lists every installed font when it loads unless told not to: proven here
    // in a fresh process, so that this test cannot pass on a machine without fonts.
    const require = createRequire(import.meta.url);
    const installed = execFileSync(process.execPath, [
      '-e',
      `process.stdout.write(String(require(${JSON.stringify(require.resolve('@napi-rs/canvas'))}).GlobalFonts.families.length))`,
    ]).toString();
    expect(Number(installed)).toBeGreaterThan(0);
    expect(process.env.DISABLE_SYSTEM_FONTS_LOAD).toBeUndefined();
    // This test file runs in its own process: the first cover loads the canvas.
    await renderCoverPng(defaultArticle());
    const canvas = require('@napi-rs/canvas') as typeof Canvas;
    expect(canvas.GlobalFonts.families).toEqual([]);
    // …and leaves the environment as it found it.
    expect(process.env.DISABLE_SYSTEM_FONTS_LOAD).toBeUndefined();
  });
});
