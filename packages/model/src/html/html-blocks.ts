import { ElementType, parseDocument } from 'htmlparser2';
import type { z } from 'zod';
import type { Block, Image, Run } from '../schema.js';

export type BlockInput = z.input<typeof Block>;
export type RunInput = z.input<typeof Run>;
export type ImageInput = z.input<typeof Image>;

interface Marks {
  emphasis?: true;
  strong?: true;
  href?: string;
}

/**
 * How the reader walks a tree: a browser or jsdom DOM (the HTML importer) or htmlparser2's
 * (here). Tag names are upper case, as the DOM gives them.
 */
export interface HtmlTree<N> {
  /** The text of a text node; undefined for every other node. */
  text(node: N): string | undefined;
  /** The upper-case tag name of an element; undefined for every other node. */
  tag(node: N): string | undefined;
  attr(node: N, name: string): string | undefined;
  children(node: N): readonly N[];
  nextSibling(node: N): N | undefined;
}

/** What differs between sources: how links resolve, and how pictures and quotes are read. */
export interface BlockReader<N> {
  tree: HtmlTree<N>;
  /** A link's target as the model may hold it; undefined keeps the text unlinked. */
  link(href: string | undefined): string | undefined;
  /** The picture of an IMG, PICTURE or FIGURE element with its caption and credit; undefined without one. */
  image(el: N): ImageInput | undefined;
  /** A BLOCKQUOTE as a quote block (text, attribution, cite); undefined when it holds no text. */
  quote(el: N): BlockInput | undefined;
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
const LIST_OF_BLOCKS = new Set(['IMG', 'PICTURE', 'FIGURE', 'P', 'H2', 'H3', 'H4']);

/** Every element below `node` (document order) whose tag is in `tags`. */
export function descendants<N>(tree: HtmlTree<N>, node: N, tags: ReadonlySet<string>): N[] {
  const out: N[] = [];
  const walk = (n: N) => {
    for (const c of tree.children(n)) {
      const tag = tree.tag(c);
      if (tag !== undefined && tags.has(tag)) out.push(c);
      walk(c);
    }
  };
  walk(node);
  return out;
}

/** The text below a node, as written (white space not folded). */
export function textOf<N>(tree: HtmlTree<N>, node: N): string {
  const own = tree.text(node);
  if (own !== undefined) return own;
  return tree
    .children(node)
    .map((c) => textOf(tree, c))
    .join('');
}

const blank = (text: string) => text.trim() === '';
const hasText = (runs: RunInput[]) => runs.some((r) => !blank(r.text));

/** Neighbouring runs with the same marks become one; the block's outer white space goes. */
function tidyRuns(runs: RunInput[]): RunInput[] {
  const out: RunInput[] = [];
  for (const r of runs) {
    const prev = out.at(-1);
    if (prev && prev.emphasis === r.emphasis && prev.strong === r.strong && prev.href === r.href)
      prev.text += r.text;
    else out.push({ ...r });
  }
  const first = out[0];
  if (first) first.text = first.text.trimStart();
  const last = out.at(-1);
  if (last) last.text = last.text.trimEnd();
  return out.filter((r) => r.text !== '');
}

const withMarks = (text: string, m: Marks): RunInput => ({ text, ...m });

function marksOf<N>(reader: BlockReader<N>, el: N, tag: string, marks: Marks): Marks {
  const next: Marks = { ...marks };
  if (EMPHASIS.has(tag)) next.emphasis = true;
  if (STRONG.has(tag)) next.strong = true;
  if (tag === 'A') {
    // Links the model cannot hold (javascript:, relative without a base, data:) stay as text.
    const href = reader.link(reader.tree.attr(el, 'href'));
    if (href) next.href = href;
    else delete next.href;
  }
  return next;
}

/** Inline runs of an element's content; pictures are left out and block structure inside reads as a space. */
export function readInlineRuns<N>(el: N, reader: BlockReader<N>, marks: Marks = {}): RunInput[] {
  const { tree } = reader;
  const runs: RunInput[] = [];
  const visit = (node: N, m: Marks) => {
    const text = tree.text(node);
    if (text !== undefined) {
      if (text !== '') runs.push(withMarks(text, m));
      return;
    }
    const tag = tree.tag(node);
    if (
      tag === undefined ||
      SKIP.has(tag) ||
      tag === 'IMG' ||
      tag === 'PICTURE' ||
      tag === 'FIGURE'
    )
      return;
    if (tag === 'BR' || tag === 'HR') {
      runs.push(withMarks(' ', m));
      return;
    }
    const next = marksOf(reader, node, tag, m);
    const block = BLOCKISH.has(tag);
    if (block) runs.push(withMarks(' ', m));
    if (tag === 'Q') runs.push(withMarks('“', next));
    for (const c of tree.children(node)) visit(c, next);
    if (tag === 'Q') runs.push(withMarks('”', next));
    if (block) runs.push(withMarks(' ', m));
  };
  for (const c of tree.children(el)) visit(c, marks);
  return tidyRuns(runs);
}

function tableBlocks<N>(table: N, reader: BlockReader<N>): BlockInput[] {
  const { tree } = reader;
  const out: BlockInput[] = [];
  for (const row of descendants(tree, table, new Set(['TR']))) {
    const runs: RunInput[] = [];
    tree
      .children(row)
      .filter((c) => tree.tag(c) === 'TD' || tree.tag(c) === 'TH')
      .forEach((cell, i) => {
        if (i > 0) runs.push({ text: ' | ' });
        runs.push(...readInlineRuns(cell, reader));
      });
    if (hasText(runs)) out.push({ type: 'paragraph', content: tidyRuns(runs) });
  }
  const caption = descendants(tree, table, new Set(['CAPTION']))[0];
  const captionText = caption === undefined ? '' : textOf(tree, caption).trim();
  if (captionText)
    out.unshift({ type: 'paragraph', content: [{ text: captionText, strong: true }] });
  return out;
}

/**
 * Reads an HTML tree into model blocks: paragraphs, headings (h1-h6 as levels 2-4), quotes,
 * lists, figures and tables (a paragraph a row), with emphasis, strong and links inline.
 * Only text and the URLs `reader` lets through are copied, so no markup, attribute or script
 * can pass; script, style, forms and embeds are dropped with their text.
 */
export function readBlocks<N>(root: N, reader: BlockReader<N>): BlockInput[] {
  const { tree } = reader;
  const blocks: BlockInput[] = [];
  let pending: RunInput[] = [];

  const flush = () => {
    if (hasText(pending)) blocks.push({ type: 'paragraph', content: tidyRuns(pending) });
    pending = [];
  };
  const picture = (el: N) => {
    const image = reader.image(el);
    if (image) blocks.push({ type: 'figure', image });
  };

  const visit = (node: N, marks: Marks) => {
    const text = tree.text(node);
    if (text !== undefined) {
      if (text !== '') pending.push(withMarks(text, marks));
      return;
    }
    const tag = tree.tag(node);
    if (tag === undefined || SKIP.has(tag)) return;

    const level = HEADINGS[tag];
    if (level !== undefined) {
      flush();
      const runs = readInlineRuns(node, reader);
      if (hasText(runs)) blocks.push({ type: 'heading', level, content: runs });
      for (const img of descendants(tree, node, new Set(['IMG']))) picture(img);
      return;
    }
    switch (tag) {
      case 'IMG':
      case 'PICTURE':
        flush();
        picture(node);
        return;
      case 'FIGURE': {
        flush();
        const quote = tree.children(node).find((c) => tree.tag(c) === 'BLOCKQUOTE');
        if (quote !== undefined) {
          const block = reader.quote(quote);
          if (block) blocks.push(block);
          return;
        }
        const images = descendants(tree, node, new Set(['IMG']));
        const tables = descendants(tree, node, new Set(['TABLE']));
        // A gallery in one figure: each picture on its own, the shared caption on the last.
        if (images.length > 1) for (const img of images) picture(img);
        else if (images.length === 0 && tables.length > 0)
          for (const t of tables) blocks.push(...tableBlocks(t, reader));
        else picture(node);
        return;
      }
      case 'BLOCKQUOTE': {
        flush();
        const block = reader.quote(node);
        if (block) blocks.push(block);
        return;
      }
      case 'UL':
      case 'OL': {
        flush();
        if (descendants(tree, node, LIST_OF_BLOCKS).length > 0) {
          // Galleries and "cards" built as lists: read their items as blocks.
          for (const c of tree.children(node)) visit(c, marks);
          flush();
          return;
        }
        const items = tree
          .children(node)
          .filter((li) => tree.tag(li) === 'LI')
          .map((li) => readInlineRuns(li, reader))
          .filter(hasText)
          .slice(0, 500)
          .map((content) => ({ content }));
        if (items.length > 0) blocks.push({ type: 'list', ordered: tag === 'OL', items });
        return;
      }
      case 'TABLE':
        flush();
        blocks.push(...tableBlocks(node, reader));
        return;
      case 'BR': {
        // Two line breaks in a row end a paragraph, one is a space.
        const next = tree.nextSibling(node);
        const after = next === undefined ? undefined : tree.nextSibling(next);
        const nextText = next === undefined ? undefined : tree.text(next);
        if (
          (next !== undefined && tree.tag(next) === 'BR') ||
          (nextText !== undefined &&
            blank(nextText) &&
            after !== undefined &&
            tree.tag(after) === 'BR')
        )
          flush();
        else pending.push(withMarks(' ', marks));
        return;
      }
      case 'HR':
        flush();
        return;
      default:
        break;
    }
    if (BLOCKISH.has(tag)) {
      flush();
      for (const c of tree.children(node)) visit(c, {});
      flush();
      return;
    }
    const next = marksOf(reader, node, tag, marks);
    if (tag === 'Q') pending.push(withMarks('“', next));
    for (const c of tree.children(node)) visit(c, next);
    if (tag === 'Q') pending.push(withMarks('”', next));
  };

  for (const c of tree.children(root)) visit(c, {});
  flush();
  return blocks;
}

// htmlparser2's tree, for HTML that arrives as a string (ninjs body_html and the like).
type Parsed = ReturnType<typeof parseDocument>;
type Node = Parsed | Parsed['children'][number];

const PARSED: HtmlTree<Node> = {
  text: (n) => (n.type === ElementType.Text ? n.data : undefined),
  tag: (n) =>
    n.type === ElementType.Tag || n.type === ElementType.Script || n.type === ElementType.Style
      ? n.name.toUpperCase()
      : undefined,
  attr: (n, name) => ('attribs' in n ? n.attribs[name] : undefined),
  children: (n) => ('children' in n ? n.children : []),
  nextSibling: (n) => n.next ?? undefined,
};

const SAFE_LINK = /^(https?:|mailto:)/iu;
const QUOTE_DASH = /^\s*[—―–-]{1,2}\s*/u;
const CREDIT = new Set(['SMALL']);
const ATTRIBUTION = new Set(['FOOTER', 'CITE']);
const FIGCAPTION = new Set(['FIGCAPTION']);

const STRING_READER: BlockReader<Node> = {
  tree: PARSED,
  link: (href) => {
    const value = href?.trim();
    return value && SAFE_LINK.test(value) ? value : undefined;
  },
  image(el) {
    const img = PARSED.tag(el) === 'IMG' ? el : descendants(PARSED, el, new Set(['IMG']))[0];
    const caption = descendants(PARSED, el, FIGCAPTION)[0];
    const credit =
      caption === undefined
        ? ''
        : descendants(PARSED, caption, CREDIT)
            .map((c) => textOf(PARSED, c))
            .join(' ')
            .trim();
    const captionText = caption === undefined ? '' : captionWithout(caption, CREDIT).trim();
    const src = img === undefined ? undefined : PARSED.attr(img, 'src');
    if (src === undefined && captionText === '') return undefined;
    const size = (name: string) => {
      const value = img === undefined ? undefined : PARSED.attr(img, name);
      return value !== undefined && /^\d+$/u.test(value) ? Number(value) : undefined;
    };
    const width = size('width');
    const height = size('height');
    return {
      ...(src !== undefined ? { src } : {}),
      alt: (img === undefined ? undefined : PARSED.attr(img, 'alt')) ?? '',
      ...(captionText ? { caption: captionText } : {}),
      ...(credit ? { credit } : {}),
      ...(width ? { width } : {}),
      ...(height ? { height } : {}),
    };
  },
  quote(el) {
    const marked = descendants(PARSED, el, ATTRIBUTION)[0];
    const attribution =
      marked === undefined ? '' : textOf(PARSED, marked).trim().replace(QUOTE_DASH, '');
    const content = readInlineRuns(el, {
      ...STRING_READER,
      tree: { ...PARSED, children: (n) => PARSED.children(n).filter((c) => c !== marked) },
    });
    if (!hasText(content)) return undefined;
    const cite = PARSED.attr(el, 'cite');
    return {
      type: 'quote',
      content,
      ...(attribution ? { attribution } : {}),
      ...(cite !== undefined && /^https?:/iu.test(cite) ? { cite } : {}),
    };
  },
};

/** The text of a node without the elements of the given tags. */
function captionWithout(node: Node, tags: ReadonlySet<string>): string {
  const text = PARSED.text(node);
  if (text !== undefined) return text;
  const tag = PARSED.tag(node);
  if (tag !== undefined && tags.has(tag)) return '';
  return PARSED.children(node)
    .map((c) => captionWithout(c, tags))
    .join('');
}

/**
 * Reads an HTML body (from ninjs or another exchange format) into blocks, by the same rules
 * as the HTML importer (see readBlocks): blockquote with footer/cite as attribution, figure
 * with img, figcaption and a <small> credit. Links that are not http(s)/mailto are kept as
 * plain text, so imported HTML never carries script URLs.
 */
export function htmlToBlocks(html: string): BlockInput[] {
  const doc = parseDocument(html, {
    decodeEntities: true,
    lowerCaseTags: true,
    lowerCaseAttributeNames: true,
  });
  return readBlocks<Node>(doc, STRING_READER);
}
