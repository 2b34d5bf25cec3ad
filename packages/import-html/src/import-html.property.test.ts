import { parseArticle, ValidationError } from '@broadsheet/model';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importHtml } from './import-html.js';

// Pieces of real pages, shuffled and nested at random: whatever comes in, the importer
// returns a valid Article or throws ValidationError, never anything else.
const fragment = fc.oneof(
  fc.constantFrom(
    '<p>',
    '</p>',
    '<div class="cookie-banner">',
    '</div>',
    '<h1>',
    '</h1>',
    '<h2>',
    '</h2>',
    '<article>',
    '</article>',
    '<blockquote>',
    '</blockquote>',
    '<footer>',
    '</footer>',
    '<ul><li>',
    '</li></ul>',
    '<figure>',
    '</figure>',
    '<figcaption>',
    '</figcaption>',
    '<img src="/a.jpg">',
    '<img data-src="x" srcset=",,, 12w">',
    '<picture><source srcset="">',
    '<a href="javascript:alert(1)">',
    '<a href="//evil">',
    '<a href="/rel">',
    '</a>',
    '<script>alert(1)</script>',
    '<em>',
    '</em>',
    '<strong>',
    '</strong>',
    '<br>',
    '<table><tr><td>',
    '</td></tr></table>',
    '<time datetime="2024-02-30">',
    '<meta property="og:type" content="article">',
    '<script type="application/ld+json">{"@type":"NewsArticle","author":[null,{"name":7}],"datePublished":{}}</script>',
    '<html lang="!!">',
    '<html dir="rtl" lang="ar">',
    '&nbsp;',
    '&#0;',
    '\u0000',
    '\uD800',
    '<!--',
    '-->',
    '<![CDATA[',
  ),
  fc.string({ maxLength: 80 }),
  fc.lorem({ maxCount: 40 }).map((t) => `<p>${t}.</p>`),
);

describe('importHtml on arbitrary input', () => {
  it('returns a valid Article or throws ValidationError', () => {
    fc.assert(
      fc.property(
        fc.array(fragment, { maxLength: 60 }),
        fc.constantFrom(undefined, 'https://news.example/a/b'),
        (parts, url) => {
          try {
            const article = importHtml(parts.join(''), url ? { url } : {});
            expect(parseArticle(article)).toEqual(article);
            expect(JSON.stringify(article)).not.toMatch(/javascript:|<script|alert\(1\)/);
          } catch (error) {
            if (!(error instanceof ValidationError)) throw error;
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});
