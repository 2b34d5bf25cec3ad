import type { Block, Image, Run } from '@broadsheet/model';
import { escapeMarkup, markupAttribute } from './escape.js';
import { safeHref } from './safe-href.js';

/**
 * An article body as an HTML fragment for API clients (`include=bodyHtml`): one element per
 * block, every string through escapeMarkup (so the same characters are dropped as from the
 * EPUB, the PDF and the reader pages), links only to http(s) and mailto, pictures only from
 * http(s) or `data:image/` sources (a local path means nothing to a client: the caption stays).
 * No classes, styles or scripts: the client styles it. (The model's own `bodyHtml`, which ninjs
 * carries, escapes the same five characters but keeps every link and picture as written: it is
 * an exchange format, where this is for display.)
 */
export function bodyHtmlFragment(blocks: readonly Block[]): string {
  return blocks.map(blockHtml).join('\n');
}

function runsHtml(runs: readonly Run[]): string {
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

function imageSrc(src: string | undefined): string | undefined {
  if (src === undefined) return undefined;
  if (/^data:image\//i.test(src)) return src;
  const href = safeHref(src);
  return href !== undefined && /^https?:/.test(href) ? href : undefined;
}

function figureHtml(image: Image): string {
  const src = imageSrc(image.src);
  const parts: string[] = [];
  if (src !== undefined) {
    const size =
      image.width && image.height ? ` width="${image.width}" height="${image.height}"` : '';
    parts.push(`<img src="${escapeMarkup(src)}" alt="${escapeMarkup(image.alt)}"${size}>`);
  }
  const caption = [
    image.caption ? escapeMarkup(image.caption) : '',
    image.credit ? `<small>${escapeMarkup(image.credit)}</small>` : '',
  ].filter((p) => p !== '');
  if (caption.length > 0) parts.push(`<figcaption>${caption.join(' ')}</figcaption>`);
  // Neither a usable picture nor a caption: the alt text is all a reader can be given.
  if (parts.length === 0 && image.alt)
    parts.push(`<figcaption>${escapeMarkup(image.alt)}</figcaption>`);
  return parts.length > 0 ? `<figure>${parts.join('')}</figure>` : '';
}

function blockHtml(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${runsHtml(block.content)}</p>`;
    case 'heading':
      return `<h${block.level}>${runsHtml(block.content)}</h${block.level}>`;
    case 'quote': {
      const quote = `<blockquote${markupAttribute('cite', safeHref(block.cite))}><p>${runsHtml(block.content)}</p></blockquote>`;
      if (!block.attribution) return quote;
      return `<figure>${quote}<figcaption>— ${escapeMarkup(block.attribution)}</figcaption></figure>`;
    }
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${runsHtml(item.content)}</li>`).join('')}</${tag}>`;
    }
    case 'figure':
      return figureHtml(block.image);
  }
}
