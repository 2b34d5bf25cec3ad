import { type Article, parseEdition } from '@broadsheet/model';
import { renderEpub, renderPdf } from '@broadsheet/render';
import {
  epubcheckJava,
  epubcheckTs,
  formatEpubCheckProblems,
  type LocalWebServer,
  openEpub,
  pdftotext,
  pngBytes,
  qpdfCheck,
  readPdf,
  serve,
  startLocalWebServer,
} from '@broadsheet/testing';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fetchImages, importHtml } from '@broadsheet/import-html';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** One of the HTML importer's fixture pages (exported as @broadsheet/import-html/fixtures/*). */
const fixture = (name: string) =>
  readFileSync(
    createRequire(import.meta.url).resolve(`@broadsheet/import-html/fixtures/${name}`),
    'utf8',
  );

// Imported pages that differ in what the renderers must handle: rich blocks, RTL, CJK,
// many figures (remote references), hostile markup, German.
const pages: [string, string | undefined][] = [
  ['jsonld-only.html', undefined],
  ['rtl-urdu.html', undefined],
  ['cjk-japanese.html', undefined],
  ['photo-gallery.html', undefined],
  ['lazy-images.html', 'https://www.farmlife.example/stories/rewilding'],
  ['hostile-markup.html', 'https://northernledger.example/education/phones-bill'],
  ['live-blog.html', undefined],
  ['cookie-share.html', undefined],
];
const imported = (file: string, url: string | undefined): Article =>
  importHtml(fixture(file), url ? { url } : {});

describe('imported articles render', () => {
  // Rendering is slow on a shared two-core machine (fonts load on first use): generous limits.
  it.each(pages)(
    '%s → EPUB passes epubcheck-ts with no errors or warnings',
    { timeout: 60_000 },
    async (file, url) => {
      const epub = await renderEpub(imported(file, url));
      expect(formatEpubCheckProblems(await epubcheckTs(epub))).toBe('');
    },
  );

  it.each(pages)(
    '%s → PDF parses and holds the headline and the last paragraph',
    { timeout: 60_000 },
    async (file, url) => {
      const article = imported(file, url);
      const pdf = await renderPdf(article);
      expect((await readPdf(pdf)).pages).toBeGreaterThan(0);
      // pdftotext reads the renderer's ActualText, so shaped scripts come back exact. Compared
      // without white space: line breaking and RTL reordering move spaces, not letters.
      const text = (await pdftotext(pdf)).join('\n').replace(/\s+/g, '');
      const lastPara = article.body.filter((b) => b.type === 'paragraph').at(-1);
      expect(text).toContain(article.headline.replace(/\s+/g, '').slice(0, 12));
      expect(lastPara?.type === 'paragraph' ? text : '').toContain(
        lastPara?.type === 'paragraph'
          ? lastPara.text.replace(/\s+/g, '').slice(-20)
          : 'no last paragraph',
      );
      expect((await qpdfCheck(pdf)).ok).toBe(true);
    },
  );

  it(
    'an edition of every imported page passes the Java EPUBCheck',
    { timeout: 300_000 },
    async () => {
      const edition = parseEdition({
        title: 'Imported from the web',
        date: '2024-03-09',
        language: 'en',
        sections: [{ title: 'Pages', articles: pages.map(([file, url]) => imported(file, url)) }],
      });
      const report = await epubcheckJava(await renderEpub(edition));
      expect(report.validator).toBe('epubcheck-java');
      expect(formatEpubCheckProblems(report)).toBe('');
    },
  );
});

describe('imported articles with fetched images render with the pictures inside', () => {
  let server: LocalWebServer;
  const png = pngBytes(64, 48, [30, 90, 160]);
  beforeAll(async () => {
    server = await startLocalWebServer({
      '/lead.png': serve('image/png', png),
      '/chart.png': serve('image/png', png),
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('EPUB with embedded images passes epubcheck-ts; PDF parses', { timeout: 60_000 }, async () => {
    const html = `<!DOCTYPE html><html lang="en"><head><title>Tide tables</title><meta property="og:type" content="article"><meta property="og:image" content="/lead.png"></head><body><article><h1>Tide tables</h1>
      <p>The harbour office publishes the tide tables for the coming year every December, and this year they show the highest spring tides for two decades in March and September.</p>
      <figure><img src="/chart.png" alt="A tide chart"><figcaption>The March spring tides. Photo: Harbour office</figcaption></figure>
      <p>Boat owners are asked to check their moorings before each of the highest tides and to report any loose pontoons to the harbour master.</p></article></body></html>`;
    const article = await fetchImages(importHtml(html, { url: `${server.origin}/news/tides` }), {
      timeoutMs: 5_000,
    });
    expect(article.image?.src).toMatch(/^data:image\/png;base64,/);
    const epub = await renderEpub(article);
    expect(formatEpubCheckProblems(await epubcheckTs(epub))).toBe('');
    // The picture travels inside the book: the fetched PNG is one of its files.
    const book = openEpub(epub);
    expect(book.names.filter((n) => Buffer.from(book.bytes(n)).equals(png))).toHaveLength(1);
    const pdf = await renderPdf(article);
    expect((await readPdf(pdf)).text.join(' ')).toContain('Tide tables');
  });
});
