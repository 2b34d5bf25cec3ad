import { parseArticle, type Article } from '@broadsheet/model';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import { describeEachBackend, type BackendName } from '../test-support/backends.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { NS, REL } from './atom-xml.js';
import type { Opds2Feed, Opds2Link, Opds2Publication } from './opds2.js';
import { opds2Errors } from './test-support/opds2-schemas.js';
import { children, linksByRel, parseXml, type XmlElement } from './test-support/xml.js';

/**
 * 30 articles (more than one catalog page of 25): every third in Sport, else World; every
 * fifth in Spanish; two authors in turn; every fourth tagged Cricket, else Rivers.
 */
const ARTICLES: Article[] = Array.from({ length: 30 }, (_, i) =>
  parseArticle(
    articleInput({
      headline: `Story number ${i + 1}`,
      slug: `story-${i + 1}`,
      publishedAt: new Date(Date.UTC(2018, 4, 1 + i, 9)).toISOString(),
      section: i % 3 === 0 ? 'Sport' : 'World',
      language: i % 5 === 0 ? 'es' : 'en',
      authors: [{ name: i % 2 === 0 ? 'Bo Li' : 'Ana Ruiz' }],
      tags: [i % 4 === 0 ? 'Cricket' : 'Rivers'],
    }),
  ),
);
const expectedCount = (pick: (a: Article) => boolean) => ARTICLES.filter(pick).length;

