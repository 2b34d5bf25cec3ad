/**
 * Parsing alone (`@broadsheet/feeds/parse`), for threads that only parse: the package's index
 * also loads fetching (the safe fetcher, undici), which a parse thread's cold start would pay
 * for without using.
 */
export { FeedParseError, type FeedParseErrorCode } from './feed-parse-error.js';
export { MAX_FEED_ITEMS, parseFeed, type ParseFeedOptions } from './parse-feed.js';
