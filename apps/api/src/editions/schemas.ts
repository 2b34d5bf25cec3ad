import { IsoDate, LanguageTag, LIMITS, normalizeText, Slug } from '@broadsheet/model';
import { z } from 'zod';
import { PageQuery } from '../http/page-query.js';

/** Body of POST /v1/editions: a curated edition. */
export const CuratedEditionRequest = z.object({
  // Normalised as the model stores every string (controls dropped, white space folded, NFC):
  // the title goes into Atom and OPDS XML, where a control character makes the feed malformed.
  title: z
    .string()
    .overwrite(normalizeText)
    .min(1, { error: 'must not be empty' })
    .max(LIMITS.headlineChars),
  date: IsoDate,
  slugs: z
    .array(Slug)
    .min(1, { error: 'an edition needs at least one article' })
    .max(LIMITS.editionArticles)
    .refine((s) => new Set(s).size === s.length, { error: 'must not list an article twice' })
    .meta({ description: 'Article slugs in reading order.' }),
  language: LanguageTag.optional().meta({
    description: 'BCP 47; the most common language of the articles when absent.',
  }),
  description: z.string().overwrite(normalizeText).max(LIMITS.summaryChars).optional(),
});
export type CuratedEditionRequest = z.infer<typeof CuratedEditionRequest>;

export const EditionSummary = z.object({
  id: z.string(),
  kind: z.enum(['daily', 'curated']),
  title: z.string(),
  date: z.string(),
  articleCount: z.int(),
  links: z.object({ self: z.string(), epub: z.string(), pdf: z.string() }),
});
export type EditionSummary = z.infer<typeof EditionSummary>;

export const EditionList = z.object({
  items: z.array(EditionSummary),
  total: z.int().meta({ description: 'Editions in the whole list, on every page.' }),
  nextCursor: z.string().optional().meta({ description: 'Present when more editions follow.' }),
});
export type EditionList = z.infer<typeof EditionList>;

export const DAILY_ID = /^\d{4}-\d{2}-\d{2}$/;

/** Query of GET /v1/editions. */
export const EditionListQuery = PageQuery;
export type EditionListQuery = PageQuery;

/**
 * Body of PATCH /v1/editions/{id}: a JSON Merge Patch (RFC 7396) of the curated edition's
 * fields; `null` removes `language` or `description`. The result is validated as a whole.
 */
export const CuratedEditionPatch = z
  .object({
    title: z.string(),
    date: z.string(),
    slugs: z.array(z.string()),
    language: z.string().nullable(),
    description: z.string().nullable(),
  })
  .partial()
  .meta({ description: 'Fields to change; `null` removes language or description.' });