describeEachBackend('a catalog client follows the facets and pages', (backend: BackendName) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ store: backend, seed: ARTICLES });
  });
  afterAll(() => server.close());

  const json = async <T>(href: string): Promise<T> => {
    const res = await fetch(href.startsWith('http') ? href : server.url + href);
    expect(res.status, href).toBe(200);
    return (await res.json()) as T;
  };
  const xml = async (href: string): Promise<XmlElement> => {
    const res = await fetch(href.startsWith('http') ? href : server.url + href);
    expect(res.status, href).toBe(200);
    return parseXml(await res.text());
  };

  /** Every publication of an OPDS 2 feed, following `next` to the end. */
  async function allPublications(feed: Opds2Feed): Promise<Opds2Publication[]> {
    const found = [...(feed.publications ?? [])];
    let next = feed.links.find((l) => l.rel === 'next');
    while (next) {
      const page = await json<Opds2Feed>(next.href);
      expect(opds2Errors('feed', page)).toEqual([]);
      found.push(...(page.publications ?? []));
      next = page.links.find((l) => l.rel === 'next');
    }
    return found;
  }

  const facet = (feed: Opds2Feed, group: string, title: string): Opds2Link => {
    const link = feed.facets
      ?.find((f) => f.metadata.title === group)
      ?.links.find((l) => l.title === title);
    if (!link) throw new Error(`no facet ${group}: ${title}`);
    return link;
  };

  it('OPDS 2: root → latest articles → Section Sport → Language es, each page valid by the official schema', async () => {
    const root = await json<Opds2Feed>('/opds/v2');
    expect(opds2Errors('feed', root)).toEqual([]);
    const articlesLink = root.navigation?.find((n) => n.title === 'Latest articles');
    const all = await json<Opds2Feed>(articlesLink!.href);
    expect(opds2Errors('feed', all)).toEqual([]);
    expect(all.facets?.map((f) => f.metadata.title)).toEqual([
      'Section',
      'Tag',
      'Language',
      'Author',
    ]);
    // Nothing chosen yet: each group's "All" is the active one.
    expect(all.facets?.map((f) => f.links.find((l) => l.rel === 'self')?.title)).toEqual([
      'All sections',
      'All tags',
      'All languages',
      'All authors',
    ]);

    const sportLink = facet(all, 'Section', 'Sport');
    const sportCount = expectedCount((a) => a.section === 'Sport');
    expect(sportLink.properties).toEqual({ numberOfItems: sportCount });
    const sport = await json<Opds2Feed>(sportLink.href);
    expect(opds2Errors('feed', sport)).toEqual([]);
    expect(sport.metadata.numberOfItems).toBe(sportCount);
    expect(facet(sport, 'Section', 'Sport').rel).toBe('self');
    const sportPubs = await allPublications(sport);
    expect(sportPubs).toHaveLength(sportCount);
    expect(sportPubs.every((p) => p.metadata.subject?.includes('Sport'))).toBe(true);

    // The Language facet of the Sport page keeps Sport: both apply.
    const both = await json<Opds2Feed>(facet(sport, 'Language', 'es').href);
    expect(opds2Errors('feed', both)).toEqual([]);
    const bothPubs = await allPublications(both);
    expect(bothPubs.map((p) => p.metadata.title).sort()).toEqual(
      ARTICLES.filter((a) => a.section === 'Sport' && a.language === 'es')
        .map((a) => a.headline)
        .sort(),
    );
    expect(bothPubs.every((p) => p.metadata.language === 'es')).toBe(true);

    // "All sections" drops Sport and keeps Spanish.
    const spanish = await json<Opds2Feed>(facet(both, 'Section', 'All sections').href);
    expect(await allPublications(spanish)).toHaveLength(expectedCount((a) => a.language === 'es'));

    const byAuthor = await json<Opds2Feed>(facet(all, 'Author', 'Ana Ruiz').href);
    expect(
      (await allPublications(byAuthor)).every((p) => p.metadata.author?.[0]?.name === 'Ana Ruiz'),
    ).toBe(true);
  });

  it('OPDS 2: first, next, previous and last cover every article once', async () => {
    const first = await json<Opds2Feed>('/opds/v2/articles');
    const rel = (feed: Opds2Feed, r: string) => feed.links.find((l) => l.rel === r)?.href;
    expect(rel(first, 'previous')).toBeUndefined();
    const last = await json<Opds2Feed>(rel(first, 'last')!);
    expect(opds2Errors('feed', last)).toEqual([]);
    expect(rel(first, 'next')).toBe(rel(last, 'self'));
    expect(rel(last, 'next')).toBeUndefined();
    expect(rel(last, 'previous')).toBe(rel(first, 'self'));
    expect(rel(last, 'first')).toBe(rel(first, 'self'));
    const titles = [...(first.publications ?? []), ...(last.publications ?? [])].map(
      (p) => p.metadata.title,
    );
    expect(new Set(titles).size).toBe(ARTICLES.length);
    // A faceted listing's last page keeps the facet.
    const tagged = await json<Opds2Feed>('/opds/v2/articles?tag=rivers');
    expect(rel(tagged, 'last')).toBe(`${server.url}/opds/v2/articles?tag=rivers`);
  });

  it('OPDS 2: every document is valid by the official schema, empty results too', async () => {
    const feeds = [
      '/opds/v2/editions',
      '/opds/v2/editions?page=2',
      '/opds/v2/search?q=story',
      '/opds/v2/search?q=nothingmatchesthis',
      '/opds/v2/articles?section=Nowhere',
    ];
    for (const path of feeds)
      expect([path, opds2Errors('feed', await json(path))]).toEqual([path, []]);
    for (const path of ['/opds/v2/articles/story-1', '/opds/v2/editions/2018-05-01'])
      expect([path, opds2Errors('publication', await json(path))]).toEqual([path, []]);
    // The validator does fail: a feed without its self link is refused.
    const broken = await json<Opds2Feed>('/opds/v2/articles');
    broken.links = broken.links.filter((l) => l.rel !== 'self');
    expect(opds2Errors('feed', broken)).not.toEqual([]);
  });

  it('OPDS 1.2: facet links with group, count and the active facet, followed to matching entries', async () => {
    const all = await xml('/opds/articles');
    const facets = linksByRel(all, REL.facet);
    const find = (feed: XmlElement, group: string, title: string) =>
      linksByRel(feed, REL.facet).find(
        (l) => l.getAttribute('opds:facetGroup') === group && l.getAttribute('title') === title,
      );
    expect(new Set(facets.map((l) => l.getAttribute('opds:facetGroup')))).toEqual(
      new Set(['Section', 'Tag', 'Language', 'Author']),
    );
    const cricket = find(all, 'Tag', 'Cricket');
    const count = expectedCount((a) => a.tags.includes('Cricket'));
    expect(cricket?.getAttribute('thr:count')).toBe(String(count));
    expect(find(all, 'Tag', 'All tags')?.getAttribute('opds:activeFacet')).toBe('true');

    const page = await xml(cricket!.getAttribute('href')!);
    expect(find(page, 'Tag', 'Cricket')?.getAttribute('opds:activeFacet')).toBe('true');
    const entries = children(page, 'entry');
    expect(entries).toHaveLength(count);
    for (const entry of entries)
      expect(children(entry, 'category').map((c) => c.getAttribute('term'))).toContain('Cricket');
    // One page only: first and last are this page.
    expect(linksByRel(page, 'last')[0]?.getAttribute('href')).toBe(
      linksByRel(page, 'self')[0]?.getAttribute('href'),
    );
    expect(children(page, 'title', NS.atom)[0]?.textContent).toBe('Latest articles: Tag Cricket');
  });

  it('refuses a facet given twice, naming it', async () => {
    const res = await fetch(`${server.url}/opds/articles?section=Sport&section=World`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(['query.section']);
  });
});
