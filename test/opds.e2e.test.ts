import { epubcheckTs, formatEpubCheckProblems, qpdfCheck } from '@broadsheet/testing';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { createRequire } from 'node:module';
import type {
  AcquisitionFeed as AcquisitionFeedClass,
  NavigationFeed as NavigationFeedClass,
  OPDSAcquisitionLink as AcquisitionLink,
  OPDSArtworkLink as ArtworkLinkClass,
  OPDSEntry,
  OPDSFeed,
  SearchLink as SearchLinkClass,
} from 'opds-feed-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkWithRel, Opds2Feed, Opds2Publication } from './support/opds2-shape.js';
import { postJson } from './support/http.js';

/**
 * The OPDS catalog as e-reader apps read it: every feed parsed by a real OPDS client library
 * (NYPL's opds-feed-parser, from the Library Simplified apps), every link followed the way a
 * client does, and what the acquisition links deliver validated (EPUBCheck, qpdf).
 */

const SEED_SLUG = 'pakistan-russia-look-at-multidimensional-strategic-partnership-in-region';
const NAV = 'application/atom+xml;profile=opds-catalog;kind=navigation';
const ACQ = 'application/atom+xml;profile=opds-catalog;kind=acquisition';
const OPEN_ACCESS = 'http://opds-spec.org/acquisition/open-access';
/** More than one catalog page (25) of articles, so paging is exercised. */
const EXTRA_ARTICLES = 26;

// A CommonJS package: require() gives the same classes under vitest and plain Node (a default
// import differs between the two; see PITFALLS.md on epub-gen-memory).
const opds = createRequire(import.meta.url)('opds-feed-parser') as {
  default: new () => { parse(xml: string): Promise<OPDSFeed | OPDSEntry> };
  AcquisitionFeed: typeof AcquisitionFeedClass;
  NavigationFeed: typeof NavigationFeedClass;
  OPDSAcquisitionLink: typeof AcquisitionLink;
  OPDSArtworkLink: typeof ArtworkLinkClass;
  SearchLink: typeof SearchLinkClass;
};
const { AcquisitionFeed, NavigationFeed, OPDSAcquisitionLink, OPDSArtworkLink, SearchLink } = opds;

let server: ServerProcess;
const parser = new opds.default();

