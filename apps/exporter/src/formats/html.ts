import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  bodyHtml,
  escapeHtml,
  jsonLdScriptText,
  toJsonLd,
  type Article,
  type Edition,
  type Image,
} from '@broadsheet/model';

/** Recognises PNG, JPEG and GIF from their bytes (the renderers' rule), else undefined. */
export type SniffImage = (bytes: Uint8Array) => { mediaType: string } | undefined;

export interface HtmlOptions {
  /** Where relative image paths resolve; files outside it are never read. */
  readonly imageBaseDir?: string;
  /** A stylesheet put after the built-in one. */
  readonly css?: string;
  readonly sniffImage: SniffImage;
}

/** The reader page's look: one readable column, serif body, sans headings, dark mode. */
const READER_CSS = `
:root { color-scheme: light dark; --ink: #1a1a1a; --muted: #555; --accent: #a4262c; --paper: #fffdf8; --rule: #c9c3b6; }
@media (prefers-color-scheme: dark) { :root { --ink: #e8e6e1; --muted: #a9a59c; --accent: #e0787c; --paper: #161514; --rule: #4a4640; } }
html { background: var(--paper); color: var(--ink); }
body { margin: 0 auto; max-width: 38rem; padding: 2rem 1.25rem 4rem; font: 1.125rem/1.6 Georgia, "Noto Serif", "DejaVu Serif", serif; }
h1, h2, h3, h4, .kicker, .byline, .meta, figcaption, nav { font-family: system-ui, "Noto Sans", "DejaVu Sans", sans-serif; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0.2em 0 0.4em; }
h2 { font-size: 1.4rem; margin-top: 1.6em; } h3 { font-size: 1.2rem; } h4 { font-size: 1.05rem; }
.kicker { color: var(--accent); font-weight: 700; font-size: 0.8rem; letter-spacing: 0.06em; text-transform: uppercase; margin: 0; }
.standfirst { font-size: 1.25rem; font-style: italic; }
.byline, .meta { color: var(--muted); font-size: 0.9rem; margin: 0.2em 0; }
.highlights { background: color-mix(in srgb, var(--rule) 25%, transparent); padding: 0.8em 1em 0.8em 2em; }
figure { margin: 1.5em 0; } img { max-width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 0.85rem; margin-top: 0.4em; }
blockquote { margin: 1.5em 0; padding-left: 1em; border-left: 3px solid var(--accent); font-style: italic; }
blockquote footer { font-style: normal; color: var(--muted); font-size: 0.9rem; }
a { color: inherit; }
article + article { border-top: 1px solid var(--rule); margin-top: 3em; padding-top: 2em; }
nav ol { padding-left: 1.2em; } .source { color: var(--muted); font-size: 0.85rem; margin-top: 2em; }
`;

/**
 * An image source as a `data:` URI: `data:` stays, a relative path inside the base directory
 * is read and sniffed, anything else (a web address, a missing or foreign file) gives
 * undefined, which leaves the figure's caption only: the file must not reach out anywhere.
 */
async function inlineSrc(
  src: string | undefined,
  options: HtmlOptions,
): Promise<string | undefined> {
  if (src === undefined) return undefined;
  if (/^data:image\/(png|jpeg|gif|webp|avif);base64,/i.test(src)) return src;
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || options.imageBaseDir === undefined) return undefined;
  const base = path.resolve(options.imageBaseDir);
  const file = path.resolve(base, src);
  if (path.relative(base, file).startsWith('..')) return undefined;
  try {
    const bytes = await readFile(file);
    const kind = options.sniffImage(bytes);
    return kind === undefined
      ? undefined
      : `data:${kind.mediaType};base64,${bytes.toString('base64')}`;
  } catch {
    return undefined;
  }
}

async function inlineImage(image: Image, options: HtmlOptions): Promise<Image> {
  const src = await inlineSrc(image.src, options);
  const rest = { ...image };
  delete rest.src;
  return src === undefined ? rest : { ...rest, src };
}

