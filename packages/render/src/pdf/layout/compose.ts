import type { TextLine } from '../text/paragraph.js';
import type { PageGeometry } from './geometry.js';
import type { LaidPage, StructPath, TextFragment } from './page-model.js';

export interface TextBox {
  kind: 'text';
  struct: StructPath;
  lines: TextLine[];
  /** Offset of the measure from the page's left margin, and its width. */
  indent: number;
  width: number;
  spaceBefore: number;
  spaceAfter: number;
  /** Headings: never the last thing on a page. */
  keepWithNext?: boolean;
  /** Drawn beside the first line (list bullets and numbers). */
  label?: { struct: StructPath; lines: TextLine[]; indent: number; width: number };
  /** A rule beside the lines (quotes), or a tint behind them (highlights). */
  bar?: { color: string; offset: number };
  tint?: string;
  /** Outline entry for this box. */
  mark?: { title: string; level: number };
}

export interface ImageBox {
  kind: 'image';
  struct: StructPath;
  data: Buffer;
  width: number;
  height: number;
  spaceBefore: number;
  spaceAfter: number;
  keepWithNext?: boolean;
}

export type Box = TextBox | ImageBox;

function firstLinesHeight(box: Box | undefined, count: number): number {
  if (!box) return 0;
  if (box.kind === 'image') return box.spaceBefore + box.height;
  // A paragraph of three lines cannot split without a widow or an orphan: it goes whole.
  const n = box.lines.length <= 3 ? box.lines.length : count;
  return box.spaceBefore + box.lines.slice(0, n).reduce((h, l) => h + l.height, 0);
}

/**
 * Where each page (or column) of a flow starts and ends. Columns are pages of their own to the
 * composer: the column layout gives every column its frame and moves it sideways afterwards.
 */
export interface Frames {
  top(index: number): number;
  bottom(index: number): number;
}

/**
 * Puts boxes on pages, top to bottom: a box's lines flow across pages, a heading moves to the
 * next page rather than end one, a figure stays with its caption, and a paragraph leaves neither
 * a lone first line at the foot of a page (orphan) nor a lone last line at the top of the next
 * (widow).
 */
