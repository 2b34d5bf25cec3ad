import { parseArticle } from '@broadsheet/model';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import {
  editionJsonLd,
  renderArticlePage,
  renderEditionPage,
  renderHomePage,
  renderNotFoundPage,
  renderSearchPage,
} from './pages.js';
import {
  HOSTILE,
  hostileArticle,
  sampleArticle,
  sampleEdition,
  site,
} from './test-support/fixtures.js';

const downloads = [
  { format: 'epub' as const, bytes: 48_213 },
  { format: 'pdf' as const, bytes: 1_572_864 },
];

function articleDoc(
  article = sampleArticle(),
  jsonLd: unknown = { '@type': 'NewsArticle', headline: article.headline },
) {
  return parse(renderArticlePage({ site, article, jsonLd, downloads }));
}

describe('article page', () => {
  it('shows the headline, standfirst, highlights, figure captions and byline as semantic HTML', () => {
    const doc = articleDoc();
    expect(doc.querySelector('main article header h1')?.text).toBe(
      'Pakistan, Russia look at strategic partnership',
    );
    expect(doc.querySelector('.standfirst')?.text).toBe(
      'Relations are fast evolving into a mature relationship.',
    );
    expect(doc.querySelectorAll('.highlights li').map((li) => li.text)).toEqual([
      'Relations are at a historic high point.',
      'Mutual trust and common interests.',
    ]);
    expect(doc.querySelectorAll('figure figcaption').map((f) => f.text)).toEqual([
      'Foreign Office spokesperson Dr. Faisal during a press briefing. Pakistan Foreign Office',
      '— Qamar Cheema',
      'The delegations met in April.',
    ]);
    expect(doc.querySelector('.byline')?.text).toBe('By Jane Doe');
    expect(doc.querySelector('time')?.getAttribute('datetime')).toBe('2018-05-02T10:00:00Z');
    expect(doc.querySelector('blockquote')?.text).toBe(
      'Both states are working for full spectrum connectivity.',
    );
  });

  it('keeps inline emphasis, strong text and links', () => {
    const p = articleDoc().querySelector('.article__body p');
    expect(p?.querySelector('em')?.text).toBe('counterterrorism');
    expect(p?.querySelector('strong')?.text).toBe('defense');
    expect(p?.querySelector('a')?.getAttribute('href')).toBe('https://example.org/more');
  });

  it('offers EPUB and PDF downloads with their sizes', () => {
    const buttons = articleDoc().querySelectorAll('.downloads a');
    expect(buttons.map((b) => [b.getAttribute('href'), b.getAttribute('type'), b.text])).toEqual([
      [
        '/v1/articles/pakistan-russia-look-at-strategic-partnership.epub',
        'application/epub+zip',
        'Download EPUB (47 KB)',
      ],
      [
        '/v1/articles/pakistan-russia-look-at-strategic-partnership.pdf',
        'application/pdf',
        'Download PDF (1.5 MB)',
      ],
    ]);
  });

  it('shows a download without a size when the size is not known', () => {
    const doc = parse(
      renderArticlePage({
        site,
        article: sampleArticle(),
        jsonLd: {},
        downloads: [{ format: 'epub' }],
      }),
    );
    expect(doc.querySelector('.downloads a')?.text).toBe('Download EPUB');
  });

  it('has canonical, OpenGraph, Twitter card, feed and OPDS links in the head', () => {
    const head = articleDoc().querySelector('head');
    const canonical =
      'https://news.example.org/articles/pakistan-russia-look-at-strategic-partnership';
    expect(head?.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe(canonical);
    expect(head?.querySelector('meta[property="og:url"]')?.getAttribute('content')).toBe(canonical);
    expect(head?.querySelector('meta[property="og:type"]')?.getAttribute('content')).toBe(
      'article',
    );
    expect(head?.querySelector('meta[name="twitter:card"]')?.getAttribute('content')).toBe(
      'summary',
    );
    const types = head
      ?.querySelectorAll('link[type]')
      .map((l) => `${l.getAttribute('rel')} ${l.getAttribute('type')}`);
    expect(types).toEqual(
      expect.arrayContaining([
        'alternate application/atom+xml',
        'alternate application/feed+json',
        'alternate application/rss+xml',
        'related application/atom+xml;profile=opds-catalog;kind=navigation',
        'alternate application/opds+json',
        'search application/opensearchdescription+xml',
      ]),
    );
  });

  it('embeds JSON-LD that cannot close its script element', () => {
    const jsonLd = {
      '@type': 'NewsArticle',
      headline: '</script><script>alert(1)</script> & <!--',
    };
    const html = renderArticlePage({ site, article: sampleArticle(), jsonLd, downloads });
    const scripts = parse(html).querySelectorAll('script');
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.getAttribute('type')).toBe('application/ld+json');
    expect(JSON.parse(scripts[0]?.text ?? '')).toEqual(jsonLd);
    expect(html).not.toContain('</script><script>');
  });

  it('shows hostile text as text: no element, attribute or script comes from the content', () => {
    const article = hostileArticle();
    const html = renderArticlePage({
      site,
      article,
      jsonLd: { headline: article.headline },
      downloads,
    });
    const doc = parse(html);
    expect(doc.querySelector('h1')?.text).toBe(`Headline ${HOSTILE}`);
    expect(doc.querySelector('title')?.text).toBe(`Headline ${HOSTILE} | Broadsheet`);
    expect(doc.querySelectorAll('script').map((s) => s.getAttribute('type'))).toEqual([
      'application/ld+json',
    ]);
    // The only <img> is the figure's, with its src kept whole as one attribute value.
    const imgs = doc.querySelectorAll('img');
    expect(imgs).toHaveLength(1);
    expect(imgs[0]?.getAttribute('src')).toBe('https://example.org/x.jpg" onerror="alert(4)');
    expect(imgs[0]?.getAttribute('onerror')).toBeUndefined();
    for (const el of doc.querySelectorAll('*')) {
      for (const name of Object.keys(el.attributes))
        expect(name.toLowerCase().startsWith('on')).toBe(false);
    }
    expect(doc.querySelector('.article__body a')?.getAttribute('href')).toBe(
      'https://example.org/?a="><script>alert(3)</script>',
    );
  });

  it('sets lang and dir from the article, right to left for Urdu', () => {
    const urdu = sampleArticle({
      language: 'ur',
      headline: 'پاکستان اور روس',
      slug: 'pakistan-russia-ur',
    });
    const doc = articleDoc(urdu);
    expect(doc.querySelector('html')?.getAttribute('lang')).toBe('ur');
    expect(doc.querySelector('html')?.getAttribute('dir')).toBe('rtl');
    expect(doc.querySelector('article')?.getAttribute('dir')).toBe('rtl');
    expect(doc.querySelector('meta[property="og:locale"]')?.getAttribute('content')).toBe('ur');
  });

  it('leaves relative image paths out of the page (they only mean something to the command line)', () => {
    const article = sampleArticle({
      body: [{ type: 'figure', image: { src: 'images/a.png', alt: 'A', caption: 'Local' } }],
    });
    const doc = articleDoc(article);
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    expect(doc.querySelector('.article__body figcaption')?.text).toBe('Local');
  });
});

