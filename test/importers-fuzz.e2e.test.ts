import { importHtml } from '@broadsheet/import-html';
import { importPlainText, parseArticle, ValidationError } from '@broadsheet/model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileString, scrapedLikeText } from './support/hostile-text.js';

/**
 * The importers face whatever a user pastes or a scraper returns. They must either give a
 * valid Article (one that parses again unchanged) or throw a ValidationError that says why:
 * never a TypeError, a RangeError, a stack overflow or a hang.
 */
function outcome(run: () => unknown): 'article' | 'rejected' {
  try {
    const article = run();
    // What an importer returns must itself be accepted by the schema, as the API stores it.
    expect(parseArticle(article)).toEqual(article);
    return 'article';
  } catch (err) {
    if (err instanceof ValidationError) {
      expect(err.issues.length).toBeGreaterThan(0);
      return 'rejected';
    }
    throw err;
  }
}

describe('importPlainText on arbitrary text', () => {
  it('returns a valid article or throws ValidationError, for scraped-looking and hostile text', () => {
    const seen = { article: 0, rejected: 0 };
    fc.assert(
      fc.property(
        fc.oneof(scrapedLikeText, hostileString(20), fc.string({ unit: 'binary' })),
        (text) => {
          seen[outcome(() => importPlainText(text))]++;
        },
      ),
      { numRuns: 400 },
    );
    // Both paths were exercised: the generator is not so hostile that nothing imports.
    expect(seen.article).toBeGreaterThan(0);
    expect(seen.rejected).toBeGreaterThan(0);
  });

  it.each([
    ['empty', ''],
    ['only white space', ' \n\t\r\n '],
    ['only a BOM', '\ufeff'],
    ['a NUL headline', '\u0000\n\nbody'],
    ['lone surrogates', '\ud800 headline\n\n\udfff paragraph'],
    ['one huge line', 'x'.repeat(2_000_000)],
    ['many empty lines', '\n'.repeat(100_000)],
    ['a million bullets', '• a\n'.repeat(50_000)],
  ])('%s: a valid article or a ValidationError', (_name, text) => {
    expect(['article', 'rejected']).toContain(outcome(() => importPlainText(text)));
  });

  it('accepts option values only through validation', () => {
    fc.assert(
      fc.property(hostileString(3), hostileString(3), (language, section) => {
        outcome(() => importPlainText('Headline\n\nA paragraph of text.', { language, section }));
      }),
      { numRuns: 100 },
    );
  });
});

describe('importHtml on arbitrary pages', () => {
  const page = fc
    .tuple(
      hostileString(4),
      fc.array(hostileString(6), { maxLength: 10 }),
      fc.constantFrom('en', 'ur', '', 'x-garbage', '"><script>'),
    )
    .map(
      ([title, paragraphs, lang]) =>
        `<!DOCTYPE html><html lang="${lang}"><head><title>${title}</title><meta property="og:title" content="${title}"></head>` +
        `<body><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`,
    );

  it('returns a valid article or throws ValidationError, for generated and arbitrary HTML', () => {
    fc.assert(
      fc.property(
        fc.oneof(page, hostileString(20), fc.string({ unit: 'binary', maxLength: 300 })),
        (html) => {
          outcome(() => importHtml(html));
        },
      ),
      { numRuns: 150 },
    );
  });
});
