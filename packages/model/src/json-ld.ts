import { bodyText, countWords } from './derived.js';
import { isWebUrl } from './media-type.js';
import type { Article, Author } from './schema.js';

/** A JSON-LD object: plain JSON values only. */
export type JsonLd = { [key: string]: JsonLdValue };
type JsonLdValue = string | number | boolean | JsonLd | JsonLdValue[];

export interface JsonLdOptions {
  /** The canonical URL where the article is shown (e.g. the reader page); defaults to the source URL. */
  url?: string;
  /**
   * Maps an image source to a public URL (e.g. a relative path or data: URI to where a server
   * serves it). Without it only absolute http(s) sources are listed.
   */
  resolveImage?: (src: string) => string | undefined;
}

function person(author: Author): JsonLd {
  const p: JsonLd = { '@type': 'Person', name: author.name };
  if (author.url !== undefined) p.url = author.url;
  if (author.affiliation !== undefined)
    p.affiliation = { '@type': 'Organization', name: author.affiliation };
  if (author.role !== 'author') p.jobTitle = author.role;
  return p;
}

// schema.org has dedicated properties for these roles; everyone else is an author.
const ROLE_PROPERTY: Partial<Record<Author['role'], string>> = {
  editor: 'editor',
  photographer: 'contributor',
  illustrator: 'illustrator',
  translator: 'translator',
  contributor: 'contributor',
};

/**
 * The article as a schema.org NewsArticle (JSON-LD) with the properties Google recommends.
 * Dates are passed through as stored: a date-only value stays a date, never given an invented
 * time zone. Images are listed only when their source is an absolute http(s) URL.
 */
export function toJsonLd(article: Article, options: JsonLdOptions = {}): JsonLd {
  const doc: JsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    identifier: article.id,
    headline: article.headline,
    inLanguage: article.language,
  };
  const url = options.url ?? article.source?.url;
  if (url !== undefined) {
    doc.url = url;
    doc.mainEntityOfPage = { '@type': 'WebPage', '@id': url };
  }
  if (article.kicker) doc.alternativeHeadline = article.kicker;
  const description = article.standfirst || article.highlights.join(' ');
  if (description) doc.description = description;
  const src = article.image?.src;
  const imageUrl =
    src === undefined
      ? undefined
      : options.resolveImage
        ? options.resolveImage(src)
        : isWebUrl(src)
          ? src
          : undefined;
  if (article.image && imageUrl !== undefined) {
    const image: JsonLd = { '@type': 'ImageObject', url: imageUrl, contentUrl: imageUrl };
    if (article.image.caption) image.caption = article.image.caption;
    if (article.image.credit) image.creditText = article.image.credit;
    if (article.image.width) image.width = article.image.width;
    if (article.image.height) image.height = article.image.height;
    doc.image = [image];
  }
  if (article.publishedAt !== undefined) doc.datePublished = article.publishedAt;
  if (article.updatedAt !== undefined) doc.dateModified = article.updatedAt;
  const byProperty = new Map<string, JsonLd[]>();
  for (const author of article.authors) {
    const property = ROLE_PROPERTY[author.role] ?? 'author';
    byProperty.set(property, [...(byProperty.get(property) ?? []), person(author)]);
  }
  for (const [property, people] of byProperty) doc[property] = people;
  if (article.publisher) {
    const publisher: JsonLd = { '@type': 'Organization', name: article.publisher.name };
    if (article.publisher.url !== undefined) publisher.url = article.publisher.url;
    if (article.publisher.logo !== undefined && isWebUrl(article.publisher.logo)) {
      publisher.logo = { '@type': 'ImageObject', url: article.publisher.logo };
    }
    doc.publisher = publisher;
  }
  if (article.dateline) {
    doc.dateline = article.dateline.agency
      ? `${article.dateline.place} (${article.dateline.agency})`
      : article.dateline.place;
  }
  if (article.section) doc.articleSection = article.section;
  if (article.tags.length > 0) doc.keywords = [...article.tags];
  if (article.source?.url !== undefined && article.source.url !== url)
    doc.isBasedOn = article.source.url;
  doc.articleBody = bodyText(article);
  doc.wordCount = countWords(doc.articleBody, article.language);
  return doc;
}

/**
 * The JSON-LD as text safe to place inside `<script type="application/ld+json">`: `<` is
 * escaped so that a headline containing `</script>` cannot end the element.
 */
export function jsonLdScriptText(doc: JsonLd): string {
  return JSON.stringify(doc)
    .replace(/</gu, '\\u003c')
    .replace(/\u2028/gu, '\\u2028')
    .replace(/\u2029/gu, '\\u2029');
}
