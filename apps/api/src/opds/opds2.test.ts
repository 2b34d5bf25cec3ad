import { describe, expect, it } from 'vitest';
import { sampleArticle, sampleEdition, site } from '../reader/test-support/fixtures.js';
import { REL } from './atom-xml.js';
import { opds2Publications, opds2Root } from './opds2.js';
import { articlePublication, editionPublication } from './publication.js';

const B = 'https://news.example.org';
const OPDS2 = 'application/opds+json';

describe('OPDS 2.0 root', () => {
  const root = opds2Root(site, '2026-11-28T12:00:00Z');
  it('has a title, a self link, a templated search link and a titled navigation', () => {
    expect(root.metadata.title).toBe('Broadsheet');
    expect(root.links.find((l) => l.rel === 'self')).toEqual({
      rel: 'self',
      href: `${B}/opds/v2`,
      type: OPDS2,
    });
    expect(root.links.find((l) => l.rel === 'search')).toMatchObject({
      href: `${B}/opds/v2/search{?q}`,
      type: OPDS2,
      templated: true,
    });
    expect(root.navigation?.map((n) => [n.title, n.href, n.type])).toEqual([
      ['Editions', `${B}/opds/v2/editions`, OPDS2],
      ['Latest articles', `${B}/opds/v2/articles`, OPDS2],
    ]);
  });
});

describe('OPDS 2.0 publications', () => {
  const article = sampleArticle({ image: { src: 'https://example.org/lead.png', alt: 'Lead' } });
  const feed = opds2Publications({
    site,
    title: 'Latest articles',
    pagePath: (n) => `/opds/v2/articles?page=${n}`,
    paging: { page: 2, hasNext: true },
    itemsPerPage: 25,
    updated: '2026-11-28T12:00:00Z',
    publications: [
      articlePublication(article, '2026-11-28T12:00:00Z', { pdf: 9000 }),
      editionPublication(sampleEdition(), '2026-11-28T12:00:00Z'),
    ],
    publicationPath: (p) => `/opds/v2/${p.kind}s/${p.ref}`,
    numberOfItems: 30,
  });

  it('pages with previous and next and says where it is', () => {
    expect(
      feed.links
        .filter((l) => l.rel === 'previous' || l.rel === 'next')
        .map((l) => [l.rel, l.href]),
    ).toEqual([
      ['previous', `${B}/opds/v2/articles?page=1`],
      ['next', `${B}/opds/v2/articles?page=3`],
    ]);
    expect(feed.metadata).toMatchObject({
      title: 'Latest articles',
      currentPage: 2,
      itemsPerPage: 25,
      numberOfItems: 30,
    });
  });

  it('describes each publication with metadata, a self link, acquisition links and images', () => {
    const [a, e] = feed.publications ?? [];
    expect(a?.metadata).toMatchObject({
      '@type': 'http://schema.org/NewsArticle',
      title: 'Pakistan, Russia look at strategic partnership',
      language: 'en',
      published: '2018-05-02T10:00:00Z',
      author: [{ name: 'Jane Doe' }],
      subject: ['World', 'Pakistan', 'Russia'],
    });
    expect(a?.links.find((l) => l.rel === 'self')).toEqual({
      rel: 'self',
      href: `${B}/opds/v2/articles/pakistan-russia-look-at-strategic-partnership`,
      type: 'application/opds-publication+json',
    });
    expect(a?.links.filter((l) => l.rel === REL.openAccess).map((l) => [l.type, l.length])).toEqual(
      [
        ['application/epub+zip', undefined],
        ['application/pdf', 9000],
      ],
    );
    expect(a?.images).toEqual([
      {
        href: `${B}/v1/articles/pakistan-russia-look-at-strategic-partnership/cover.png`,
        type: 'image/png',
        width: 600,
        height: 900,
      },
    ]);
    expect(e?.images).toEqual([
      {
        href: `${B}/v1/editions/2018-05-02-morning-edition/cover.png`,
        type: 'image/png',
        width: 600,
        height: 900,
      },
    ]);
    expect(e?.metadata['@type']).toBe('http://schema.org/PublicationIssue');
    expect(e?.links.filter((l) => l.rel === REL.openAccess).map((l) => l.href)).toEqual([
      `${B}/v1/editions/2018-05-02-morning-edition.epub`,
      `${B}/v1/editions/2018-05-02-morning-edition.pdf`,
    ]);
  });
});
