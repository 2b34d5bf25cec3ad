/** The `<head>` of a reader page: title, canonical link, social cards and JSON-LD. */

export interface MetaTag {
  /** OpenGraph uses `property`, Twitter cards and plain HTML use `name`. */
  attr: 'name' | 'property';
  key: string;
  value: string;
}

export interface PageHead {
  title: string;
  description?: string | undefined;
  /** Absolute URL. */
  canonical: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  meta: MetaTag[];
  /** Already serialised by `jsonForScript`; the only unescaped value a template prints. */
  jsonLd?: string | undefined;
}

/**
 * JSON safe to place inside `<script type="application/ld+json">`: `<`, `>` and `&` become
 * `\u003c`, `\u003e`, `\u0026` (so `</script>` or `<!--` in any field cannot end the block), and
 * U+2028/U+2029 are escaped for old parsers. The result is still the same JSON value.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export interface SocialCard {
  siteName: string;
  type: 'website' | 'article' | 'book';
  title: string;
  description?: string | undefined;
  url: string;
  /** BCP 47 tag; OpenGraph wants `en_GB` style locales. */
  language: string;
  image?: { url: string; alt: string } | undefined;
  publishedTime?: string | undefined;
  modifiedTime?: string | undefined;
  section?: string | undefined;
  tags?: readonly string[];
}

/** OpenGraph and Twitter card tags for one page. */
export function socialMeta(card: SocialCard): MetaTag[] {
  const og = (key: string, value: string): MetaTag => ({ attr: 'property', key, value });
  const tw = (key: string, value: string): MetaTag => ({ attr: 'name', key, value });
  const tags: MetaTag[] = [
    og('og:site_name', card.siteName),
    og('og:type', card.type),
    og('og:title', card.title),
    og('og:url', card.url),
    og('og:locale', card.language.replace('-', '_')),
  ];
  if (card.description) tags.push(og('og:description', card.description));
  if (card.image) tags.push(og('og:image', card.image.url), og('og:image:alt', card.image.alt));
  if (card.type === 'article') {
    if (card.publishedTime) tags.push(og('article:published_time', card.publishedTime));
    if (card.modifiedTime) tags.push(og('article:modified_time', card.modifiedTime));
    if (card.section) tags.push(og('article:section', card.section));
    for (const t of card.tags ?? []) tags.push(og('article:tag', t));
  }
  tags.push(
    tw('twitter:card', card.image ? 'summary_large_image' : 'summary'),
    tw('twitter:title', card.title),
  );
  if (card.description) tags.push(tw('twitter:description', card.description));
  if (card.image)
    tags.push(tw('twitter:image', card.image.url), tw('twitter:image:alt', card.image.alt));
  return tags;
}
