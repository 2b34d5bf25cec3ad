import { FullTextMode as FeedsFullTextMode } from '@broadsheet/feeds';
import { normalizeText } from '@broadsheet/model';
import { z } from 'zod';
import { PageQuery } from '../http/page-query.js';

export const FullTextMode = FeedsFullTextMode.meta({
  description:
    'When the linked page is fetched and imported with Readability: `auto` for items that carry only a summary, `always` for every item, `never` (the item text only).',
});

const MAX_URL_LENGTH = 2000;

/**
 * The URL as WHATWG parsing writes it (scheme and host lower-cased, default port and dot segments
 * dropped), without its fragment, which a server never sees: `HTTP://Host/feed#top` is the feed
 * at `http://host/feed`, and one feed is one subscription. A URL that does not parse is left as
 * it is for the refinement to refuse.
 */
function canonicalUrl(value: string): string {
  try {
    const url = new URL(value);
    url.hash = '';
    return url.href;
  } catch {
    return value;
  }
}

/** Body of POST /v1/feeds and PUT /v1/feeds/{id}: what an operator subscribes to. */
export const FeedRequest = z.strictObject({
  url: z
    .string()
    .max(MAX_URL_LENGTH)
    .refine(
      (v) => {
        try {
          const u = new URL(v);
          return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '';
        } catch {
          return false;
        }
      },
      { error: 'must be an absolute http(s) URL without credentials' },
    )
    .overwrite(canonicalUrl)
    .meta({
      description:
        'The feed (RSS 0.9x/1.0/2.0, Atom 1.0 or JSON Feed 1.1); stored as WHATWG URL parsing writes it, without a fragment.',
    }),
  section: z
    .string()
    .overwrite(normalizeText)
    .min(1, { error: 'must not be empty' })
    .max(200)
    .optional()
    .meta({ description: "The section the feed's articles are filed under." }),
  fullText: FullTextMode.default('auto'),
  maxItems: z.int().min(1).max(1000).optional().meta({
    description: 'Most items taken from one poll (the first in the feed); all when absent.',
  }),
});
export type FeedRequest = z.infer<typeof FeedRequest>;

/** A feed subscription as the API shows it. */
export const FeedResource = z.object({
  id: z.string(),
  url: z.string(),
  section: z.string().optional(),
  fullText: FullTextMode,
  maxItems: z.int().optional(),
  title: z.string().optional().meta({ description: "The feed's own title, from its last parse." }),
  siteUrl: z.string().optional().meta({ description: "The feed's home page." }),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastSuccessAt: z.string().optional(),
  lastError: z.string().optional().meta({
    description:
      "The last poll's failure, or (beside a newer `lastSuccessAt`) the items the last poll could not import.",
  }),
  lastErrorAt: z.string().optional(),
  failures: z.int().meta({ description: 'Failed polls in a row; the backoff doubles with each.' }),
  nextPollAt: z.string(),
  links: z.object({ self: z.string() }),
});
export type FeedResource = z.infer<typeof FeedResource>;

export const FeedList = z.object({
  items: z.array(FeedResource),
  total: z.int(),
  nextCursor: z.string().optional().meta({ description: 'Present when more feeds follow.' }),
});
export type FeedList = z.infer<typeof FeedList>;

/** What POST /v1/feeds/{id}/refresh answers: the feed after the poll and what it brought. */
export const FeedRefresh = z.object({
  feed: FeedResource,
  status: z.enum(['ok', 'not-modified', 'failed']).meta({
    description:
      '`not-modified`: the server answered 304 to the conditional GET; `failed`: see `feed.lastError`.',
  }),
  new: z.int(),
  updated: z.int(),
  unchanged: z.int(),
  warnings: z.array(z.string()).meta({
    description: 'Items left out by the parser or that could not be imported, with the reason.',
  }),
});
export type FeedRefresh = z.infer<typeof FeedRefresh>;

/** Query of GET /v1/feeds. */
export const FeedListQuery = PageQuery;
export type FeedListQuery = PageQuery;
