import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultArticle } from '@broadsheet/content';
import { parseArticle, type Article, type Edition } from '@broadsheet/model';
import {
  drawnGlyphIds,
  pdffonts,
  pdfinfo,
  pdftotext,
  pngBytes,
  qpdfCheck,
  readPdf,
} from '@broadsheet/testing';
import { labelsFor } from '../display/labels.js';
import { renderPdf, renderPdfToStream } from './index.js';
import { pngDataUri, richArticle, sampleEdition } from './test-support/fixtures.js';

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Page text without the running header and footer, which every page draws first. */
const bodyText = (pages: string[]) =>
  // A line broken after a hyphen ("high-|level") comes back as "high-\nlevel".
  squash(
    pages
      .map((p) => p.split('\n').slice(2).join('\n'))
      .join('\n')
      .replace(/-\n/g, '-'),
  );

describe('the seed article', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await renderPdf(defaultArticle());
  }, 60_000);

  it('passes qpdf --check', async () => {
    const r = await qpdfCheck(pdf);
    expect(r.output).toContain('No syntax or stream encoding errors');
    expect(r.ok).toBe(true);
  });

  it('embeds every font as a subset with a Unicode map', async () => {
    const fonts = await pdffonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts)
      expect(f, f.name).toMatchObject({ embedded: true, subset: true, unicode: true });
  });

  it('is tagged, titled and stays under 150 KB', async () => {
    const info = await pdfinfo(pdf);
    expect(info.Tagged).toBe('yes');
    expect(info.Title).toBe(defaultArticle().headline);
    expect(pdf.length).toBeLessThan(150 * 1024);
  });

  it('has an outline and the text in reading order', async () => {
    const article = defaultArticle();
    const doc = await readPdf(pdf);
    expect(doc.outline[0]).toContain(article.headline);
    const text = bodyText(await pdftotext(pdf));
    let at = text.indexOf(squash(article.headline));
    expect(at).toBeGreaterThanOrEqual(0);
    for (const block of article.body) {
      if (block.type !== 'paragraph') continue;
      const next = text.indexOf(squash(block.text), at);
      expect(next, block.text).toBeGreaterThanOrEqual(at);
      at = next;
    }
  });

  it('gives identical bytes on every run', async () => {
    const again = await renderPdf(defaultArticle());
    expect(again.equals(pdf)).toBe(true);
  });
});

describe('metadata', () => {
  it('fills Info and escapes the XMP, with dates from the article, never the clock', async () => {
    const article = richArticle();
    const doc = await readPdf(await renderPdf(article));
    expect(doc.info).toMatchObject({
      Title: article.headline,
      Author: 'Ana Souza, Jonas Berg',
      Subject: article.standfirst,
      Keywords: 'World, ports, weather',
      CreationDate: 'D:20240305093000Z',
      ModDate: 'D:20240306110000Z',
      Language: 'en',
    });
    expect(doc.xmp).toContain('storm &amp; flood &lt;review&gt;');
    expect(doc.xmpTitle).toBe(article.headline);
  });

  it('asks viewers to show the title, not the file name', async () => {
    const pdf = await renderPdf(richArticle());
    expect(pdf.toString('latin1')).toMatch(/\/DisplayDocTitle true/);
  });

  it.each([
    ['A4', '595.28 x 841.89'],
    ['Letter', '612 x 792'],
  ] as const)('sets the %s page size', async (pageSize, size) => {
    const info = await pdfinfo(await renderPdf(richArticle(), { pageSize }));
    expect(info['Page size']).toContain(size);
  });
});

describe('structure and content', () => {
  let doc: Awaited<ReturnType<typeof readPdf>>;
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await renderPdf(richArticle());
    doc = await readPdf(pdf);
  }, 60_000);

  it('tags the article in reading order', () => {
    const roles = doc.structure.flat().map((s) => s.role);
    for (const role of [
      'Document',
      'Art',
      'H1',
      'P',
      'L',
      'LI',
      'Lbl',
      'LBody',
      'Figure',
      'Caption',
      'BlockQuote',
      'H2',
      'H3',
      'Link',
    ]) {
      expect(roles, role).toContain(role);
    }
    expect(roles.indexOf('H1')).toBeLessThan(roles.indexOf('H2'));
    expect(doc.structure.flat().find((s) => s.role === 'Figure')?.alt).toBe('The harbour at dawn');
  });

  it("names a picture without alt text or caption by the language's word for a photo", async () => {
    const article = parseArticle({
      headline: 'Der Hafen',
      language: 'de',
      image: { src: pngDataUri(pngBytes(40, 20, [30, 90, 160])) },
      body: [{ type: 'paragraph', text: 'Kräne am Hafen.' }],
    });
    const figure = (await readPdf(await renderPdf(article))).structure
      .flat()
      .find((s) => s.role === 'Figure');
    expect(figure?.alt).toBe(labelsFor('de').photo);
    expect(labelsFor('de').photo).toBe('Foto');
  });

  it('makes links real link annotations', () => {
    expect(doc.links.map((l) => l.url)).toContain('https://example.org/port');
  });

  it('draws the embedded image only, and keeps captions of pictures it cannot show', async () => {
    const text = squash((await pdftotext(pdf)).join(' '));
    for (const s of [
      'Cranes at the harbour. Photo: A. Souza',
      'A remote picture is never fetched.',
      'A broken picture keeps its caption.',
      '— Harbour master',
    ]) {
      expect(text).toContain(s);
    }
    // One image XObject: the data: URI; the http(s) and the broken one are not drawn.
    expect(pdf.toString('latin1').match(/\/Subtype \/Image/g)).toHaveLength(1);
  });

  it('shows the title block: kicker, byline, dateline and dates', () => {
    const text = squash(doc.text.join(' '));
    expect(text).toContain('Analysis');
    // The same byline and date line as the EPUB and the reader page (display/display-model.ts).
    expect(text).toContain('By Ana Souza (reporter, Reuters) and Jonas Berg');
    expect(text).toContain(
      'LISBON (Reuters) · Published March 5, 2024 at 9:30 AM UTC · Updated March 6, 2024 at 11:00 AM UTC',
    );
    expect(text).toMatch(/^The Daily Test Page 1 of \d+ /);
  });
});

