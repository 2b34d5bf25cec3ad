import { parseEdition, type Edition } from '@broadsheet/model';
import { openEpub, pngBytes } from '@broadsheet/testing';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { renderCoverPng } from './cover-png.js';
import { renderEpub } from './render-epub.js';

const dataUri = (bytes: Uint8Array, type: string) =>
  `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;

/** An orange picture: its grey on the cover is BT.601 luma 111 (its green channel is 80). */
const ORANGE: [number, number, number] = [200, 80, 40];
const ORANGE_GREY = 111;

function jpegBytes(width: number, height: number): Buffer {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = `rgb(${ORANGE.join(',')})`;
  ctx.fillRect(0, 0, width, height);
  return canvas.encodeSync('jpeg', 95);
}

/** Three stories; `pictures` gives each story's lead picture (or none). */
function edition(pictures: (string | undefined)[]): Edition {
  return parseEdition({
    title: 'Harbour Morning',
    date: '2026-12-04',
    language: 'en',
    sections: [
      {
        title: 'News',
        articles: pictures.map((src, i) => ({
          id: `story-${i + 1}`,
          headline: `Story ${i + 1}`,
          language: 'en',
          ...(src && { image: { src, alt: `The harbour wall, picture ${i + 1}` } }),
          body: [{ type: 'paragraph', text: 'The tide came in.' }],
        })),
      },
    ],
  });
}

/** How many of the cover's pixels have exactly this grey. */
async function pixelsOfGrey(cover: Uint8Array, grey: number): Promise<number> {
  const image = await loadImage(Buffer.from(cover));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] === grey) n += 1;
  return n;
}

const png = (w: number, h: number) => dataUri(pngBytes(w, h, ORANGE), 'image/png');

describe("an edition's cover shows the lead story's picture", () => {
  it.each([
    ['a PNG', png(900, 600)],
    ['a JPEG', dataUri(jpegBytes(900, 600), 'image/jpeg')],
  ])(
    'draws %s lead picture in grey across the cover, the same bytes every time',
    async (_, src) => {
      const withPicture = edition([src, undefined]);
      const cover = await renderCoverPng(withPicture);
      expect(Buffer.compare(cover, await renderCoverPng(withPicture))).toBe(0);
      // 900 × 600 fits the cover's 420-unit picture box: 630 × 420 units, 472 × 315 pixels
      // (a JPEG's block edges may shift a few of them by one grey level).
      expect(await pixelsOfGrey(cover, ORANGE_GREY)).toBeGreaterThan(0.9 * 472 * 315);
      // Text alone has a few such pixels on its smoothed edges, never thousands.
      expect(
        await pixelsOfGrey(await renderCoverPng(edition([undefined])), ORANGE_GREY),
      ).toBeLessThan(1000);
    },
  );

  it.each([
    ['the lead story has no picture (the second one has)', [undefined, png(900, 600)]],
    ['the lead picture is narrower than 300 px', [png(299, 600)]],
    ['the lead picture is lower than 200 px', [png(900, 199)]],
    ['the lead picture is an http(s) URL, never fetched', ['https://example.com/wall.jpg']],
  ])('keeps the text-only cover when %s', async (_, pictures) => {
    const textOnly = await renderCoverPng(edition(pictures.map(() => undefined)));
    expect(Buffer.compare(await renderCoverPng(edition(pictures)), textOnly)).toBe(0);
  });

  it('a picture of exactly 300 × 200 is enough', async () => {
    const cover = await renderCoverPng(edition([png(300, 200)]));
    expect(await pixelsOfGrey(cover, ORANGE_GREY)).toBeGreaterThan(0.9 * 300 * 200);
  });

  it('the EPUB carries that cover, and its alt text says what the picture shows', async () => {
    const input = edition([png(900, 600)]);
    const epub = openEpub(await renderEpub(input));
    expect(Buffer.compare(epub.bytes('OEBPS/cover.png'), await renderCoverPng(input))).toBe(0);
    expect(epub.text('OEBPS/cover.xhtml')).toMatch(
      /alt="Cover: Harbour Morning, December 4, 2026\. Story 1\. Photo: The harbour wall, picture 1"/,
    );
  });

  it("a single article's cover shows its own picture", async () => {
    const article = edition([png(900, 600)]).sections[0]!.articles[0]!;
    const epub = openEpub(await renderEpub(article, { articleCover: true }));
    expect(await pixelsOfGrey(epub.bytes('OEBPS/cover.png'), ORANGE_GREY)).toBeGreaterThan(
      0.9 * 472 * 315,
    );
  });
});
