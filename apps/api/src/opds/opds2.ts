/**
 * OPDS 2.0 (application/opds+json) documents with the same content as the OPDS 1.2 catalog:
 * a navigation root, paged publication feeds and a templated search link. Shapes follow the
 * OPDS 2.0 draft and its JSON Schemas (a feed needs metadata.title and a self link; a
 * publication needs metadata, a self link, an acquisition link and at least one image).
 */
import type { SiteContext } from '../reader/site.js';
import { url } from '../reader/site.js';
import { MEDIA_TYPES, paths } from '../reader/urls.js';
import { REL } from './atom-xml.js';
import type { FacetGroup } from './facets.js';
import type { Paging } from './paging.js';
import type { CatalogPublication } from './publication.js';

export interface Opds2Link {
  href: string;
  type?: string;
  rel?: string;
  title?: string;
  templated?: boolean;
  length?: number;
  width?: number;
  height?: number;
  properties?: Record<string, unknown>;
}

export interface Opds2Publication {
  metadata: {
    '@type': string;
    identifier: string;
    title: string;
    language: string;
    modified: string;
    published?: string;
    description?: string;
    author?: { name: string; links?: Opds2Link[] }[];
    publisher?: { name: string };
    subject?: string[];
  };
  links: Opds2Link[];
  images: Opds2Link[];
}

export interface Opds2Feed {
  metadata: {
    title: string;
    modified?: string;
    numberOfItems?: number;
    itemsPerPage?: number;
    currentPage?: number;
  };
  links: Opds2Link[];
  navigation?: Opds2Link[];
  facets?: { metadata: { title: string }; links: Opds2Link[] }[];
  publications?: Opds2Publication[];
}

const OPDS2 = MEDIA_TYPES.opds2;

function feedLinks(site: SiteContext, self: string): Opds2Link[] {
  return [
    { rel: 'self', href: url(site, self), type: OPDS2 },
    { rel: 'start', href: url(site, paths.opds2Root()), type: OPDS2, title: site.name },
    {
      rel: 'search',
      href: url(site, paths.opds2SearchTemplate()),
      type: OPDS2,
      templated: true,
      title: `Search ${site.name}`,
    },
    { rel: 'alternate', href: url(site, paths.home()), type: 'text/html', title: site.name },
  ];
}

export function opds2Root(
  site: SiteContext,
  updated: string,
  publications: readonly { id: string; title: string }[] = [],
): Opds2Feed {
  return {
    metadata: { title: site.name, modified: updated },
    links: [
      ...feedLinks(site, paths.opds2Root()),
      {
        rel: 'alternate',
        href: url(site, paths.opdsRoot()),
        type: MEDIA_TYPES.opdsNavigation,
        title: 'OPDS 1.2',
      },
    ],
    navigation: [
      { href: url(site, paths.opds2Editions()), title: 'Editions', type: OPDS2, rel: REL.sortNew },
      {
        href: url(site, paths.opds2Articles()),
        title: 'Latest articles',
        type: OPDS2,
        rel: 'subsection',
      },
      // Each publication: a feed of its issues.
      ...publications.map((p) => ({
        href: url(site, paths.opds2Publication(p.id)),
        title: p.title,
        type: OPDS2,
        rel: REL.sortNew,
      })),
    ],
  };
}

/** Schema.org types: an edition is one issue of a periodical, an article a news article. */
const SCHEMA_TYPE = {
  article: 'http://schema.org/NewsArticle',
  edition: 'http://schema.org/PublicationIssue',
} as const;

