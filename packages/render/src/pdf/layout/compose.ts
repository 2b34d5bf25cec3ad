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
  return box.spaceBefore + box.lines.slice(0, count).reduce((h, l) => h + l.height, 0);
}

/**
 * Puts boxes on pages, top to bottom: a box's lines flow across pages, a heading moves to the
 * next page rather than end one, and a paragraph does not leave a lone first line at the foot.
 */
export function composePages(
  boxes: readonly Box[],
  g: PageGeometry,
  firstPageTop = g.top,
): LaidPage[] {
  const pages: LaidPage[] = [{ fragments: [], marks: [] }];
  let page = pages[0]!;
  let y = firstPageTop;
  const atTop = () => y <= g.top + 0.01 || (pages.length === 1 && y <= firstPageTop + 0.01);
  const newPage = () => {
    page = { fragments: [], marks: [] };
    pages.push(page);
    y = g.top;
  };

  boxes.forEach((box, i) => {
    if (!atTop()) y += box.spaceBefore;
    if (box.keepWithNext && !atTop()) {
      let need = box.kind === 'text' ? box.lines.reduce((h, l) => h + l.height, 0) : box.height;
      let k = i + 1;
      // Keep a run of headings together with the first lines of what follows them.
      while (boxes[k]?.keepWithNext) {
        need += firstLinesHeight(boxes[k], 100);
        k++;
      }
      need += firstLinesHeight(boxes[k], 2);
      if (y + need > g.bottom && need <= g.bottom - g.top) newPage();
    }
    if (box.kind === 'image') {
      let { width, height } = box;
      const room = g.bottom - g.top;
      if (height > room) {
        width *= room / height;
        height = room;
      }
      if (y + height > g.bottom && !atTop()) newPage();
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
    const first = box.lines[0];
    const second = box.lines[1];
    if (first && second && !atTop() && y + first.height + second.height > g.bottom) newPage();
    if (box.mark) page.marks.push({ ...box.mark, y });
    let fragment: TextFragment | undefined;
    box.lines.forEach((line, n) => {
      if (y + line.height > g.bottom && !atTop()) {
        newPage();
        fragment = undefined;
      }
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
        if (box.tint || box.bar) decorate(page, box, g, y);
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

const decorations = new WeakMap<LaidPage, { box: TextBox; index: number }>();

function decorate(page: LaidPage, box: TextBox, g: PageGeometry, y: number): void {
  const x = box.bar ? g.left + box.indent - box.bar.offset : g.left + box.indent - 8;
  const width = box.bar ? 2 : box.width + 16;
  const color = box.bar?.color ?? box.tint ?? '#000000';
  // A tint reaches a little above and below its text; a rule sits beside it exactly.
  const pad = box.bar ? 0 : 3;
  page.fragments.push({ kind: 'rect', x, y: y - pad, width, height: pad, color });
  decorations.set(page, { box, index: page.fragments.length - 1 });
}

function extendDecoration(page: LaidPage, box: TextBox, y: number): void {
  const d = decorations.get(page);
  if (!d || d.box !== box) return;
  const rect = page.fragments[d.index];
  if (rect?.kind === 'rect') rect.height = y - rect.y + (box.bar ? 0 : 3);
}