describe('edition page', () => {
  it('lists its sections and articles with links, and offers downloads', () => {
    const second = sampleArticle({
      headline: 'Trade talks resume',
      slug: 'trade-talks-resume',
      section: 'Business',
    });
    const doc = parse(
      renderEditionPage({ site, edition: sampleEdition([sampleArticle(), second]), downloads }),
    );
    expect(doc.querySelector('h1')?.text).toBe('Morning Edition');
    expect(doc.querySelectorAll('.toc h2').map((h) => h.text)).toEqual(['World']);
    expect(doc.querySelectorAll('.toc li a').map((a) => [a.text, a.getAttribute('href')])).toEqual([
      [
        'Pakistan, Russia look at strategic partnership',
        '/articles/pakistan-russia-look-at-strategic-partnership',
      ],
      ['Trade talks resume', '/articles/trade-talks-resume'],
    ]);
    expect(doc.querySelectorAll('.downloads a').map((a) => a.getAttribute('href'))).toEqual([
      '/v1/editions/2018-05-02-morning-edition.epub',
      '/v1/editions/2018-05-02-morning-edition.pdf',
    ]);
    expect(doc.querySelector('time')?.text).toBe('May 2, 2018');
  });

  it('describes itself to search engines as a publication issue with its articles', () => {
    const edition = sampleEdition();
    const doc = parse(
      renderEditionPage({ site, edition, downloads, jsonLd: editionJsonLd(site, edition) }),
    );
    const data = JSON.parse(
      doc.querySelector('script[type="application/ld+json"]')?.text ?? '{}',
    ) as Record<string, unknown>;
    expect(data).toMatchObject({
      '@type': 'PublicationIssue',
      name: 'Morning Edition',
      datePublished: '2018-05-02',
      hasPart: [
        {
          '@type': 'NewsArticle',
          headline: 'Pakistan, Russia look at strategic partnership',
          url: 'https://news.example.org/articles/pakistan-russia-look-at-strategic-partnership',
        },
      ],
    });
  });
});

