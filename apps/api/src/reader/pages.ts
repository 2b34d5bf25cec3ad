/**
 * The reader pages as pure functions: model in, HTML string out. No clock, no I/O; the router
 * gathers what they need (download sizes, search results) and passes it in.
 */
import type { Article, Block, Edition } from '@broadsheet/model';
import type { DisplayDate } from '@broadsheet/render/display';
import {
  around,
  articleDisplay,
  directionOf,
  editionDisplay,
  SEPARATOR,
} from '@broadsheet/render/display';
import { articleSummary, formatBytes, webImageSrc } from './format.js';
import type { PageHead } from './head.js';
import { jsonForScript, socialMeta } from './head.js';
import type { SiteContext } from './site.js';
import { siteLinks, url } from './site.js';
import type { SnippetPart } from './snippet.js';
import { renderView } from './templates.js';
import type { DownloadFormat } from './urls.js';
import { MEDIA_TYPES, paths } from './urls.js';
import { FORMATS } from '../opds/publication.js';

/** A download button: where it points and, once the file exists, how big it is. */
export interface DownloadOption {
  format: DownloadFormat;
  /** Size in bytes, when known (rendered and cached). */
  bytes?: number | undefined;
}

export interface ArticleItem {
  href: string;
  headline: string;
  kicker?: string | undefined;
  summary?: string | undefined;
  snippet?: SnippetPart[] | undefined;
  published?: DisplayDate | undefined;
  /** "5 min read", in the article's language. */
  readingTime: string;
  lang: string;
  dir: 'ltr' | 'rtl';
}

export function articleItem(article: Article, snippet?: SnippetPart[]): ArticleItem {
  const display = articleDisplay(article);
  return {
    href: paths.article(article.slug),
    headline: article.headline,
    kicker: article.kicker,
    summary: articleSummary(article),
    snippet,
    published: display.listingDate,
    readingTime: display.readingTime.text,
    lang: display.lang,
    dir: display.dir,
  };
}

function downloadButtons(options: readonly DownloadOption[], href: (f: DownloadFormat) => string) {
  return options.map((o) => ({
    format: o.format,
    label: o.format.toUpperCase(),
    href: href(o.format),
    type: MEDIA_TYPES[o.format],
    sizeText: o.bytes === undefined ? undefined : formatBytes(o.bytes),
  }));
}

function siteHead(site: SiteContext, path: string, title: string, description: string): PageHead {
  const canonical = url(site, path);
  return {
    title,
    description,
    canonical,
    lang: 'en',
    dir: 'ltr',
    meta: socialMeta({
      siteName: site.name,
      type: 'website',
      title,
      description,
      url: canonical,
      language: 'en',
    }),
  };
}

export interface HomePageInput {
  site: SiteContext;
  editions: readonly Edition[];
  articles: readonly Article[];
}

/** An edition as the home page and a publication's page list it. */
function editionItem(e: Edition) {
  const display = editionDisplay(e);
  return {
    href: paths.edition(e.id),
    title: e.title,
    date: display.date,
    articleCount: display.articleCount,
    lang: display.lang,
    dir: display.dir,
  };
}

export function renderHomePage({ site, editions, articles }: HomePageInput): string {
  const description = `The latest editions and articles from ${site.name}, to read here or download as EPUB and PDF.`;
  return renderView('home', {
    site: siteLinks(site),
    head: siteHead(site, paths.home(), site.name, description),
    heading: 'Latest editions and articles',
    editions: editions.map(editionItem),
    articles: articles.map((a) => articleItem(a)),
  });
}

export interface ArticlePageInput {
  site: SiteContext;
  article: Article;
  /** schema.org NewsArticle from the model's `toJsonLd`. */
  jsonLd: unknown;
  downloads: readonly DownloadOption[];
}

function blockView(block: Block) {
  return { block, src: block.type === 'figure' ? webImageSrc(block.image) : undefined };
}

/** A date with its label ("Published {date}"), the date to go in a `<time>` of its own. */
function labelledDate(label: (date: string) => string, date: DisplayDate) {
  return { ...around(label), ...date };
}

export function renderArticlePage({ site, article, jsonLd, downloads }: ArticlePageInput): string {
  const display = articleDisplay(article);
  const { labels } = display;
  const canonical = url(site, paths.article(article.slug));
  const description = articleSummary(article, 200);
  const leadImageSrc = webImageSrc(article.image);
  const image =
    leadImageSrc && !leadImageSrc.startsWith('data:')
      ? { url: leadImageSrc, alt: article.image?.alt ?? '' }
      : undefined;
  const head: PageHead = {
    title: `${article.headline} | ${site.name}`,
    description,
    canonical,
    lang: display.lang,
    dir: display.dir,
    meta: socialMeta({
      siteName: site.name,
      type: 'article',
      title: article.headline,
      description,
      url: canonical,
      language: article.language,
      image,
      publishedTime: article.publishedAt,
      modifiedTime: article.updatedAt,
      section: article.section,
      tags: article.tags,
    }),
    jsonLd: jsonForScript(jsonLd),
  };
  return renderView('article', {
    site: siteLinks(site),
    head,
    article,
    byline: display.byline,
    dateline: display.dateline,
    dates: [
      ...(display.published ? [labelledDate(labels.published, display.published)] : []),
      ...(display.updated ? [labelledDate(labels.updated, display.updated)] : []),
    ],
    separator: SEPARATOR,
    readingTime: display.readingTime.text,
    labels: { highlights: labels.highlights, tags: labels.tags, source: labels.source },
    leadImageSrc,
    body: article.body.map(blockView),
    downloads: downloadButtons(downloads, (f) => paths.articleDownload(article.slug, f)),
  });
}

