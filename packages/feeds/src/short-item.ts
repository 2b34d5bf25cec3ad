import { detectLanguage, htmlToBlocks, type ArticleInput } from '@broadsheet/model';
import type { FeedItem, ParsedFeed } from './feed-item.js';

/**
 * Most characters of an item's own HTML read by shortItemArticle. Readability refuses text
 * shorter than about 500 characters; what it refuses for other reasons and is long is not a
 * short item, and parsing it is kept off callers that run on a request thread.
 */
export const MAX_SHORT_ITEM_HTML = 32_000;

/**
 * The article of an item too short for the page importer (Readability wants a page's worth of
 * text): its own content or summary read as blocks by the model's HTML rules, under its title
 * (else the feed's), in the feed's language (else detected from the headline). Undefined when
 * it has no text, no headline, or more HTML than MAX_SHORT_ITEM_HTML.
 */
export function shortItemArticle(item: FeedItem, feed: ParsedFeed): ArticleInput | undefined {
  const html = item.contentHtml ?? item.summaryHtml ?? '';
  if (html.length > MAX_SHORT_ITEM_HTML) return undefined;
  const body = htmlToBlocks(html);
  const headline = item.title ?? feed.title;
  if (body.length === 0 || headline === undefined) return undefined;
  return { headline, language: feed.language ?? detectLanguage(headline), body };
}
