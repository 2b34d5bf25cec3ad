import { directionOf } from '../../display/direction.js';
import { labelsFor } from '../../display/labels.js';
import type { EditionEntry } from '../../shared/index.js';
import { singleLine } from '../draw/lines.js';
import type { ImageLoader } from '../images/load-image.js';
import type { PageSize } from '../options.js';
import type { TextStyle } from '../text/paragraph.js';
import { articleBoxes } from './article.js';
import { composePages, type Box, type Frames } from './compose.js';
import type { PageGeometry } from './geometry.js';
import type { Fragment, LaidPage } from './page-model.js';
import { RULE, type Styles } from './styles.js';

/** Space between columns, in points. */
export const GUTTER = 16;
/** Space between one article's end and the next one's headline; a rule sits in its middle. */
const ARTICLE_GAP = 22;
/** An article starts on a new page when less than this is left below the previous one. */
const MIN_START_ROOM = 150;

/** Two columns on A4 and Letter, three on the broadsheet sizes. */
export function columnCount(pageSize: PageSize | undefined): number {
  return pageSize === 'A3' || pageSize === 'Tabloid' ? 3 : 2;
}

/** One article's part of a page: its fragments in reading order, column after column. */
export interface NewsPiece {
  /** Index of the article in the edition (EditionEntry.index). */
  entry: number;
  page: LaidPage;
  /** Top of the article's headline when the article starts on this page. */
  start?: number;
}

export interface NewsPage {
  pieces: NewsPiece[];
}

export interface NewsLayout {
  pages: NewsPage[];
  /** Per entry, the index (0-based, inner pages only) of the page where the article starts. */
  starts: number[];
}

/** The geometry of one column: the page's, narrowed to the first column's measure. */
export function columnGeometry(g: PageGeometry, count: number): PageGeometry {
  const measure = (g.measure - GUTTER * (count - 1)) / count;
  return { ...g, measure, right: g.left + measure, styles: columnStyles(g.styles) };
}

/**
 * Newspapers set their narrow columns in economical faces: serif text in a column is Noto
 * Serif SemiCondensed. At A4's column measure it holds as many characters per line as LaTeX's
 * Latin Modern does, and about half as many lines come out very loose as in Noto Serif's
 * normal width (bench/ typography). Headings and captions stay in the sans.
 */
export function columnStyles(styles: Styles): Styles {
  const out = { ...styles } as Record<keyof Styles, TextStyle>;
  for (const [name, s] of Object.entries(styles) as [keyof Styles, TextStyle][])
    if (s.font.family === 'serif')
      out[name] = { ...s, font: { ...s.font, stretch: 'semi-condensed' } };
  return out;
}

export const fragmentBottom = (f: Fragment): number =>
  f.kind === 'text' ? f.y + f.lines.reduce((h, l) => h + l.height, 0) : f.y + f.height;

function shifted(f: Fragment, dx: number): Fragment {
  return dx === 0 ? f : { ...f, x: f.x + dx };
}

/**
 * The newspaper layout of an edition's articles: one after another, each headline across the
 * page and its text in columns that flow top to bottom, left to right (right to left in a
 * right-to-left edition), balanced where the article ends, with "Continued on page N" at the
 * foot of the last column where it jumps. `pageNumber` turns an inner page index into the
 * number printed on it.
 */
export function layoutColumns(
  entries: readonly EditionEntry[],
  g: PageGeometry,
  count: number,
  ctx: {
    images: ImageLoader;
    align: 'justify' | 'ragged' | undefined;
    rtl: boolean;
    pageNumber: (inner: number) => number;
  },
): NewsLayout {
  const col = columnGeometry(g, count);
  const step = col.measure + GUTTER;
  const offset = (c: number) => (ctx.rtl ? count - 1 - c : c) * step;
  const pages: NewsPage[] = [{ pieces: [] }];
  const starts: number[] = [];
  let p = 0;
  let y = g.top;

  const pieceOf = (index: number, entry: number): NewsPiece => {
    while (pages.length <= index) pages.push({ pieces: [] });
    const pieces = pages[index]!.pieces;
    let piece = pieces.at(-1);
    if (piece?.entry !== entry) {
      piece = { entry, page: { fragments: [], marks: [] } };
      pieces.push(piece);
    }
    return piece;
  };

  for (const e of entries) {
    const article = e.article;
    const boxes = articleBoxes(article, {
      geometry: col,
      key: `a${e.index}`,
      images: ctx.images,
      titleWidth: g.measure,
      ...(ctx.align !== undefined && { align: ctx.align }),
    });
    const titleCount = boxes.findIndex((b) => b.struct.at(-1)?.tag === 'H1') + 1;
    const title = boxes.slice(0, titleCount);
    const body = boxes.slice(titleCount);
    const titleHeight = boxesHeight(title);
    if (y > g.top && g.bottom - y < Math.max(MIN_START_ROOM, titleHeight + 60)) {
      p++;
      y = g.top;
    }
    starts.push(p);
    const head = composePages(title, g, { top: () => y, bottom: () => g.bottom })[0];
    const first = pieceOf(p, e.index);
    first.start = y;
    if (head) first.page.fragments.push(...head.fragments);
    const bodyTop = y + titleHeight;

    // Columns are pages to the composer: column k is column k % count of page p + k / count.
    const labels = labelsFor(article.language);
    const dir = directionOf(article.language);
    const jumpLine = (n: number) =>
      singleLine(labels.continuedOn(n), g.styles.meta, col.measure, article.language, dir, 'end');
    const reserve = (jumpLine(99)?.height ?? 12) + 4;
    const normalBottom = (k: number) => g.bottom - (k % count === count - 1 ? reserve : 0);
    const topOf = (k: number) => (k < count ? bodyTop : g.top);
    const compose = (lastFrom: number, h: number): LaidPage[] =>
      composePages(body, col, {
        top: topOf,
        bottom: (k) => (k >= lastFrom ? Math.min(h, g.bottom) : normalBottom(k)),
      } satisfies Frames);
    const { columns, lastPage } = composeBalanced(compose, count, topOf, g);

    columns.forEach((column, k) => {
      const index = p + Math.floor(k / count);
      const dx = offset(k % count);
      const piece = pieceOf(index, e.index);
      piece.page.fragments.push(...column.fragments.map((f) => shifted(f, dx)));
      piece.page.marks.push(...column.marks);
    });
    // Jump lines at the foot of the last column of every page the article continues from.
    for (let page = 0; page < lastPage; page++) {
      const line = jumpLine(ctx.pageNumber(p + page + 1));
      if (!line) continue;
      pieceOf(p + page, e.index).page.fragments.push({
        kind: 'text',
        struct: [],
        artifact: true,
        x: g.left + offset(count - 1),
        y: g.bottom - reserve + 4,
        width: col.measure,
        lines: [line],
      });
    }
    p += lastPage;
    const last = pieceOf(p, e.index);
    const end = Math.max(
      lastPage === 0 ? bodyTop : g.top,
      ...last.page.fragments.filter((f) => !(f.kind === 'text' && f.artifact)).map(fragmentBottom),
    );
    y = end + ARTICLE_GAP;
    if (y < g.bottom - MIN_START_ROOM) {
      last.page.fragments.push({
        kind: 'rect',
        x: g.left,
        y: end + ARTICLE_GAP / 2 - 0.25,
        width: g.measure,
        height: 0.5,
        color: RULE,
      });
    }
  }
  return { pages, starts };
}