describe('home page', () => {
  it('lists editions and articles and has a search form', () => {
    const doc = parse(
      renderHomePage({ site, editions: [sampleEdition()], articles: [sampleArticle()] }),
    );
    expect(doc.querySelector('h1')?.text).toBe('Latest editions and articles');
    expect(doc.querySelector('#editions-heading + ul a')?.getAttribute('href')).toBe(
      '/editions/2018-05-02-morning-edition',
    );
    expect(doc.querySelector('#articles-heading + ul a')?.getAttribute('href')).toBe(
      '/articles/pakistan-russia-look-at-strategic-partnership',
    );
    const form = doc.querySelector('form[role=search]');
    expect(form?.getAttribute('action')).toBe('/search');
    expect(form?.querySelector('input')?.getAttribute('name')).toBe('q');
  });

  it('says so when there is nothing yet', () => {
    const doc = parse(renderHomePage({ site, editions: [], articles: [] }));
    expect(doc.querySelectorAll('main p').map((p) => p.text)).toEqual([
      'No editions yet.',
      'No articles yet.',
    ]);
  });
});

describe('search page', () => {
  it('marks the matched words in each snippet and keeps the query in the box', () => {
    const html = renderSearchPage({
      site,
      query: 'strategic <b>',
      results: [
        {
          article: sampleArticle(),
          snippet: [
            { text: 'a ', match: false },
            { text: 'strategic', match: true },
            { text: ' <i>x</i>', match: false },
          ],
        },
      ],
      more: false,
    });
    const doc = parse(html);
    expect(doc.querySelector('h1')?.text).toBe('Results for “strategic <b>”');
    expect(doc.querySelector('#site-search')?.getAttribute('value')).toBe('strategic <b>');
    expect(doc.querySelector('.snippet mark')?.text).toBe('strategic');
    expect(doc.querySelector('.snippet')?.text).toBe('a strategic <i>x</i>');
    expect(doc.querySelector('meta[name=robots]')?.getAttribute('content')).toBe('noindex');
  });

  it('says when nothing matches', () => {
    const doc = parse(renderSearchPage({ site, query: 'zebra', results: [], more: false }));
    expect(doc.querySelector('main p')?.text).toBe('No articles match “zebra”.');
  });
});

it('renders a not-found page with a way back', () => {
  const doc = parse(
    renderNotFoundPage({
      site,
      path: '/articles/x',
      heading: 'Article not found',
      message: 'Gone.',
    }),
  );
  expect(doc.querySelector('h1')?.text).toBe('Article not found');
  expect(doc.querySelector('main a')?.getAttribute('href')).toBe('/');
});

it('formats dates in the article language', () => {
  const french = parseArticle({
    headline: 'Bonjour',
    language: 'fr',
    publishedAt: '2018-05-02',
    body: [{ type: 'paragraph', text: 'Texte.' }],
  });
  const doc = articleDoc(french);
  expect(doc.querySelector('time')?.text).toBe('2 mai 2018');
});
