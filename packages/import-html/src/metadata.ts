import { type Author, normalizeDate, normalizeLanguage, parseAuthorNames } from '@broadsheet/model';
import { findJsonLdArticle, type JsonLdArticle } from './json-ld.js';
import { MetaTags } from './meta-tags.js';
import { cleanText } from './text.js';
import { isTrackerUrl, resolveHttpUrl } from './urls.js';

export interface PageAuthor {
  name: string;
  role?: Author['role'];
  url?: string;
  affiliation?: string;
}

export interface PageImage {
  src: string;
  alt: string;
  caption?: string;
  credit?: string;
  width?: number;
  height?: number;
}

/** What the page says about the article, before the body is extracted. */
export interface PageMetadata {
  headline?: string;
  kicker?: string;
  standfirst?: string;
  section?: string;
  authors: PageAuthor[];
  publishedAt?: string;
  updatedAt?: string;
  language?: string;
  publisher?: { name: string; url?: string; logo?: string };
  canonicalUrl?: string;
  tags: string[];
  image?: PageImage;
  /** The page declares itself an article (JSON-LD article type or og:type article). */
  declaresArticle: boolean;
}

const KICKER_CLASS =
  /(?:^|[-_])(?:kicker|eyebrow|overline|supertitle|pretitle|topper|rubric|flag)(?:[-_]|$)/i;
const DEK_CLASS =
  /(?:^|[-_])(?:standfirst|dek|deck|subtitle|subheadline|subhead|sub-headline|strapline|summary|description|excerpt)(?:[-_]|$)/i;
const SITE_CHROME = 'nav, [role="banner"], .site-header, #masthead, .site-branding';
const BODY_SELECTOR =
  '[itemprop="articleBody"], [class*="article-body" i], [class*="story-body" i], [class*="entry-content" i], [class*="article__body" i]';
const UPDATED = /updat|modif|revis|aktualisiert|mis à jour|actualizado/i;

function hasClass(el: Element, pattern: RegExp): boolean {
  return Array.from(el.classList).some((c) => pattern.test(c));
}

function precedes(a: Node, b: Node): boolean {
  return (a.compareDocumentPosition(b) & 4) !== 0; // Node.DOCUMENT_POSITION_FOLLOWING
}

/** The element holding the story: <article>, the articleBody's ancestor, <main>, or <body>. */
function articleRoot(doc: Document): Element | null {
  return (
    doc.querySelector('article') ??
    doc.querySelector('[itemprop="articleBody"]')?.parentElement ??
    doc.querySelector('main') ??
    doc.body
  );
}

