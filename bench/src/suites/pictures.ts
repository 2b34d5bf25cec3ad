import { performance } from 'node:perf_hooks';
import { processImage, rendition, type RenditionOptions } from '@broadsheet/media';
import type { Article, Edition } from '@broadsheet/model';
import { renderEpub, renderPdf } from '@broadsheet/render';
import sharp from 'sharp';
import { alternate } from '../harness/alternate.js';
import { goalCell } from '../harness/goal.js';
import type { Section } from '../harness/report.js';
import { formatMs, formatRatio, ratio } from '../harness/stats.js';
import type { Suite, SuiteContext } from '../harness/suite.js';
import { generatedEdition } from '../content/generate.js';

const PHOTOS = 50;
const WIDTH = 3000;
const HEIGHT = 2000;

/**
 * A 3000 × 2000 photo-like JPEG: smooth gradients, a few shapes and fine grain, different for
 * each seed (pure noise would compress like no photo does; flat colour like no photo either).
 */
async function photo(seed: number): Promise<Buffer> {
  const w = WIDTH / 4;
  const h = HEIGHT / 4;
  const data = Buffer.alloc(w * h * 3);
  let s = seed * 7919 + 1;
  for (let y = 0; y < h; y += 1)
    for (let x = 0; x < w; x += 1) {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      const i = (y * w + x) * 3;
      const ring = Math.sin((x + seed * 13) / 37) * Math.cos((y - seed * 7) / 23) * 40;
      data[i] = 90 + ((x * 120) / w + ring + (s % 24)) * 0.8;
      data[i + 1] = 60 + ((y * 140) / h - ring + ((s >> 8) % 24)) * 0.8;
      data[i + 2] = 80 + (((x + y) * 60) / (w + h) + ((s >> 16) % 24)) * 0.9;
    }
  // Upscaled from a quarter size and sharpened: detail at every scale, as in a photo.
  return sharp(data, { raw: { width: w, height: h, channels: 3 } })
    .resize(WIDTH, HEIGHT, { kernel: 'lanczos3' })
    .sharpen()
    .jpeg({ quality: 88 })
    .toBuffer();
}

/** The 50-article edition, each article's lead picture a source given by `src(i)`. */
function withPictures(edition: Edition, src: (i: number) => string): Edition {
  let i = 0;
  return {
    ...edition,
    sections: edition.sections.map((section) => ({
      ...section,
      articles: section.articles.map((a): Article => {
        const n = i;
        i += 1;
        return {
          ...a,
          image: { src: src(n), alt: `Picture ${n + 1}`, caption: `Caption of picture ${n + 1}.` },
        };
      }),
    })),
  };
}

