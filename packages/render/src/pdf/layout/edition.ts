import type { Edition } from '@broadsheet/model';
import { directionOf as textDirection } from '../../display/direction.js';
import { editionDisplay, SEPARATOR } from '../../display/display-model.js';
import { labelsFor } from '../../display/labels.js';
import { pdfText } from '../../display/escape.js';
import type { EditionEntry } from '../../shared/index.js';
import { layoutParagraph, type TextStyle } from '../text/paragraph.js';
import { coverPictureFits, coverStory } from '../../shared/cover-story.js';
import type { ImageLoader } from '../images/load-image.js';
import { boxesHeight } from './columns.js';
import { composePages, type Box, type TextBox } from './compose.js';
import { fitPicture } from './fit-picture.js';
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

/** The cover's share of the page area a picture may take at most. */
const COVER_PICTURE_SHARE = 0.42;
/** Where the cover's text starts, as a share of the page area: higher when a picture follows. */
const COVER_TOP = { textOnly: 0.22, withPicture: 0.08 } as const;

/**
 * The cover: title, date and publisher, the lead story's picture with its caption (the same
 * picture the EPUB cover shows: the lead story's own, at least 300 × 200), then the description
 * and the sections with their article counts. One page, whatever the edition's size.
 */
export function coverPage(edition: Edition, g: PageGeometry, images: ImageLoader): LaidPage {
  const lang = edition.language;
  const display = editionDisplay(edition);
  const sect = { key: 'cover', tag: 'Sect' };
  let n = 0;
  const path = (tag: string): StructPath => [sect, { key: `cover.${n++}`, tag }];
  const head: TextBox[] = [
    box(edition.title, g.styles.coverTitle, path('H1'), g, lang, {
      leading: LEADING.tight,
      spaceAfter: 14,
    }),
  ];
  head.push(box(display.date.text, g.styles.coverMeta, path('P'), g, lang, { spaceAfter: 4 }));
  if (edition.publisher)
    head.push(
      box(edition.publisher.name, g.styles.coverMeta, path('P'), g, lang, { spaceAfter: 4 }),
    );
  const tail: TextBox[] = [];
  if (edition.description)
    tail.push(
      box(edition.description, g.styles.standfirst, path('P'), g, lang, {
        spaceBefore: 14,
        leading: 1.4,
      }),
    );
  for (const s of edition.sections) {
    tail.push(
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
  const area = g.bottom - g.top;
  const figure = coverFigure(edition, g, images, path, area - boxesHeight([...head, ...tail]));
  // Everything on one page: the cover is a single page whatever the edition's size. With a
  // picture the text starts higher, so that the picture has room.
  const start = g.top + area * (figure.length > 0 ? COVER_TOP.withPicture : COVER_TOP.textOnly);
  return (
    composePages([...head, ...figure, ...tail], g, start).slice(0, 1)[0] ?? {
      fragments: [],
      marks: [],
    }
  );
}

/**
 * The lead story's picture and its caption, fitted to the measure, to a share of the page and
 * to the room the cover's text leaves (`room`, in points); nothing when there is no picture or
 * too little room for one.
 */
function coverFigure(
  edition: Edition,
  g: PageGeometry,
  images: ImageLoader,
  path: (tag: string) => StructPath,
  room: number,
): Box[] {
  const story = coverStory(edition);
  const image = story?.image;
  const picture = image?.src === undefined ? undefined : images.load(image.src);
  if (!story || !image || !picture || !coverPictureFits(picture.width, picture.height)) return [];
  const caption = [image.caption, image.credit].filter(Boolean).join(' ');
  const captionBoxes = caption
    ? [box(caption, g.styles.caption, path('Caption'), g, story.language, { spaceAfter: 4 })]
    : [];
  const area = g.bottom - g.top;
  // Room below the text's top offset, less the caption, the picture's own space above and below
  // (16 and 4 pt) and 4 pt to spare.
  const free = room - area * COVER_TOP.withPicture - boxesHeight(captionBoxes) - 24;
  const { width, height } = fitPicture(
    picture,
    g.measure,
    Math.min(free, area * COVER_PICTURE_SHARE),
  );
  // A sliver of a picture is worse than none.
  if (height < 120) return [];
  const labels = labelsFor(story.language);
  return [
    {
      kind: 'image',
      struct: [
        { key: 'cover.figure', tag: 'Figure', alt: image.alt || image.caption || labels.photo },
      ],
      data: picture.data,
      width,
      height,
      spaceBefore: 16,
      spaceAfter: 4,
      keepWithNext: captionBoxes.length > 0,
    },
    ...captionBoxes,
  ];
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
