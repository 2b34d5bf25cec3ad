import {
  FeedFetchError,
  type FeedItem,
  FeedParseError,
  fetchFeed,
  itemDocument,
  itemSlug,
  needsFullText,
  parseFeed,
  type ParsedFeed,
  shortItemArticle,
  withItemMetadata,
} from '@broadsheet/feeds';
import { type Article, type ArticleInput, parseArticle, ValidationError } from '@broadsheet/model';
import { InputError } from './errors.js';
import { loadImportHtml } from './html-importer.js';
import type { FullTextMode } from './options.js';
import type { LoadedInput } from './read-input.js';
import { fetchReason, PAGE_LIMITS } from './read-url.js';

/** The largest feed read: the safe fetcher's default cap, as the API's poller uses. */
export const FEED_MAX_BYTES = 10 * 1024 * 1024;

export interface FeedSources {
  readonly cwd: string;
  readonly timeoutMs: number;
  readonly allowPrivateHosts: boolean;
  /** The safe fetch function the page importer uses for full-text pages. */
  readonly fetch?: typeof globalThis.fetch;
  readonly sinceMs: number;
  readonly fullText: FullTextMode;
  readonly maxItems?: number;
  readonly now: Date;
  readonly warn: (line: string) => void;
}

const label = (url: string) => `--feed ${url}`;

async function fetchAndParse(url: string, sources: FeedSources): Promise<ParsedFeed> {
  try {
    const got = await fetchFeed(url, {
      allowHosts: [],
      allowPrivate: sources.allowPrivateHosts,
      maxBytes: FEED_MAX_BYTES,
      timeoutMs: sources.timeoutMs,
    });
    // No validators were sent, so a 304 cannot come back; treat one as an empty answer.
    if (got.status !== 'ok')
      throw new FeedFetchError(
        `${url}: the server answered 304 to a plain GET`,
        'http-status',
        304,
      );
    return parseFeed(got.body, {
      url: got.url,
      ...(got.contentType !== undefined && { contentType: got.contentType }),
      now: sources.now,
    });
  } catch (error) {
    if (error instanceof FeedFetchError) {
      const reason = error.message.startsWith(`${url}: `)
        ? error.message.slice(url.length + 2)
        : error.message;
      const hint =
        error.code === 'refused-address' && !sources.allowPrivateHosts
          ? '; add --allow-private-hosts to fetch from it'
          : '';
      throw new InputError(label(url), [{ path: '', message: `${reason}${hint}` }]);
    }
    if (error instanceof FeedParseError)
      throw new InputError(label(url), [{ path: '', message: error.message }]);
    throw error;
  }
}

/** An item's article: from its own content, or from its fetched page when that is needed. */
async function itemArticle(
  item: FeedItem,
  feed: ParsedFeed,
  url: string,
  sources: FeedSources,
): Promise<Article | undefined> {
  const { fetchPage, importHtml, FetchError } = await loadImportHtml();
  const name = `${label(url)}: item "${item.title ?? item.key}"`;
  let imported: ArticleInput | undefined;
  if (needsFullText(item, sources.fullText) && item.link !== undefined) {
    try {
      const page = await fetchPage(item.link, {
        timeoutMs: sources.timeoutMs,
        ...PAGE_LIMITS,
        ...(sources.fetch ? { fetch: sources.fetch } : {}),
      });
      imported = importHtml(page.html, { url: page.url });
    } catch (error) {
      const reason =
        error instanceof FetchError
          ? fetchReason(error, item.link)
          : error instanceof ValidationError
            ? error.issues.map((i) => i.message).join('; ')
            : undefined;
      if (reason === undefined) throw error;
      sources.warn(
        `${name}: full text not used (${item.link}: ${reason}); the feed's text is used instead`,
      );
    }
  }
  if (imported === undefined) {
    const doc = itemDocument(item, feed);
    try {
      imported = importHtml(doc.html, doc.url === '' ? {} : { url: doc.url });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // Readability wants a page's worth of text; a one-line summary is still the item, so
      // it is read as it stands, by the model's HTML rules.
      imported = shortItemArticle(item, feed);
      if (imported === undefined) {
        sources.warn(`${name}: skipped (${error.issues.map((i) => i.message).join('; ')})`);
        return undefined;
      }
    }
  }
  const withMeta = withItemMetadata(imported, item, {
    ...(feed.title !== undefined && { section: feed.title, feedTitle: feed.title }),
  });
  // The importer's id came from the page's headline and URL: derive it again from the item's.
  const input: ArticleInput = { ...withMeta, slug: itemSlug(item, url) };
  delete input.id;
  return parseArticle(input);
}

/**
 * Reads one `--feed`: fetched through the safe fetcher, parsed, its items published within
 * --since taken newest first (at most --max-items), each imported from the feed's content or,
 * when --full-text asks, from its page. A feed that cannot be fetched or read is InputError
 * labelled `--feed URL` (exit 2, nothing written); an item that cannot be imported is a warning.
 */
export async function readFeed(url: string, sources: FeedSources): Promise<LoadedInput> {
  const feed = await fetchAndParse(url, sources);
  for (const warning of feed.warnings) sources.warn(`${label(url)}: ${warning}`);
  const from = sources.now.getTime() - sources.sinceMs;
  const dated = feed.items.map((item) => ({
    item,
    at: Date.parse(item.publishedAt ?? item.updatedAt ?? ''),
  }));
  const undated = dated.filter((d) => Number.isNaN(d.at)).length;
  if (undated > 0)
    sources.warn(
      `${label(url)}: ${undated} item${undated === 1 ? '' : 's'} without a usable date left out (not known to be within --since)`,
    );
  const recent = dated
    .filter((d) => d.at >= from)
    .sort((a, b) => b.at - a.at)
    .slice(0, sources.maxItems ?? Infinity)
    .map((d) => d.item);
  const articles: Article[] = [];
  for (const item of recent) {
    const article = await itemArticle(item, feed, url, sources);
    if (article !== undefined) articles.push(article);
  }
  return { label: label(url), baseDir: sources.cwd, document: { kind: 'articles', articles } };
}