const headlineKey = (s: string | undefined) =>
  cleanText(s)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * The <h1> that is the story's headline. Many themes put the site name in an <h1> too
 * (WordPress's site-title), so an <h1> that echoes the declared title wins, then the first
 * one that is not the site's name.
 */
function visibleHeadline(
  doc: Document,
  root: Element | null,
  declared: (string | undefined)[],
  siteName: string | undefined,
): Element | undefined {
  const h1s = [
    ...Array.from(root?.querySelectorAll('h1') ?? []),
    ...Array.from(doc.querySelectorAll('h1')),
  ].filter((h) => cleanText(h.textContent) !== '');
  const titles = declared.map(headlineKey).filter((t) => t.length >= 8);
  const site = headlineKey(siteName);
  // "Headline | Site" contains the site-name <h1> too: the echo must be most of the title.
  const echoes = h1s.find((h) => {
    const key = headlineKey(h.textContent ?? '');
    return (
      key.length >= 8 &&
      key !== site &&
      titles.some((t) => (t.includes(key) && key.length * 2 >= t.length) || key.includes(t))
    );
  });
  if (echoes) return echoes;
  return h1s.find(
    (h) => headlineKey(h.textContent ?? '') !== site && !h.closest(`${SITE_CHROME}, .site-title`),
  );
}

function findKicker(doc: Document, h1: Element | undefined): string | undefined {
  for (const el of Array.from(doc.body?.querySelectorAll('[class]') ?? [])) {
    if (
      !hasClass(el, KICKER_CLASS) ||
      el.closest(SITE_CHROME) ||
      (h1 && (!precedes(el, h1) || el.contains(h1)))
    )
      continue;
    const t = cleanText(el.textContent);
    if (t.length > 0 && t.length <= 80) return t;
  }
  return undefined;
}

function findDek(doc: Document, h1: Element | undefined): string | undefined {
  for (const el of Array.from(
    doc.body?.querySelectorAll('[class], [itemprop="description"]') ?? [],
  )) {
    const marked = el.getAttribute('itemprop') === 'description' || hasClass(el, DEK_CLASS);
    if (!marked || el.closest(BODY_SELECTOR) || el.closest(SITE_CHROME) || el.tagName === 'META')
      continue;
    if (h1 && (precedes(el, h1) || el.contains(h1))) continue;
    const t = cleanText(el.textContent);
    if (t.length >= 20 && t.length <= 600) return t;
  }
  return undefined;
}

function visibleDates(root: Element | null): { published?: string; updated?: string } {
  const out: { published?: string; updated?: string } = {};
  for (const el of Array.from(
    root?.querySelectorAll('time, [itemprop="datePublished"], [itemprop="dateModified"]') ?? [],
  )) {
    const raw =
      el.getAttribute('datetime') ??
      el.getAttribute('content') ??
      cleanText(el.textContent).replace(/^(published|updated|posted|last updated|on)\s*:?\s*/i, '');
    const date = normalizeDate(raw);
    if (!date) continue;
    const hint = `${el.getAttribute('itemprop') ?? ''} ${el.className} ${cleanText(el.parentElement?.textContent).slice(0, 40)}`;
    const isUpdate =
      el.getAttribute('itemprop') === 'dateModified' ||
      (el.getAttribute('itemprop') !== 'datePublished' && UPDATED.test(hint));
    if (isUpdate) out.updated ??= date;
    else out.published ??= date;
  }
  return out;
}

function jsonLdAuthors(ld: JsonLdArticle | undefined, base: string | undefined): PageAuthor[] {
  if (!ld) return [];
  const people = ld.author.length > 0 ? ld.author : ld.creator;
  return people.flatMap((p) => {
    // Some CMSs write "By Jane Doe" into the JSON-LD name.
    const name = cleanText(p.name).replace(/^by\s+/i, '');
    if (!name) return [];
    const url = resolveHttpUrl(p.url, base);
    return [url ? { name, url } : { name }];
  });
}

function metaAuthors(meta: MetaTags): PageAuthor[] {
  const out: PageAuthor[] = [];
  // article:author is often a profile URL; a URL is not a name.
  for (const value of meta.all(
    'author',
    'article:author',
    'byl',
    'parsely-author',
    'sailthru.author',
    'dc.creator',
  )) {
    if (resolveHttpUrl(value, undefined)) continue;
    out.push(...parseAuthorNames(value));
  }
  return out;
}

function visibleAuthors(root: Element | null, base: string | undefined): PageAuthor[] {
  const links = Array.from(root?.querySelectorAll('[rel="author"], [itemprop="author"]') ?? []);
  const out: PageAuthor[] = [];
  for (const el of links) {
    const nameEl = el.querySelector('[itemprop="name"]') ?? el;
    const name = cleanText(nameEl.getAttribute('content') ?? nameEl.textContent);
    if (!name || name.length > 80) continue;
    const href = el.getAttribute('href') ?? el.querySelector('a[href]')?.getAttribute('href');
    const url = resolveHttpUrl(href, base);
    for (const person of parseAuthorNames(name)) out.push(url ? { ...person, url } : person);
  }
  return out;
}

function dedupeAuthors(list: PageAuthor[]): PageAuthor[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const key = a.name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function collectTags(meta: MetaTags, ld: JsonLdArticle | undefined): string[] {
  const raw = [
    ...(ld?.keywords ?? []),
    ...meta
      .all('article:tag', 'keywords', 'news_keywords', 'parsely-tags')
      .flatMap((v) => v.split(',')),
  ];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of raw) {
    const tag = cleanText(t);
    // Machine tags ("type:news", "id:123") are CMS plumbing, not topics.
    if (!tag || tag.length > 200 || /^[a-z_]+:\S/.test(tag)) continue;
    const key = tag.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out.slice(0, 100);
}

function leadImage(
  meta: MetaTags,
  ld: JsonLdArticle | undefined,
  base: string | undefined,
): PageImage | undefined {
  const ldImage = ld?.image[0];
  const ldUrl =
    ldImage && ('contentUrl' in ldImage ? (ldImage.contentUrl ?? ldImage.url) : ldImage.url);
  const src =
    resolveHttpUrl(meta.first('og:image:secure_url', 'og:image:url', 'og:image'), base) ??
    resolveHttpUrl(ldUrl, base) ??
    resolveHttpUrl(meta.first('twitter:image', 'twitter:image:src'), base);
  if (!src || isTrackerUrl(src)) return undefined;
  const image: PageImage = { src, alt: cleanText(meta.first('og:image:alt', 'twitter:image:alt')) };
  if (ldImage && ldUrl && resolveHttpUrl(ldUrl, base) === src) {
    if (ldImage.caption) image.caption = cleanText(ldImage.caption);
    const holder =
      'creditText' in ldImage
        ? (ldImage.creditText ?? ldImage.copyrightHolder?.[0]?.name ?? ldImage.author?.[0]?.name)
        : undefined;
    if (holder) image.credit = cleanText(holder);
  }
  return image;
}

function canonical(
  doc: Document,
  meta: MetaTags,
  ld: JsonLdArticle | undefined,
  base: string | undefined,
): string | undefined {
  const mainEntity = ld?.mainEntityOfPage;
  const ldUrl =
    typeof mainEntity === 'string' ? mainEntity : (mainEntity?.['@id'] ?? mainEntity?.url);
  return (
    resolveHttpUrl(doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href'), base) ??
    resolveHttpUrl(meta.first('og:url'), base) ??
    resolveHttpUrl(ldUrl, base) ??
    resolveHttpUrl(ld?.url, base)
  );
}

function language(
  doc: Document,
  meta: MetaTags,
  ld: JsonLdArticle | undefined,
): string | undefined {
  const ldLang =
    typeof ld?.inLanguage === 'string'
      ? ld.inLanguage
      : (ld?.inLanguage?.alternateName ?? ld?.inLanguage?.name);
  const candidates = [
    doc.documentElement.getAttribute('lang'),
    doc.documentElement.getAttribute('xml:lang'),
    doc.body?.getAttribute('lang'),
    meta.first('og:locale'),
    meta.first('content-language'),
    meta.first('language', 'dc.language', 'dcterms.language'),
    ldLang,
  ];
  for (const c of candidates) {
    const tag = normalizeLanguage(c);
    if (tag) return tag;
  }
  return undefined;
}

/** "Headline | Site" or "Headline :: Site": the part after the headline, when short. */
function siteNameFromTitle(title: string, headline: string): string {
  const t = cleanText(title);
  if (!headline || !t.startsWith(headline)) return '';
  const rest = t.slice(headline.length).replace(/^\s*(?:[|:·•»–—-]+)\s*/, '');
  return rest !== t.slice(headline.length) && rest.length > 0 && rest.length <= 60 ? rest : '';
}

/** Reads the metadata the page declares and shows, before anything is removed from it. */
export function extractMetadata(doc: Document, base: string | undefined): PageMetadata {
  const meta = new MetaTags(doc);
  const ld = findJsonLdArticle(doc);
  const root = articleRoot(doc);
  const siteName = ld?.publisher[0]?.name ?? meta.first('og:site_name', 'application-name');
  const h1 = visibleHeadline(
    doc,
    root,
    [ld?.headline, ld?.name, meta.first('og:title', 'twitter:title'), doc.title],
    siteName,
  );
  const seen = visibleDates(root);

  const headline =
    cleanText(h1?.textContent) ||
    cleanText(ld?.headline ?? ld?.name) ||
    cleanText(meta.first('og:title', 'twitter:title')) ||
    cleanText(doc.title);
  const standfirst =
    findDek(doc, h1) ??
    cleanText(
      ld?.description ?? meta.first('og:description', 'description', 'twitter:description'),
    );
  const section = cleanText(
    ld?.articleSection ?? meta.first('article:section', 'section', 'parsely-section', 'category'),
  );

  const out: PageMetadata = {
    authors: dedupeAuthors([
      ...(jsonLdAuthors(ld, base).length > 0
        ? jsonLdAuthors(ld, base)
        : metaAuthors(meta).length > 0
          ? metaAuthors(meta)
          : visibleAuthors(root, base)),
    ]),
    tags: collectTags(meta, ld),
    declaresArticle: ld !== undefined || /article/i.test(meta.first('og:type') ?? ''),
  };
  if (headline) out.headline = headline;
  const kicker = findKicker(doc, h1);
  if (kicker) out.kicker = kicker;
  if (standfirst) out.standfirst = standfirst;
  if (section) out.section = section;

  const published =
    normalizeDate(ld?.datePublished ?? ld?.dateCreated) ??
    normalizeDate(meta.first('article:published_time', 'og:published_time', 'published_time')) ??
    normalizeDate(
      meta.first(
        'pubdate',
        'publishdate',
        'publish-date',
        'date',
        'dc.date',
        'dc.date.issued',
        'dcterms.created',
        'sailthru.date',
        'parsely-pub-date',
        'datepublished',
      ),
    ) ??
    seen.published;
  const updated =
    normalizeDate(ld?.dateModified) ??
    normalizeDate(meta.first('article:modified_time', 'og:updated_time', 'modified_time')) ??
    normalizeDate(meta.first('last-modified', 'dcterms.modified', 'datemodified')) ??
    seen.updated;
  if (published) out.publishedAt = published;
  if (updated) out.updatedAt = updated;

  const lang = language(doc, meta, ld);
  if (lang) out.language = lang;

  const canonicalUrl = canonical(doc, meta, ld, base);
  if (canonicalUrl) out.canonicalUrl = canonicalUrl;

  const ldPublisher = ld?.publisher[0];
  const publisherName =
    cleanText(ldPublisher?.name ?? meta.first('og:site_name', 'application-name', 'publisher')) ||
    siteNameFromTitle(doc.title, headline);
  if (publisherName) {
    const publisher: NonNullable<PageMetadata['publisher']> = { name: publisherName };
    const pageUrl = canonicalUrl ?? base;
    const url =
      resolveHttpUrl(ldPublisher?.url, base) ??
      (pageUrl ? resolveHttpUrl('/', pageUrl) : undefined);
    if (url) publisher.url = url;
    const logo = ldPublisher?.logo;
    const logoUrl = resolveHttpUrl(typeof logo === 'string' ? logo : logo?.url, base);
    if (logoUrl) publisher.logo = logoUrl;
    out.publisher = publisher;
  }

  const image = leadImage(meta, ld, base);
  if (image) out.image = image;
  return out;
}
