import { parseEdition, type Edition } from '@broadsheet/model';
import { describe, expect, it } from 'vitest';
import { labelsFor } from '../../display/labels.js';
import { editionArticles } from '../../shared/index.js';
import { ImageLoader } from '../images/load-image.js';
import { pageFaults, variedArticle } from '../test-support/page-checks.js';
import { columnCount, columnGeometry, GUTTER, layoutColumns } from './columns.js';
import { pageGeometry } from './geometry.js';
import type { LaidPage } from './page-model.js';

function edition(count: number): Edition {
  const articles = Array.from({ length: count }, (_, i) => variedArticle(i));
  return parseEdition({
    title: 'Columns',
    date: '2024-01-02',
    language: 'en',
    sections: [{ title: 'News', articles }],
  });
}

function layout(count: number, pageSize: 'A4' | 'A3') {
  const g = pageGeometry({ pageSize });
  const n = columnCount(pageSize);
  const entries = editionArticles(edition(count));
  const news = layoutColumns(entries, g, n, {
    images: new ImageLoader(undefined, undefined),
    align: 'justify',
    rtl: false,
    pageNumber: (inner) => inner + 2,
  });
  return { g, n, news, entries };
}

const textOf = (f: LaidPage['fragments'][number]) =>
  f.kind === 'text' ? f.lines.map((l) => l.text).join(' ') : '';

describe('the column layout', () => {
  it.each([
    ['A4', 2],
    ['A3', 3],
  ] as const)(
    '%s: %i columns of 200 articles with no widow, orphan, lone heading or split figure',
    (size, columns) => {
      const { g, n, news } = layout(200, size);
      expect(n).toBe(columns);
      const pages: LaidPage[] = news.pages.map((p) => ({
        fragments: p.pieces.flatMap((piece) => piece.page.fragments),
        marks: [],
      }));
      expect(pageFaults(pages)).toEqual([]);
      // Text sits in every column of the grid and nowhere between them.
      const col = columnGeometry(g, n);
      const lefts = new Set<number>();
      for (const page of pages)
        for (const f of page.fragments) {
          if (f.kind !== 'text' || f.width > col.measure + 0.01) continue;
          const c = Math.floor((f.x - g.left + GUTTER / 2) / (col.measure + GUTTER));
          lefts.add(c);
          expect(f.x + f.width).toBeLessThanOrEqual(
            g.left + c * (col.measure + GUTTER) + col.measure + 0.01,
          );
        }
      expect([...lefts].sort()).toEqual(Array.from({ length: n }, (_, i) => i));
    },
  );

  it('balances the columns where each article ends, within a few lines', () => {
    const { g, n, news, entries } = layout(60, 'A4');
    const col = columnGeometry(g, n);
    let checked = 0;
    entries.forEach((e, i) => {
      const pageIndex = (news.starts[i + 1] ?? news.pages.length) - 1;
      // The page where the article ends: the last holding a piece of it.
      const last = news.pages
        .map((p, index) => ({ p, index }))
        .filter(({ p }) => p.pieces.some((piece) => piece.entry === e.index))
        .at(-1)!;
      expect(last.index).toBeLessThanOrEqual(Math.max(pageIndex, last.index));
      const piece = last.p.pieces.find((x) => x.entry === e.index)!;
      const bottoms = new Map<number, number>();
      for (const f of piece.page.fragments) {
        if (f.kind === 'rect' || (f.kind === 'text' && f.artifact) || f.width > col.measure + 0.01)
          continue;
        const c = Math.round((f.x - g.left) / (col.measure + GUTTER));
        const bottom =
          f.kind === 'text' ? f.y + f.lines.reduce((h, l) => h + l.height, 0) : f.y + f.height;
        bottoms.set(c, Math.max(bottoms.get(c) ?? 0, bottom));
      }
      if (bottoms.size < n) return;
      checked++;
      const values = [...bottoms.values()];
      // A body line is 15.75 pt; keeps (headings, figures, two-line pieces) may add a little:
      // up to 4 lines where the text after a column of 7 lines is a heading and a 3-line
      // paragraph, which cannot move across without leaving a heading or a widow behind.
      expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(4 * 15.75);
    });
    expect(checked).toBeGreaterThan(30);
  });

  it('puts "Continued on page N" at the foot of the last column where an article jumps', () => {
    const { g, n, news, entries } = layout(30, 'A4');
    const col = columnGeometry(g, n);
    let jumps = 0;
    news.pages.forEach((page, index) => {
      for (const piece of page.pieces) {
        const jump = piece.page.fragments.find((f) => f.kind === 'text' && f.artifact);
        const continues = news.pages[index + 1]?.pieces[0]?.entry === piece.entry;
        expect(Boolean(jump)).toBe(continues);
        if (!jump || jump.kind !== 'text') continue;
        jumps++;
        const language = entries[piece.entry]!.article.language;
        expect(textOf(jump)).toBe(labelsFor(language).continuedOn(index + 3));
        expect(jump.x).toBeCloseTo(g.left + (n - 1) * (col.measure + GUTTER), 5);
        expect(jump.y).toBeGreaterThan(g.bottom - 20);
      }
    });
    expect(jumps).toBeGreaterThan(3);
  });

  it('reads right to left in a right-to-left edition: the first column is on the right', () => {
    const body = Array.from({ length: 40 }, (_, i) => ({
      type: 'paragraph' as const,
      text: `${i} اسلام آباد: پاکستان اور روس کے تعلقات تیزی سے ترقی کر رہے ہیں، اور دونوں ممالک نے سفارتی تعلقات کی سالگرہ منائی۔`,
    }));
    const ur = parseEdition({
      title: 'اخبار',
      date: '2024-01-02',
      language: 'ur',
      sections: [{ title: 'خبریں', articles: [{ headline: 'تعلقات', language: 'ur', body }] }],
    });
    const g = pageGeometry({});
    const news = layoutColumns(editionArticles(ur), g, 2, {
      images: new ImageLoader(undefined, undefined),
      align: 'justify',
      rtl: true,
      pageNumber: (inner) => inner + 2,
    });
    const col = columnGeometry(g, 2);
    const paragraphs = news.pages[0]!.pieces[0]!.page.fragments.filter(
      (f) => f.kind === 'text' && f.struct.at(-1)?.tag === 'P' && f.width <= col.measure,
    );
    // In reading order: the right column first, then the left one.
    expect(paragraphs[0]!.x).toBeGreaterThan(g.left + col.measure);
    expect(paragraphs.at(-1)!.x).toBeCloseTo(g.left, 5);
    // The jump line sits at the foot of the last column read: the left one.
    const jump = news.pages[0]!.pieces[0]!.page.fragments.find(
      (f) => f.kind === 'text' && f.artifact,
    );
    expect(jump?.x).toBeCloseTo(g.left, 5);
  });
});
