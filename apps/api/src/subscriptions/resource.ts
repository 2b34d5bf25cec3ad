import type { Feed } from '../store/feed-types.js';
import type { FeedResource } from './schemas.js';

export const feedPath = (id: string) => `/v1/feeds/${encodeURIComponent(id)}`;

/** A feed as the API shows it: settings and poll state, never its validators or lease. */
export function toFeedResource(feed: Feed): FeedResource {
  return {
    id: feed.id,
    url: feed.url,
    ...(feed.section !== undefined && { section: feed.section }),
    fullText: feed.fullText,
    ...(feed.maxItems !== undefined && { maxItems: feed.maxItems }),
    ...(feed.title !== undefined && { title: feed.title }),
    ...(feed.siteUrl !== undefined && { siteUrl: feed.siteUrl }),
    createdAt: feed.createdAt,
    updatedAt: feed.updatedAt,
    ...(feed.lastSuccessAt !== undefined && { lastSuccessAt: feed.lastSuccessAt }),
    ...(feed.lastError !== undefined && { lastError: feed.lastError }),
    ...(feed.lastErrorAt !== undefined && { lastErrorAt: feed.lastErrorAt }),
    failures: feed.failures,
    nextPollAt: feed.nextPollAt,
    links: { self: feedPath(feed.id) },
  };
}

/** The feed's ETag: its id and settings revision (poll state changes do not make a PUT stale). */
export const feedEtag = (feed: Feed) => `"${feed.id}.${feed.revision}"`;
