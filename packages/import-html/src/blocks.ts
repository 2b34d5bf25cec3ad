import { figureImage } from './figure.js';
import type { BlockInput, RunInput } from './model-types.js';
import { cleanText } from './text.js';
import { resolveLink } from './urls.js';

interface Marks {
  emphasis?: true;
  strong?: true;
  href?: string;
}

// Never text for the reader: active content, embeds, forms, and things only a script fills.
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'SVG',
  'MATH',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'BUTTON',
  'INPUT',
  'SELECT',
  'TEXTAREA',
  'FORM',
  'NAV',
  'HEAD',
  'TITLE',
  'META',
  'LINK',
  'SOURCE',
  'TRACK',
  'MAP',
  'DIALOG',
]);
const EMPHASIS = new Set(['EM', 'I', 'CITE', 'DFN', 'VAR']);
const STRONG = new Set(['STRONG', 'B']);
// Elements that start a new block when met inside running text.
const BLOCKISH = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'ADDRESS',
  'CENTER',
  'DETAILS',
  'SUMMARY',
  'DL',
  'DT',
  'DD',
  'LI',
  'FIGCAPTION',
  'HGROUP',
  'BODY',
  'HTML',
  'PRE',
]);
const HEADINGS: Record<string, 2 | 3 | 4> = { H1: 2, H2: 2, H3: 3, H4: 4, H5: 4, H6: 4 };
const QUOTE_DASH = /^\s*[—–-]{1,2}\s*/;

/** Inline runs of an element's content; images and block structure inside are read as text breaks. */
export function inlineRuns(el: Node, base: string | undefined, marks: Marks = {}): RunInput[] {
  const runs: RunInput[] = [];
  const visit = (node: Node, m: Marks) => {
    if (node.nodeType === 3) {
      const text = node.nodeValue ?? '';
      if (text !== '') runs.push({ text, ...m });
      return;
    }
    if (node.nodeType !== 1) return;
    const child = node as Element;
    const tag = child.tagName;
    if (SKIP.has(tag) || tag === 'IMG' || tag === 'PICTURE' || tag === 'FIGURE') return;
    if (tag === 'BR' || tag === 'HR') {
      runs.push({ text: ' ', ...m });
      return;
    }
    const next: Marks = { ...m };
    if (EMPHASIS.has(tag)) next.emphasis = true;
    if (STRONG.has(tag)) next.strong = true;
    if (tag === 'A') {
      // Links the model cannot hold (javascript:, relative without a base, data:) stay as text.
      const href = resolveLink(child.getAttribute('href'), base);
      if (href) next.href = href;
      else delete next.href;
    }
    const block = BLOCKISH.has(tag);
    if (block) runs.push({ text: ' ', ...m });
    if (tag === 'Q') runs.push({ text: '“', ...next });
    for (const c of Array.from(child.childNodes)) visit(c, next);
    if (tag === 'Q') runs.push({ text: '”', ...next });
    if (block) runs.push({ text: ' ', ...m });
  };
  for (const c of Array.from(el.childNodes)) visit(c, marks);
  return runs;
}

const hasText = (runs: RunInput[]) => runs.some((r) => cleanText(r.text) !== '');
const runsText = (runs: RunInput[]) => cleanText(runs.map((r) => r.text).join(''));

/**
 * "<blockquote><p>Quote.</p>— Speaker (@handle) <a>date</a></blockquote>", the shape of
 * embedded posts: the loose text after the last paragraph, when it opens with a dash.
 */
function trailingAttribution(quote: Element, take = false): string | undefined {
  const last = Array.from(quote.children)
    .filter((c) => c.tagName === 'P')
    .at(-1);
  if (!last) return undefined;
  const tail: ChildNode[] = [];
  for (let n = last.nextSibling; n; n = n.nextSibling) tail.push(n);
  const text = cleanText(tail.map((n) => n.textContent ?? '').join(''));
  if (!QUOTE_DASH.test(text) || text.length > 200) return undefined;
  if (take) for (const n of tail) n.remove();
  return text.replace(QUOTE_DASH, '');
}

function quoteBlock(el: Element, base: string | undefined): BlockInput | undefined {
  const clone = el.cloneNode(true) as Element;
  let attribution: string | undefined;
  const marked = clone.querySelector(
    '.quote-attribution, footer, figcaption, [class*="attribution" i], [class*="author" i], :scope > cite, p:last-child > cite:only-child',
  );
  if (marked && cleanText(marked.textContent)) {
    attribution = cleanText(marked.textContent).replace(QUOTE_DASH, '');
    marked.remove();
  } else if (trailingAttribution(clone)) {
    attribution = trailingAttribution(clone, true);
  } else {
    // "<p>Quote.</p><p>— Speaker, role</p>"
    const paragraphs = Array.from(clone.querySelectorAll('p'));
    const last = paragraphs.at(-1);
    if (
      paragraphs.length > 1 &&
      last &&
      QUOTE_DASH.test(last.textContent ?? '') &&
      cleanText(last.textContent).length < 200
    ) {
      attribution = cleanText(last.textContent).replace(QUOTE_DASH, '');
      last.remove();
    }
  }
  // figure > blockquote + figcaption (a pull quote with its speaker)
  const caption =
    el.parentElement?.tagName === 'FIGURE'
      ? el.parentElement.querySelector(':scope > figcaption')
      : null;
  if (!attribution && caption) attribution = cleanText(caption.textContent).replace(QUOTE_DASH, '');
  const runs = inlineRuns(clone, base);
  if (!hasText(runs)) return undefined;
  const block: BlockInput = { type: 'quote', content: runs };
  if (attribution) block.attribution = attribution.slice(0, 200);
  const cite = el.getAttribute('cite');
  if (cite) {
    const href = resolveLink(cite, base);
    if (href && /^https?:/.test(href)) block.cite = href;
  }
  return block;
}

