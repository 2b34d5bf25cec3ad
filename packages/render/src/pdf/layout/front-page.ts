import type { Edition } from '@broadsheet/model';
import { directionOf } from '../../display/direction.js';
import { editionDisplay, SEPARATOR } from '../../display/display-model.js';
import { pdfText } from '../../display/escape.js';
import { labelsFor } from '../../display/labels.js';
import type { ImageLoader } from '../images/load-image.js';
import { layoutParagraph, type TextStyle } from '../text/paragraph.js';
import { GUTTER, columnGeometry, composeBalanced, fragmentBottom } from './columns.js';
import { composePages, type Box, type TextBox } from './compose.js';
import { fitPicture } from './fit-picture.js';
import type { TocEntry } from './edition.js';
import type { PageGeometry } from './geometry.js';
import type { Fragment, LaidPage, StructPath } from './page-model.js';
import { INK, LEADING, RULE } from './styles.js';

/**
 * The front page of the column layout: the masthead (edition title, date, publisher), the lead
 * story (headline, picture, standfirst or first paragraph, and where it continues) and the
 * other headlines in columns with their page numbers, every one of them: those the front page
 * cannot hold continue in the columns of the next pages. Headlines and jump lines are links
 * (TOC > TOCI > Link) to the articles' first pages.
 */
