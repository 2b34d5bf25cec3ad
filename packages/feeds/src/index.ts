export {
  FEED_FORMATS,
  type FeedFormat,
  FeedItem,
  FullTextMode,
  type ParsedFeed,
} from './feed-item.js';
export { FeedParseError, type FeedParseErrorCode } from './feed-parse-error.js';
export { MAX_FEED_ITEMS, parseFeed, type ParseFeedOptions } from './parse-feed.js';
export { itemDocument, needsFullText } from './full-text.js';
export { MAX_SHORT_ITEM_HTML, shortItemArticle } from './short-item.js';
export { withItemMetadata } from './item-metadata.js';
export { itemSlug } from './item-slug.js';
export { FUTURE_TOLERANCE_MS } from './item-date.js';
export {
  FeedFetchError,
  fetchFeed,
  type FetchFeedOptions,
  type FetchFeedResult,
} from './fetch-feed.js';
export { retryAfterMs } from './retry-after.js';