function tableBlocks(table: Element, base: string | undefined): BlockInput[] {
  const out: BlockInput[] = [];
  for (const row of Array.from(table.querySelectorAll('tr'))) {
    const cells = Array.from(row.children).filter((c) => c.tagName === 'TD' || c.tagName === 'TH');
    const runs: RunInput[] = [];
    cells.forEach((cell, i) => {
      if (i > 0) runs.push({ text: ' | ' });
      runs.push(...inlineRuns(cell, base));
    });
    if (hasText(runs)) out.push({ type: 'paragraph', content: runs });
  }
  const caption = cleanText(table.querySelector('caption')?.textContent);
  if (caption) out.unshift({ type: 'paragraph', content: [{ text: caption, strong: true }] });
  return out;
}

/**
 * Turns Readability's article node into model blocks: paragraphs, headings, quotes, lists and
 * figures, with emphasis, strong and links inline. Only text and resolved URLs are copied, so
 * no markup, attribute or script can pass through.
 */
export function htmlToBlocks(root: Element, base: string | undefined): BlockInput[] {
  const blocks: BlockInput[] = [];
  let pending: RunInput[] = [];

  const flush = () => {
    if (hasText(pending)) blocks.push({ type: 'paragraph', content: pending });
    pending = [];
  };
  const figure = (el: Element) => {
    const image = figureImage(el, base);
    if (image) blocks.push({ type: 'figure', image });
  };

  const visit = (node: Node, marks: Marks) => {
    if (node.nodeType === 3) {
      const text = node.nodeValue ?? '';
      if (text !== '') pending.push({ text, ...marks });
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    const tag = el.tagName;
    if (SKIP.has(tag)) return;

    const level = HEADINGS[tag];
    if (level !== undefined) {
      flush();
      const runs = inlineRuns(el, base);
      if (hasText(runs)) blocks.push({ type: 'heading', level, content: runs });
      for (const img of Array.from(el.querySelectorAll('img'))) figure(img);
      return;
    }
    switch (tag) {
      case 'IMG':
      case 'PICTURE':
        flush();
        figure(el);
        return;
      case 'FIGURE': {
        flush();
        const quote = el.querySelector(':scope > blockquote');
        if (quote) {
          const block = quoteBlock(quote, base);
          if (block) blocks.push(block);
          return;
        }
        const images = el.querySelectorAll('img');
        if (images.length > 1) {
          // A gallery in one figure: each picture on its own, the shared caption on the last.
          for (const img of Array.from(images)) {
            const image = figureImage(img, base);
            if (image) blocks.push({ type: 'figure', image });
          }
          return;
        }
        if (images.length === 1) figure(el);
        else if (el.querySelector('table'))
          for (const t of Array.from(el.querySelectorAll('table')))
            blocks.push(...tableBlocks(t, base));
        return;
      }
      case 'BLOCKQUOTE': {
        flush();
        const block = quoteBlock(el, base);
        if (block) blocks.push(block);
        return;
      }
      case 'UL':
      case 'OL': {
        flush();
        if (el.querySelector('img, picture, figure, p, h2, h3, h4')) {
          // Galleries and "cards" built as lists: read their items as blocks.
          for (const c of Array.from(el.childNodes)) visit(c, marks);
          flush();
          return;
        }
        const items = Array.from(el.children)
          .filter((li) => li.tagName === 'LI')
          .map((li) => inlineRuns(li, base))
          .filter(hasText)
          .slice(0, 500)
          .map((content) => ({ content }));
        if (items.length > 0) blocks.push({ type: 'list', ordered: tag === 'OL', items });
        return;
      }
      case 'TABLE':
        flush();
        blocks.push(...tableBlocks(el, base));
        return;
      case 'BR':
        // Two line breaks in a row end a paragraph, one is a space.
        if (
          el.nextSibling?.nodeName === 'BR' ||
          (el.nextSibling?.nodeType === 3 &&
            cleanText(el.nextSibling.nodeValue) === '' &&
            el.nextSibling.nextSibling?.nodeName === 'BR')
        )
          flush();
        else pending.push({ text: ' ', ...marks });
        return;
      case 'HR':
        flush();
        return;
      default:
        break;
    }
    if (BLOCKISH.has(tag)) {
      flush();
      for (const c of Array.from(el.childNodes)) visit(c, {});
      flush();
      return;
    }
    const next: Marks = { ...marks };
    if (EMPHASIS.has(tag)) next.emphasis = true;
    if (STRONG.has(tag)) next.strong = true;
    if (tag === 'A') {
      const href = resolveLink(el.getAttribute('href'), base);
      if (href) next.href = href;
      else delete next.href;
    }
    if (tag === 'Q') pending.push({ text: '“', ...next });
    for (const c of Array.from(el.childNodes)) visit(c, next);
    if (tag === 'Q') pending.push({ text: '”', ...next });
  };

  visit(root, {});
  flush();
  return blocks;
}

/** Plain text of a block, for comparisons. */
export function blockPlainText(block: BlockInput): string {
  switch (block.type) {
    case 'list':
      return cleanText(
        block.items
          .map((i) =>
            typeof i === 'string' ? i : (i.text ?? (i.content ?? []).map((r) => r.text).join('')),
          )
          .join(' '),
      );
    case 'figure':
      return cleanText(block.image.caption);
    default:
      return block.content ? runsText(block.content as RunInput[]) : cleanText(block.text);
  }
}
