import { describe, expect, it } from 'vitest';
import {
  hostileArticle,
  sampleArticle,
  sampleEdition,
  site,
} from '../reader/test-support/fixtures.js';
import { NS, REL } from './atom-xml.js';
import { openSearchDescription, opdsAcquisitionFeed, opdsRootFeed } from './opds1.js';
import { articlePublication, editionPublication } from './publication.js';
import { attrs, children, linksByRel, parseXml, text } from './test-support/xml.js';

const NAV = 'application/atom+xml;profile=opds-catalog;kind=navigation';
const ACQ = 'application/atom+xml;profile=opds-catalog;kind=acquisition';
const B = 'https://news.example.org';

describe('root navigation feed', () => {
  const feed = parseXml(
    opdsRootFeed({ site, updated: '2026-11-28T12:00:00Z', editionCount: 3, articleCount: 1 }),
  );

  it('is an Atom feed with id, title, updated, author, self and start links', () => {
    expect([feed.localName, feed.namespaceURI]).toEqual(['feed', NS.atom]);
    expect(text(feed, 'id')).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(text(feed, 'title')).toBe('Broadsheet');
    expect(text(feed, 'updated')).toBe('2026-11-28T12:00:00Z');
    expect(attrs(linksByRel(feed, 'self')[0], 'href', 'type')).toEqual([`${B}/opds`, NAV]);
    expect(attrs(linksByRel(feed, 'start')[0], 'href', 'type')).toEqual([`${B}/opds`, NAV]);
    expect(attrs(linksByRel(feed, 'search')[0], 'href', 'type')).toEqual([
      `${B}/opds/opensearch.xml`,
      'application/opensearchdescription+xml',
    ]);
  });

  it('leads to the editions (newest first) and articles acquisition feeds', () => {
    const entries = children(feed, 'entry');
    expect(
      entries.map((e) => [
        text(e, 'title'),
        ...attrs(children(e, 'link')[0], 'rel', 'href', 'type'),
      ]),
    ).toEqual([
      ['Editions', REL.sortNew, `${B}/opds/editions`, ACQ],
      ['Latest articles', 'subsection', `${B}/opds/articles`, ACQ],
    ]);
    expect(entries.map((e) => text(e, 'content'))).toEqual([
      '3 editions, newest first',
      '1 article, newest first',
    ]);
  });
});

