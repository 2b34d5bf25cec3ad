import {
  type Article,
  type ArticleInput,
  type Author,
  type DateInfo,
  detectLanguage,
  LIMITS,
  normalizeLanguage,
  parseArticle,
  parseAuthorNames,
  parseByline,
  parseDateLine,
  splitDateline,
  ValidationError,
} from '@broadsheet/model';
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { blockPlainText, htmlToBlocks } from './blocks.js';
import { parseHtml } from './dom.js';
import { figureImage } from './figure.js';
import { takeHighlights } from './highlights.js';
import { findJsonLdArticle, jsonLdUrl } from './json-ld.js';
import { extractMetadata, type PageImage, type PageMetadata } from './metadata.js';
import type { BlockInput, ImageInput } from './model-types.js';
import { prepareDocument } from './prepare.js';
import { clamp, cleanText, sameText } from './text.js';
import { resolveHttpUrl } from './urls.js';

export interface ImportHtmlOptions {
  /** Where the page was fetched from: relative links and images resolve against it. */
  url?: string;
  /** BCP 47 tag that overrides what the page declares. */
  language?: string;
}

const BOILERPLATE =
  /^(?:advertisement|advertising|skip advertisement|story continues below(?: advertisement)?|continue reading(?: the main story)?|read more|share this article|related articles?|listen to this article|sign up|subscribe|\d+ min read)$/i;
const DATE_LINE = /^(?:published|updated|posted|last updated|first published)\b/i;
const BYLINE_ROLE = { role: 'author' as const };

function noArticle(reason: string): ValidationError {
  return new ValidationError([{ path: '', message: `no article found: ${reason}` }], 'HTML page');
}

function checkOptions(options: ImportHtmlOptions): { url?: string; language?: string } {
  const out: { url?: string; language?: string } = {};
  if (options.url !== undefined) {
    const url = resolveHttpUrl(options.url, undefined);
    if (!url)
      throw new ValidationError(
        [{ path: 'url', message: 'must be an absolute http(s) URL' }],
        'import options',
      );
    out.url = url;
  }
  if (options.language !== undefined) {
    const language = normalizeLanguage(options.language);
    if (!language)
      throw new ValidationError(
        [{ path: 'language', message: 'must be a BCP 47 language tag such as "en" or "ur"' }],
        'import options',
      );
    out.language = language;
  }
  return out;
}

/** The address relative URLs resolve against: the fetch URL, else <base>, else an absolute canonical/og:url. */
function baseUrl(doc: Document, url: string | undefined): string | undefined {
  const baseHref = doc.querySelector('base[href]')?.getAttribute('href');
  if (url) return resolveHttpUrl(baseHref, url) ?? url;
  return (
    resolveHttpUrl(baseHref, undefined) ??
    resolveHttpUrl(
      doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href'),
      undefined,
    ) ??
    resolveHttpUrl(
      doc.querySelector('meta[property="og:url" i]')?.getAttribute('content'),
      undefined,
    ) ??
    jsonLdUrl(findJsonLdArticle(doc))
  );
}

function imageKey(src: string): string {
  try {
    const u = new URL(src);
    return `${u.hostname}${u.pathname}`.toLowerCase();
  } catch {
    return src;
  }
}

/** The figure in the page (header included) that shows the metadata's lead image, for its caption. */
function findLeadFigure(
  doc: Document,
  lead: PageImage | undefined,
  base: string | undefined,
): ImageInput | undefined {
  if (!lead) return undefined;
  for (const img of Array.from(doc.querySelectorAll('img[src]'))) {
    const src = img.getAttribute('src') ?? '';
    if (imageKey(src) !== imageKey(lead.src)) continue;
    return figureImage(img, base);
  }
  return undefined;
}

function linkDensity(content: Element): number {
  const all = cleanText(content.textContent).length;
  if (all === 0) return 1;
  const linked = Array.from(content.querySelectorAll('a')).reduce(
    (n, a) => n + cleanText(a.textContent).length,
    0,
  );
  return linked / all;
}

function proseChars(blocks: BlockInput[]): number {
  return blocks.reduce(
    (n, b) =>
      n +
      (b.type === 'paragraph' || b.type === 'quote' || b.type === 'list'
        ? blockPlainText(b).length
        : 0),
    0,
  );
}

/**
 * Removes what the page shows around the story that Readability keeps: repeated headline,
 * dek, kicker, byline, date lines, ad labels. The byline and date lines are read as the
 * plain-text importer reads them.
 */
