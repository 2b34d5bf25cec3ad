import { type BlockReader, type HtmlTree, readBlocks, readInlineRuns } from '@broadsheet/model';
import { figureImage } from './figure.js';
import type { BlockInput } from './model-types.js';
import { cleanText } from './text.js';
import { resolveLink } from './urls.js';

const QUOTE_DASH = /^\s*[—–-]{1,2}\s*/;

// The model's HTML reader walks jsdom's tree.
const DOM: HtmlTree<Node> = {
  text: (n) => (n.nodeType === 3 ? (n.nodeValue ?? '') : undefined),
  tag: (n) => (n.nodeType === 1 ? (n as Element).tagName : undefined),
  attr: (n, name) => (n as Element).getAttribute?.(name) ?? undefined,
  children: (n) => Array.from(n.childNodes),
  nextSibling: (n) => n.nextSibling ?? undefined,
};

const hasText = (runs: readonly { text: string }[]) => runs.some((r) => cleanText(r.text) !== '');

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

/** A page's blockquote: the speaker from a marked element, a dash line, or the figure's caption. */
function quoteBlock(
  el: Element,
  reader: BlockReader<Node>,
  base: string | undefined,
): BlockInput | undefined {
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
  const runs = readInlineRuns<Node>(clone, reader);
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

/**
 * Turns Readability's article node into model blocks with the model's HTML reader; what is
 * the page's own is how links and images resolve against `base` (lazy-loaded sources,
 * srcset, tracking pixels) and how a quote's speaker is found.
 */
export function htmlToBlocks(root: Element, pageBase: string | undefined): BlockInput[] {
  const reader: BlockReader<Node> = {
    tree: DOM,
    link: (href) => resolveLink(href, pageBase),
    image: (el) => figureImage(el as Element, pageBase),
    quote: (el) => quoteBlock(el as Element, reader, pageBase),
  };
  return readBlocks<Node>(root, reader);
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
      return block.content
        ? cleanText(block.content.map((r) => r.text).join(''))
        : cleanText(block.text);
  }
}
