import type { Edition } from '@broadsheet/model';
import { directionOf as textDirection } from '../../display/direction.js';
import { editionDisplay, SEPARATOR } from '../../display/display-model.js';
import { labelsFor } from '../../display/labels.js';
import { pdfText } from '../../display/escape.js';
import type { EditionEntry } from '../../shared/index.js';
import { layoutParagraph, type TextStyle } from '../text/paragraph.js';
import { composePages, type TextBox } from './compose.js';
import type { PageGeometry } from './geometry.js';
import type { LaidPage, StructPath } from './page-model.js';
import { LEADING } from './styles.js';

export interface TocEntry {
  entry: EditionEntry;
  /** 1-based page number where the article starts. */
  page: number;
  destination: string;
}

function box(
  text: string,
  style: TextStyle,
  struct: StructPath,
  g: PageGeometry,
  language: string,
  opts: {
    spaceBefore?: number;
    spaceAfter?: number;
    width?: number;
    leading?: number;
    keepWithNext?: boolean;
  } = {},
): TextBox {
  const width = opts.width ?? g.measure;
  const direction = textDirection(language);
  const b: TextBox = {
    kind: 'text',
    struct,
    lines: layoutParagraph({
      spans: [{ text: pdfText(text), style }],
      language,
      direction,
      width,
      leading: opts.leading ?? LEADING.ui,
      align: 'start',
    }),
    indent: 0,
    width,
    spaceBefore: opts.spaceBefore ?? 0,
    spaceAfter: opts.spaceAfter ?? 0,
  };
  if (opts.keepWithNext) b.keepWithNext = true;
  return b;
}

/** The cover: title, date, publisher, description and the sections with their article counts. */
export function coverPage(edition: Edition, g: PageGeometry): LaidPage {
  const lang = edition.language;
  const display = editionDisplay(edition);
  const sect = { key: 'cover', tag: 'Sect' };
  let n = 0;
  const path = (tag: string): StructPath => [sect, { key: `cover.${n++}`, tag }];
  const boxes: TextBox[] = [
    box(edition.title, g.styles.coverTitle, path('H1'), g, lang, {
      leading: LEADING.tight,
      spaceAfter: 14,
    }),
  ];
  boxes.push(box(display.date.text, g.styles.coverMeta, path('P'), g, lang, { spaceAfter: 4 }));
  if (edition.publisher)
    boxes.push(
      box(edition.publisher.name, g.styles.coverMeta, path('P'), g, lang, { spaceAfter: 4 }),
    );
  if (edition.description)
    boxes.push(
      box(edition.description, g.styles.standfirst, path('P'), g, lang, {
        spaceBefore: 14,
        leading: 1.4,
      }),
    );
  for (const s of edition.sections) {
    boxes.push(
      box(
        `${s.title}${SEPARATOR}${display.labels.articles(s.articles.length)}`,
        g.styles.coverMeta,
        path('P'),
        g,
        lang,
        { spaceBefore: 6 },
      ),
    );
  }
  // Everything on one page: the cover is a single page whatever the edition's size.
  return (
    composePages(boxes, g, g.top + (g.bottom - g.top) * 0.22).slice(0, 1)[0] ?? {
      fragments: [],
      marks: [],
    }
  );
}

/**
 * The table of contents: sections and their articles, each entry a link to the article's first
 * page with the page number beside it. Returns the pages and, per entry, its destination.
 */
export function tocPages(
  edition: Edition,
  entries: readonly TocEntry[],
  g: PageGeometry,
): { pages: LaidPage[]; links: Map<string, string> } {
  const lang = edition.language;
  const direction = textDirection(lang);
  const toc = { key: 'toc', tag: 'TOC' };
  const links = new Map<string, string>();
  const boxes: TextBox[] = [
    box(labelsFor(lang).contents, g.styles.tocTitle, [{ key: 'toc.title', tag: 'H1' }], g, lang, {
      spaceAfter: 10,
      leading: LEADING.tight,
    }),
  ];
  const numberWidth = 40;
  let section = -1;
  for (const { entry, page, destination } of entries) {
    if (entry.sectionIndex !== section) {
      section = entry.sectionIndex;
      const item = { key: `toc.s${section}`, tag: 'TOCI' };
      boxes.push(
        box(
          entry.sectionTitle,
          g.styles.tocSection,
          [toc, item, { key: `toc.s${section}.p`, tag: 'P' }],
          g,
          lang,
          { spaceBefore: 12, spaceAfter: 4, keepWithNext: true },
        ),
      );
    }
    const key = `toc.e${entry.index}`;
    const path: StructPath = [toc, { key: `${key}.i`, tag: 'TOCI' }, { key, tag: 'Link' }];
    links.set(key, destination);
    const b = box(entry.article.headline, g.styles.tocEntry, path, g, entry.article.language, {
      width: g.measure - numberWidth - 10,
      spaceAfter: 5,
      leading: LEADING.text,
    });
    if (direction === 'rtl') b.indent = numberWidth + 10;
    b.label = {
      struct: path,
      lines: layoutParagraph({
        spans: [{ text: String(page), style: g.styles.tocEntry }],
        language: 'en',
        direction: 'ltr',
        width: numberWidth,
        leading: LEADING.text,
        align: direction === 'rtl' ? 'start' : 'end',
      }),
      indent: direction === 'rtl' ? 0 : g.measure - numberWidth,
      width: numberWidth,
    };
    boxes.push(b);
  }
  return { pages: composePages(boxes, g), links };
}
