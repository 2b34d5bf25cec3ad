/**
 * One catalog entry, whatever serialises it: OPDS 1.2 (Atom), OPDS 2.0 (JSON), the Atom feed
 * and the JSON Feed all describe an article or an edition the same way, so they are built
 * from this one view of it.
 */
import type { Article, Edition } from '@broadsheet/model';
import { bodyText, imageMediaType, uuidFromName } from '@broadsheet/model';
import { COVER_HEIGHT, COVER_WIDTH } from '@broadsheet/render';
import { articleDisplay, editionDisplay } from '@broadsheet/render/display';
import { articleSummary, truncate } from '../reader/format.js';
import type { DownloadFormat } from '../reader/urls.js';
import { MEDIA_TYPES, paths } from '../reader/urls.js';

export interface Acquisition {
  format: DownloadFormat;
  /** Site-relative path. */
  href: string;
  type: string;
  /** Size in bytes when the file has been rendered. */
  bytes?: number | undefined;
}

export interface CatalogPublication {
  kind: 'article' | 'edition';
  /** The article's slug or the edition's id, as used in URLs. */
  ref: string;
  /** Stable `urn:uuid:` identifier, the same on every server for the same article or edition. */
  id: string;
  title: string;
  language: string;
  summary?: string | undefined;
  /**
   * Full plain text, for feeds that carry the whole article: byline, dateline and date line as
   * the EPUB, the PDF and the reader page show them, then the body.
   */
  content?: string | undefined;
  authors: { name: string; url?: string | undefined }[];
  publisher?: string | undefined;
  /** Publication date as written (date or date-time). */
  issued?: string | undefined;
  /** Last change, a full RFC 3339 date-time (Atom requires one). */
  updated: string;
  categories: string[];
  /** Site-relative path of the HTML page. */
  page: string;
  acquisitions: Acquisition[];
  /**
   * The generated cover the EPUB carries (site-relative), served from our own origin: catalogs
   * show the book as it will look in the library, and reading apps never hotlink third parties.
   */
  image: PublicationImage;
  /** The article's own web photo (http(s)), which feed readers show as the item's picture. */
  photo?: PublicationImage | undefined;
}

export const FORMATS: readonly DownloadFormat[] = ['epub', 'pdf'];

/** `urn:uuid:` of an article or edition id, derived by name so it never changes. */
export const catalogId = (kind: 'article' | 'edition', id: string) =>
  `urn:uuid:${uuidFromName(`broadsheet:${kind}:${id}`)}`;

/** RFC 3339 date-time for Atom: a bare date is read as midnight UTC. */
export function dateTime(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
}

/**
 * Which sizes are known, per format. Catalogs list every format; the size is added when a
 * rendered file exists (OPDS `length`, JSON Feed `size_in_bytes`).
 */
export type KnownSizes = Partial<Record<DownloadFormat, number>>;

export interface PublicationImage {
  href: string;
  /**
   * The cover is small enough (600 × 900, greyscale) to be its own thumbnail; OPDS clients
   * scale it for their grids.
   */
  thumbnail: string;
  /** Media type when known (from the file name); absent rather than guessed. */
  type?: string | undefined;
  width?: number | undefined;
  height?: number | undefined;
}

function cover(path: string): PublicationImage {
  return {
    href: path,
    thumbnail: path,
    type: MEDIA_TYPES.png,
    width: COVER_WIDTH,
    height: COVER_HEIGHT,
  };
}

/**
 * The picture that stands for an article: its lead image, else its first figure, when that is
 * an http(s) URL. data: URIs are left out (a catalog entry would carry the whole picture).
 */
export function articlePhoto(article: Article): PublicationImage | undefined {
  const candidates = [
    article.image,
    ...article.body.map((b) => (b.type === 'figure' ? b.image : undefined)),
  ];
  for (const image of candidates) {
    const src = image?.src;
    if (src === undefined || !/^https?:\/\//i.test(src)) continue;
    let pathname: string;
    try {
      pathname = new URL(src).pathname;
    } catch {
      continue;
    }
    return { href: src, thumbnail: src, type: imageMediaType(pathname) };
  }
  return undefined;
}

/** What a feed item reads: the article's header lines (as every format shows them), then its text. */
export function articleFeedText(article: Article): string {
  const d = articleDisplay(article);
  const header = [d.byline, d.dateline, d.dateLine].filter((s) => s !== undefined);
  return [...header, bodyText(article)].join('\n\n');
}

export function articlePublication(
  article: Article,
  modifiedAt: string,
  sizes: KnownSizes = {},
): CatalogPublication {
  return {
    kind: 'article',
    ref: article.slug,
    id: catalogId('article', article.id),
    title: article.headline,
    language: article.language,
    summary: articleSummary(article, 500),
    content: articleFeedText(article),
    authors: article.authors.map((a) => ({ name: a.name, url: a.url })),
    publisher: article.publisher?.name ?? article.source?.name,
    issued: article.publishedAt,
    updated: dateTime(article.updatedAt ?? modifiedAt),
    categories: [...(article.section ? [article.section] : []), ...article.tags],
    page: paths.article(article.slug),
    acquisitions: FORMATS.map((format) => ({
      format,
      href: paths.articleDownload(article.slug, format),
      type: MEDIA_TYPES[format],
      bytes: sizes[format],
    })),
    image: cover(paths.articleCover(article.slug)),
    photo: articlePhoto(article),
  };
}

export function editionPublication(
  edition: Edition,
  modifiedAt: string,
  sizes: KnownSizes = {},
): CatalogPublication {
  const articles = edition.sections.flatMap((s) => s.articles);
  const authors = new Map<string, { name: string; url?: string | undefined }>();
  for (const a of articles)
    for (const p of a.authors)
      if (!authors.has(p.name)) authors.set(p.name, { name: p.name, url: p.url });
  return {
    kind: 'edition',
    ref: edition.id,
    id: catalogId('edition', edition.id),
    title: edition.title,
    language: edition.language,
    summary: truncate(
      edition.description ??
        `${editionDisplay(edition).articleCount}: ${articles.map((a) => a.headline).join('; ')}`,
      500,
    ),
    authors: [...authors.values()],
    publisher: edition.publisher?.name,
    issued: edition.date,
    updated: dateTime(modifiedAt),
    categories: edition.sections.map((s) => s.title),
    page: paths.edition(edition.id),
    acquisitions: FORMATS.map((format) => ({
      format,
      href: paths.editionDownload(edition.id, format),
      type: MEDIA_TYPES[format],
      bytes: sizes[format],
    })),
    image: cover(paths.editionCover(edition.id)),
    photo: articles.map(articlePhoto).find((i) => i !== undefined),
  };
}