export function frontPage(
  edition: Edition,
  entries: readonly TocEntry[],
  g: PageGeometry,
  count: number,
  images: ImageLoader,
): { pages: LaidPage[]; links: Map<string, string> } {
  const lang = edition.language;
  const dir = directionOf(lang);
  const labels = labelsFor(lang);
  const display = editionDisplay(edition);
  const links = new Map<string, string>();
  const fragments: Fragment[] = [];
  const pages: LaidPage[] = [{ fragments, marks: [] }];
  let y = g.top - 20;

  const box = (
    text: string,
    style: TextStyle,
    struct: StructPath,
    language: string,
    opts: { width?: number; leading?: number; align?: 'start' | 'center' | 'end' } = {},
  ): TextBox => {
    const width = opts.width ?? g.measure;
    return {
      kind: 'text',
      struct,
      lines: layoutParagraph({
        spans: [{ text: pdfText(text), style }],
        language,
        direction: directionOf(language),
        width,
        leading: opts.leading ?? LEADING.ui,
        align: opts.align ?? 'start',
      }),
      indent: 0,
      width,
      spaceBefore: 0,
      spaceAfter: 0,
    };
  };
  /** Stacks boxes across the page from y; what does not fit the page is left out. */
  const stack = (boxes: Box[], gap = 0) => {
    const page = composePages(boxes, g, { top: () => y, bottom: () => g.bottom })[0];
    for (const f of page?.fragments ?? []) {
      fragments.push(f);
      y = Math.max(y, fragmentBottom(f));
    }
    y += gap;
  };
  const rule = (weight: number, gap: number) => {
    fragments.push({ kind: 'rect', x: g.left, y, width: g.measure, height: weight, color: INK });
    y += weight + gap;
  };

  // Masthead.
  const front = { key: 'front', tag: 'Sect' };
  const mastheadStyle = { ...g.styles.coverTitle, size: g.styles.coverTitle.size * 1.2 };
  stack(
    [
      box(edition.title, mastheadStyle, [front, { key: 'front.h1', tag: 'H1' }], lang, {
        align: 'center',
        leading: LEADING.tight,
      }),
    ],
    6,
  );
  rule(1.5, 3);
  const meta = [display.date.text, edition.publisher?.name].filter(Boolean).join(SEPARATOR);
  stack(
    [
      box(meta, g.styles.byline, [front, { key: 'front.meta', tag: 'P' }], lang, {
        align: 'center',
      }),
    ],
    3,
  );
  rule(0.5, 16);

  // The lead story.
  const lead = entries[0];
  if (lead) {
    const a = lead.entry.article;
    const toc = { key: 'front.lead', tag: 'TOC' };
    const headline: StructPath = [
      toc,
      { key: 'front.lead.i', tag: 'TOCI' },
      { key: 'front.lead.link', tag: 'Link' },
    ];
    links.set('front.lead.link', lead.destination);
    const leadStyle = { ...g.styles.headline, size: g.styles.headline.size * 1.35 };
    stack([box(a.headline, leadStyle, headline, a.language, { leading: LEADING.tight })], 8);
    const picture = a.image?.src === undefined ? undefined : images.load(a.image.src);
    if (picture && a.image) {
      const { width, height } = fitPicture(picture, g.measure, (g.bottom - g.top) * 0.36);
      fragments.push({
        kind: 'image',
        struct: [
          {
            key: 'front.figure',
            tag: 'Figure',
            alt: a.image.alt || a.image.caption || labels.photo,
          },
        ],
        data: picture.data,
        x: g.left + (g.measure - width) / 2,
        y,
        width,
        height,
      });
      y += height + 4;
      const caption = [a.image.caption, a.image.credit].filter(Boolean).join(' ');
      if (caption)
        stack(
          [box(caption, g.styles.caption, [{ key: 'front.caption', tag: 'Caption' }], a.language)],
          4,
        );
    }
    const first = a.body.find((b) => b.type === 'paragraph');
    const summary = a.standfirst ?? (first?.type === 'paragraph' ? first.text : undefined);
    if (summary)
      stack(
        [
          box(summary, g.styles.standfirst, [{ key: 'front.summary', tag: 'P' }], a.language, {
            leading: 1.4,
          }),
        ],
        4,
      );
    const jump: StructPath = [
      { key: 'front.jump', tag: 'TOC' },
      { key: 'front.jump.i', tag: 'TOCI' },
      { key: 'front.jump.link', tag: 'Link' },
    ];
    links.set('front.jump.link', lead.destination);
    const jumpStyle = { ...g.styles.byline, color: g.styles.kicker.color };
    stack(
      [
        box(labelsFor(a.language).continuedOn(lead.page), jumpStyle, jump, a.language, {
          align: 'end',
        }),
      ],
      12,
    );
    rule(0.5, 12);
  }

  // The other headlines, in the page's columns, each with its page number.
  const rest = entries.slice(1);
  if (rest.length > 0) {
    stack(
      [box(labels.contents, g.styles.tocSection, [{ key: 'front.inside', tag: 'H2' }], lang)],
      6,
    );
    const col = columnGeometry(g, count);
    const numberWidth = 24;
    const toc = { key: 'front.toc', tag: 'TOC' };
    const boxes: Box[] = rest.map(({ entry, page, destination }) => {
      const key = `front.e${entry.index}`;
      const path: StructPath = [toc, { key: `${key}.i`, tag: 'TOCI' }, { key, tag: 'Link' }];
      links.set(key, destination);
      const b = box(entry.article.headline, g.styles.tocEntry, path, entry.article.language, {
        width: col.measure - numberWidth - 6,
        leading: LEADING.text,
      });
      b.spaceAfter = 6;
      if (dir === 'rtl') b.indent = numberWidth + 6;
      b.label = {
        struct: path,
        lines: layoutParagraph({
          spans: [{ text: labels.number(page), style: g.styles.tocEntry }],
          language: lang,
          direction: dir,
          width: numberWidth,
          leading: LEADING.text,
          align: 'end',
        }),
        indent: dir === 'rtl' ? 0 : col.measure - numberWidth,
        width: numberWidth,
      };
      return b;
    });
    const top = y;
    const topOf = (k: number) => (k < count ? top : g.top);
    // Headlines that do not fit the front page's columns go on in the columns of the pages
    // after it (front pages too, before the first article): every article is listed. The last
    // of those pages has its columns balanced, as an article's are.
    const compose = (lastFrom: number, h: number) =>
      composePages(boxes, col, {
        top: topOf,
        bottom: (k) => (k >= lastFrom ? Math.min(h, g.bottom) : g.bottom),
      });
    const { columns, lastPage } = composeBalanced(compose, count, topOf, g);
    // The rules between columns run as deep as the columns do: the last page's end level.
    const lastFrom = lastPage * count;
    const lastBottom = Math.max(
      topOf(lastFrom),
      ...columns.slice(lastFrom).flatMap((column) => column.fragments.map(fragmentBottom)),
    );
    columns.forEach((column, k) => {
      const c = k % count;
      const page = Math.floor(k / count);
      while (pages.length <= page) pages.push({ fragments: [], marks: [] });
      const dx = (dir === 'rtl' ? count - 1 - c : c) * (col.measure + GUTTER);
      for (const f of column.fragments) pages[page]!.fragments.push({ ...f, x: f.x + dx });
      if (c === 0) return;
      // A rule between this column and the one before it.
      const x = g.left + c * (col.measure + GUTTER) - GUTTER / 2;
      const from = page === 0 ? top : g.top;
      const ruleX = dir === 'rtl' ? g.left + g.right - x : x;
      pages[page]!.fragments.push({
        kind: 'rect',
        x: ruleX,
        y: from,
        width: 0.5,
        height: (page === lastPage ? Math.min(lastBottom, g.bottom) : g.bottom) - from,
        color: RULE,
      });
    });
  }
  return { pages, links };
}
