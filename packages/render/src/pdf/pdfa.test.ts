import { beforeAll, describe, expect, it } from 'vitest';
import { defaultArticle } from '@broadsheet/content';
import {
  emptyToUnicodeEntries,
  pdffonts,
  pdfinfo,
  qdfText,
  qpdfCheck,
  readPdf,
  xmlProblem,
} from '@broadsheet/testing';
import type { Article, Edition } from '@broadsheet/model';
import { renderPdf, type PdfOptions } from './index.js';
import { allScriptsArticle } from './test-support/all-scripts.js';
import { richArticle, sampleEdition } from './test-support/fixtures.js';

/**
 * No veraPDF here: these tests check the PDF/A-2u rules a renderer can break, one by one —
 * version, output intent with an RGB ICC profile, pdfaid in a well-formed XMP packet that agrees
 * with the Info dictionary, every font embedded, every glyph mapped to Unicode, no .notdef,
 * printable annotations, a file ID, no encryption or JavaScript.
 */
describe.each([
  ['the seed article', () => defaultArticle()],
  ['an article with every block', () => richArticle()],
  ['every script', () => allScriptsArticle()],
  ['an edition', () => sampleEdition(1)],
  ['an edition in columns on A3', () => sampleEdition(2), { layout: 'columns', pageSize: 'A3' }],
] as [string, () => Article | Edition, PdfOptions?][])('PDF/A-2u: %s', (_name, input, options) => {
  let pdf: Buffer;
  let qdf: string;
  let xmp: string;
  beforeAll(async () => {
    pdf = await renderPdf(input(), { ...options, pdfa: true });
    qdf = await qdfText(pdf);
    xmp = (await readPdf(pdf)).xmp ?? '';
  }, 60_000);

  it('is PDF 1.7, valid for qpdf, with a file ID and nothing forbidden', async () => {
    expect((await pdfinfo(pdf))['PDF version']).toBe('1.7');
    expect((await qpdfCheck(pdf)).ok).toBe(true);
    expect(qdf).toMatch(/\/ID \[<[0-9a-f]{32}><[0-9a-f]{32}>\]/);
    expect(qdf).not.toMatch(/\/Encrypt|\/JavaScript|\/JS /);
  });

  it('declares pdfaid part 2, conformance U, in well-formed XMP', () => {
    expect(xmlProblem(xmp)).toBeUndefined();
    expect(xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(xmp).toMatch(/<pdfaid:conformance>U<\/pdfaid:conformance>/);
  });

  it('has an sRGB output intent with an RGB ICC profile', () => {
    expect(qdf).toMatch(/\/OutputIntents \[/);
    expect(qdf).toMatch(/\/S \/GTS_PDFA1/);
    const profile = /\/DestOutputProfile (\d+) 0 R/.exec(qdf);
    expect(profile).not.toBeNull();
    const obj = new RegExp(
      `\\n${profile?.[1]} 0 obj\\n<<([\\s\\S]*?)>>\\nstream\\n([\\s\\S]{40})`,
    ).exec(qdf);
    expect(obj?.[1]).toMatch(/\/N 3/);
    // ICC header: data colour space "RGB " at byte 16, signature "acsp" at byte 36.
    expect(obj?.[2]?.slice(16, 20)).toBe('RGB ');
    expect(obj?.[2]?.slice(36, 40)).toBe('acsp');
  });

  it('embeds every font and maps every glyph to Unicode', async () => {
    for (const f of await pdffonts(pdf))
      expect(f, f.name).toMatchObject({ embedded: true, unicode: true });
    expect(emptyToUnicodeEntries(qdf)).toBe(0);
  });

  it('keeps Info and XMP in agreement', async () => {
    const { info } = await readPdf(pdf);
    const xmpValue = (tag: string) =>
      new RegExp(`<${tag}>(?:<rdf:(?:Alt|Seq|Bag)>)?(?:<rdf:li[^>]*>)?([^<]*)<`).exec(xmp)?.[1];
    const unescape = (s: string | undefined) =>
      s
        ?.replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&');
    expect(unescape(xmpValue('dc:title'))).toBe(info.Title);
    expect(unescape(xmpValue('pdf:Producer'))).toBe(info.Producer);
    expect(unescape(xmpValue('xmp:CreatorTool'))).toBe(info.Creator);
    if (info.Author !== undefined) expect(unescape(xmpValue('dc:creator'))).toBe(info.Author);
    if (info.Keywords !== undefined) expect(unescape(xmpValue('pdf:Keywords'))).toBe(info.Keywords);
    const infoDate = (d: unknown) =>
      String(d).replace(/^D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z');
    expect(xmpValue('xmp:CreateDate')).toBe(infoDate(info.CreationDate));
    expect(xmpValue('xmp:ModifyDate')).toBe(infoDate(info.ModDate));
  });

  it('makes every annotation printable', () => {
    const annots = qdf.split(/\nendobj\n/).filter((obj) => /\/Type \/Annot\b/.test(obj));
    for (const a of annots) expect(a).toMatch(/\/F 4\b/);
  });
});