describe('local images', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'broadsheet-pdf-img-'));
    await writeFile(join(dir, 'pic.png'), pngBytes(8, 8, [200, 0, 0]));
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    ['read inside imageBaseDir', { src: 'pic.png' }, true, 1],
    ['not read without imageBaseDir', { src: 'pic.png' }, false, 0],
    ['data: URI', { src: pngDataUri(pngBytes(4, 4, [0, 0, 0])) }, false, 1],
  ])('a relative path is %s', async (_name, image, withBase, count) => {
    const article = richArticle({
      image: { ...image, alt: 'x', caption: 'Caption' },
      body: [{ type: 'paragraph', text: 'Body.' }],
    });
    const pdf = await renderPdf(article, withBase ? { imageBaseDir: dir } : {});
    expect(pdf.toString('latin1').match(/\/Subtype \/Image/g) ?? []).toHaveLength(count);
  });
});

describe('streaming', () => {
  it('writes the same bytes to a stream as renderPdf returns', async () => {
    const article = richArticle();
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await renderPdfToStream(article, out);
    expect(Buffer.concat(chunks).equals(await renderPdf(article))).toBe(true);
  });

  /** A file stream whose open has failed (and emitted its error) before rendering starts. */
  async function unopenable(): Promise<Writable> {
    const out = createWriteStream(join(tmpdir(), `broadsheet-missing-${process.pid}`, 'out.pdf'));
    await once(out, 'error');
    return out;
  }
  /** A file stream on /dev/full: every write fails with ENOSPC, as on a full disk. */
  const fullDisk = (): Promise<Writable> => Promise.resolve(createWriteStream('/dev/full'));

  it
    .skipIf(!existsSync('/dev/full'))
    .each<[string, () => Article | Edition, () => Promise<Writable>, string]>([
      ['an article, to a stream that failed to open', () => richArticle(), unopenable, 'ENOENT'],
      ['an edition, to a stream that failed to open', () => sampleEdition(), unopenable, 'ENOENT'],
      ['an article, to a full disk', () => richArticle(), fullDisk, 'ENOSPC'],
      ['a long edition, to a full disk', () => sampleEdition(20), fullDisk, 'ENOSPC'],
    ])(
    "rejects with the stream's error when writing %s, instead of hanging or crashing",
    async (_name, input, stream, code) => {
      const out = await stream();
      await expect(renderPdfToStream(input(), out)).rejects.toMatchObject({ code });
    },
    30_000,
  );
});

describe('glyph coverage check', () => {
  it('notices a .notdef glyph (so the all-scripts test can fail)', async () => {
    // A private-use code point that no bundled font has.
    const pdf = await renderPdf(
      richArticle({ body: [{ type: 'paragraph', text: 'Missing \u{F0001} glyph' }] }),
    );
    const ids = [...(await drawnGlyphIds(pdf)).values()];
    expect(ids.some((set) => set.has(0))).toBe(true);
  });
});

describe('hostile and awkward text', () => {
  it.each([
    ['a word longer than the line', 'x'.repeat(400)],
    ['an unbroken URL', `https://example.org/${'path/'.repeat(60)}`],
    [
      'markup and PDF string delimiters',
      'Title with <b>tags</b> & (parens) \\ backslash ]]> "quotes"',
    ],
    ['only emoji', '🎉🎉🎉 👍🏽'],
  ])('renders %s to a valid PDF with the text intact', async (_name, text) => {
    const article = richArticle({
      headline: text.slice(0, 300),
      image: undefined,
      body: [{ type: 'paragraph', text }],
    });
    const pdf = await renderPdf(article);
    expect((await qpdfCheck(pdf)).ok).toBe(true);
    const doc = await readPdf(pdf);
    expect(doc.info.Title).toBe(article.headline);
    expect(doc.xmpTitle).toBe(article.headline);
    const body = (await pdftotext(pdf)).join('\n').replace(/\s+/g, '');
    expect(body).toContain(text.replace(/\s+/g, ''));
  });
});
