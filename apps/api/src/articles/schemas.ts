import { IsoDate, LanguageTag, Run, Slug } from '@broadsheet/model';
import { z } from 'zod';

/** Query of GET /v1/articles. Also the source of the OpenAPI parameters. */
export const ArticleListQuery = z.object({
  q: z.string().max(500).optional().meta({
    description:
      'Full-text search over headline, standfirst, highlights and body; every word must match (as a prefix).',
  }),
  tag: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'Only articles with this tag (case-insensitive).' }),
  section: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'Only articles in this section (case-insensitive).' }),
  from: IsoDate.optional().meta({ description: 'Published on or after this date (YYYY-MM-DD).' }),
  to: IsoDate.optional().meta({ description: 'Published on or before this date (YYYY-MM-DD).' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .meta({ description: 'Page size, 1 to 100.' }),
  cursor: z.string().max(200).optional().meta({
    description: 'Opaque cursor from the previous page (`nextCursor` or `Link: rel="next"`).',
  }),
});
export type ArticleListQuery = z.infer<typeof ArticleListQuery>;

/** Options of a text/plain import (POST /v1/articles with text/plain). */
export const PlainTextImportQuery = z.object({
  language: LanguageTag.optional().meta({
    description: 'BCP 47 language of the text; detected when absent.',
  }),
  slug: Slug.optional().meta({
    description: 'Slug to store the article under; derived from the headline when absent.',
  }),
  section: z.string().max(200).optional(),
  utcOffset: z
    .string()
    .max(6)
    .optional()
    .meta({ description: 'UTC offset such as +05:00 for times written without a zone.' }),
});
export type PlainTextImportQuery = z.infer<typeof PlainTextImportQuery>;

/** Options of an HTML import (POST/PUT /v1/articles with text/html). */
export const HtmlImportQuery = z.object({
  url: z
    .url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' })
    .max(2000)
    .optional()
    .meta({
      description:
        'Where the page came from: relative links and images resolve against it, and it becomes the source when the page names none. The server never fetches it.',
    }),
  language: LanguageTag.optional().meta({
    description: 'BCP 47 language overriding what the page declares.',
  }),
  slug: Slug.optional().meta({
    description: 'Slug to store the article under; derived from the headline when absent.',
  }),
});
export type HtmlImportQuery = z.infer<typeof HtmlImportQuery>;

export const ArticleLinks = z.object({
  self: z.string(),
  epub: z.string(),
  pdf: z.string(),
});

/** One item of the article list. */
export const ArticleSummary = z.object({
  id: z.string(),
  slug: z.string(),
  headline: z.string(),
  kicker: z.string().optional(),
  standfirst: z.string().optional(),
  section: z.string().optional(),
  tags: z.array(z.string()),
  language: z.string(),
  authors: z.array(z.string()).meta({ description: 'Author names.' }),
  publishedAt: z.string().optional(),
  updatedAt: z.string().optional(),
  wordCount: z.int(),
  readingTimeMinutes: z.int(),
  modifiedAt: z.string().meta({ description: 'When this server last stored the article.' }),
  snippet: z
    .array(Run)
    .optional()
    .meta({ description: 'Best-matching passage for `q`; matched words have `strong: true`.' }),
  links: ArticleLinks,
});
export type ArticleSummary = z.infer<typeof ArticleSummary>;

export const ArticleList = z.object({
  items: z.array(ArticleSummary),
  nextCursor: z.string().optional(),
});
export type ArticleList = z.infer<typeof ArticleList>;

/** `?images=` on article writes: fetch the http(s) pictures now, or keep them as links. */
export const ImagesQuery = z.object({
  images: z.enum(['fetch', 'keep']).optional().meta({
    description:
      '`fetch`: download each http(s) picture (lead and body figures) through the safe fetcher, store it as media and point `src` at it; failures stay links and are listed in `warnings`. `keep`: leave links. Default: `fetch` when the server sets BROADSHEET_FETCH_IMAGES=1, else `keep`.',
  }),
});
export type ImagesQuery = z.infer<typeof ImagesQuery>;