beforeAll(async () => {
  server = await startServerProcess({ env: { BROADSHEET_WRITES_PER_MINUTE: '100000' } });
  const pictured = await postJson(server, '/v1/articles', {
    slug: 'river-levels',
    headline: 'Rivers rise after the spring thaw',
    standfirst: 'Snowmelt swelled three rivers overnight.',
    language: 'en',
    publishedAt: '2026-11-27T08:00:00Z',
    authors: [{ name: 'Amina Khan' }],
    image: {
      src: 'https://images.example.org/rivers/flood.jpg',
      alt: 'A flooded field',
      caption: 'The Kabul river at dawn.',
    },
    body: [{ type: 'paragraph', text: 'The river authority said levels would peak on Thursday.' }],
  });
  expect(pictured.status).toBe(201);
  for (let i = 0; i < EXTRA_ARTICLES; i += 1) {
    const res = await postJson(server, '/v1/articles', {
      slug: `brief-${i}`,
      headline: `Brief number ${i}`,
      language: 'en',
      body: [{ type: 'paragraph', text: `Short item ${i}.` }],
    });
    expect(res.status).toBe(201);
  }
  const edition = await postJson(server, '/v1/editions', {
    title: 'Weekend Reader',
    date: '2026-11-28',
    slugs: [SEED_SLUG, 'river-levels'],
  });
  expect(edition.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await server?.cleanup();
});

/** Fetches a catalog document, checks its exact media type and that it is well-formed XML. */
async function fetchXml(url: string, type: string): Promise<string> {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  expect(res.headers.get('content-type'), url).toBe(`${type};charset=utf-8`);
  const xml = await res.text();
  expect(XMLValidator.validate(xml), url).toBe(true);
  return xml;
}

async function feed(url: string, type: string): Promise<OPDSFeed> {
  const parsed = await parser.parse(await fetchXml(url, type));
  expect(parsed, url).toHaveProperty('entries');
  return parsed as OPDSFeed;
}

const link = (f: OPDSFeed | OPDSEntry, rel: string) => f.links.find((l) => l.rel === rel);
const acquisitions = (e: OPDSEntry) =>
  e.links.filter((l): l is AcquisitionLink => l instanceof OPDSAcquisitionLink);

async function download(href: string, type: string): Promise<Uint8Array> {
  const res = await fetch(href);
  expect(res.status, href).toBe(200);
  expect(res.headers.get('content-type'), href).toBe(type);
  return new Uint8Array(await res.arrayBuffer());
}

/** Checks the PNG signature and IHDR chunk; returns width and height. */
function expectPng(bytes: Uint8Array): [number, number] {
  expect(Array.from(bytes.subarray(0, 8))).toEqual([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
  ]);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(new TextDecoder().decode(bytes.subarray(12, 16))).toBe('IHDR');
  return [view.getUint32(16), view.getUint32(20)];
}

/** Follows every acquisition link of an entry and validates the file it delivers. */
async function validateAcquisitions(entry: OPDSEntry): Promise<void> {
  const links = acquisitions(entry);
  expect(
    links.map((l) => [l.rel, l.type]),
    entry.title,
  ).toEqual([
    [OPEN_ACCESS, 'application/epub+zip'],
    [OPEN_ACCESS, 'application/pdf'],
  ]);
  for (const l of links) {
    const bytes = await download(l.href, l.type);
    if (l.type === 'application/epub+zip') {
      const report = await epubcheckTs(bytes);
      expect(
        report.fatals + report.errors,
        `${entry.title}\n${formatEpubCheckProblems(report)}`,
      ).toBe(0);
    } else {
      const check = await qpdfCheck(bytes);
      expect(check.ok, `${entry.title}\n${check.output}`).toBe(true);
    }
  }
}

describe('OPDS 1.2 in an OPDS client library', () => {
  it('starts at a navigation feed with start, self and search links that lead to acquisition feeds', async () => {
    const root = await feed(`${server.url}/opds`, NAV);
    expect(root).toBeInstanceOf(NavigationFeed);
    expect(link(root, 'self')).toMatchObject({ href: `${server.url}/opds`, type: NAV });
    expect(link(root, 'start')).toMatchObject({ href: `${server.url}/opds`, type: NAV });
    expect(link(root, 'search')).toBeInstanceOf(SearchLink);
    expect(root.entries.map((e) => e.title)).toEqual(['Editions', 'Latest articles']);
    for (const entry of root.entries) {
      const target = entry.links[0];
      expect(target?.type).toBe(ACQ);
      expect(await feed(target?.href ?? '', ACQ)).toBeInstanceOf(AcquisitionFeed);
    }
  });

  it('lists editions newest first with metadata, and their EPUB and PDF are valid', async () => {
    const editions = await feed(`${server.url}/opds/editions`, ACQ);
    expect(editions).toBeInstanceOf(AcquisitionFeed);
    const issued = editions.entries.map((e) => e.issued);
    expect(issued).toEqual([...issued].sort().reverse());
    expect(editions.entries.map((e) => e.title)).toEqual([
      'Weekend Reader',
      'Daily edition, 2026-11-27',
      'Daily edition, 2018-05-02',
    ]);
    for (const entry of editions.entries) {
      expect(entry.language).toBe('en');
      expect(entry.summary.content).not.toBe('');
      await validateAcquisitions(entry);
    }
  }, 300_000);

  it('lists articles with language, issue date, summary, cover links, and pages with next and previous', async () => {
    const first = await feed(`${server.url}/opds/articles`, ACQ);
    expect(first.entries).toHaveLength(25);
    const next = link(first, 'next');
    expect(next?.type).toBe(ACQ);
    expect(link(first, 'previous')).toBeUndefined();
    const second = await feed(next?.href ?? '', ACQ);
    expect(link(second, 'previous')?.href).toBe(`${server.url}/opds/articles`);
    expect(link(second, 'next')).toBeUndefined();
    const all = [...first.entries, ...second.entries];
    expect(all).toHaveLength(EXTRA_ARTICLES + 2);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);

    const pictured = all.find((e) => e.title === 'Rivers rise after the spring thaw');
    expect(pictured?.language).toBe('en');
    expect(pictured?.issued).toBe('2026-11-27T08:00:00Z');
    expect(pictured?.summary.content).toBe('Snowmelt swelled three rivers overnight.');
    expect(pictured?.authors.map((a) => a.name)).toEqual(['Amina Khan']);
    // The cover the EPUB carries, served by us (the web photo stays in the article).
    const art = pictured?.links
      .filter((l) => l instanceof OPDSArtworkLink)
      .map((l) => [l.rel, l.href, l.type]);
    const cover = `${server.url}/v1/articles/river-levels/cover.png`;
    expect(art).toEqual([
      ['http://opds-spec.org/image', cover, 'image/png'],
      ['http://opds-spec.org/image/thumbnail', cover, 'image/png'],
    ]);
    expectPng(await download(cover, 'image/png'));
    for (const entry of all)
      expect(
        entry.links.some(
          (l) => l instanceof OPDSArtworkLink && l.rel === 'http://opds-spec.org/image',
        ),
        entry.title,
      ).toBe(true);
    const seed = all.find((e) => e.links.some((l) => l.href.includes(SEED_SLUG)));
    expect(seed).toBeDefined();
    await validateAcquisitions(seed!);
    await validateAcquisitions(pictured!);
  }, 300_000);

  it('searches through the OpenSearch description the catalog links to', async () => {
    const root = await feed(`${server.url}/opds`, NAV);
    const description = await fetchXml(
      link(root, 'search')?.href ?? '',
      'application/opensearchdescription+xml',
    );
    const osd = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
      description,
    ) as {
      OpenSearchDescription: { Url: { type: string; template: string }[] };
    };
    const template = osd.OpenSearchDescription.Url.find((u) => u.type === ACQ)?.template ?? '';
    expect(template).toContain('{searchTerms}');
    const results = await feed(
      template.replace('{searchTerms}', encodeURIComponent('counterterrorism')),
      ACQ,
    );
    expect(results).toBeInstanceOf(AcquisitionFeed);
    expect(results.entries.map((e) => e.title)).toEqual([
      'Pakistan, Russia look at ‘multidimensional strategic partnership’ in region',
    ]);
    expect(results.search.itemsPerPage).toBe(25);
    expect(results.search.startIndex).toBe(1);
    const none = await feed(template.replace('{searchTerms}', 'zzzzqqq'), ACQ);
    expect(none.entries).toEqual([]);
  });
});

