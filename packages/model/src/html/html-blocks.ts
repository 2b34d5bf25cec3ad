import { Parser } from 'htmlparser2';
import type { z } from 'zod';
import type { Block, Run } from '../schema.js';

type BlockInput = z.input<typeof Block>;
type RunInput = z.input<typeof Run>;
interface Marks {
  emphasis?: boolean;
  strong?: boolean;
  href?: string;
}
type Frame = { tag: string; marks: Marks };

const BLOCK_TAGS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'figcaption',
  'footer',
  'pre',
  'dd',
  'dt',
  'td',
  'th',
]);
const SKIP_TAGS = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'svg',
  'math',
  'head',
  'title',
]);

/**
 * Reads an HTML body (from ninjs or another exchange format) into blocks: p, h1-h6, blockquote
 * (with footer/cite as attribution), ul/ol, figure with img and figcaption, and inline em/i,
 * strong/b and a[href]. Other elements are transparent; script and style are dropped. Links
 * that are not http(s)/mailto are kept as plain text, so imported HTML never carries script URLs.
 */
export function htmlToBlocks(html: string): BlockInput[] {
  const blocks: BlockInput[] = [];
  const stack: Frame[] = [];
  let skipDepth = 0;
  let runs: RunInput[] = [];
  let list: { ordered: boolean; items: { content: RunInput[] }[] } | undefined;
  let quote: { runs: RunInput[]; attribution: string; cite?: string } | undefined;
  let figure:
    | {
        src?: string;
        alt: string;
        caption: RunInput[];
        credit: string;
        width?: number;
        height?: number;
      }
    | undefined;
  let inCredit = false;
  let headingLevel: 2 | 3 | 4 | undefined;

  const marks = (): Marks => stack.reduce<Marks>((m, f) => ({ ...m, ...f.marks }), {});
  const text = (rs: RunInput[]) =>
    rs
      .map((r) => r.text)
      .join('')
      .trim();

  /** Neighbouring text events with the same formatting (split at entities, say) become one run. */
  function merged(rs: RunInput[]): RunInput[] {
    const out: RunInput[] = [];
    for (const r of rs) {
      const prev = out.at(-1);
      if (prev && prev.emphasis === r.emphasis && prev.strong === r.strong && prev.href === r.href)
        prev.text += r.text;
      else out.push({ ...r });
    }
    return out;
  }

  function flush(): void {
    runs = merged(runs);
    if (text(runs) === '') {
      runs = [];
      return;
    }
    if (list) list.items.push({ content: runs });
    else if (quote) quote.runs.push(...(quote.runs.length ? [{ text: ' ' }] : []), ...runs);
    else if (figure) figure.caption.push(...runs);
    else if (headingLevel) blocks.push({ type: 'heading', level: headingLevel, content: runs });
    else blocks.push({ type: 'paragraph', content: runs });
    runs = [];
  }

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (skipDepth > 0 || SKIP_TAGS.has(name)) {
          skipDepth += 1;
          return;
        }
        const frame: Frame = { tag: name, marks: {} };
        if (name === 'em' || name === 'i') frame.marks.emphasis = true;
        if (name === 'strong' || name === 'b') frame.marks.strong = true;
        if (name === 'a' && attrs.href && /^(https?:|mailto:)/iu.test(attrs.href.trim()))
          frame.marks.href = attrs.href.trim();
        if (name === 'br') runs.push({ text: ' ' });
        if (
          BLOCK_TAGS.has(name) ||
          name === 'blockquote' ||
          name === 'ul' ||
          name === 'ol' ||
          name === 'figure'
        )
          flush();
        if (/^h[1-6]$/u.test(name))
          headingLevel = Math.min(4, Math.max(2, Number(name[1]))) as 2 | 3 | 4;
        if ((name === 'ul' || name === 'ol') && !list && !quote && !figure)
          list = { ordered: name === 'ol', items: [] };
        if (name === 'blockquote' && !quote && !list && !figure)
          quote = { runs: [], attribution: '', ...(attrs.cite ? { cite: attrs.cite } : {}) };
        if (name === 'figure' && !figure && !list && !quote)
          figure = { alt: '', caption: [], credit: '' };
        if (name === 'img' && figure && figure.src === undefined && attrs.src) {
          figure.src = attrs.src;
          figure.alt = attrs.alt ?? '';
          if (/^\d+$/u.test(attrs.width ?? '')) figure.width = Number(attrs.width);
          if (/^\d+$/u.test(attrs.height ?? '')) figure.height = Number(attrs.height);
        }
        if (figure && name === 'small') inCredit = true;
        stack.push(frame);
      },
      ontext(data) {
        if (skipDepth > 0) return;
        const open = stack.at(-1)?.tag;
        if (quote && (open === 'footer' || open === 'cite')) {
          quote.attribution += data;
          return;
        }
        if (figure && inCredit) {
          figure.credit += data;
          return;
        }
        const m = marks();
        runs.push({
          text: data,
          ...(m.emphasis ? { emphasis: true } : {}),
          ...(m.strong ? { strong: true } : {}),
          ...(m.href ? { href: m.href } : {}),
        });
      },
      onclosetag(name) {
        if (skipDepth > 0) {
          skipDepth -= 1;
          return;
        }
        // Close up to the matching element (browsers tolerate unclosed inline elements).
        const index = stack.map((f) => f.tag).lastIndexOf(name);
        if (index >= 0) stack.length = index;
        if (name === 'small') inCredit = false;
        if (BLOCK_TAGS.has(name) && !(quote && name === 'footer')) flush();
        if (/^h[1-6]$/u.test(name)) headingLevel = undefined;
        if ((name === 'ul' || name === 'ol') && list) {
          flush();
          if (list.items.length > 0)
            blocks.push({ type: 'list', ordered: list.ordered, items: list.items });
          list = undefined;
        }
        if (name === 'blockquote' && quote) {
          flush();
          const attribution = quote.attribution.trim().replace(/^[—―–-]\s*/u, '');
          if (text(quote.runs) !== '') {
            blocks.push({
              type: 'quote',
              content: quote.runs,
              ...(attribution ? { attribution } : {}),
              ...(quote.cite && /^https?:/iu.test(quote.cite) ? { cite: quote.cite } : {}),
            });
          }
          quote = undefined;
        }
        if (name === 'figure' && figure) {
          flush();
          const caption = text(figure.caption);
          const credit = figure.credit.trim();
          if (figure.src !== undefined || caption !== '') {
            blocks.push({
              type: 'figure',
              image: {
                ...(figure.src !== undefined ? { src: figure.src } : {}),
                alt: figure.alt,
                ...(caption ? { caption } : {}),
                ...(credit ? { credit } : {}),
                ...(figure.width ? { width: figure.width } : {}),
                ...(figure.height ? { height: figure.height } : {}),
              },
            });
          }
          figure = undefined;
        }
      },
    },
    {
      decodeEntities: true,
      lowerCaseTags: true,
      lowerCaseAttributeNames: true,
      recognizeSelfClosing: true,
    },
  );
  parser.write(html);
  parser.end();
  flush();
  return blocks;
}
