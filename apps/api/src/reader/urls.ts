import {
  articleCoverPath,
  articleDownloadPath,
  editionCoverPath,
  editionDownloadPath,
} from '../http/links.js';

/**
 * Paths of every reader-facing resource, in one place so the pages, the OPDS catalog and the
 * feeds always link to the same routes the API serves. Slugs may hold non-ASCII letters, so
 * every segment is percent-encoded.
 */
export type DownloadFormat = 'epub' | 'pdf';

export const MEDIA_TYPES = {
  epub: 'application/epub+zip',
  pdf: 'application/pdf',
  png: 'image/png',
  html: 'text/html',
  atom: 'application/atom+xml',
  jsonFeed: 'application/feed+json',
  rss: 'application/rss+xml',
  opdsNavigation: 'application/atom+xml;profile=opds-catalog;kind=navigation',
  opdsAcquisition: 'application/atom+xml;profile=opds-catalog;kind=acquisition',
  opdsEntry: 'application/atom+xml;type=entry;profile=opds-catalog',
  openSearch: 'application/opensearchdescription+xml',
  opds2: 'application/opds+json',
  opds2Publication: 'application/opds-publication+json',
} as const;

const seg = encodeURIComponent;

export const paths = {
  home: () => '/',
  search: (q?: string) => (q === undefined ? '/search' : `/search?q=${seg(q)}`),
  article: (slug: string) => `/articles/${seg(slug)}`,
  edition: (id: string) => `/editions/${seg(id)}`,
  publication: (id: string) => `/publications/${seg(id)}`,
  publicationAtom: (id: string) => `/publications/${seg(id)}/feed.atom`,
  articleDownload: articleDownloadPath,
  editionDownload: editionDownloadPath,
  stylesheet: () => '/assets/reader.css',
  icon: () => '/assets/favicon.svg',
  atom: () => '/feed.atom',
  jsonFeed: () => '/feed.json',
  rss: () => '/feed.rss',
  opdsRoot: () => '/opds',
  opdsEditions: (page = 1) => (page > 1 ? `/opds/editions?page=${page}` : '/opds/editions'),
  opdsArticles: (page = 1) => (page > 1 ? `/opds/articles?page=${page}` : '/opds/articles'),
  opdsSearch: (q: string, page = 1) => `/opds/search?q=${seg(q)}${page > 1 ? `&page=${page}` : ''}`,
  opdsSearchTemplate: () => '/opds/search?q={searchTerms}',
  openSearch: () => '/opds/opensearch.xml',
  opds2Root: () => '/opds/v2',
  opds2Editions: (page = 1) => (page > 1 ? `/opds/v2/editions?page=${page}` : '/opds/v2/editions'),
  opds2Articles: (page = 1) => (page > 1 ? `/opds/v2/articles?page=${page}` : '/opds/v2/articles'),
  opds2Search: (q: string, page = 1) =>
    `/opds/v2/search?q=${seg(q)}${page > 1 ? `&page=${page}` : ''}`,
  opds2SearchTemplate: () => '/opds/v2/search{?q}',
  opds2Article: (slug: string) => `/opds/v2/articles/${seg(slug)}`,
  opds2Edition: (id: string) => `/opds/v2/editions/${seg(id)}`,
  opdsPublication: (id: string, page = 1) =>
    `/opds/publications/${seg(id)}${page > 1 ? `?page=${page}` : ''}`,
  opds2Publication: (id: string, page = 1) =>
    `/opds/v2/publications/${seg(id)}${page > 1 ? `?page=${page}` : ''}`,
  articleCover: articleCoverPath,
  editionCover: editionCoverPath,
} as const;

/** Joins a site-relative path to the public base URL (`https://example.org/news` + `/opds`). */
export function absolute(baseUrl: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  return baseUrl.replace(/\/+$/, '') + path;
}
