import * as z from 'zod';

// schema.org types that describe the article itself (not the page, the site or a breadcrumb).
const ARTICLE_TYPES = new Set([
  'Article',
  'NewsArticle',
  'ReportageNewsArticle',
  'AnalysisNewsArticle',
  'OpinionNewsArticle',
  'BackgroundNewsArticle',
  'ReviewNewsArticle',
  'AskPublicNewsArticle',
  'LiveBlogPosting',
  'BlogPosting',
  'SocialMediaPosting',
  'Report',
  'ScholarlyArticle',
  'TechArticle',
]);

/** A schema.org value is a string or a list of them; other shapes are ignored. */
const Str = z
  .preprocess(
    (v) => (Array.isArray(v) ? v.find((x) => typeof x === 'string') : v),
    z.string().optional(),
  )
  .catch(undefined);
const StrList = z
  .preprocess(
    (v: unknown): unknown[] => (Array.isArray(v) ? (v as unknown[]) : v === undefined ? [] : [v]),
    z.array(z.unknown()),
  )
  .transform((vs) => vs.filter((v): v is string => typeof v === 'string'))
  .catch([]);

const Thing = z.looseObject({
  '@type': z
    .union([z.string(), z.array(z.string())])
    .optional()
    .catch(undefined),
  name: Str,
  url: Str,
});

const Person = z.union([
  z.string().transform((name) => ({ name, url: undefined as string | undefined })),
  Thing,
]);
const many = <T extends z.ZodType>(item: T) =>
  z
    .preprocess(
      (v: unknown): unknown[] =>
        Array.isArray(v) ? (v as unknown[]) : v === undefined || v === null ? [] : [v],
      z.array(z.unknown()),
    )
    .transform((vs): z.output<T>[] =>
      vs.flatMap((v) => {
        const r = item.safeParse(v);
        return r.success ? [r.data] : [];
      }),
    )
    .catch([]);

const ImageObject = z.union([
  z.string().transform((url) => ({
    url,
    caption: undefined,
    creditText: undefined,
    copyrightHolder: undefined,
    author: undefined,
  })),
  z.looseObject({
    url: Str,
    contentUrl: Str,
    caption: Str,
    creditText: Str,
    copyrightHolder: many(Person),
    author: many(Person),
  }),
]);

const Publisher = z.looseObject({
  name: Str,
  url: Str,
  logo: z
    .union([z.string(), z.looseObject({ url: Str })])
    .optional()
    .catch(undefined),
});

export const JsonLdArticle = z.looseObject({
  '@type': z
    .union([z.string(), z.array(z.string())])
    .optional()
    .catch(undefined),
  headline: Str,
  name: Str,
  alternativeHeadline: Str,
  description: Str,
  datePublished: Str,
  dateCreated: Str,
  dateModified: Str,
  inLanguage: z
    .union([z.string(), z.looseObject({ alternateName: Str, name: Str })])
    .optional()
    .catch(undefined),
  author: many(Person),
  creator: many(Person),
  publisher: many(Publisher),
  articleSection: Str,
  keywords: z
    .union([z.string().transform((s) => s.split(',')), StrList])
    .optional()
    .catch(undefined),
  image: many(ImageObject),
  url: Str,
  mainEntityOfPage: z
    .union([z.string(), z.looseObject({ '@id': Str, url: Str })])
    .optional()
    .catch(undefined),
});
export type JsonLdArticle = z.infer<typeof JsonLdArticle>;

function typesOf(node: Record<string, unknown>): string[] {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list
    .filter((x): x is string => typeof x === 'string')
    .map((x) => x.replace(/^(https?:\/\/)?schema\.org\//, ''));
}

function* walk(value: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) yield* walk(v, depth + 1);
    return;
  }
  const node = value as Record<string, unknown>;
  yield node;
  if ('@graph' in node) yield* walk(node['@graph'], depth + 1);
  // WebPage.mainEntity often holds the article.
  if ('mainEntity' in node) yield* walk(node.mainEntity, depth + 1);
}

/** The first article-like node in the page's JSON-LD blocks, or undefined. Broken JSON is skipped. */
export function findJsonLdArticle(doc: Document): JsonLdArticle | undefined {
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json" i]'))) {
    let data: unknown;
    try {
      // CMSs wrap JSON-LD in CDATA markers or HTML comments now and then.
      data = JSON.parse(
        (script.textContent ?? '').replace(/^\s*(<!\[CDATA\[|<!--)|(\]\]>|-->)\s*$/g, ''),
      );
    } catch {
      continue;
    }
    for (const node of walk(data)) {
      if (typesOf(node).some((t) => ARTICLE_TYPES.has(t))) {
        const parsed = JsonLdArticle.safeParse(node);
        if (parsed.success) return parsed.data;
      }
    }
  }
  return undefined;
}

/** True when the JSON-LD article is a live blog (its updates are the body). */
export function isLiveBlog(article: JsonLdArticle | undefined): boolean {
  return article !== undefined && typesOf(article).includes('LiveBlogPosting');
}

/** The article's own address as its JSON-LD gives it (mainEntityOfPage, then url), if absolute. */
export function jsonLdUrl(article: JsonLdArticle | undefined): string | undefined {
  const main = article?.mainEntityOfPage;
  const candidates = [typeof main === 'string' ? main : (main?.['@id'] ?? main?.url), article?.url];
  for (const c of candidates) {
    if (!c) continue;
    try {
      const url = new URL(c);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    } catch {
      // not absolute: try the next one
    }
  }
  return undefined;
}