async function run(ctx: SuiteContext): Promise<Section[]> {
  ctx.log(`pictures: generating ${PHOTOS} photos of ${WIDTH}×${HEIGHT}`);
  const originals: Buffer[] = [];
  for (let i = 0; i < PHOTOS; i += 1) originals.push(await photo(i));
  const originalBytes = originals.reduce((n, b) => n + b.byteLength, 0);

  // Processing: what a write does (decode, strip, re-encode) plus the EPUB rendition, against
  // a bare sharp resize of the same files to the same size.
  ctx.log('pictures: processing vs a bare sharp resize');
  const rounds = ctx.options.quick ? 1 : 3;
  const sample = ctx.options.quick ? originals.slice(0, 10) : originals;
  const stored: Awaited<ReturnType<typeof processImage>>[] = [];
  const processing = await alternate(
    {
      label: 'bare sharp resize',
      run: async () => {
        for (const input of sample)
          await sharp(input).resize(1600, 1600, { fit: 'inside' }).jpeg().toBuffer();
      },
    },
    {
      label: 'processImage (what a write does)',
      run: async () => {
        stored.length = 0;
        for (const input of sample) stored.push(await processImage(input));
      },
    },
    { rounds, warmup: 0 },
  );
  const renditionOnly = await alternate(
    {
      label: 'bare sharp resize',
      run: async () => {
        for (const input of sample)
          await sharp(input).resize(1600, 1600, { fit: 'inside' }).jpeg().toBuffer();
      },
    },
    {
      label: 'EPUB rendition of the stored picture',
      run: async () => {
        for (const s of stored.slice(0, sample.length))
          await rendition(s.bytes, s.type, { target: 'epub' });
      },
    },
    { rounds, warmup: 0 },
  );
  const processRatio = ratio(processing.candidate.median, processing.baseline.median);
  const renditionRatio = ratio(renditionOnly.candidate.median, renditionOnly.baseline.median);

  // All 50 stored (what the media store holds).
  const all: Awaited<ReturnType<typeof processImage>>[] = [];
  for (const input of originals) all.push(await processImage(input));
  const storedBytes = all.reduce((n, s) => n + s.bytes.byteLength, 0);

  const edition = generatedEdition(ctx.template, PHOTOS);
  const renditionCache = new Map<string, string>();
  const resolve = async (options: RenditionOptions, target: 'epub' | 'pdf'): Promise<Edition> => {
    const uris: string[] = [];
    for (let i = 0; i < all.length; i += 1) {
      const key = `${i} ${target}`;
      let uri = renditionCache.get(key);
      if (uri === undefined) {
        const s = all[i] as (typeof all)[number];
        const r = await rendition(s.bytes, s.type, options);
        uri = `data:${r.type};base64,${r.bytes.toString('base64')}`;
        renditionCache.set(key, uri);
      }
      uris.push(uri);
    }
    return withPictures(edition, (i) => uris[i] as string);
  };
  const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
    const t = performance.now();
    const out = await fn();
    return [out, performance.now() - t];
  };
  ctx.log('pictures: EPUB, cold then warm rendition cache');
  const [epubCold, epubColdMs] = await timed(async () =>
    renderEpub(await resolve({ target: 'epub' }, 'epub')),
  );
  const [epubWarm, epubWarmMs] = await timed(async () =>
    renderEpub(await resolve({ target: 'epub' }, 'epub')),
  );
  ctx.log('pictures: PDF, cold then warm rendition cache');
  const pdfOptions: RenditionOptions = { target: 'pdf', placedWidthPt: 463 };
  const [pdfCold, pdfColdMs] = await timed(async () => renderPdf(await resolve(pdfOptions, 'pdf')));
  const [, pdfWarmMs] = await timed(async () => renderPdf(await resolve(pdfOptions, 'pdf')));
  const [plainEpub, plainMs] = await timed(() => renderEpub(edition));
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  const epubGoal = { text: 'under 15 MB', met: epubCold.byteLength < 15 * 1024 * 1024 };
  const processGoal = { text: '≤ 1.3×', met: processRatio <= 1.3 };
  return [
    {
      title: `Pictures: a ${PHOTOS}-article edition, one ${WIDTH}×${HEIGHT} photo each`,
      about: `${PHOTOS} generated photo-like JPEGs (${mb(originalBytes)} as sent). Stored = processImage (decode, metadata dropped, re-encoded JPEG q90). EPUB renditions ≤ 1600 px long edge (JPEG q82); PDF ≤ 300 dpi at the A4 text width (463 pt → 1929 px). Cold = renditions computed; warm = taken from the rendition cache. Processing ratios are medians of ${rounds} alternating round(s) over ${sample.length} photos.`,
      headers: ['measure', 'figure', 'goal'],
      rows: [
        ['stored media (50 pictures)', mb(storedBytes), ''],
        ['EPUB size', mb(epubCold.byteLength), goalCell(epubGoal)],
        ['EPUB size, same edition without pictures', mb(plainEpub.byteLength), ''],
        ['PDF size', mb(pdfCold.byteLength), ''],
        ['EPUB render, cold rendition cache', formatMs(epubColdMs), ''],
        ['EPUB render, warm rendition cache', formatMs(epubWarmMs), ''],
        ['EPUB render without pictures', formatMs(plainMs), ''],
        ['PDF render, cold rendition cache', formatMs(pdfColdMs), ''],
        ['PDF render, warm rendition cache', formatMs(pdfWarmMs), ''],
        ['peak RSS of the bench process', `${peakRssMb.toFixed(0)} MB`, ''],
        [
          'processImage (write time: decode, strip, re-encode full size) vs bare sharp resize',
          `${formatMs(processing.candidate.median)} vs ${formatMs(processing.baseline.median)}: ${formatRatio(processRatio)}`,
          goalCell(processGoal),
        ],
        [
          'EPUB rendition (render time, cold cache) vs bare sharp resize',
          `${formatMs(renditionOnly.candidate.median)} vs ${formatMs(renditionOnly.baseline.median)}: ${formatRatio(renditionRatio)}`,
          '',
        ],
        [
          'both together (a picture written, then rendered once) vs bare sharp resize',
          formatRatio(
            ratio(
              processing.candidate.median + renditionOnly.candidate.median,
              (processing.baseline.median + renditionOnly.baseline.median) / 2,
            ),
          ),
          '',
        ],
      ],
      summary: [
        `pictures: EPUB ${mb(epubCold.byteLength)}, PDF ${mb(pdfCold.byteLength)}, processing ${formatRatio(processRatio)} of a bare resize`,
      ],
      failed: !epubGoal.met || !processGoal.met,
      notes: [`Warm EPUB is byte-identical to cold: ${Buffer.compare(epubCold, epubWarm) === 0}.`],
    },
  ];
}

export const picturesSuite: Suite = { name: 'pictures', run };