function tidyBody(
  blocks: BlockInput[],
  meta: PageMetadata,
  headline: string,
): { body: BlockInput[]; bylineAuthors: Author[]; dates: DateInfo } {
  let bylineAuthors: Author[] = [];
  const dates: DateInfo = {};
  const body: BlockInput[] = [];
  // Counted as blocks are kept (not by filtering `body` per block, which made long pages quadratic).
  let textBlocksKept = 0;
  const keep = (block: BlockInput) => {
    body.push(block);
    if (block.type !== 'figure') textBlocksKept += 1;
  };
  blocks.forEach((block, index) => {
    const text = blockPlainText(block);
    if (block.type !== 'figure' && BOILERPLATE.test(text)) return;
    // Furniture sits before the story: only the first few blocks are looked at.
    const nearTop = index < 8 && textBlocksKept < 3;
    if (nearTop && block.type !== 'figure' && block.type !== 'list') {
      if (
        sameText(text, headline) ||
        sameText(text, meta.kicker) ||
        sameText(text, meta.standfirst)
      )
        return;
      const byline = block.type === 'paragraph' ? parseByline(text) : undefined;
      if (byline) {
        bylineAuthors = byline;
        return;
      }
      const dateLine = block.type === 'paragraph' ? parseDateLine(text) : undefined;
      if (dateLine) {
        if (dateLine.publishedAt) dates.publishedAt ??= dateLine.publishedAt;
        if (dateLine.updatedAt) dates.updatedAt ??= dateLine.updatedAt;
        return;
      }
      if (block.type === 'paragraph' && text.length <= 80 && DATE_LINE.test(text)) return;
    }
    keep(block);
  });
  return { body, bylineAuthors, dates };
}

function stripSiteName(title: string, site: string | undefined): string {
  if (!site) return title;
  const escaped = site.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return (
    title
      .replace(new RegExp(`\\s*[|\\-–—:·]\\s*${escaped}\\s*$`, 'i'), '')
      .replace(new RegExp(`^\\s*${escaped}\\s*[|\\-–—:·]\\s*`, 'i'), '') || title
  );
}

function mergeLead(
  fromMeta: PageImage | undefined,
  fromPage: ImageInput | undefined,
): ImageInput | undefined {
  if (!fromMeta && !fromPage) return undefined;
  const image: ImageInput = { ...fromMeta, ...fromPage, src: fromPage?.src ?? fromMeta?.src ?? '' };
  if (!image.alt && fromMeta?.alt) image.alt = fromMeta.alt;
  if (!image.caption && fromMeta?.caption) image.caption = fromMeta.caption;
  if (!image.credit && fromMeta?.credit) image.credit = fromMeta.credit;
  return image;
}

function clampImage(image: ImageInput): ImageInput {
  const out: ImageInput = { ...image, alt: clamp(image.alt ?? '', LIMITS.summaryChars) };
  if (image.caption) out.caption = clamp(image.caption, LIMITS.summaryChars);
  if (image.credit) out.credit = clamp(image.credit, LIMITS.labelChars);
  return out;
}

/**
 * Extracts the article from a whole web page (Mozilla Readability over jsdom) and maps it to a
 * valid model Article. Synchronous: jsdom parses in the calling thread, so a server should
 * call it off its event loop for large pages. Throws ValidationError ("no article found: …")
 * for pages that hold no article.
 */