async function articleHtml(article: Article, options: HtmlOptions, id?: string): Promise<string> {
  const body = [];
  for (const block of article.body) {
    body.push(
      block.type === 'figure'
        ? { ...block, image: await inlineImage(block.image, options) }
        : block,
    );
  }
  const parts: string[] = [];
  if (article.kicker !== undefined)
    parts.push(`<p class="kicker">${escapeHtml(article.kicker)}</p>`);
  parts.push(`<h1>${escapeHtml(article.headline)}</h1>`);
  if (article.standfirst !== undefined)
    parts.push(`<p class="standfirst">${escapeHtml(article.standfirst)}</p>`);
  if (article.highlights.length > 0) {
    parts.push(
      `<ul class="highlights">${article.highlights.map((h) => `<li>${escapeHtml(h)}</li>`).join('')}</ul>`,
    );
  }
  const byline = article.authors.map((a) => a.name).join(', ');
  if (byline !== '') parts.push(`<p class="byline">By ${escapeHtml(byline)}</p>`);
  const meta = [
    article.dateline &&
      escapeHtml([article.dateline.place, article.dateline.agency].filter(Boolean).join(', ')),
    article.publishedAt &&
      `<time datetime="${escapeHtml(article.publishedAt)}">${escapeHtml(article.publishedAt.slice(0, 10))}</time>`,
  ].filter(Boolean);
  if (meta.length > 0) parts.push(`<p class="meta">${meta.join(' · ')}</p>`);
  const header = `<header>${parts.join('\n')}</header>`;
  const lead =
    article.image === undefined
      ? ''
      : bodyHtml([{ type: 'figure', image: await inlineImage(article.image, options) }]);
  const source =
    article.source?.url !== undefined
      ? `<p class="source">Source: <a href="${escapeHtml(article.source.url)}">${escapeHtml(article.source.name ?? article.source.url)}</a></p>`
      : '';
  const attrs = `${id === undefined ? '' : ` id="${id}"`} lang="${escapeHtml(article.language)}"`;
  return `<article${attrs}>\n${header}\n${lead}\n${bodyHtml(body)}\n${source}\n</article>`;
}

const RTL = /^(ar|fa|he|ur|ps|sd|ug|yi|dv|ckb)(-|$)/i;

function page(
  title: string,
  language: string,
  body: string,
  head: string,
  options: HtmlOptions,
): string {
  const dir = RTL.test(language) ? ' dir="rtl"' : '';
  const css = options.css === undefined ? READER_CSS : `${READER_CSS}\n${options.css}\n`;
  // "</style" inside the user's CSS would end the element early.
  const safeCss = css.replace(/<\/(style)/gi, '<\\/$1');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(language)}"${dir}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="broadsheet-export">
<title>${escapeHtml(title)}</title>
<style>${safeCss}</style>
${head}</head>
<body>
${body}
</body>
</html>
`;
}

/**
 * One self-contained HTML file: the reader page's look in an inline stylesheet, pictures as
 * `data:` URIs, JSON-LD for an article, and nothing that loads from elsewhere.
 */
export async function renderHtml(
  document: Article | Edition,
  options: HtmlOptions,
): Promise<Buffer> {
  if (!('sections' in document)) {
    const jsonLd = `<script type="application/ld+json">${jsonLdScriptText(toJsonLd(document))}</script>\n`;
    return Buffer.from(
      page(
        document.headline,
        document.language,
        await articleHtml(document, options),
        jsonLd,
        options,
      ),
    );
  }
  const toc: string[] = [];
  const articles: string[] = [];
  let n = 0;
  for (const section of document.sections) {
    const items: string[] = [];
    for (const article of section.articles) {
      n += 1;
      const id = `article-${n}`;
      items.push(`<li><a href="#${id}">${escapeHtml(article.headline)}</a></li>`);
      articles.push(await articleHtml(article, options, id));
    }
    toc.push(`<li>${escapeHtml(section.title)}<ol>${items.join('')}</ol></li>`);
  }
  const masthead = `<header><h1>${escapeHtml(document.title)}</h1><p class="meta"><time datetime="${document.date}">${document.date}</time></p></header>`;
  const body = `${masthead}\n<nav aria-label="Contents"><ol>${toc.join('\n')}</ol></nav>\n${articles.join('\n')}`;
  return Buffer.from(page(document.title, document.language, body, '', options));
}
