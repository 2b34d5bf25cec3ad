import { Block, IsoDate, LanguageTag, Run, Slug } from '@broadsheet/model';
import { z } from 'zod';
import { PageQuery } from '../http/page-query.js';

/** Query of GET /v1/articles. Also the source of the OpenAPI parameters. */
export const ArticleListQuery = z.object({
  q: z.string().max(500).optional().meta({
    description:
      'Full-text search over headline, standfirst, highlights and body; every word must match (as a prefix from two characters on; repeated words count once; the first 16 distinct words are used).',
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
  author: z
    .string()
    .max(200)
    .optional()
    .meta({
      description: 'Only articles by this author (the whole name, case-insensitive).',
      examples: ['Jane Doe'],
    }),
  language: LanguageTag.optional().meta({
    description:
      'Only articles in this language: a BCP 47 range, so `en` matches `en` and `en-GB` (RFC 4647 basic filtering).',
    examples: ['en'],
  }),
  from: IsoDate.optional().meta({
    description: 'Published on or after this date (YYYY-MM-DD; publishedAt, else updatedAt).',
    examples: ['2024-01-01'],
  }),
  to: IsoDate.optional().meta({
    description: 'Published on or before this date (YYYY-MM-DD).',
    examples: ['2024-01-31'],
  }),
  limit: PageQuery.shape.limit,
  // Shorter than other lists' cursors: an article cursor holds one date and one row number.
  cursor: z.string().max(200).optional().meta({
    description: 'Opaque cursor from the previous page (`nextCursor` or `Link: rel="next"`).',
  }),
  fields: z
    .string()
    .max(1000)
    .optional()
    .meta({
      description:
        'Comma-separated top-level Article fields (and `wordCount`, `readingTimeMinutes`, `modifiedAt`, `links`): each item then holds exactly those, as the article has them (`authors` as objects). An unknown name is a 400 naming it.',
      examples: ['slug,headline,publishedAt'],
    }),
  include: z
    .string()
    .max(100)
    .optional()
    .meta({
      description:
        'Comma-separated: `body` (the blocks) and/or `bodyHtml` (the body as an escaped HTML fragment). Lists leave the body out otherwise.',
      examples: ['bodyHtml'],
    }),
});
export type ArticleListQuery = z.infer<typeof ArticleListQuery>;

/** Query of GET /v1/articles/{slug} (the JSON representation only). */
export const ArticleReadQuery = ArticleListQuery.pick({ fields: true, include: true });
export type ArticleReadQuery = z.infer<typeof ArticleReadQuery>;

/** Query of GET /v1/tags, /v1/authors and /v1/sections. */
export const FacetListQuery = ArticleListQuery.pick({ limit: true, cursor: true });
export type FacetListQuery = z.infer<typeof FacetListQuery>;

/** One tag, author or section with its article count. */
export const Facet = z.object({
  name: z.string().meta({
    description:
      'As articles write it; when they differ only in case, the spelling that sorts first byte-wise.',
  }),
  count: z.int().meta({ description: 'How many articles carry it.' }),
  links: z.object({
    articles: z.string().meta({ description: 'The filtered article list.' }),
  }),
});
export type Facet = z.infer<typeof Facet>;

export const FacetList = z.object({
  items: z.array(Facet).meta({ description: 'Most articles first, then by name (case-folded).' }),
  total: z.int().meta({ description: 'How many there are in all, on every page.' }),
  nextCursor: z.string().optional(),
});
export type FacetList = z.infer<typeof FacetList>;

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
  body: z.array(Block).optional().meta({ description: 'With `include=body`.' }),
  bodyHtml: z
    .string()
    .optional()
    .meta({ description: 'With `include=bodyHtml`: the body as an escaped HTML fragment.' }),
});
export type ArticleSummary = z.infer<typeof ArticleSummary>;

export const ArticleList = z.object({
  items: z.array(
    z.union([
      ArticleSummary,
      z.record(z.string(), z.unknown()).meta({
        description:
          'With `fields`: exactly the fields named, as the article has them (and `snippet` for `q`, `body`/`bodyHtml` with `include`).',
      }),
    ]),
  ),
  total: z.int().meta({ description: 'How many articles match in all, on every page.' }),
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
