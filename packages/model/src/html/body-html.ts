import type { Block, Image, Run } from '../schema.js';
import { escapeHtml } from './escape.js';

function runHtml(run: Run): string {
  let html = escapeHtml(run.text);
  if (run.emphasis) html = `<em>${html}</em>`;
  if (run.strong) html = `<strong>${html}</strong>`;
  if (run.href !== undefined) html = `<a href="${escapeHtml(run.href)}">${html}</a>`;
  return html;
}

/** Inline runs as HTML: em, strong and a only. */
export function runsHtml(runs: readonly Run[]): string {
  return runs.map(runHtml).join('');
}

/** A figure as HTML; without a src only the caption and credit remain. */
export function figureHtml(image: Image): string {
  const parts: string[] = [];
  if (image.src !== undefined)
    parts.push(
      `<img src="${escapeHtml(image.src)}" alt="${escapeHtml(image.alt)}"${image.width ? ` width="${image.width}"` : ''}${image.height ? ` height="${image.height}"` : ''}>`,
    );
  const caption = [
    image.caption ? escapeHtml(image.caption) : '',
    image.credit ? `<small class="credit">${escapeHtml(image.credit)}</small>` : '',
  ].filter((p) => p !== '');
  if (caption.length > 0) parts.push(`<figcaption>${caption.join(' ')}</figcaption>`);
  return `<figure>${parts.join('')}</figure>`;
}

function blockHtml(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${runsHtml(block.content)}</p>`;
    case 'heading':
      return `<h${block.level}>${runsHtml(block.content)}</h${block.level}>`;
    case 'quote': {
      const cite = block.cite !== undefined ? ` cite="${escapeHtml(block.cite)}"` : '';
      const footer =
        // The em dash is the typographic convention, and it is what the HTML reader strips, so an
        // attribution that itself starts with a dash ("- anonymous") survives a round trip.
        block.attribution !== undefined
          ? `<footer>— ${escapeHtml(block.attribution)}</footer>`
          : '';
      return `<blockquote${cite}><p>${runsHtml(block.content)}</p>${footer}</blockquote>`;
    }
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${runsHtml(item.content)}</li>`).join('')}</${tag}>`;
    }
    case 'figure':
      return figureHtml(block.image);
  }
}

/**
 * The body as a fragment of HTML (one element per block, every string escaped): for exchange
 * formats such as ninjs and for web pages. Renderers work from the blocks, never from this.
 */
export function bodyHtml(blocks: readonly Block[]): string {
  return blocks.map(blockHtml).join('\n');
}
