/**
 * OPDS Catalog 1.2 documents (Atom with the OPDS profile): the root navigation feed, acquisition
 * feeds with paging, and the OpenSearch description their search link points to.
 */
import { create } from 'xmlbuilder2';
import type { SiteContext } from '../reader/site.js';
import { url } from '../reader/site.js';
import { MEDIA_TYPES, paths } from '../reader/urls.js';
import type { AtomLink } from './atom-xml.js';
import { REL, addLink, addPublicationEntry, atomFeed, serialise } from './atom-xml.js';
import type { FacetGroup } from './facets.js';
import type { Paging } from './paging.js';
import type { CatalogPublication } from './publication.js';
import { catalogId } from './publication.js';

const NAV = MEDIA_TYPES.opdsNavigation;
const ACQ = MEDIA_TYPES.opdsAcquisition;

function commonLinks(site: SiteContext, self: string, selfType: string): AtomLink[] {
  return [
    { rel: 'self', href: url(site, self), type: selfType },
    { rel: 'start', href: url(site, paths.opdsRoot()), type: NAV, title: site.name },
    {
      rel: 'search',
      href: url(site, paths.openSearch()),
      type: MEDIA_TYPES.openSearch,
      title: `Search ${site.name}`,
    },
    { rel: 'alternate', href: url(site, paths.home()), type: 'text/html', title: site.name },
  ];
}

export interface RootFeedInput {
  site: SiteContext;
  /** Newest change in the catalog (RFC 3339). */
  updated: string;
  editionCount: number;
  articleCount: number;
  /** Each publication leads to an acquisition feed of its issues. */
  publications?: readonly { id: string; title: string }[];
}

/** `/opds`: where a reading app starts; one entry per acquisition feed. */
export function opdsRootFeed({
  site,
  updated,
  editionCount,
  articleCount,
  publications = [],
}: RootFeedInput): string {
  const feed = atomFeed({
    id: catalogId('edition', 'opds-root'),
    title: site.name,
    subtitle: 'News editions and articles as EPUB and PDF',
    updated,
    author: { name: site.name, uri: site.baseUrl },
    links: [
      ...commonLinks(site, paths.opdsRoot(), NAV),
      {
        rel: 'alternate',
        href: url(site, paths.opds2Root()),
        type: MEDIA_TYPES.opds2,
        title: 'OPDS 2.0',
      },
    ],
    namespaces: ['dc', 'opds'],
  });
  const entries = [
    {
      title: 'Editions',
      content: `${editionCount} ${editionCount === 1 ? 'edition' : 'editions'}, newest first`,
      href: paths.opdsEditions(),
      rel: REL.sortNew,
      id: 'editions',
    },
    {
      title: 'Latest articles',
      content: `${articleCount} ${articleCount === 1 ? 'article' : 'articles'}, newest first`,
      href: paths.opdsArticles(),
      rel: 'subsection',
      id: 'articles',
    },
    ...publications.map((p) => ({
      title: p.title,
      content: `Issues of ${p.title}, newest first`,
      href: paths.opdsPublication(p.id),
      rel: REL.sortNew,
      id: `publication:${p.id}`,
    })),
  ];
  for (const e of entries) {
    const entry = feed.ele('entry');
    entry.ele('title').txt(e.title);
    entry.ele('id').txt(catalogId('edition', `opds-${e.id}`));
    entry.ele('updated').txt(updated);
    entry.ele('content', { type: 'text' }).txt(e.content);
    addLink(entry, { rel: e.rel, href: url(site, e.href), type: ACQ, title: e.title });
  }
  return serialise(feed);
}

export interface AcquisitionFeedInput {
  site: SiteContext;
  /** A stable name for the feed, e.g. `editions`; becomes its `urn:uuid:` id. */
  name: string;
  title: string;
  /** Path of page `n` of this feed. */
  pagePath: (page: number) => string;
  paging: Paging;
  updated: string;
  publications: readonly CatalogPublication[];
  /** Facet links (OPDS 1.2 §4.3), when the listing has facets. */
  facets?: readonly FacetGroup[] | undefined;
  /** Present on search results: OpenSearch response elements. */
  search?: { query: string; itemsPerPage: number; totalResults?: number | undefined } | undefined;
}

/** An acquisition feed: publications with EPUB and PDF acquisition links, paged. */
export function opdsAcquisitionFeed(input: AcquisitionFeedInput): string {
  const { site, paging, pagePath } = input;
  const links: AtomLink[] = [
    ...commonLinks(site, pagePath(paging.page), ACQ),
    { rel: 'up', href: url(site, paths.opdsRoot()), type: NAV, title: site.name },
    { rel: 'first', href: url(site, pagePath(1)), type: ACQ },
  ];
  if (paging.page > 1)
    links.push({ rel: 'previous', href: url(site, pagePath(paging.page - 1)), type: ACQ });
  if (paging.hasNext)
    links.push({ rel: 'next', href: url(site, pagePath(paging.page + 1)), type: ACQ });
  if (paging.lastPage !== undefined)
    links.push({ rel: 'last', href: url(site, pagePath(paging.lastPage)), type: ACQ });
  const feed = atomFeed({
    id: catalogId('edition', `opds-${input.name}`),
    title: input.title,
    updated: input.updated,
    author: { name: site.name, uri: site.baseUrl },
    links,
    namespaces: [
      'dc',
      'opds',
      ...(input.search ? (['opensearch'] as const) : []),
      ...(input.facets ? (['thr'] as const) : []),
    ],
  });
  for (const group of input.facets ?? [])
    for (const facet of group.links) {
      const attrs: Record<string, string> = {
        rel: REL.facet,
        href: url(site, facet.path),
        type: ACQ,
        title: facet.title,
        'opds:facetGroup': group.title,
      };
      if (facet.active) attrs['opds:activeFacet'] = 'true';
      if (facet.count !== undefined) attrs['thr:count'] = String(facet.count);
      feed.ele('link', attrs);
    }
  if (input.search) {
    if (input.search.totalResults !== undefined)
      feed.ele('opensearch:totalResults').txt(String(input.search.totalResults));
    feed.ele('opensearch:itemsPerPage').txt(String(input.search.itemsPerPage));
    feed
      .ele('opensearch:startIndex')
      .txt(String((paging.page - 1) * input.search.itemsPerPage + 1));
    feed.ele('opensearch:Query', { role: 'request', searchTerms: input.search.query });
  }
  const abs = (p: string) => url(site, p);
  for (const pub of input.publications)
    addPublicationEntry(feed, pub, {
      abs,
      downloadRel: REL.openAccess,
      opds: true,
      content: false,
    });
  return serialise(feed);
}

/** The OpenSearch 1.1 description an OPDS client fills in to search. */
export function openSearchDescription(site: SiteContext): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' }).ele(
    'http://a9.com/-/spec/opensearch/1.1/',
    'OpenSearchDescription',
  );
  doc.ele('ShortName').txt(site.name.slice(0, 16));
  doc.ele('Description').txt(`Search the articles of ${site.name}`);
  doc.ele('InputEncoding').txt('UTF-8');
  doc.ele('OutputEncoding').txt('UTF-8');
  doc.ele('Url', { type: ACQ, template: url(site, paths.opdsSearchTemplate()) });
  doc.ele('Url', {
    type: MEDIA_TYPES.opds2,
    template: url(site, '/opds/v2/search?q={searchTerms}'),
  });
  doc.ele('Url', { type: 'text/html', template: url(site, '/search?q={searchTerms}') });
  doc.ele('Query', { role: 'example', searchTerms: 'Pakistan' });
  return serialise(doc);
}
