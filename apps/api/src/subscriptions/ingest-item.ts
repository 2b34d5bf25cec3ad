import {
  itemDocument,
  itemSlug,
  needsFullText,
  shortItemArticle,
  withItemMetadata,
  type FeedItem,
  type ParsedFeed,
} from '@broadsheet/feeds';
import { fetchPage } from '@broadsheet/import-html';
import { parseArticle, type ArticleInput } from '@broadsheet/model';
import type { ImageLimits } from '@broadsheet/render/images';
import { checkImages } from '../articles/check-images.js';
import { fetchArticleImages } from '../articles/fetch-images.js';
import type { HtmlImportService } from '../articles/import-pool.js';
import type { ImageFetchSettings } from '../deps.js';
import { HttpProblem } from '../http/problem.js';
import type { Feed, FeedItemStatus } from '../store/feed-types.js';
import type { Store } from '../store/types.js';
import { sha256 } from '../util/hash.js';
import type { HostQueue } from './host-queue.js';

export interface IngestDeps {
  store: Store;
  htmlImporter: HtmlImportService;
  imageLimits: ImageLimits;
  /** The safe fetcher's allow list and byte cap, for linked pages and pictures alike. */
  fetch: ImageFetchSettings;
  /** The safe fetcher as a `fetch` (one agent for the service), for the page importer's fetchPage. */
  safeFetch: typeof globalThis.fetch;
  /**
   * Base of the media URLs pictures are rewritten to (BROADSHEET_PUBLIC_URL, else relative):
   * the same whoever polls, so an unchanged item gives the same article on every replica.
   */
  mediaBaseUrl: string;
  hosts: HostQueue;
}

export interface IngestedItem {
  status: FeedItemStatus;
  articleSlug: string;
  /** Pictures kept as their URL, and why. */
  warnings: string[];
}

const utf8 = new TextEncoder();

/** What decides an item's article: the item as parsed. Its hash says new, updated or unchanged. */
export const itemHash = (item: FeedItem): string => sha256(JSON.stringify(item));

/** The page importer found no article in the HTML (Readability's verdict, not a fault). */
const noArticle = (err: unknown) => err instanceof HttpProblem && err.status === 400;

/**
 * The item's HTML imported on the import threads, as an Article: its linked page when the
 * feed asks for full text, else (or when that page holds no article) the item's own content;
 * and when that is too short for Readability (a one-line summary), the item as it stands,
 * read by the model's HTML rules, as the command line does. A page that cannot be fetched is
 * thrown, so the next poll tries it again.
 */
async function importItem(
  deps: IngestDeps,
  feed: Feed,
  parsed: ParsedFeed,
  item: FeedItem,
  slug: string,
): Promise<ArticleInput> {
  const importHtml = (source: { html: string; url: string }) =>
    deps.htmlImporter.importPage({
      contentType: 'text/html; charset=utf-8',
      slug,
      bytes: utf8.encode(source.html),
      url: source.url,
    });
  if (item.link !== undefined && needsFullText(item, feed.fullText)) {
    const link = item.link;
    const page = await deps.hosts.run(link, () =>
      fetchPage(link, {
        fetch: deps.safeFetch,
        maxBytes: deps.fetch.maxBytes,
        ...(deps.fetch.timeoutMs !== undefined && { timeoutMs: deps.fetch.timeoutMs }),
      }),
    );
    try {
      return await importHtml(page);
    } catch (err) {
      if (!noArticle(err)) throw err;
    }
  }
  try {
    return await importHtml(itemDocument(item, parsed));
  } catch (err) {
    const short = noArticle(err) ? shortItemArticle(item, parsed) : undefined;
    if (short === undefined) throw err;
    return short;
  }
}

/**
 * Makes or updates the article of one feed item. An item this feed already brought with the
 * same content does nothing; one another feed brought (the same GUID or link) is recorded for
 * this feed too and points at the same article; otherwise the item is imported (its content,
 * or its linked page), its metadata carried over, its pictures stored through the media
 * pipeline, and the article written at the slug it already had (or a new stable one).
 */
export async function ingestItem(
  deps: IngestDeps,
  feed: Feed,
  parsed: ParsedFeed,
  item: FeedItem,
): Promise<IngestedItem> {
  const contentHash = itemHash(item);
  const records = await deps.store.feeds.findItems(item.key);
  const mine = records.find((r) => r.feedId === feed.id);
  if (mine?.contentHash === contentHash)
    return { status: 'unchanged', articleSlug: mine.articleSlug, warnings: [] };
  const elsewhere = records.find((r) => r.feedId !== feed.id);
  if (
    mine === undefined &&
    elsewhere?.contentHash === contentHash &&
    (await deps.store.articles.get(elsewhere.articleSlug)) !== undefined
  ) {
    const { status, articleSlug } = await deps.store.feeds.upsertItem(feed.id, {
      itemKey: item.key,
      contentHash,
      articleSlug: elsewhere.articleSlug,
    });
    return { status, articleSlug, warnings: [] };
  }
  const slug = mine?.articleSlug ?? elsewhere?.articleSlug ?? itemSlug(item, feed.url);
  const imported = await importItem(deps, feed, parsed, item, slug);
  const withMetadata = parseArticle({
    ...withItemMetadata(imported, item, {
      ...(feed.section !== undefined && { section: feed.section }),
      ...((parsed.title ?? feed.title) !== undefined && { feedTitle: parsed.title ?? feed.title }),
    }),
    slug,
  });
  const { article, warnings } = await fetchArticleImages(
    checkImages(withMetadata, deps.imageLimits),
    {
      media: deps.store.media,
      settings: deps.fetch,
      maxPixels: deps.imageLimits.maxPixels,
      baseUrl: deps.mediaBaseUrl,
      // A site's pictures wait their turn with its feeds and pages.
      queue: (url, work) => deps.hosts.run(url, work),
    },
  );
  await deps.store.articles.put(slug, article);
  const { status, articleSlug } = await deps.store.feeds.upsertItem(feed.id, {
    itemKey: item.key,
    contentHash,
    articleSlug: slug,
  });
  return {
    status,
    articleSlug,
    warnings: warnings.map((w) => `picture ${w.url}: ${w.message}`),
  };
}