/**
 * Shortens the columns of the article's last page to the least height that still holds its
 * text in that page's columns without breaking a keep, so they end level. The search climbs
 * from an even share of the text in 2 pt steps: keeps make "fits" non-monotonic, so the first
 * fit found from below is the shortest.
 */
function balanceLastPage(
  columns: LaidPage[],
  compose: (height: number) => LaidPage[],
  lastFrom: number,
  count: number,
  top: number,
  g: PageGeometry,
): LaidPage[] {
  // Only the last page's columns are judged: the pages before it are the same in every attempt.
  const fits = (attempt: LaidPage[]) =>
    attempt.length <= lastFrom + count && !splitFault(attempt.slice(lastFrom));
  // The text the last page holds, stacked: no balanced column can be shorter than its share.
  let text = 0;
  for (const column of columns.slice(lastFrom)) {
    const bottoms = column.fragments.map(fragmentBottom);
    const start = lastFrom === 0 ? top : Math.min(top, ...column.fragments.map((f) => f.y));
    if (bottoms.length > 0) text += Math.max(...bottoms) - start;
  }
  for (let h = top + text / count - 2; h < g.bottom; h += 2) {
    const attempt = compose(h);
    if (fits(attempt)) return attempt;
  }
  const full = compose(g.bottom);
  return fits(full) ? full : columns;
}

/**
 * Boxes composed into columns (column k is column k % count of page k / count) with the last
 * page's columns balanced. `compose(lastFrom, height)` lays them out with the columns from
 * `lastFrom` on ending at `height` (and `compose(Infinity, g.bottom)` as they come); `topOf`
 * gives each column's top. Balancing keeps the number of pages: `lastPage` is the last one's.
 */
export function composeBalanced(
  compose: (lastFrom: number, height: number) => LaidPage[],
  count: number,
  topOf: (k: number) => number,
  g: PageGeometry,
): { columns: LaidPage[]; lastPage: number } {
  const full = compose(Infinity, g.bottom);
  const lastPage = Math.floor((full.length - 1) / count);
  const lastFrom = lastPage * count;
  const columns = balanceLastPage(
    full,
    (h) => compose(lastFrom, h),
    lastFrom,
    count,
    topOf(lastFrom),
    g,
  );
  return { columns, lastPage };
}

/**
 * Whether short balanced columns broke a rule the composer keeps on full ones: a paragraph
 * piece of one line in a split paragraph, or a heading ending a column. Columns only a line
 * or two high can force either; balancing then settles for taller ones.
 */
function splitFault(columns: readonly LaidPage[]): boolean {
  // A box is split when its text is in more than one column; several fragments of one box in
  // one column (a headline and its page number on a front page) are not pieces of it.
  const columnsOf = new Map<string, Set<number>>();
  const single = new Set<string>();
  for (const [i, column] of columns.entries()) {
    const texts = column.fragments.filter((f) => f.kind === 'text');
    const last = texts.at(-1)?.struct.at(-1);
    if (last && /^H\d$/.test(last.tag) && i < columns.length - 1) return true;
    for (const f of texts) {
      const key = f.struct.at(-1)?.key ?? '';
      columnsOf.set(key, (columnsOf.get(key) ?? new Set()).add(i));
      if (f.lines.length < 2) single.add(key);
    }
  }
  for (const key of single) if ((columnsOf.get(key)?.size ?? 0) > 1) return true;
  return false;
}

/** The boxes' total height, spaces included. */
export function boxesHeight(boxes: readonly Box[]): number {
  return boxes.reduce(
    (h, b) =>
      h +
      b.spaceBefore +
      b.spaceAfter +
      (b.kind === 'text' ? b.lines.reduce((s, l) => s + l.height, 0) : b.height),
    0,
  );
}
