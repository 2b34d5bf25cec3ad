import { decodeXml } from '@broadsheet/import-html/charset';
import { XMLValidator } from 'fast-xml-parser';
import {
  type AnyFeed,
  detectAtomFeed,
  detectJsonFeed,
  detectRdfFeed,
  detectRssFeed,
  parseAtomFeed,
  parseJsonFeed,
  parseRdfFeed,
  parseRssFeed,
} from 'feedsmith';
import type { FeedItem, ParsedFeed } from './feed-item.js';
import { FeedParseError } from './feed-parse-error.js';
import { readFeed, type RawItem } from './feed-formats.js';
import { absolute, htmlAlternates, looksLikeHtml } from './html-alternates.js';
import { itemDate } from './item-date.js';

/** Items one feed may hold: beyond this the body is refused ('too-many-items'), not truncated. */
export const MAX_FEED_ITEMS = 10_000;

export interface ParseFeedOptions {
  /** Where the body came from (after redirects): relative links resolve against it. */
  url: string;
  /** The response's Content-Type: its charset is one of the encoding hints. */
  contentType?: string;
  /** The clock, for refusing dates in the future. */
  now: Date;
}

/**
 * Parses an RSS 0.9x/1.0 (RDF)/2.0, Atom 1.0 or JSON Feed 1.x body. Pure and synchronous (the
 * API runs it in a worker thread). The encoding comes from the BOM, the XML declaration or
 * the Content-Type; items without a GUID or link, repeated keys, and unusable dates are
 * dropped with a line in `warnings`. Throws FeedParseError: 'not-a-feed' (with the page's
 * alternate feeds when the body is an HTML page), 'malformed', 'too-many-items'.
 */
export function parseFeed(body: Uint8Array, options: ParseFeedOptions): ParsedFeed {
  const warnings: string[] = [];
  const decoded = decodeXml(body, options.contentType);
  if (decoded.note !== undefined) warnings.push(`encoding: ${decoded.note}`);
  const text = decoded.text.replace(/^\uFEFF/, '');
  const parsed = detectAndParse(text, options);
  const raw = readFeed(parsed);
  if (raw.items.length > MAX_FEED_ITEMS)
    throw new FeedParseError(
      'too-many-items',
      `the feed has more than ${MAX_FEED_ITEMS} items; at most ${MAX_FEED_ITEMS} are read`,
    );
  const siteUrl = raw.siteUrl === undefined ? undefined : absolute(raw.siteUrl, options.url);
  return {
    format: parsed.format,
    ...(raw.title !== undefined && { title: raw.title }),
    ...(siteUrl !== undefined && { siteUrl }),
    ...(raw.language !== undefined && { language: raw.language }),
    items: finishItems(raw.items, options, warnings),
    warnings,
  };
}

const LIMIT = { maxItems: MAX_FEED_ITEMS + 1 };

function detectAndParse(text: string, options: ParseFeedOptions): AnyFeed {
  const xmlFormat = detectRssFeed(text)
    ? 'rss'
    : detectAtomFeed(text)
      ? 'atom'
      : detectRdfFeed(text)
        ? 'rdf'
        : undefined;
  if (xmlFormat !== undefined) {
    const valid = XMLValidator.validate(text);
    if (valid !== true)
      throw new FeedParseError(
        'malformed',
        `the ${xmlFormat === 'rdf' ? 'RSS 1.0' : xmlFormat === 'rss' ? 'RSS' : 'Atom'} feed is not well-formed XML: line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`,
      );
    try {
      if (xmlFormat === 'rss') return { format: 'rss', feed: parseRssFeed(text, LIMIT) };
      if (xmlFormat === 'atom') return { format: 'atom', feed: parseAtomFeed(text, LIMIT) };
      return { format: 'rdf', feed: parseRdfFeed(text, LIMIT) };
    } catch (e) {
      throw new FeedParseError('malformed', `the feed could not be read: ${reason(e)}`);
    }
  }
  if (/^\s*[[{]/.test(text)) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new FeedParseError('malformed', `the JSON Feed is not valid JSON: ${reason(e)}`);
    }
    if (!detectJsonFeed(json))
      throw new FeedParseError(
        'not-a-feed',
        'the body is JSON but not a JSON Feed (no "version": "https://jsonfeed.org/version/1.x" and "items")',
      );
    try {
      return { format: 'json', feed: parseJsonFeed(json, LIMIT) };
    } catch (e) {
      throw new FeedParseError('malformed', `the JSON Feed could not be read: ${reason(e)}`);
    }
  }
  if (looksLikeHtml(text, options.contentType)) {
    const alternates = htmlAlternates(text, options.url);
    throw new FeedParseError(
      'not-a-feed',
      alternates.length > 0
        ? `the address is an HTML page, not a feed; the page names these feeds: ${alternates.join(', ')}`
        : 'the address is an HTML page, not a feed, and the page names no feed (<link rel="alternate">)',
      alternates,
    );
  }
  throw new FeedParseError('not-a-feed', 'the body is not an RSS, Atom, RDF or JSON feed');
}

function reason(e: unknown): string {
  const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
  return e instanceof Error ? `${e.message}${cause}` : String(e);
}

function describe(item: RawItem, index: number): string {
  return `item ${index + 1}${item.title === undefined ? '' : ` ("${item.title.length > 60 ? `${item.title.slice(0, 57)}...` : item.title}")`}`;
}

/** Absolute links, keys, dates checked; items without a key and repeated keys dropped. */
function finishItems(raw: RawItem[], options: ParseFeedOptions, warnings: string[]): FeedItem[] {
  const seen = new Set<string>();
  const items: FeedItem[] = [];
  raw.forEach((r, index) => {
    const name = describe(r, index);
    const link = r.link === undefined ? undefined : absolute(r.link, options.url);
    if (r.link !== undefined && link === undefined)
      warnings.push(`${name}: link "${r.link}" is not an http(s) URL; ignored`);
    const key = r.guid ?? link;
    if (key === undefined) {
      warnings.push(`${name}: no GUID/id and no link; dropped`);
      return;
    }
    if (seen.has(key)) {
      warnings.push(`${name}: the same GUID/link as an earlier item (${key}); dropped`);
      return;
    }
    seen.add(key);
    const dates: { publishedAt?: string; updatedAt?: string } = {};
    for (const [field, value] of [
      ['publishedAt', r.published],
      ['updatedAt', r.updated],
    ] as const) {
      const date = itemDate(value, options.now);
      if (date === undefined) continue;
      if ('iso' in date) dates[field] = date.iso;
      else
        warnings.push(
          `${name}: ${field === 'publishedAt' ? 'published' : 'updated'} date ${date.problem}; date dropped`,
        );
    }
    const imageUrl = r.imageUrl === undefined ? undefined : absolute(r.imageUrl, options.url);
    items.push({
      key,
      ...(r.guid !== undefined && { guid: r.guid }),
      ...(link !== undefined && { link }),
      ...(r.title !== undefined && { title: r.title }),
      ...(r.contentHtml !== undefined &&
        r.contentHtml.trim() !== '' && { contentHtml: r.contentHtml }),
      ...(r.summaryHtml !== undefined &&
        r.summaryHtml.trim() !== '' && { summaryHtml: r.summaryHtml }),
      authors: r.authors.map((a) => {
        const url = a.url === undefined ? undefined : absolute(a.url, options.url);
        return url === undefined ? { name: a.name } : { name: a.name, url };
      }),
      categories: r.categories,
      ...dates,
      ...(imageUrl !== undefined && { imageUrl }),
    });
  });
  return items;
}
