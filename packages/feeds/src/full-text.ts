import { escapeHtml } from '@broadsheet/model';
import type { FeedItem, FullTextMode, ParsedFeed } from './feed-item.js';

/**
 * Whether the item's linked page has to be fetched: always for 'always', never for 'never',
 * and for 'auto' when the feed carries only a summary (no content:encoded, Atom content or
 * content_html). An item without a link can never be fetched.
 */
export function needsFullText(item: FeedItem, mode: FullTextMode): boolean {
  if (mode === 'never' || item.link === undefined) return false;
  return mode === 'always' || item.contentHtml === undefined;
}

/**
 * The HTML document the page importer reads for an item: its content (else its summary)
 * inside an <article> under its title, declared an article (so a short item is not taken for
 * an index page), in the feed's language, with the item's link as base URL and canonical link.
 * Every value from the feed that is not markup is escaped.
 */
export function itemDocument(item: FeedItem, feed: ParsedFeed): { html: string; url: string } {
  const url = item.link ?? feed.siteUrl ?? '';
  const title = escapeHtml(item.title ?? feed.title ?? 'Untitled');
  const lang = feed.language === undefined ? '' : ` lang="${escapeHtml(feed.language)}"`;
  const meta = [
    `<meta charset="utf-8">`,
    `<title>${title}</title>`,
    `<meta property="og:type" content="article">`,
    `<meta property="og:title" content="${title}">`,
    url === '' ? '' : `<link rel="canonical" href="${escapeHtml(url)}">`,
    item.imageUrl === undefined
      ? ''
      : `<meta property="og:image" content="${escapeHtml(item.imageUrl)}">`,
  ].join('');
  const body = item.contentHtml ?? item.summaryHtml ?? '';
  return {
    html: `<!DOCTYPE html><html${lang}><head>${meta}</head><body><article><h1>${title}</h1>${body}</article></body></html>`,
    url,
  };
}
