import type { Article, Block, Edition, Image, Run } from '@broadsheet/model';
import { escapeLine, escapeLineStart, escapeText, url } from './markdown-escape.js';
import { runsMd } from './markdown-inline.js';

/** A block's inline text; its ends trimmed, since leading spaces could make it code. */
const blockText = (runs: readonly Run[]) => escapeLineStart(runsMd(runs).trim());

function figureMd(image: Image): string {
  const parts: string[] = [];
  if (image.src !== undefined) parts.push(`![${escapeText(image.alt ?? '')}](${url(image.src)})`);
  const caption = [image.caption, image.credit].filter((p) => p !== undefined && p !== '');
  if (caption.length > 0) parts.push(blockText([{ text: caption.join(' — '), emphasis: true }]));
  return parts.join('\n\n');
}

function blockMd(block: Block, shift: number): string {
  switch (block.type) {
    case 'paragraph':
      return blockText(block.content);
    case 'heading':
      return `${'#'.repeat(Math.min(6, block.level + shift))} ${blockText(block.content)}`;
    case 'quote': {
      const lines = [blockText(block.content)];
      if (block.attribution !== undefined) lines.push('', `— ${escapeText(block.attribution)}`);
      return lines.map((l) => (l === '' ? '>' : `> ${l}`)).join('\n');
    }
    case 'list':
      return block.items
        .map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${blockText(item.content)}`)
        .join('\n');
    case 'figure':
      return figureMd(block.image);
  }
}

/** One article as Markdown; `shift` moves its headings down (1 inside an edition section). */
export function articleMarkdown(article: Article, shift = 0): string {
  const out: string[] = [];
  if (article.kicker !== undefined) out.push(blockText([{ text: article.kicker, strong: true }]));
  out.push(`${'#'.repeat(1 + shift)} ${escapeText(article.headline)}`);
  if (article.standfirst !== undefined)
    out.push(blockText([{ text: article.standfirst, emphasis: true }]));
  out.push(article.highlights.map((h) => `- ${escapeLine(h)}`).join('\n'));
  const byline = article.authors.map((a) => a.name).join(', ');
  const dateline = [article.dateline?.place, article.dateline?.agency].filter(Boolean).join(', ');
  const meta = [byline && `By ${byline}`, dateline, article.publishedAt?.slice(0, 10)]
    .filter((p): p is string => typeof p === 'string' && p !== '')
    .map(escapeText);
  if (meta.length > 0) out.push(escapeLineStart(meta.join(' · ')));
  if (article.image !== undefined) out.push(figureMd(article.image));
  for (const block of article.body) out.push(blockMd(block, shift));
  if (article.source?.url !== undefined) out.push(`Source: ${url(article.source.url)}`);
  return out.filter((p) => p !== '').join('\n\n') + '\n';
}

/** An edition: its title, then each section and its articles, headings one level down. */
export function editionMarkdown(edition: Edition): string {
  const out = [`# ${escapeText(edition.title)}`, edition.date];
  for (const section of edition.sections) {
    out.push(`## ${escapeText(section.title)}`);
    for (const article of section.articles) out.push(articleMarkdown(article, 2).trimEnd());
  }
  return out.join('\n\n') + '\n';
}

/** CommonMark text of an article or edition, UTF-8. */
export function renderMarkdown(document: Article | Edition): Buffer {
  const text = 'sections' in document ? editionMarkdown(document) : articleMarkdown(document);
  return Buffer.from(text, 'utf8');
}
