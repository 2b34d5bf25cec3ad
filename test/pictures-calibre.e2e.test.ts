import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processImage, rendition } from '@broadsheet/media';
import { parseEdition, type Edition } from '@broadsheet/model';
import { renderEpub } from '@broadsheet/render';
import { openEpub, requireTool, runProcess } from '@broadsheet/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Calibre is how most people move an EPUB to a Kindle, and pictures lost on the way are what
 * users of other read-later tools complain about most. An edition with pictures (each one
 * stored and given its EPUB rendition by @broadsheet/media, as the API does) is converted with
 * Debian's calibre `ebook-convert` to AZW3 and to MOBI, then converted back to EPUB by the
 * same tool, which shows what a Kindle would get: every picture at its size and colour, with
 * its alt text.
 */

interface Picture {
  /** Where the picture stands, for failure messages. */
  name: string;
  alt: string;
  /** The colour it was drawn in; a lossy conversion keeps the dominant channel. */
  channel: 0 | 1 | 2;
  width: number;
  height: number;
  src: string;
}

let dir: string;
let ebookConvert: string;
let epubPath: string;
let pictures: Picture[];

async function picture(
  name: string,
  source: Promise<Buffer>,
  channel: Picture['channel'],
): Promise<Picture> {
  const stored = await processImage(await source);
  const book = await rendition(stored.bytes, stored.type, { target: 'epub' });
  return {
    name,
    alt: `${name} picture`,
    channel,
    width: book.width,
    height: book.height,
    src: `data:${book.type};base64,${book.bytes.toString('base64')}`,
  };
}

function flat(width: number, height: number, rgb: [number, number, number]) {
  const [r, g, b] = rgb;
  return sharp({ create: { width, height, channels: 3, background: { r, g, b } } });
}

function editionWith([photo, lineArt, webp]: Picture[]): Edition {
  const paragraph = { type: 'paragraph', text: 'The tide came in over the wall. '.repeat(20) };
  const figure = (p: Picture) => ({ src: p.src, alt: p.alt, caption: `${p.name}, captioned` });
  return parseEdition({
    id: 'calibre-morning',
    title: 'Morning Edition',
    date: '2026-12-04',
    language: 'en',
    sections: [
      {
        title: 'News',
        articles: [
          {
            id: 'lead',
            headline: 'Harbour wall raised',
            language: 'en',
            image: photo && figure(photo),
            body: [paragraph],
          },
          {
            id: 'second',
            headline: 'Ferry timetable changes',
            language: 'en',
            body: [paragraph, { type: 'figure', image: lineArt && figure(lineArt) }, paragraph],
          },
          {
            id: 'third',
            headline: 'Market reopens',
            language: 'en',
            image: webp && figure(webp),
            body: [paragraph],
          },
        ],
      },
    ],
  });
}

beforeAll(async () => {
  ebookConvert = requireTool('ebook-convert', 'calibre');
  dir = await mkdtemp(join(tmpdir(), 'broadsheet-calibre-'));
  pictures = await Promise.all([
    // A photo larger than any e-reader screen: its rendition is 1600 px on the long edge.
    picture('Photo', flat(2400, 1600, [30, 70, 190]).jpeg().toBuffer(), 2),
    picture('Line art', flat(640, 400, [210, 30, 30]).png().toBuffer(), 0),
    // WebP, which Kindles cannot show: the rendition is a JPEG or PNG.
    picture('WebP', flat(900, 600, [40, 170, 50]).webp().toBuffer(), 1),
  ]);
  epubPath = join(dir, 'edition.epub');
  await writeFile(epubPath, await renderEpub(editionWith(pictures)));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs ebook-convert and fails with its output when it does not succeed. */
async function convert(from: string, to: string): Promise<void> {
  const result = await runProcess(ebookConvert, [from, to]);
  expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  expect(result.stdout).toContain(`Output saved to`);
}

describe('an edition with pictures, converted by Calibre', () => {
  it('the stored renditions are what the EPUB carries', () => {
    expect(pictures.map((p) => `${p.width}x${p.height}`)).toEqual([
      '1600x1067',
      '640x400',
      '900x600',
    ]);
  });

  // MOBI 6 (older Kindles) has no alt text: calibre's MOBI writer drops it, whatever the EPUB says.
  it.each([
    { format: 'azw3', altText: true },
    { format: 'mobi', altText: false },
  ])(
    'converts to $format and back with every picture at its size and colour, and its caption',
    async ({ format, altText }) => {
      const kindle = join(dir, `edition.${format}`);
      await convert(epubPath, kindle);
      const back = join(dir, `from-${format}.epub`);
      await convert(kindle, back);

      const zip = openEpub(await readFile(back));
      const images = await Promise.all(
        zip.names
          .filter((n) => /\.(jpe?g|png|gif)$/i.test(n))
          .map(async (name) => {
            const bytes = zip.bytes(name);
            const meta = await sharp(bytes).metadata();
            const { channels } = await sharp(bytes).stats();
            const means = channels.slice(0, 3).map((c) => c.mean);
            return {
              name,
              width: meta.width,
              height: meta.height,
              dominant: means.length === 3 ? means.indexOf(Math.max(...means)) : undefined,
            };
          }),
      );
      for (const p of pictures) {
        // Calibre fits pictures to its output profile's page (a 1600 px photo came back
        // 1586 px wide): the same picture, at its aspect ratio, never enlarged.
        const found = images.filter(
          (i) =>
            i.dominant === p.channel &&
            i.width <= p.width &&
            i.width >= p.width * 0.9 &&
            Math.abs(i.width / i.height - p.width / p.height) < 0.01,
        );
        expect(found, `${p.name} in ${format}: ${JSON.stringify(images)}`).toHaveLength(1);
      }
      const markup = zip.names
        .filter((n) => /\.x?html$/.test(n))
        .map((n) => zip.text(n))
        .join('\n');
      for (const p of pictures) {
        expect(markup).toContain(`${p.name}, captioned`);
        if (altText) expect(markup).toContain(`alt="${p.alt}"`);
      }
    },
  );
});
