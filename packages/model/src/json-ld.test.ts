import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importPlainText } from './import-plain-text/index.js';
import { jsonLdScriptText, toJsonLd } from './json-ld.js';
import { parseArticle } from './parse.js';

const seed = importPlainText(
  readFileSync(new URL('../../content/data/default-article.txt', import.meta.url), 'utf8'),
  {
    source: { name: 'Arab News' },
    language: 'en',
  },
);

const full = parseArticle({
  headline: 'Rates held steady',
  kicker: 'Analysis',
  standfirst: 'The bank waits.',
  language: 'en-GB',
  authors: [
    {
      name: 'Jane Doe',
      role: 'correspondent',
      affiliation: 'Reuters',
      url: 'https://example.com/jane',
    },
    { name: 'Ed Itor', role: 'editor' },
  ],
  dateline: { place: 'LONDON', agency: 'Reuters' },
  publishedAt: '2019-03-03T14:05:00+05:00',
  updatedAt: '2019-03-04',
  section: 'Business',
  tags: ['Rates', 'Banks'],
  publisher: {
    name: 'Example News',
    url: 'https://news.example.com',
    logo: 'https://news.example.com/logo.png',
  },
  source: { url: 'https://news.example.com/rates' },
  image: {
    src: 'https://cdn.example.com/bank.jpg',
    caption: 'The bank.',
    credit: 'AFP',
    width: 1200,
    height: 800,
  },
  body: [{ type: 'paragraph', text: 'One two three.' }],
});

describe('toJsonLd', () => {
  it('writes a schema.org NewsArticle with the recommended properties', () => {
    expect(toJsonLd(full)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      identifier: full.id,
      headline: 'Rates held steady',
      alternativeHeadline: 'Analysis',
      description: 'The bank waits.',
      inLanguage: 'en-GB',
      url: 'https://news.example.com/rates',
      mainEntityOfPage: { '@type': 'WebPage', '@id': 'https://news.example.com/rates' },
      image: [
        {
          '@type': 'ImageObject',
          url: 'https://cdn.example.com/bank.jpg',
          contentUrl: 'https://cdn.example.com/bank.jpg',
          caption: 'The bank.',
          creditText: 'AFP',
          width: 1200,
          height: 800,
        },
      ],
      datePublished: '2019-03-03T14:05:00+05:00',
      // A date stays a date: no invented time or zone.
      dateModified: '2019-03-04',
      author: [
        {
          '@type': 'Person',
          name: 'Jane Doe',
          url: 'https://example.com/jane',
          affiliation: { '@type': 'Organization', name: 'Reuters' },
          jobTitle: 'correspondent',
        },
      ],
      editor: [{ '@type': 'Person', name: 'Ed Itor', jobTitle: 'editor' }],
      publisher: {
        '@type': 'Organization',
        name: 'Example News',
        url: 'https://news.example.com',
        logo: { '@type': 'ImageObject', url: 'https://news.example.com/logo.png' },
      },
      dateline: 'LONDON (Reuters)',
      articleSection: 'Business',
      keywords: ['Rates', 'Banks'],
      articleBody: 'One two three.',
      wordCount: 3,
    });
  });

  it('uses a given page URL and links the source as isBasedOn', () => {
    const doc = toJsonLd(full, { url: 'https://reader.example.org/articles/rates' });
    expect(doc.url).toBe('https://reader.example.org/articles/rates');
    expect(doc.isBasedOn).toBe('https://news.example.com/rates');
  });

  it('describes the seed: highlights as description, date-only dateModified, no image without a src', () => {
    const doc = toJsonLd(seed);
    expect(doc).toMatchObject({
      headline: seed.headline,
      dateModified: '2018-05-02',
      dateline: 'ISLAMABAD',
      inLanguage: 'en',
      publisher: { '@type': 'Organization', name: 'Arab News' },
      description: seed.highlights.join(' '),
    });
    expect(doc).not.toHaveProperty('image');
    expect(doc).not.toHaveProperty('datePublished');
    expect(doc).not.toHaveProperty('url');
    expect(typeof doc.articleBody === 'string' && doc.articleBody.split('\n\n')).toHaveLength(15);
  });

  it.each([
    ['a relative path', 'images/a.jpg'],
    ['a data: URI', 'data:image/png;base64,iVBORw0KGgo='],
  ])('leaves out an image given as %s (not a shareable URL)', (_name, src) => {
    expect(toJsonLd(parseArticle({ ...full, image: { src } }))).not.toHaveProperty('image');
  });

  it('lists a local image under the URL a resolver gives it', () => {
    const doc = toJsonLd(parseArticle({ ...full, image: { src: 'images/a.jpg' } }), {
      resolveImage: (src) => `https://reader.example.org/media/${src}`,
    });
    expect(doc.image).toEqual([
      {
        '@type': 'ImageObject',
        url: 'https://reader.example.org/media/images/a.jpg',
        contentUrl: 'https://reader.example.org/media/images/a.jpg',
      },
    ]);
  });

  it('gives script text that cannot close its <script> element', () => {
    const text = jsonLdScriptText(
      toJsonLd(parseArticle({ ...full, headline: 'Bad </script><script>alert(1)</script>' })),
    );
    expect(text).not.toContain('</script');
    expect((JSON.parse(text) as { headline: string }).headline).toBe(
      'Bad </script><script>alert(1)</script>',
    );
  });
});
