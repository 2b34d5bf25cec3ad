import { FeedFetchError, fetchFeed, type ParsedFeed } from '@broadsheet/feeds';
import { createSafeFetchFunction, SafeFetchError } from '@broadsheet/fetch';
import { FetchError } from '@broadsheet/import-html';
import type { ImageLimits } from '@broadsheet/render/images';
import { ValidationError } from '@broadsheet/model';
import type { Logger } from 'pino';
import type { HtmlImportService } from '../articles/import-pool.js';
import {
  DEFAULT_IMAGE_FETCH,
  fetchPolicy,
  type AppDeps,
  type ImageFetchSettings,
} from '../deps.js';
import { HttpProblem } from '../http/problem.js';
import type { Feed, FeedBackoff } from '../store/feed-types.js';
import { ConflictError, type Store } from '../store/types.js';
import { createHostQueue } from './host-queue.js';
import { ingestItem, type IngestDeps } from './ingest-item.js';

/** Default of BROADSHEET_FEED_POLL_MINUTES: a feed that answered is asked again after this. */
export const DEFAULT_FEED_POLL_MINUTES = 30;
/** Backoff after failures: 1 minute, doubling, at most a day. */
export const DEFAULT_FEED_BACKOFF: FeedBackoff = { baseMs: 60_000, maxMs: 24 * 60 * 60_000 };
/** Longer than one poll may take (the feed, its linked pages, its pictures). */
export const FEED_LEASE_MS = 10 * 60_000;
/** Feeds polled side by side by one process (on different hosts; one host waits its turn). */
const POLL_CONCURRENCY = 2;
/** Deadline of one feed fetch, redirects and body included. */
const FEED_FETCH_TIMEOUT_MS = 30_000;

export interface FeedServiceDeps {
  store: Store;
  htmlImporter: HtmlImportService;
  imageLimits: ImageLimits;
  /** The safe fetcher's allow list and byte cap (BROADSHEET_FETCH_ALLOW_HOSTS, _MAX_BYTES). */
  fetch: ImageFetchSettings;
  publicUrl?: string | undefined;
  logger: Logger;
  now?: () => Date;
  /** BROADSHEET_FEED_POLL_MINUTES in ms. */
  pollIntervalMs?: number;
  backoff?: FeedBackoff;
}

/** The feed service's part of the app's dependencies (as createApp and server.ts wire it). */
export function feedServiceDeps(deps: AppDeps): FeedServiceDeps {
  return {
    store: deps.store,
    htmlImporter: deps.htmlImporter,
    imageLimits: deps.imageLimits,
    fetch: deps.imageFetch ?? DEFAULT_IMAGE_FETCH,
    publicUrl: deps.publicUrl,
    logger: deps.logger,
    ...(deps.feedPollIntervalMs !== undefined && { pollIntervalMs: deps.feedPollIntervalMs }),
  };
}

export interface PollResult {
  feed: Feed;
  status: 'ok' | 'not-modified' | 'failed';
  new: number;
  updated: number;
  unchanged: number;
  warnings: string[];
}

/** What the first fetch of a feed learnt: it parses; its title and home page. */
export interface ProbedFeed {
  title?: string;
  siteUrl?: string;
}

export interface FeedService {
  /** Fetches and parses `url` once; 422 naming the reason when it is not a feed one can poll. */
  probe(url: string): Promise<ProbedFeed>;
  /** Polls a feed this process holds the lease of, records the outcome; never throws for the feed's faults. */
  poll(feed: Feed): Promise<PollResult>;
  /** Leases up to `limit` due feeds and polls them (different hosts side by side). */
  pollDue(limit: number): Promise<PollResult[]>;
}

function message(err: unknown): string {
  if (err instanceof HttpProblem) return err.detail;
  if (err instanceof SafeFetchError) return err.reason;
  return err instanceof Error ? err.message : String(err);
}

/** Faults of the feed or its host (not of this server): an error recorded on the feed. */
function isFeedFault(err: unknown): boolean {
  return (
    err instanceof FeedFetchError ||
    err instanceof SafeFetchError ||
    err instanceof FetchError ||
    // The item's content made no valid article, or its id belongs to another article.
    err instanceof ValidationError ||
    err instanceof ConflictError ||
    (err instanceof HttpProblem && err.status < 500)
  );
}

/** A summary of a poll's warnings small enough to keep on the feed. */
function summary(warnings: readonly string[]): string | undefined {
  if (warnings.length === 0) return undefined;
  const shown = warnings.slice(0, 3).join('; ');
  return warnings.length > 3 ? `${shown}; and ${warnings.length - 3} more` : shown;
}

/**
 * Fetching, parsing and ingesting feeds: used by POST /v1/feeds (probe), the refresh route and
 * the poller, which share one host queue so that this process sends one request at a time to
 * any host. Every fetch goes through the safe fetcher; parsing and imports run on the import
 * threads, never on the HTTP thread.
 */
