import type { Article, Block, Edition, Run } from '@broadsheet/model';

/** The same content as plain semantic HTML, for the tools we compare against (pandoc, browsers). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function runs(content: readonly Run[]): string {
  return content
    .map((r) => {
      let h = escapeHtml(r.text);
      if (r.emphasis) h = `<em>${h}</em>`;
      if (r.strong) h = `<strong>${h}</strong>`;
      if (r.href !== undefined) h = `<a href="${escapeHtml(r.href)}">${h}</a>`;
      return h;
    })
    .join('');
}

function block(b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return `<p>${runs(b.content)}</p>`;
    case 'heading':
      return `<h${b.level + 1}>${runs(b.content)}</h${b.level + 1}>`;
    case 'quote':
      return `<blockquote><p>${runs(b.content)}</p>${b.attribution ? `<footer>${escapeHtml(b.attribution)}</footer>` : ''}</blockquote>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((i) => `<li>${runs(i.content)}</li>`).join('')}</${tag}>`;
    }
    case 'figure':
      // Images are left out: the external tools would fetch remote ones, and nothing may.
      return b.image.caption
        ? `<figure><figcaption>${escapeHtml(b.image.caption)}</figcaption></figure>`
        : '';
  }
}

/** One article as an HTML fragment whose headline is `headingLevel`. */
export function articleHtml(a: Article, headingLevel = 1): string {
  const h = `h${headingLevel}`;
  const byline = a.authors.map((p) => escapeHtml(p.name)).join(', ');
  return [
    '<article>',
    a.kicker ? `<p class="kicker">${escapeHtml(a.kicker)}</p>` : '',
    `<${h}>${escapeHtml(a.headline)}</${h}>`,
    a.standfirst ? `<p class="standfirst">${escapeHtml(a.standfirst)}</p>` : '',
    a.highlights.length > 0
      ? `<ul class="highlights">${a.highlights.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>`
      : '',
    byline ? `<p class="byline">${byline}</p>` : '',
    a.publishedAt
      ? `<p><time datetime="${escapeHtml(a.publishedAt)}">${escapeHtml(a.publishedAt.slice(0, 10))}</time></p>`
      : '',
    ...a.body.map(block),
    '</article>',
  ]
    .filter(Boolean)
    .join('\n');
}

/** A whole edition as one HTML document, one h1 per article (pandoc makes each a chapter). */
export function editionHtml(e: Edition): string {
  const articles = e.sections.flatMap((s) => s.articles);
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(e.language)}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(e.title)}</title>`,
    '<style>body{font-family:serif;max-width:40em;margin:auto} article{break-before:page}</style></head>',
    '<body>',
    ...articles.map((a) => articleHtml(a, 1)),
    '</body></html>',
    '',
  ].join('\n');
}