export function importHtml(html: string, options: ImportHtmlOptions = {}): Article {
  const opts = checkOptions(options);
  if (cleanText(html) === '') throw noArticle('the page is empty');
  const doc = parseHtml(html, opts.url);
  const base = baseUrl(doc, opts.url);
  if (base && !doc.querySelector('base[href]')) {
    // Readability resolves links against document.baseURI.
    const baseEl = doc.createElement('base');
    baseEl.setAttribute('href', base);
    doc.head.prepend(baseEl);
  }

  const meta = extractMetadata(doc, base);
  const highlights = takeHighlights(doc);
  prepareDocument(doc, base);
  const leadFigure = findLeadFigure(doc, meta.image, base);
  const readerable = isProbablyReaderable(doc, { minContentLength: 100, minScore: 15 });
  if (!readerable && !meta.declaresArticle)
    throw noArticle('no block of the page reads as article text (a home, index or search page?)');

  let result: ReturnType<Readability<Element>['parse']>;
  try {
    result = new Readability<Element>(doc, {
      serializer: (node) => node as Element,
      keepClasses: true,
    }).parse();
  } catch {
    // Readability gives up on some degenerate trees (no <body>, huge nesting): no article.
    result = null;
  }
  const content = result?.content;
  if (!result || !content) throw noArticle('Readability found no main content');
  if (linkDensity(content) > 0.5)
    throw noArticle('the main content is mostly links (a home, index or search page?)');

  const headline = clamp(
    meta.headline ? stripSiteName(meta.headline, meta.publisher?.name) : cleanText(result.title),
    LIMITS.headlineChars,
  );
  if (!headline) throw noArticle('the page has no headline (no <h1>, og:title or <title>)');

  const {
    body: tidied,
    bylineAuthors,
    dates,
  } = tidyBody(htmlToBlocks(content, base), meta, headline);
  const minChars = meta.declaresArticle ? 80 : 200;
  const chars = proseChars(tidied);
  if (chars < minChars) throw noArticle(`the main content has only ${chars} characters of text`);

  // The lead picture: the body's first block when it is a figure, else the page's og:image.
  let body = tidied;
  let lead: ImageInput | undefined;
  const first = body[0];
  if (first?.type === 'figure') {
    lead = mergeLead(
      meta.image && imageKey(meta.image.src) === imageKey(first.image.src ?? '')
        ? meta.image
        : undefined,
      first.image,
    );
    body = body.slice(1);
  } else if (meta.image) {
    const inBody = body.some(
      (b) => b.type === 'figure' && imageKey(b.image.src ?? '') === imageKey(meta.image?.src ?? ''),
    );
    if (!inBody) lead = mergeLead(meta.image, leadFigure);
  }

  let authors: Author[] = meta.authors.map((a) => ({ ...BYLINE_ROLE, ...a }));
  if (authors.length === 0) authors = bylineAuthors;
  if (authors.length === 0 && result.byline) authors = parseAuthorNames(result.byline);
  // A byline naming only the publisher is no author.
  authors = authors.filter((a) => !sameText(a.name, meta.publisher?.name)).slice(0, LIMITS.authors);

  // Pages that declare no language get the model's guess from the script of the text.
  const language =
    opts.language ??
    meta.language ??
    normalizeLanguage(result.lang) ??
    detectLanguage(body.map(blockPlainText).join('\n'));
  const input: ArticleInput = {
    headline,
    language,
    authors: authors.map((a) => ({ ...a, name: clamp(a.name, LIMITS.labelChars) })),
    tags: meta.tags.map((t) => clamp(t, LIMITS.labelChars)).slice(0, LIMITS.tags),
    highlights: highlights.slice(0, LIMITS.highlights),
    body: body.slice(0, LIMITS.blocks),
  };
  if (meta.kicker) input.kicker = clamp(meta.kicker, LIMITS.labelChars);
  const standfirst =
    meta.standfirst && !sameText(meta.standfirst, headline) ? meta.standfirst : undefined;
  if (standfirst) input.standfirst = clamp(standfirst, LIMITS.summaryChars);
  if (meta.section) input.section = clamp(meta.section, LIMITS.labelChars);
  // What the page declares first; else a date line shown above the story.
  const publishedAt = meta.publishedAt ?? dates.publishedAt;
  const updatedAt = meta.updatedAt ?? dates.updatedAt;
  if (publishedAt) input.publishedAt = publishedAt;
  if (updatedAt) input.updatedAt = updatedAt;
  if (meta.publisher)
    input.publisher = { ...meta.publisher, name: clamp(meta.publisher.name, LIMITS.labelChars) };
  const sourceUrl = meta.canonicalUrl ?? opts.url;
  const sourceName = meta.publisher?.name ?? cleanText(result.siteName);
  if (sourceUrl || sourceName) {
    input.source = {};
    if (sourceUrl) input.source.url = sourceUrl;
    if (sourceName) input.source.name = clamp(sourceName, LIMITS.labelChars);
  }
  if (lead) input.image = clampImage(lead);
  const firstParagraph = body.find((b) => b.type === 'paragraph');
  // The dateline is read but, unlike in plain text, left in the paragraph as the page shows it.
  const dateline = firstParagraph ? splitDateline(blockPlainText(firstParagraph)) : undefined;
  if (dateline)
    input.dateline = dateline.agency
      ? { place: dateline.place, agency: dateline.agency }
      : { place: dateline.place };
  return parseArticle(input);
}
