import type { Article, Block, Edition, Image, Run } from '@broadsheet/model';

/** Characters that would start Markdown syntax inside running text. */
const escapeText = (text: string) => text.replace(/([\\`*_[\]<>#|~])/g, '\\$1');
/** A line that would read as a list item, heading or quote is escaped at its start. */
const escapeLineStart = (text: string) =>
  text.replace(
    /^(\s*)([-+>]|\d+[.)])(\s)/gm,
    (_, sp: string, mark: string, after: string) =>
      `${sp}${mark.replace(/([-+>.)])$/, '\\$1')}${after}`,
  );
const url = (href: string) => `<${href.replace(/[<>\s]/g, (c) => encodeURIComponent(c))}>`;

function runMd(run: Run): string {
  let md = escapeText(run.text);
  if (md.trim() === '') return md;
  if (run.emphasis) md = `*${md}*`;
  if (run.strong) md = `**${md}**`;
  if (run.href !== undefined) md = `[${md}](${url(run.href)})`;
  return md;
}

const runsMd = (runs: readonly Run[]) => escapeLineStart(runs.map(runMd).join(''));

function figureMd(image: Image): string {
  const parts: string[] = [];
  if (image.src !== undefined) parts.push(`![${escapeText(image.alt ?? '')}](${url(image.src)})`);
  const caption = [image.caption, image.credit].filter((p) => p !== undefined && p !== '');
  if (caption.length > 0) parts.push(`*${escapeText(caption.join(' — '))}*`);
  return parts.join('\n\n');
}

function blockMd(block: Block, shift: number): string {
  switch (block.type) {
    case 'paragraph':
      return runsMd(block.content);
    case 'heading':
      return `${'#'.repeat(Math.min(6, block.level + shift))} ${runsMd(block.content)}`;
    case 'quote': {
      const lines = [runsMd(block.content)];
      if (block.attribution !== undefined) lines.push('', `— ${escapeText(block.attribution)}`);
      return lines.map((l) => (l === '' ? '>' : `> ${l}`)).join('\n');
    }
    case 'list':
      return block.items
        .map((item, i) => `${block.ordered ? `${i + 1}.` : '-'} ${runsMd(item.content)}`)
        .join('\n');
    case 'figure':
      return figureMd(block.image);
  }
}

/** One article as Markdown; `shift` moves its headings down (1 inside an edition section). */
export function articleMarkdown(article: Article, shift = 0): string {
  const out: string[] = [];
  if (article.kicker !== undefined) out.push(`**${escapeText(article.kicker)}**`);
  out.push(`${'#'.repeat(1 + shift)} ${escapeText(article.headline)}`);
  if (article.standfirst !== undefined) out.push(`*${escapeText(article.standfirst)}*`);
  out.push(article.highlights.map((h) => `- ${escapeText(h)}`).join('\n'));
  const byline = article.authors.map((a) => a.name).join(', ');
  const dateline = [article.dateline?.place, article.dateline?.agency].filter(Boolean).join(', ');
  const meta = [byline && `By ${byline}`, dateline, article.publishedAt?.slice(0, 10)]
    .filter((p): p is string => typeof p === 'string' && p !== '')
    .map(escapeText);
  if (meta.length > 0) out.push(meta.join(' · '));
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