export function createFeedService(deps: FeedServiceDeps): FeedService {
  const now = deps.now ?? (() => new Date());
  const interval = deps.pollIntervalMs ?? DEFAULT_FEED_POLL_MINUTES * 60_000;
  const backoff = deps.backoff ?? DEFAULT_FEED_BACKOFF;
  const hosts = createHostQueue();
  const ingest: IngestDeps = {
    store: deps.store,
    htmlImporter: deps.htmlImporter,
    imageLimits: deps.imageLimits,
    fetch: deps.fetch,
    safeFetch: createSafeFetchFunction(fetchPolicy(deps.fetch)),
    mediaBaseUrl: deps.publicUrl?.replace(/\/+$/, '') ?? '',
    hosts,
  };

  const get = (url: string, validators: { etag?: string; lastModified?: string } = {}) =>
    hosts.run(url, () =>
      fetchFeed(url, {
        ...validators,
        ...fetchPolicy(deps.fetch),
        maxBytes: deps.fetch.maxBytes,
        timeoutMs: deps.fetch.timeoutMs ?? FEED_FETCH_TIMEOUT_MS,
      }),
    );

  const parse = (got: {
    body: Uint8Array;
    contentType?: string;
    url: string;
  }): Promise<ParsedFeed> =>
    deps.htmlImporter.parseFeed({
      bytes: got.body,
      url: got.url,
      contentType: got.contentType,
      now: now(),
    });

  async function failed(feed: Feed, err: unknown): Promise<PollResult> {
    if (!isFeedFault(err)) deps.logger.error({ err, feed: feed.id }, 'feed poll failed');
    const retryAfterMs = err instanceof FeedFetchError ? err.retryAfterMs : undefined;
    const recorded = await deps.store.feeds.recordFailure(
      feed.id,
      { error: message(err), retryAfterMs },
      backoff,
    );
    return {
      feed: recorded ?? feed,
      status: 'failed',
      new: 0,
      updated: 0,
      unchanged: 0,
      warnings: [],
    };
  }

  async function poll(feed: Feed): Promise<PollResult> {
    let got: Awaited<ReturnType<typeof fetchFeed>>;
    let parsed: ParsedFeed;
    try {
      got = await get(feed.url, {
        ...(feed.etag !== undefined && { etag: feed.etag }),
        ...(feed.lastModified !== undefined && { lastModified: feed.lastModified }),
      });
      if (got.status === 'not-modified') {
        const recorded = await deps.store.feeds.recordSuccess(feed.id, {
          etag: feed.etag,
          lastModified: feed.lastModified,
          nextPollAt: new Date(now().getTime() + interval),
        });
        const result = { new: 0, updated: 0, unchanged: 0, warnings: [] };
        return { ...result, feed: recorded ?? feed, status: 'not-modified' };
      }
      parsed = await parse(got);
    } catch (err) {
      return failed(feed, err);
    }
    const counts = { new: 0, updated: 0, unchanged: 0 };
    const warnings = [...parsed.warnings];
    let itemsFailed = false;
    for (const item of parsed.items.slice(0, feed.maxItems ?? parsed.items.length)) {
      try {
        const done = await ingestItem(ingest, feed, parsed, item);
        counts[done.status] += 1;
        warnings.push(...done.warnings.map((w) => `item ${item.key}: ${w}`));
      } catch (err) {
        // One item's fault never stops the others, nor the feed.
        if (!isFeedFault(err))
          deps.logger.warn({ err, feed: feed.id, item: item.key }, 'feed item failed');
        itemsFailed = true;
        warnings.push(`item ${item.key}: ${message(err)}`);
      }
    }
    // With items that failed, the old validators stay: the next poll reads the feed again and
    // retries them (those already stored are unchanged and cost nothing).
    const recorded = await deps.store.feeds.recordSuccess(feed.id, {
      etag: itemsFailed ? feed.etag : got.etag,
      lastModified: itemsFailed ? feed.lastModified : got.lastModified,
      title: parsed.title,
      siteUrl: parsed.siteUrl,
      nextPollAt: new Date(now().getTime() + interval),
      warning: summary(warnings),
    });
    return { feed: recorded ?? feed, status: 'ok', ...counts, warnings };
  }

  return {
    async probe(url) {
      let got: Awaited<ReturnType<typeof fetchFeed>>;
      try {
        got = await get(url);
      } catch (err) {
        if (!isFeedFault(err)) throw err;
        const reason = `${url} could not be fetched: ${message(err)}`;
        throw new HttpProblem(422, reason, { errors: [{ path: 'body.url', message: reason }] });
      }
      if (got.status === 'not-modified') return {};
      const parsed = await parse(got);
      return {
        ...(parsed.title !== undefined && { title: parsed.title }),
        ...(parsed.siteUrl !== undefined && { siteUrl: parsed.siteUrl }),
      };
    },
    poll,
    async pollDue(limit) {
      const due = await deps.store.feeds.leaseDue(limit, FEED_LEASE_MS);
      // A few feeds at a time: each imports one item at a time, so the import queue (shared
      // with HTTP imports) is never filled by the poller alone.
      const results: PollResult[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(POLL_CONCURRENCY, due.length) }, async () => {
          for (let feed = due[next++]; feed !== undefined; feed = due[next++])
            results.push(await poll(feed));
        }),
      );
      return results;
    },
  };
}
