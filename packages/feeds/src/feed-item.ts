import { z } from 'zod';

/** When an item's linked page is fetched for its full text. */
export const FullTextMode = z.enum(['auto', 'always', 'never']);
export type FullTextMode = z.infer<typeof FullTextMode>;

/** One feed entry, in the same shape whatever the feed's format. */
export const FeedItem = z.object({
  /** Dedup key: the GUID/id when present, else the absolute link. */
  key: z.string(),
  guid: z.string().optional(),
  link: z.string().optional(),
  /** Plain text (markup of Atom html/xhtml titles removed). */
  title: z.string().optional(),
  /** content:encoded, Atom content (html/xhtml), JSON content_html. */
  contentHtml: z.string().optional(),
  /** description, Atom summary, JSON summary/content_text (plain text escaped). */
  summaryHtml: z.string().optional(),
  authors: z.array(z.object({ name: z.string(), url: z.string().optional() })),
  categories: z.array(z.string()),
  /** ISO 8601 (UTC); future (> now + 1 day) or unparseable dates are dropped with a warning. */
  publishedAt: z.string().optional(),
  updatedAt: z.string().optional(),
  /** enclosure / media:content / media:thumbnail / image. */
  imageUrl: z.string().optional(),
});
export type FeedItem = z.infer<typeof FeedItem>;

export const FEED_FORMATS = ['rss', 'atom', 'rdf', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export interface ParsedFeed {
  format: FeedFormat;
  title?: string;
  siteUrl?: string;
  language?: string;
  items: FeedItem[];
  /** What was dropped or guessed, one readable line each (naming the item). */
  warnings: string[];
}