export function composePages(
  boxes: readonly Box[],
  g: PageGeometry,
  start: number | Frames = g.top,
): LaidPage[] {
  const frames: Frames =
    typeof start === 'number'
      ? { top: (i) => (i === 0 ? start : g.top), bottom: () => g.bottom }
      : start;
  const pages: LaidPage[] = [{ fragments: [], marks: [] }];
  let page = pages[0]!;
  let top = frames.top(0);
  let bottom = frames.bottom(0);
  let y = top;
  const atTop = () => y <= top + 0.01;
  const newPage = () => {
    page = { fragments: [], marks: [] };
    pages.push(page);
    top = frames.top(pages.length - 1);
    bottom = frames.bottom(pages.length - 1);
    y = top;
  };

  boxes.forEach((box, i) => {
    if (!atTop()) y += box.spaceBefore;
    if (box.keepWithNext && !atTop()) {
      let need =
        (box.kind === 'text' ? box.lines.reduce((h, l) => h + l.height, 0) : box.height) +
        box.spaceAfter;
      let k = i + 1;
      // Keep a run of headings together with the first lines of what follows them.
      while (boxes[k]?.keepWithNext) {
        need += firstLinesHeight(boxes[k], 100) + boxes[k]!.spaceAfter;
        k++;
      }
      // A figure takes its whole caption along; a heading the first two lines of its paragraph.
      need += firstLinesHeight(boxes[k], boxes[k - 1]?.kind === 'image' ? Infinity : 2);
      if (y + need > bottom && need <= frames.bottom(pages.length) - frames.top(pages.length))
        newPage();
    }
    if (box.kind === 'image') {
      let { width, height } = box;
      // Room for the picture and, below it, its caption.
      const caption = box.keepWithNext ? firstLinesHeight(boxes[i + 1], Infinity) : 0;
      const room = Math.max(bottom - top - caption, (bottom - top) / 2);
      if (height > room) {
        width *= room / height;
        height = room;
      }
      if (y + height + caption > bottom && !atTop()) {
        newPage();
        if (height > bottom - top - caption) {
          const fit = Math.max(bottom - top - caption, (bottom - top) / 2);
          width *= fit / height;
          height = fit;
        }
      }
      page.fragments.push({
        kind: 'image',
        struct: box.struct,
        data: box.data,
        x: g.left + (g.measure - width) / 2,
        y,
        width,
        height,
      });
      y += height + box.spaceAfter;
      return;
    }
    const { lines } = box;
    if (lines.length >= 2 && !atTop()) {
      // How many lines fit here; a split must leave at least two on each side.
      let fit = 0;
      let h = y;
      while (fit < lines.length && h + lines[fit]!.height <= bottom) h += lines[fit++]!.height;
      const splits = fit < lines.length;
      if (splits && (fit < 2 || (lines.length - fit === 1 && fit < 3))) newPage();
    }
    if (box.mark) page.marks.push({ ...box.mark, y });
    let fragment: TextFragment | undefined;
    lines.forEach((line, n) => {
      const full = y + line.height > bottom;
      // Widow: the last line alone at the top of the next page. Take one more line along.
      const widow =
        n === lines.length - 2 &&
        (fragment?.lines.length ?? 0) >= 2 &&
        !full &&
        y + line.height + lines[n + 1]!.height > bottom;
      if ((full || widow) && !atTop()) {
        newPage();
        fragment = undefined;
      }
      // The tint or rule first, so the label and the text are drawn over it.
      if (!fragment && (box.tint || box.bar)) decorate(page, box, g, y);
      if (n === 0 && box.label) {
        page.fragments.push({
          kind: 'text',
          struct: box.label.struct,
          x: g.left + box.label.indent,
          y,
          width: box.label.width,
          lines: box.label.lines.slice(0, 1),
        });
      }
      if (!fragment) {
        fragment = {
          kind: 'text',
          struct: box.struct,
          x: g.left + box.indent,
          y,
          width: box.width,
          lines: [],
        };
        page.fragments.push(fragment);
      }
      fragment.lines.push(line);
      y += line.height;
      extendDecoration(page, box, y);
    });
    y += box.spaceAfter;
  });
  return pages;
}

/** The rect a page's latest decorated box draws, and that box. */
const decorations = new WeakMap<
  LaidPage,
  { box: TextBox; rect: Extract<LaidPage['fragments'][number], { kind: 'rect' }> }
>();

/** A tint reaches this far around its text (and its label); a rule sits beside it exactly. */
const TINT_PAD = 3;

function decorate(page: LaidPage, box: TextBox, g: PageGeometry, y: number): void {
  const color = box.bar?.color ?? box.tint ?? '#000000';
  const last = decorations.get(page);
  // Tinted boxes that follow each other (the highlights) share one panel: a second rect would
  // reach over the last line of the box above.
  if (box.tint && last?.box.tint === box.tint && last.rect.y + last.rect.height >= y) {
    decorations.set(page, { box, rect: last.rect });
    return;
  }
  let x: number;
  let width: number;
  if (box.bar) {
    x = g.left + box.indent - box.bar.offset;
    width = 2;
  } else {
    // The panel holds the label (a bullet) as well as the text, with room to spare around both.
    const left = Math.min(box.indent, box.label?.indent ?? box.indent);
    const right = Math.max(
      box.indent + box.width,
      (box.label?.indent ?? 0) + (box.label?.width ?? 0),
    );
    x = g.left + left - 2 * TINT_PAD;
    width = right - left + 4 * TINT_PAD;
  }
  const rect = {
    kind: 'rect' as const,
    x,
    y: y - (box.bar ? 0 : TINT_PAD),
    width,
    height: 0,
    color,
  };
  page.fragments.push(rect);
  decorations.set(page, { box, rect });
}

function extendDecoration(page: LaidPage, box: TextBox, y: number): void {
  const d = decorations.get(page);
  if (!d || d.box !== box) return;
  d.rect.height = y - d.rect.y + (box.bar ? 0 : TINT_PAD);
}
