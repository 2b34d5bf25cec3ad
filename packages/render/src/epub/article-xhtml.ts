import type { Article, Author, Block, Image, Run } from '@broadsheet/model';
import { textDirection } from '@broadsheet/model';
import { displayDate } from './dates.js';
import { imageHref, type ImageStore } from './images.js';
import { labelsFor } from './labels.js';
import { attr, esc, xmlSafe } from './xml.js';

/**
 * A link target fit for an href: http(s) or mailto only, re-serialised by the URL parser so
 * characters a URL may not hold (`<`, `"`, spaces) are percent-encoded. Anything else: no link.
 */
export function safeHref(href: string | undefined): string | undefined {
  if (href === undefined) return undefined;
  try {
    const url = new URL(xmlSafe(href));
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:'
      ? url.href
      : undefined;
  } catch {
    return undefined;
  }
}

/** Inline runs as XHTML: emphasis, strong and links; anything but http(s)/mailto links stays text. */
export function runsXhtml(runs: readonly Run[]): string {
  return runs
    .map((run) => {
      let s = esc(run.text);
      if (run.strong) s = `<strong>${s}</strong>`;
      if (run.emphasis) s = `<em>${s}</em>`;
      const href = safeHref(run.href);
      if (href !== undefined) s = `<a href="${esc(href)}">${s}</a>`;
      return s;
    })
    .join('');
}

/**
 * A figure: the picture when it could be embedded, otherwise the caption (or the alt text)
 * alone, so a missing or remote picture never leaves a hole or a broken file.
 */
export function figureXhtml(image: Image, images: ImageStore, className: string): string {
  const embedded = images.get(image.src);
  const captionText = image.caption ?? (embedded ? undefined : image.alt || undefined);
  const credit = image.credit ? ` <small class="credit">${esc(image.credit)}</small>` : '';
  const caption =
    captionText || credit
      ? `<figcaption>${captionText ? esc(captionText) : ''}${credit}</figcaption>`
      : '';
  if (embedded) {
    const size = `${image.width ? ` width="${image.width}"` : ''}${image.height ? ` height="${image.height}"` : ''}`;
    return `<figure class="${className}"><img src="${imageHref(embedded)}" alt="${esc(image.alt)}"${size}/>${caption}</figure>`;
  }
  return caption ? `<figure class="${className} no-image">${caption}</figure>` : '';
}

function blockXhtml(block: Block, images: ImageStore, headingLevel: { last: number }): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${runsXhtml(block.content)}</p>`;
    case 'heading': {
      // Headings never skip a level (Ace and screen readers rely on the outline).
      const level = Math.min(block.level, headingLevel.last + 1);
      headingLevel.last = level;
      return `<h${level}>${runsXhtml(block.content)}</h${level}>`;
    }
    case 'quote': {
      const quote = `<blockquote${attr('cite', safeHref(block.cite))}><p>${runsXhtml(block.content)}</p></blockquote>`;
      if (!block.attribution) return quote;
      return `<figure class="quote">${quote}<figcaption class="attribution">— ${esc(block.attribution)}</figcaption></figure>`;
    }
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${runsXhtml(item.content)}</li>`).join('')}</${tag}>`;
    }
    case 'figure':
      return figureXhtml(block.image, images, 'figure');
  }
}

function authorXhtml(author: Author): string {
  const href = safeHref(author.url);
  const name = href ? `<a href="${esc(href)}">${esc(author.name)}</a>` : esc(author.name);
  const extra = [author.role !== 'author' ? author.role : '', author.affiliation ?? '']
    .filter(Boolean)
    .join(', ');
  return `<span class="author">${name}</span>${extra ? ` <span class="role">(${esc(extra)})</span>` : ''}`;
}

function timeXhtml(iso: string, language: string): string {
  return `<time datetime="${esc(iso)}">${esc(displayDate(iso, language))}</time>`;
}

export interface ArticleXhtmlOptions {
  /** The edition section the article belongs to, shown above the kicker. */
  sectionTitle?: string;
}

/**
 * The article as one `<article>` element: a header (section, kicker, the one h1, standfirst,
 * highlights, byline, dateline, dates), the lead figure, the body, then source and tags.
 */
export function articleXhtml(
  article: Article,
  images: ImageStore,
  options: ArticleXhtmlOptions = {},
): string {
  const l = labelsFor(article.language);
  const header: string[] = [];
  const section = options.sectionTitle ?? article.section;
  if (section) header.push(`<p class="section">${esc(section)}</p>`);
  if (article.kicker) header.push(`<p class="kicker">${esc(article.kicker)}</p>`);
  header.push(`<h1 class="headline">${esc(article.headline)}</h1>`);
  if (article.standfirst) header.push(`<p class="standfirst">${esc(article.standfirst)}</p>`);
  if (article.highlights.length > 0) {
    header.push(
      `<ul class="highlights" aria-label="${esc(l.highlights)}">${article.highlights.map((h) => `<li>${esc(h)}</li>`).join('')}</ul>`,
    );
  }
  if (article.authors.length > 0) {
    header.push(
      `<p class="byline">${esc(l.by)} ${article.authors.map(authorXhtml).join(', ')}</p>`,
    );
  }
  if (article.dateline) {
    const agency = article.dateline.agency ? ` (${esc(article.dateline.agency)})` : '';
    header.push(`<p class="dateline">${esc(article.dateline.place)}${agency}</p>`);
  }
  const dates: string[] = [];
  if (article.publishedAt)
    dates.push(`${esc(l.published)} ${timeXhtml(article.publishedAt, article.language)}`);
  if (article.updatedAt && article.updatedAt !== article.publishedAt) {
    dates.push(`${esc(l.updated)} ${timeXhtml(article.updatedAt, article.language)}`);
  }
  if (dates.length > 0) header.push(`<p class="dates">${dates.join(' · ')}</p>`);

  const parts = [`<header>${header.join('')}</header>`];
  if (article.image) parts.push(figureXhtml(article.image, images, 'lead'));
  const headingLevel = { last: 1 };
  for (const block of article.body) parts.push(blockXhtml(block, images, headingLevel));

  const footer: string[] = [];
  const sourceHref = safeHref(article.source?.url);
  if (sourceHref) {
    footer.push(
      `<p class="source">${esc(l.source)}: <a href="${esc(sourceHref)}">${esc(article.source?.name || sourceHref)}</a></p>`,
    );
  } else if (article.source?.name) {
    footer.push(`<p class="source">${esc(l.source)}: ${esc(article.source.name)}</p>`);
  }
  if (article.tags.length > 0)
    footer.push(`<p class="tags">${esc(l.tags)}: ${article.tags.map(esc).join(', ')}</p>`);
  if (footer.length > 0) parts.push(`<footer>${footer.join('')}</footer>`);

  const dir = textDirection(article.language);
  return `<article class="article"${attr('lang', article.language)}${attr('xml:lang', article.language)} dir="${dir}">${parts.join('\n')}</article>`;
}

/** Every image source the article refers to, in reading order (the lead image first). */
export function articleImageSources(article: Article): string[] {
  const out: string[] = [];
  if (article.image?.src) out.push(article.image.src);
  for (const block of article.body)
    if (block.type === 'figure' && block.image.src) out.push(block.image.src);
  return out;
}