export function opds2Publication(
  site: SiteContext,
  pub: CatalogPublication,
  selfPath: string,
): Opds2Publication {
  const metadata: Opds2Publication['metadata'] = {
    '@type': SCHEMA_TYPE[pub.kind],
    identifier: pub.id,
    title: pub.title,
    language: pub.language,
    modified: pub.updated,
  };
  if (pub.issued) metadata.published = pub.issued;
  if (pub.summary) metadata.description = pub.summary;
  if (pub.authors.length > 0) {
    metadata.author = pub.authors.map((a) =>
      a.url ? { name: a.name, links: [{ href: a.url, type: 'text/html' }] } : { name: a.name },
    );
  }
  if (pub.publisher) metadata.publisher = { name: pub.publisher };
  if (pub.categories.length > 0) metadata.subject = pub.categories;
  const links: Opds2Link[] = [
    { rel: 'self', href: url(site, selfPath), type: MEDIA_TYPES.opds2Publication },
    { rel: 'alternate', href: url(site, pub.page), type: 'text/html' },
    ...pub.acquisitions.map((a): Opds2Link => {
      const link: Opds2Link = {
        rel: REL.openAccess,
        href: url(site, a.href),
        type: a.type,
        title: a.format.toUpperCase(),
      };
      if (a.bytes !== undefined) link.length = a.bytes;
      return link;
    }),
  ];
  // The schema requires at least one image; every publication has its generated cover.
  const { image } = pub;
  const cover: Opds2Link = { href: url(site, image.href) };
  if (image.type !== undefined) cover.type = image.type;
  if (image.width !== undefined && image.height !== undefined)
    Object.assign(cover, { width: image.width, height: image.height });
  const images: Opds2Link[] = [cover];
  if (image.thumbnail !== image.href)
    images.push({
      href: url(site, image.thumbnail),
      ...(image.type !== undefined && { type: image.type }),
      rel: REL.thumbnail,
    });
  return { metadata, links, images };
}

export interface Opds2PublicationsInput {
  site: SiteContext;
  title: string;
  pagePath: (page: number) => string;
  paging: Paging;
  itemsPerPage: number;
  updated: string;
  publications: readonly CatalogPublication[];
  /** Where a single publication's own document lives (its `self` link). */
  publicationPath: (pub: CatalogPublication) => string;
  numberOfItems?: number | undefined;
  /** Facet collections, when the listing has facets; the chosen link of a group is `self`. */
  facets?: readonly FacetGroup[] | undefined;
}

export function opds2Publications(input: Opds2PublicationsInput): Opds2Feed {
  const { site, paging, pagePath } = input;
  const links = [
    ...feedLinks(site, pagePath(paging.page)),
    { rel: 'first', href: url(site, pagePath(1)), type: OPDS2 },
  ];
  if (paging.page > 1)
    links.push({ rel: 'previous', href: url(site, pagePath(paging.page - 1)), type: OPDS2 });
  if (paging.hasNext)
    links.push({ rel: 'next', href: url(site, pagePath(paging.page + 1)), type: OPDS2 });
  if (paging.lastPage !== undefined)
    links.push({ rel: 'last', href: url(site, pagePath(paging.lastPage)), type: OPDS2 });
  links.push({ rel: 'up', href: url(site, paths.opds2Root()), type: OPDS2 });
  const metadata: Opds2Feed['metadata'] = {
    title: input.title,
    modified: input.updated,
    itemsPerPage: input.itemsPerPage,
    currentPage: paging.page,
  };
  if (input.numberOfItems !== undefined) metadata.numberOfItems = input.numberOfItems;
  const facets = input.facets?.map((group) => ({
    metadata: { title: group.title },
    links: group.links.map((facet): Opds2Link => {
      const link: Opds2Link = { href: url(site, facet.path), type: OPDS2, title: facet.title };
      if (facet.active) link.rel = 'self';
      if (facet.count !== undefined) link.properties = { numberOfItems: facet.count };
      return link;
    }),
  }));
  const feed: Opds2Feed = { metadata, links, ...(facets && { facets }) };
  // The schema wants at least one publication or navigation link: an empty page (a search
  // that found nothing, a facet past its last page) leads back to the catalog's start.
  if (input.publications.length > 0)
    feed.publications = input.publications.map((p) =>
      opds2Publication(site, p, input.publicationPath(p)),
    );
  else feed.navigation = [{ href: url(site, paths.opds2Root()), title: site.name, type: OPDS2 }];
  return feed;
}
