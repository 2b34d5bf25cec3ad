import type { Article, Author, Block, Image, Run } from '@broadsheet/model';
import type { DisplayDate } from '../display/dates.js';
import { SEPARATOR, articleDisplay, authorDetails } from '../display/display-model.js';
import { escapeMarkup, markupAttribute } from '../display/escape.js';
import { safeHref } from '../display/safe-href.js';

export { safeHref };
import { around } from '../display/labels.js';
import { imageHref, type ImageStore } from './images.js';

/** Inline runs as XHTML: emphasis, strong and links; anything but http(s)/mailto links stays text. */
export function runsXhtml(runs: readonly Run[]): string {
  return runs
    .map((run) => {
      let s = escapeMarkup(run.text);
      if (run.strong) s = `<strong>${s}</strong>`;
      if (run.emphasis) s = `<em>${s}</em>`;
      const href = safeHref(run.href);
      if (href !== undefined) s = `<a href="${escapeMarkup(href)}">${s}</a>`;
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
  const credit = image.credit ? ` <small class="credit">${escapeMarkup(image.credit)}</small>` : '';
  const caption =
    captionText || credit
      ? `<figcaption>${captionText ? escapeMarkup(captionText) : ''}${credit}</figcaption>`
      : '';
  if (embedded) {
    const size = `${image.width ? ` width="${image.width}"` : ''}${image.height ? ` height="${image.height}"` : ''}`;
    return `<figure class="${className}"><img src="${imageHref(embedded)}" alt="${escapeMarkup(image.alt)}"${size}/>${caption}</figure>`;
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
      const quote = `<blockquote${markupAttribute('cite', safeHref(block.cite))}><p>${runsXhtml(block.content)}</p></blockquote>`;
      if (!block.attribution) return quote;
      return `<figure class="quote">${quote}<figcaption class="attribution">— ${escapeMarkup(block.attribution)}</figcaption></figure>`;
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
  const name = href
    ? `<a href="${escapeMarkup(href)}">${escapeMarkup(author.name)}</a>`
    : escapeMarkup(author.name);
  const extra = authorDetails(author);
  return `<span class="author">${name}</span>${extra ? ` <span class="role">(${escapeMarkup(extra)})</span>` : ''}`;
}

function timeXhtml(date: DisplayDate): string {
  return `<time datetime="${escapeMarkup(date.iso)}">${escapeMarkup(date.text)}</time>`;
}

/** A label with a date in it ("Published {date}"): the label escaped, the date a `<time>`. */
function labelledTime(label: (date: string) => string, date: DisplayDate): string {
  const { before, after } = around(label);
  return `${escapeMarkup(before)}${timeXhtml(date)}${escapeMarkup(after)}`;
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
  const display = articleDisplay(article);
  const l = display.labels;
  const header: string[] = [];
  const section = options.sectionTitle ?? article.section;
  if (section) header.push(`<p class="section">${escapeMarkup(section)}</p>`);
  if (article.kicker) header.push(`<p class="kicker">${escapeMarkup(article.kicker)}</p>`);
  header.push(`<h1 class="headline">${escapeMarkup(article.headline)}</h1>`);
  if (article.standfirst)
    header.push(`<p class="standfirst">${escapeMarkup(article.standfirst)}</p>`);
  if (article.highlights.length > 0) {
    header.push(
      `<ul class="highlights" aria-label="${escapeMarkup(l.highlights)}">${article.highlights.map((h) => `<li>${escapeMarkup(h)}</li>`).join('')}</ul>`,
    );
  }
  if (article.authors.length > 0) {
    const pieces = l.bylinePieces(article.authors, (a) => a.name);
    const byline = pieces
      .map((p) => ('item' in p ? authorXhtml(p.item) : escapeMarkup(p.text)))
      .join('');
    header.push(`<p class="byline">${byline}</p>`);
  }
  if (display.dateline) header.push(`<p class="dateline">${escapeMarkup(display.dateline)}</p>`);
  const dates: string[] = [];
  if (display.published) dates.push(labelledTime(l.published, display.published));
  if (display.updated) dates.push(labelledTime(l.updated, display.updated));
  if (dates.length > 0) header.push(`<p class="dates">${dates.join(SEPARATOR)}</p>`);

  const parts = [`<header>${header.join('')}</header>`];
  if (article.image) parts.push(figureXhtml(article.image, images, 'lead'));
  const headingLevel = { last: 1 };
  for (const block of article.body) parts.push(blockXhtml(block, images, headingLevel));

  const footer: string[] = [];
  const sourceHref = safeHref(article.source?.url);
  if (sourceHref) {
    footer.push(
      `<p class="source">${escapeMarkup(l.source)}: <a href="${escapeMarkup(sourceHref)}">${escapeMarkup(article.source?.name || sourceHref)}</a></p>`,
    );
  } else if (article.source?.name) {
    footer.push(
      `<p class="source">${escapeMarkup(l.source)}: ${escapeMarkup(article.source.name)}</p>`,
    );
  }
  if (article.tags.length > 0)
    footer.push(
      `<p class="tags">${escapeMarkup(l.tags)}: ${article.tags.map(escapeMarkup).join(', ')}</p>`,
    );
  if (footer.length > 0) parts.push(`<footer>${footer.join('')}</footer>`);

  return `<article class="article"${markupAttribute('lang', article.language)}${markupAttribute('xml:lang', article.language)} dir="${display.dir}">${parts.join('\n')}</article>`;
}

/** Every image source the article refers to, in reading order (the lead image first). */
export function articleImageSources(article: Article): string[] {
  const out: string[] = [];
  if (article.image?.src) out.push(article.image.src);
  for (const block of article.body)
    if (block.type === 'figure' && block.image.src) out.push(block.image.src);
  return out;
}
