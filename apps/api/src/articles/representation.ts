import type { Article } from '@broadsheet/model';
import { bodyHtmlFragment } from '@broadsheet/render/display';
import { articleDownloadPath, articlePath } from '../http/links.js';
import { badRequest } from '../http/problem.js';
import type { ArticleListItem, StoredArticle } from '../store/types.js';
import type { ArticleSummary } from './schemas.js';
import { toSummary } from './summary.js';
import { storedReadingTime, storedWordCount } from './word-count.js';

/** Every top-level field of an Article, in the model's order. */
export const ARTICLE_FIELDS = [
  'id',
  'slug',
  'headline',
  'kicker',
  'standfirst',
  'highlights',
  'authors',
  'dateline',
  'publishedAt',
  'updatedAt',
  'language',
  'section',
  'tags',
  'publisher',
  'source',
  'image',
  'body',
] as const satisfies readonly (keyof Article)[];
// Fails to compile when the model gains a field this list does not name.
type Unlisted = Exclude<keyof Article, (typeof ARTICLE_FIELDS)[number]>;
const everyFieldListed: Unlisted extends never ? true : Unlisted = true;
void everyFieldListed;

/** Values the server derives, selectable beside the article's own fields. */
export const DERIVED_FIELDS = ['wordCount', 'readingTimeMinutes', 'modifiedAt', 'links'] as const;

export const SELECTABLE_FIELDS: readonly string[] = [...ARTICLE_FIELDS, ...DERIVED_FIELDS];
export const INCLUDABLE = ['body', 'bodyHtml'] as const;
type Includable = (typeof INCLUDABLE)[number];

/** What `fields=` and `include=` asked for; both absent means the default representation. */
export interface Representation {
  fields?: readonly string[];
  include: ReadonlySet<Includable>;
}

function names(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    ),
  ];
}

/** Parses `fields` and `include`; a name the server does not know is a 400 naming it. */
export function parseRepresentation(fields: string | undefined, include: string | undefined) {
  const representation: { fields?: string[]; include: Set<Includable> } = { include: new Set() };
  if (fields !== undefined) {
    const wanted = names(fields);
    const unknown = wanted.filter((f) => !SELECTABLE_FIELDS.includes(f));
    if (wanted.length === 0 || unknown.length > 0) {
      const message =
        wanted.length === 0
          ? 'must name at least one field'
          : `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((f) => JSON.stringify(f.slice(0, 60))).join(', ')}; known: ${SELECTABLE_FIELDS.join(', ')}`;
      throw badRequest(`query.fields: ${message}`, [{ path: 'query.fields', message }]);
    }
    representation.fields = wanted;
  }
  if (include !== undefined) {
    for (const name of names(include)) {
      if (!(INCLUDABLE as readonly string[]).includes(name)) {
        const message = `cannot include ${JSON.stringify(name.slice(0, 60))}; includable: ${INCLUDABLE.join(', ')}`;
        throw badRequest(`query.include: ${message}`, [{ path: 'query.include', message }]);
      }
      representation.include.add(name as Includable);
    }
  }
  return representation as Representation;
}

export const isDefault = (r: Representation) => r.fields === undefined && r.include.size === 0;

/** A short, stable name of a non-default representation, for its ETag. */
export function representationTag(r: Representation): string {
  return [...(r.fields ?? ['*']), '+', ...[...r.include].sort()].join(',');
}

const bodyHtmlCache = new Map<string, string>();

/** The body as HTML, rendered once per stored version (bounded, cleared when full). */
function storedBodyHtml(stored: StoredArticle): string {
  let html = bodyHtmlCache.get(stored.contentHash);
  if (html === undefined) {
    html = bodyHtmlFragment(stored.article.body);
    if (bodyHtmlCache.size >= 2_000) bodyHtmlCache.clear();
    bodyHtmlCache.set(stored.contentHash, html);
  }
  return html;
}

function derived(stored: StoredArticle, field: (typeof DERIVED_FIELDS)[number]): unknown {
  const slug = stored.article.slug;
  switch (field) {
    case 'wordCount':
      return storedWordCount(stored);
    case 'readingTimeMinutes':
      return storedReadingTime(stored);
    case 'modifiedAt':
      return stored.modifiedAt;
    case 'links':
      return {
        self: articlePath(slug),
        epub: articleDownloadPath(slug, 'epub'),
        pdf: articleDownloadPath(slug, 'pdf'),
      };
  }
}

/** Exactly the named fields (absent optional ones left out), in the order asked. */
function pick(stored: StoredArticle, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const article = stored.article as Record<string, unknown>;
  for (const field of fields) {
    const value = (DERIVED_FIELDS as readonly string[]).includes(field)
      ? derived(stored, field as (typeof DERIVED_FIELDS)[number])
      : article[field];
    if (value !== undefined) out[field] = value;
  }
  return out;
}

function withIncludes(
  out: Record<string, unknown>,
  stored: StoredArticle,
  r: Representation,
): Record<string, unknown> {
  if (r.include.has('body')) out.body = stored.article.body;
  if (r.include.has('bodyHtml')) out.bodyHtml = storedBodyHtml(stored);
  return out;
}

/** A list item: the summary, or the fields asked for; then what `include` adds. */
export function listItem(
  item: ArticleListItem,
  r: Representation,
): ArticleSummary | Record<string, unknown> {
  if (isDefault(r)) return toSummary(item);
  const base: Record<string, unknown> =
    r.fields === undefined ? { ...toSummary(item) } : pick(item, r.fields);
  if (r.fields !== undefined && item.snippet !== undefined) base.snippet = item.snippet;
  return withIncludes(base, item, r);
}

/** A single article read: the whole article, or the fields asked for; then what `include` adds. */
export function articleRepresentation(
  stored: StoredArticle,
  r: Representation,
): Record<string, unknown> {
  const base =
    r.fields === undefined
      ? { ...(stored.article as Record<string, unknown>) }
      : pick(stored, r.fields);
  return withIncludes(base, stored, r);
}
