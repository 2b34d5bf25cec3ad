import { Article, parseArticle } from '@broadsheet/model';
import { renderEpub, renderPdf } from '@broadsheet/render';
import { epubcheckTs, formatEpubCheckProblems, qpdfCheck, readPdf } from '@broadsheet/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleInput } from './support/article-arbitrary.js';

/** Articles the schema accepts, from arbitrary (often hostile) input. */
const acceptedArticle = articleInput
  .filter((input) => Article.safeParse(input).success)
  .map((input) => parseArticle(input));

// Modest run counts keep CI fast: an EPUB case (render + epubcheck-ts) takes about half a
// second; a PDF case up to a few (fonts for every script load on first use).
const EPUB_RUNS = 25;
const PDF_RUNS = 15;

describe('any article the schema accepts', () => {
  it('renders to an EPUB that EPUBCheck (epubcheck-ts) passes with no errors or warnings', async () => {
    await fc.assert(
      fc.asyncProperty(acceptedArticle, async (article) => {
        const epub = await renderEpub(article);
        const report = await epubcheckTs(epub);
        expect(report.problems, formatEpubCheckProblems(report)).toEqual([]);
      }),
      { numRuns: EPUB_RUNS },
    );
  }, 240_000);

  it('renders to a PDF that pdf.js reads, with text on page 1, and that qpdf --check passes', async () => {
    await fc.assert(
      fc.asyncProperty(acceptedArticle, async (article) => {
        const pdf = await renderPdf(article);
        const read = await readPdf(pdf);
        expect(read.pages).toBeGreaterThan(0);
        // Not the exact headline (shaping and bidi change extracted text): only that text is there.
        expect(read.text[0]?.trim() ?? '').not.toBe('');
        const check = await qpdfCheck(pdf);
        expect(check.ok, check.output).toBe(true);
      }),
      { numRuns: PDF_RUNS },
    );
  }, 240_000);
});