describe('acquisition feed', () => {
  const article = sampleArticle({ image: { src: 'https://example.org/lead.jpg', alt: 'Lead' } });
  const pubs = [
    editionPublication(sampleEdition(), '2026-11-28T10:00:00Z'),
    articlePublication(article, '2026-11-28T09:00:00Z', { epub: 4096 }),
  ];

  function feedAt(page: number, hasNext: boolean) {
    return parseXml(
      opdsAcquisitionFeed({
        site,
        name: 'editions',
        title: 'Editions',
        pagePath: (n) => (n > 1 ? `/opds/editions?page=${n}` : '/opds/editions'),
        paging: { page, hasNext },
        updated: '2026-11-28T10:00:00Z',
        publications: pubs,
      }),
    );
  }

  it('pages with first, previous and next links of the acquisition kind', () => {
    const rels = (f: ReturnType<typeof feedAt>) =>
      children(f, 'link')
        .filter((l) => ['first', 'previous', 'next'].includes(l.getAttribute('rel') ?? ''))
        .map((l) => attrs(l, 'rel', 'href', 'type'));
    expect(rels(feedAt(1, true))).toEqual([
      ['first', `${B}/opds/editions`, ACQ],
      ['next', `${B}/opds/editions?page=2`, ACQ],
    ]);
    expect(rels(feedAt(2, false))).toEqual([
      ['first', `${B}/opds/editions`, ACQ],
      ['previous', `${B}/opds/editions`, ACQ],
    ]);
    expect(attrs(linksByRel(feedAt(3, false), 'self')[0], 'href', 'type')).toEqual([
      `${B}/opds/editions?page=3`,
      ACQ,
    ]);
  });

  it('gives each entry EPUB and PDF acquisition links, Dublin Core language and issue date, and a summary', () => {
    const [edition, entry] = children(feedAt(1, false), 'entry');
    expect(text(edition!, 'title')).toBe('Morning Edition');
    expect(text(edition!, 'issued', NS.dc)).toBe('2018-05-02');
    expect(linksByRel(edition!, REL.openAccess).map((l) => attrs(l, 'href', 'type'))).toEqual([
      [`${B}/v1/editions/2018-05-02-morning-edition.epub`, 'application/epub+zip'],
      [`${B}/v1/editions/2018-05-02-morning-edition.pdf`, 'application/pdf'],
    ]);
    expect(text(entry!, 'language', NS.dc)).toBe('en');
    expect(text(entry!, 'issued', NS.dc)).toBe('2018-05-02T10:00:00Z');
    expect(text(entry!, 'summary')).toBe('Relations are fast evolving into a mature relationship.');
    expect(text(entry!, 'updated')).toBe('2026-11-28T09:00:00Z');
    expect(children(children(entry!, 'author')[0]!, 'name')[0]?.textContent).toBe('Jane Doe');
    expect(linksByRel(entry!, REL.openAccess).map((l) => attrs(l, 'type', 'length'))).toEqual([
      ['application/epub+zip', '4096'],
      ['application/pdf', null],
    ]);
    // The cover the EPUB carries, from our own origin, not the web photo.
    const cover = `${B}/v1/articles/pakistan-russia-look-at-strategic-partnership/cover.png`;
    expect(attrs(linksByRel(entry!, REL.image)[0], 'href', 'type')).toEqual([cover, 'image/png']);
    expect(attrs(linksByRel(entry!, REL.thumbnail)[0], 'href', 'type')).toEqual([
      cover,
      'image/png',
    ]);
    expect(attrs(linksByRel(edition!, REL.image)[0], 'href', 'type')).toEqual([
      `${B}/v1/editions/2018-05-02-morning-edition/cover.png`,
      'image/png',
    ]);
    expect(attrs(linksByRel(entry!, 'alternate')[0], 'href', 'type')).toEqual([
      `${B}/articles/pakistan-russia-look-at-strategic-partnership`,
      'text/html',
    ]);
  });

  it('uses the same urn:uuid identifier as the EPUB renderer for the same article', () => {
    const [, entry] = children(feedAt(1, false), 'entry');
    expect(text(entry!, 'id')).toBe(articlePublication(article, 'x').id);
    expect(text(entry!, 'id')).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('escapes markup in every field: the document still parses and holds the text', () => {
    const hostile = hostileArticle();
    const feed = parseXml(
      opdsAcquisitionFeed({
        site,
        name: 'x',
        title: 'T',
        pagePath: () => '/opds/articles',
        paging: { page: 1, hasNext: false },
        updated: '2026-11-28T10:00:00Z',
        publications: [articlePublication(hostile, '2026-11-28T10:00:00Z')],
      }),
    );
    expect(text(children(feed, 'entry')[0]!, 'title')).toBe(hostile.headline);
  });

  it('adds OpenSearch response elements to search results', () => {
    const feed = parseXml(
      opdsAcquisitionFeed({
        site,
        name: 'search',
        title: 'Search',
        pagePath: (n) => `/opds/search?q=a%26b&page=${n}`,
        paging: { page: 2, hasNext: false },
        updated: '2026-11-28T10:00:00Z',
        publications: [],
        search: { query: 'a&b', itemsPerPage: 25 },
      }),
    );
    expect(text(feed, 'itemsPerPage', NS.opensearch)).toBe('25');
    expect(text(feed, 'startIndex', NS.opensearch)).toBe('26');
    expect(children(feed, 'Query', NS.opensearch)[0]?.getAttribute('searchTerms')).toBe('a&b');
  });
});

it('describes the search for OpenSearch clients with an OPDS template', () => {
  const doc = parseXml(openSearchDescription(site));
  const os = NS.opensearch;
  expect([doc.localName, doc.namespaceURI]).toEqual(['OpenSearchDescription', os]);
  expect(text(doc, 'ShortName', os)).toBe('Broadsheet');
  expect(children(doc, 'Url', os).map((u) => attrs(u, 'type', 'template'))).toEqual([
    [ACQ, `${B}/opds/search?q={searchTerms}`],
    ['application/opds+json', `${B}/opds/v2/search?q={searchTerms}`],
    ['text/html', `${B}/search?q={searchTerms}`],
  ]);
});
