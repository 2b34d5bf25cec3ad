import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openEpub } from '@broadsheet/testing';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, workDir } from './test-support/harness.js';

let work: Awaited<ReturnType<typeof workDir>>;
beforeEach(async () => {
  work = await workDir();
});
afterEach(async () => {
  await work.remove();
});

/** The pictures in an EPUB (not its cover), each with its format, size and EXIF tags as exiftool reads them. */
async function epubPictures(file: string) {
  const book = openEpub(await readFile(file));
  const names = book.names.filter((n) => /\/images\/img-\d+\.(png|jpe?g|gif)$/i.test(n));
  return Promise.all(
    names.map(async (name) => {
      const bytes = book.bytes(name);
      const meta = await sharp(bytes).metadata();
      const copy = path.join(work.dir, path.basename(name));
      await writeFile(copy, bytes);
      const tags = execFileSync('exiftool', ['-a', '-G1', copy], { encoding: 'utf8' });
      return { format: meta.format, size: `${meta.width}x${meta.height}`, tags };
    }),
  );
}

// Real sharp and exiftool on a shared two-core machine: a generous timeout (nothing here asserts timing).
describe(
  'local image files go through the same pipeline as fetched ones',
  { timeout: 60_000 },
  () => {
    it('a large photo with GPS and a WebP next to the article: metadata gone, 1600 px, WebP converted', async () => {
      const photo = path.join(work.dir, 'harbour.jpg');
      await sharp({
        create: { width: 3000, height: 2000, channels: 3, background: { r: 30, g: 90, b: 160 } },
      })
        .jpeg()
        .toFile(photo);
      execFileSync('exiftool', [
        '-overwrite_original',
        '-GPSLatitude=51.5007',
        '-GPSLatitudeRef=N',
        '-GPSLongitude=0.1246',
        '-GPSLongitudeRef=W',
        '-SerialNumber=CAM-12345',
        photo,
      ]);
      expect(execFileSync('exiftool', ['-a', '-G1', photo], { encoding: 'utf8' })).toMatch(
        /GPS Latitude/,
      );
      await sharp({
        create: { width: 900, height: 600, channels: 3, background: { r: 200, g: 80, b: 40 } },
      })
        .webp()
        .toFile(path.join(work.dir, 'boats.webp'));
      await writeFile(
        path.join(work.dir, 'story.json'),
        JSON.stringify({
          headline: 'Harbour photographs',
          language: 'en',
          image: { src: 'harbour.jpg', alt: 'The harbour' },
          body: [
            { type: 'paragraph', text: 'The quay at dawn.' },
            { type: 'figure', image: { src: 'boats.webp', alt: 'Boats' } },
            { type: 'figure', image: { src: 'missing.png', alt: 'Gone', caption: 'Kept.' } },
          ],
        }),
      );

      const result = await runCli(['story.json', '--out', 'out'], work.dir);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const pictures = await epubPictures(path.join(work.dir, 'out/harbour-photographs.epub'));
      expect(pictures.map((p) => [p.format, p.size])).toEqual([
        ['jpeg', '1600x1067'],
        // WebP, which e-readers cannot show and the EPUB used to leave out, arrives as PNG
        // (a flat colour reads as line art).
        ['png', '900x600'],
      ]);
      for (const p of pictures) {
        expect(p.tags).not.toMatch(/GPS|CAM-12345/);
      }
    });
  },
);
