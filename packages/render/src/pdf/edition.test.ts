import { beforeAll, describe, expect, it } from 'vitest';
import { pdffonts, pdfinfo, pdftotext, qpdfCheck, readPdf } from '@broadsheet/testing';
import { renderPdf } from './index.js';
import { sampleEdition } from './test-support/fixtures.js';

describe('an edition', () => {
  const edition = sampleEdition();
  let pdf: Buffer;
  let doc: Awaited<ReturnType<typeof readPdf>>;
  let pages: string[];
  beforeAll(async () => {
    pdf = await renderPdf(edition);
    doc = await readPdf(pdf);
    pages = await pdftotext(pdf);
  }, 60_000);

  it('is a valid, tagged PDF with embedded fonts and the edition title', async () => {
    expect((await qpdfCheck(pdf)).ok).toBe(true);
    const info = await pdfinfo(pdf);
    expect(info.Tagged).toBe('yes');
    expect(info.Title).toBe('Morning Edition');
    for (const f of await pdffonts(pdf)) expect(f.embedded, f.name).toBe(true);
  });

  it('starts with a cover, then the contents', () => {
    expect(pages[0]).toContain('Morning Edition');
    expect(pages[0]).toContain('World · 2 articles');
    expect(pages[1]).toContain('Contents');
  });

  it('starts every article on a new page, at the page the contents give, linked', () => {
    const articles = edition.sections.flatMap((s) => s.articles);
    const toc = pages[1] ?? '';
    for (const article of articles) {
      const m = new RegExp(`(\\d+) ${article.headline}|${article.headline}\\s+(\\d+)`).exec(
        toc.replace(/\s+/g, ' '),
      );
      expect(m, article.headline).not.toBeNull();
      const page = Number(m?.[1] ?? m?.[2]);
      // Page text starts with the header and footer, then the article's first line.
      const body = (pages[page - 1] ?? '').split('\n').slice(2).join(' ');
      expect(body, `page ${page}`).toContain(article.headline);
    }
    const internal = doc.links.filter((l) => l.page === 2 && l.dest !== undefined);
    expect(internal).toHaveLength(articles.length);
  });

  it('has an outline: edition, sections, articles with their metadata', () => {
    expect(doc.outline[0]).toBe('Morning Edition');
    expect(doc.outline).toContain('  World');
    expect(doc.outline).toContain('  Local');
    expect(
      doc.outline.some((t) =>
        t.startsWith('    World story 1 — Ana Souza, Jonas Berg, 2024-03-05 · World'),
      ),
    ).toBe(true);
  });

  it('numbers pages "Page X of Y" with the real total', () => {
    const total = pages.length;
    expect(doc.pages).toBe(total);
    pages.forEach((p, i) => expect(p).toContain(`Page ${i + 1} of ${total}`));
  });

  it('tags a table of contents and one Art element per article', () => {
    const roles = doc.structure.flat().map((s) => s.role);
    expect(roles).toContain('TOC');
    expect(roles).toContain('TOCI');
    const arts = doc.structure.map((page) => page.filter((s) => s.role === 'Art').length);
    expect(arts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(4);
  });

  it('never leaves a heading alone at the foot of a page', () => {
    for (const page of doc.structure) {
      const leaves = page.filter((s) => /^(H\d|P|LBody|Lbl|Caption)$/.test(s.role));
      expect(leaves.at(-1)?.role ?? 'P').not.toMatch(/^H[2-6]$/);
    }
  });

  it('is byte-identical across runs', async () => {
    expect((await renderPdf(edition)).equals(pdf)).toBe(true);
  });
});