export interface EditionPageInput {
  site: SiteContext;
  edition: Edition;
  downloads: readonly DownloadOption[];
  /** Structured data for the edition (e.g. a schema.org CreativeWorkSeries/Periodical issue). */
  jsonLd?: unknown;
}

/** schema.org structured data for an edition: one issue of a periodical, its articles as parts. */
export function editionJsonLd(site: SiteContext, edition: Edition): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'PublicationIssue',
    '@id': url(site, paths.edition(edition.id)),
    url: url(site, paths.edition(edition.id)),
    name: edition.title,
    datePublished: edition.date,
    inLanguage: edition.language,
    hasPart: edition.sections.flatMap((s) =>
      s.articles.map((a) => ({
        '@type': 'NewsArticle',
        headline: a.headline,
        url: url(site, paths.article(a.slug)),
        articleSection: s.title,
      })),
    ),
  };
  if (edition.description) doc.description = edition.description;
  if (edition.publisher) doc.publisher = { '@type': 'Organization', name: edition.publisher.name };
  return doc;
}

export function renderEditionPage({ site, edition, downloads, jsonLd }: EditionPageInput): string {
  const canonical = url(site, paths.edition(edition.id));
  const display = editionDisplay(edition);
  const description =
    edition.description ??
    `${display.articleCount}: ${edition.sections
      .flatMap((s) => s.articles.map((a) => a.headline))
      .slice(0, 3)
      .join('; ')}`;
  const head: PageHead = {
    title: `${edition.title} | ${site.name}`,
    description,
    canonical,
    lang: display.lang,
    dir: display.dir,
    meta: socialMeta({
      siteName: site.name,
      type: 'website',
      title: edition.title,
      description,
      url: canonical,
      language: edition.language,
    }),
    jsonLd: jsonLd === undefined ? undefined : jsonForScript(jsonLd),
  };
  return renderView('edition', {
    site: siteLinks(site),
    head,
    edition,
    date: display.date,
    articleCount: display.articleCount,
    sections: edition.sections.map((s) => ({
      title: s.title,
      articles: s.articles.map((a) => ({
        href: paths.article(a.slug),
        headline: a.headline,
        summary: articleSummary(a, 200),
        lang: a.language,
        dir: directionOf(a.language),
      })),
    })),
    downloads: downloadButtons(downloads, (f) => paths.editionDownload(edition.id, f)),
  });
}

export interface PublicationPageInput {
  site: SiteContext;
  publication: { id: string; title: string; schedule: string; timeZone: string };
  /** Its issues' editions, newest first, each offered in every format. */
  issues: readonly Edition[];
}

/** A publication's page: its issues, newest first, each with its downloads. */
export function renderPublicationPage({ site, publication, issues }: PublicationPageInput): string {
  const { id, title } = publication;
  const description = `Issues of ${title}, to read here or download as EPUB and PDF.`;
  return renderView('publication', {
    site: siteLinks(site),
    head: siteHead(site, paths.publication(id), `${title} | ${site.name}`, description),
    title,
    scheduleText: `Scheduled “${publication.schedule}” (${publication.timeZone})`,
    atom: paths.publicationAtom(id),
    opds: paths.opdsPublication(id),
    issues: issues.map((e) => ({
      ...editionItem(e),
      downloads: downloadButtons(
        FORMATS.map((format) => ({ format })),
        (f) => paths.editionDownload(e.id, f),
      ),
    })),
  });
}

export interface SearchResult {
  article: Article;
  snippet: SnippetPart[];
}

export interface SearchPageInput {
  site: SiteContext;
  query: string;
  results: readonly SearchResult[];
  /** True when more results exist than are shown. */
  more: boolean;
}

export function renderSearchPage({ site, query, results, more }: SearchPageInput): string {
  const title = query === '' ? `Search | ${site.name}` : `“${query}”: search | ${site.name}`;
  const head = siteHead(
    site,
    paths.search(query === '' ? undefined : query),
    title,
    `Search the articles of ${site.name}.`,
  );
  // Result pages are endless variations of one page; keep them out of search engines.
  head.meta.push({ attr: 'name', key: 'robots', value: 'noindex' });
  return renderView('search', {
    site: siteLinks(site),
    head,
    query,
    more,
    results: results.map((r) => articleItem(r.article, r.snippet)),
  });
}

export interface NotFoundPageInput {
  site: SiteContext;
  path: string;
  heading: string;
  message: string;
}

export function renderNotFoundPage({ site, path, heading, message }: NotFoundPageInput): string {
  const head = siteHead(site, path, `${heading} | ${site.name}`, message);
  head.meta.push({ attr: 'name', key: 'robots', value: 'noindex' });
  return renderView('not-found', { site: siteLinks(site), head, heading, message });
}