describe('OPDS 2.0', () => {
  async function json<T>(
    url: string,
    schema: { parse(v: unknown): T },
    type = 'application/opds+json',
  ): Promise<T> {
    const res = await fetch(url);
    expect(res.status, url).toBe(200);
    expect(res.headers.get('content-type'), url).toBe(`${type}; charset=utf-8`);
    return schema.parse(await res.json());
  }

  it('has the same catalog: navigation, paged publications with acquisition links and images, and a search template', async () => {
    const root = await json(`${server.url}/opds/v2`, Opds2Feed);
    expect(root.navigation?.map((n) => n.title)).toEqual(['Editions', 'Latest articles']);
    const search = linkWithRel(root.links, 'search');
    expect(search).toMatchObject({ templated: true, type: 'application/opds+json' });

    const editions = await json(root.navigation?.[0]?.href ?? '', Opds2Feed);
    expect(editions.publications?.map((p) => p.metadata.title)).toEqual([
      'Weekend Reader',
      'Daily edition, 2026-11-27',
      'Daily edition, 2018-05-02',
    ]);

    const articles = await json(root.navigation?.[1]?.href ?? '', Opds2Feed);
    expect(articles.publications).toHaveLength(25);
    expect(articles.metadata.numberOfItems).toBe(EXTRA_ARTICLES + 2);
    const page2 = await json(linkWithRel(articles.links, 'next')?.href ?? '', Opds2Feed);
    expect(linkWithRel(page2.links, 'previous')?.href).toBe(`${server.url}/opds/v2/articles`);

    const pictured = [...(articles.publications ?? []), ...(page2.publications ?? [])].find(
      (p) => p.metadata.title === 'Rivers rise after the spring thaw',
    );
    expect(pictured?.images).toEqual([
      {
        href: `${server.url}/v1/articles/river-levels/cover.png`,
        type: 'image/png',
        width: 600,
        height: 900,
      },
    ]);
    const editionCover = editions.publications?.[0]?.images[0];
    expect(editionCover?.href).toBe(
      `${server.url}/v1/editions/2026-11-28-weekend-reader/cover.png`,
    );
    expect(expectPng(await download(editionCover?.href ?? '', 'image/png'))).toEqual([
      editionCover?.width,
      editionCover?.height,
    ]);
    const self = await json(
      linkWithRel(pictured?.links ?? [], 'self')?.href ?? '',
      Opds2Publication,
      'application/opds-publication+json',
    );
    expect(self).toEqual(pictured);
    const epub = pictured?.links.find((l) => l.type === 'application/epub+zip');
    const report = await epubcheckTs(await download(epub?.href ?? '', 'application/epub+zip'));
    expect(report.fatals + report.errors, formatEpubCheckProblems(report)).toBe(0);

    const found = await json(
      (search?.href ?? '').replace('{?q}', `?q=${encodeURIComponent('thaw')}`),
      Opds2Feed,
    );
    expect(found.publications?.map((p) => p.metadata.title)).toEqual([
      'Rivers rise after the spring thaw',
    ]);
  }, 120_000);
});
