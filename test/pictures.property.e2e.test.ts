import { MediaError, processImage, rendition } from '@broadsheet/media';
import { parseArticle } from '@broadsheet/model';
import { renderEpub, renderPdf } from '@broadsheet/render';
import {
  epubcheckTs,
  formatEpubCheckProblems,
  pdfImageSizes,
  qpdfCheck,
} from '@broadsheet/testing';
import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

const FORMATS = ['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif'] as const;

/** A picture sharp makes from drawn parameters: size, channels, a colour, a format. */
const picture = fc.record({
  width: fc.integer({ min: 1, max: 2400 }),
  height: fc.integer({ min: 1, max: 1800 }),
  channels: fc.constantFrom(3 as const, 4 as const),
  r: fc.integer({ min: 0, max: 255 }),
  g: fc.integer({ min: 0, max: 255 }),
  b: fc.integer({ min: 0, max: 255 }),
  alpha: fc.double({ min: 0, max: 1, noNaN: true }),
  format: fc.constantFrom(...FORMATS),
  grayscale: fc.boolean(),
});

describe('property: any picture the pipeline accepts renders to a valid EPUB and PDF', () => {
  it('holds for drawn pictures in every accepted format', async () => {
    await fc.assert(
      fc.asyncProperty(picture, async (p) => {
        const input = await sharp({
          create: {
            width: p.width,
            height: p.height,
            channels: p.channels,
            background: { r: p.r, g: p.g, b: p.b, alpha: p.alpha },
          },
        })
          .toFormat(p.format, p.format === 'avif' ? { effort: 0 } : {})
          .toBuffer();
        let stored;
        try {
          stored = await processImage(input);
        } catch (e) {
          // Refusing is allowed, but only as a MediaError with a 4xx status.
          expect(e).toBeInstanceOf(MediaError);
          return;
        }
        const [forEpub, forPdf] = await Promise.all([
          rendition(stored.bytes, stored.type, { target: 'epub', grayscale: p.grayscale }),
          rendition(stored.bytes, stored.type, { target: 'pdf', grayscale: p.grayscale }),
        ]);
        expect(Math.max(forEpub.width, forEpub.height)).toBeLessThanOrEqual(1600);
        const article = (src: Buffer, type: string) =>
          parseArticle({
            headline: 'A drawn picture',
            language: 'en',
            body: [
              { type: 'paragraph', text: 'Before the picture.' },
              {
                type: 'figure',
                image: {
                  src: `data:${type};base64,${src.toString('base64')}`,
                  alt: 'A drawn picture',
                  caption: 'Drawn for the property test.',
                },
              },
            ],
          });
        const epub = await renderEpub(article(forEpub.bytes, forEpub.type));
        const report = await epubcheckTs(epub);
        expect(report.problems, formatEpubCheckProblems(report)).toEqual([]);
        const pdf = await renderPdf(article(forPdf.bytes, forPdf.type));
        expect((await qpdfCheck(pdf)).ok).toBe(true);
        // The picture once; a picture with transparency also has its soft mask (same size).
        const size = `${forPdf.width}x${forPdf.height}`;
        const { hasAlpha } = await sharp(forPdf.bytes).metadata();
        expect(await pdfImageSizes(pdf)).toEqual(hasAlpha ? [size, size] : [size]);
      }),
      { numRuns: 12, seed: 20261204 },
    );
  });
});
