import type { Article, Block, Run } from '@broadsheet/model';
import { articleDisplay, SEPARATOR } from '../../display/display-model.js';
import { pdfText } from '../../display/escape.js';
import type { ImageLoader } from '../images/load-image.js';
import { layoutParagraph, type StyledSpan, type TextStyle } from '../text/paragraph.js';
import type { Box, TextBox } from './compose.js';
import { fitPicture } from './fit-picture.js';
import type { PageGeometry } from './geometry.js';
import type { StructPath } from './page-model.js';
import { LEADING, LINK, RULE, TINT } from './styles.js';

export interface ArticleLayoutContext {
  geometry: PageGeometry;
  /** Prefix of structure keys, unique per article in an edition. */
  key: string;
  /** Reads (and vets) the pictures, once per source and render. */
  images: ImageLoader;
  /** Only page counts are wanted: lines carry their heights but no runs. */
  heightsOnly?: boolean;
  /** Body text justified and hyphenated (the default) or ragged right. */
  align?: 'justify' | 'ragged';
  /** Kicker and headline span this width (the page's across newspaper columns). */
  titleWidth?: number;
}

function runSpans(runs: readonly Run[], base: TextStyle): StyledSpan[] {
  return runs.map((run) => ({
    text: pdfText(run.text),
    style: {
      font: {
        ...base.font,
        bold: base.font.bold || run.strong === true,
        italic: base.font.italic !== (run.emphasis === true),
      },
      size: base.size,
      color: run.href ? LINK : base.color,
      href: run.href,
    },
  }));
}

/** Turns an article into boxes in reading order: title block, lead figure, then the body. */
export function articleBoxes(article: Article, ctx: ArticleLayoutContext): Box[] {
  const g = ctx.geometry;
  const language = article.language;
  const display = articleDisplay(article);
  const direction = display.dir;
  const boxes: Box[] = [];
  let n = 0;
  const key = (tag: string) => `${ctx.key}.${n++}.${tag}`;

  const text = (
    spans: StyledSpan[],
    struct: StructPath,
    opts: Partial<Omit<TextBox, 'kind' | 'lines' | 'struct'>> & {
      leading?: number;
      align?: 'start' | 'center' | 'end' | 'justify';
      fixedDirection?: boolean;
    } = {},
  ): TextBox => {
    const indent = opts.indent ?? 0;
    const width = opts.width ?? g.measure - indent;
    const lines = layoutParagraph({
      spans,
      language,
      direction,
      width,
      leading: opts.leading ?? LEADING.text,
      align: opts.align ?? 'start',
      fixedDirection: opts.fixedDirection === true,
      hyphenate: opts.align === 'justify',
      expand: opts.align === 'justify',
      kashida: opts.align === 'justify',
      heightsOnly: ctx.heightsOnly === true,
    });
    const box: TextBox = {
      kind: 'text',
      struct,
      lines,
      indent: direction === 'rtl' && opts.indent !== undefined ? 0 : indent,
      width,
      spaceBefore: opts.spaceBefore ?? 0,
      spaceAfter: opts.spaceAfter ?? 0,
    };
    if (opts.keepWithNext) box.keepWithNext = true;
    if (opts.label) box.label = opts.label;
    if (opts.bar) box.bar = opts.bar;
    if (opts.tint) box.tint = opts.tint;
    if (opts.mark) box.mark = opts.mark;
    boxes.push(box);
    return box;
  };
  const plain = (s: string, style: TextStyle): StyledSpan[] => [{ text: pdfText(s), style }];
  // Body text (paragraphs, quotes, list items) is justified and hyphenated unless asked not to.
  const body = ctx.align === 'ragged' ? 'start' : 'justify';

  // Title block.
  if (article.kicker)
    text(plain(article.kicker, g.styles.kicker), [{ key: key('P'), tag: 'P' }], {
      spaceAfter: 4,
      leading: LEADING.ui,
      ...(ctx.titleWidth !== undefined && { width: ctx.titleWidth }),
    });
  text(plain(article.headline, g.styles.headline), [{ key: key('H1'), tag: 'H1' }], {
    ...(ctx.titleWidth !== undefined && { width: ctx.titleWidth }),
    leading: LEADING.tight,
    spaceAfter: 8,
    keepWithNext: true,
  });
  if (article.standfirst)
    text(plain(article.standfirst, g.styles.standfirst), [{ key: key('P'), tag: 'P' }], {
      leading: 1.4,
      spaceAfter: 10,
    });
  if (article.highlights.length > 0) {
    const list = { key: key('L'), tag: 'L' };
    article.highlights.forEach((h, i) => {
      const li = { key: key('LI'), tag: 'LI' };
      text(plain(h, g.styles.highlight), [list, li, { key: key('LBody'), tag: 'LBody' }], {
        indent: 14,
        leading: LEADING.ui,
        // No space between items: their tints join into one panel set apart from the text.
        spaceBefore: i === 0 ? 4 : 0,
        spaceAfter: i === article.highlights.length - 1 ? 4 : 0,
        tint: TINT,
        label: labelFor(
          '•',
          g.styles.highlight,
          [list, li, { key: key('Lbl'), tag: 'Lbl' }],
          4,
          LEADING.ui,
        ),
      });
    });
  }
  // Byline and date line are sentences of the article's language around names and dates: in
  // its direction (right to left, right-aligned, for Arabic even with Latin names), not in the
  // direction of whatever letters they hold most of.
  const { byline } = display;
  if (byline)
    text(plain(byline, g.styles.byline), [{ key: key('P'), tag: 'P' }], {
      spaceBefore: 8,
      leading: LEADING.ui,
      fixedDirection: true,
    });
  const meta = [display.dateline, display.dateLine].filter((s) => s !== undefined);
  if (meta.length > 0)
    text(plain(meta.join(SEPARATOR), g.styles.meta), [{ key: key('P'), tag: 'P' }], {
      spaceBefore: byline ? 1 : 8,
      leading: LEADING.ui,
      fixedDirection: true,
    });
  const last = boxes.at(-1);
  if (last) last.spaceAfter = Math.max(last.spaceAfter, 14);

  if (article.image) figure(article.image, true);
  article.body.forEach((block) => bodyBlock(block));
  return boxes;

  function figure(image: NonNullable<Article['image']>, lead: boolean): void {
    const loaded = image.src === undefined ? undefined : ctx.images.load(image.src);
    if (loaded) {
      const maxH = (g.bottom - g.top) * (lead ? 0.4 : 0.5);
      // Small pictures are not blown up past twice their size at 96 dpi.
      const { width, height } = fitPicture(
        loaded,
        Math.min(g.measure, loaded.width * 0.75 * 2),
        maxH,
      );
      boxes.push({
        kind: 'image',
        struct: [
          {
            key: key('Figure'),
            tag: 'Figure',
            alt: image.alt || image.caption || display.labels.photo,
          },
        ],
        data: loaded.data,
        width,
        height,
        spaceBefore: 6,
        spaceAfter: 4,
        keepWithNext: Boolean(image.caption || image.credit),
      });
    }
    const spans: StyledSpan[] = [];
    if (image.caption) spans.push({ text: pdfText(image.caption), style: g.styles.caption });
    if (image.credit)
      spans.push({
        text: pdfText(`${image.caption ? ' ' : ''}${image.credit}`),
        style: g.styles.credit,
      });
    if (spans.length > 0) {
      text(spans, [{ key: key('Caption'), tag: 'Caption' }], {
        leading: LEADING.ui,
        spaceBefore: loaded ? 0 : 6,
        spaceAfter: 12,
      });
    }
  }

  function bodyBlock(block: Block): void {
    switch (block.type) {
      case 'paragraph':
        text(runSpans(block.content, g.styles.body), [{ key: key('P'), tag: 'P' }], {
          spaceAfter: 7,
          align: body,
        });
        return;
      case 'heading': {
        const style =
          block.level === 2 ? g.styles.h2 : block.level === 3 ? g.styles.h3 : g.styles.h4;
        text(
          runSpans(block.content, style),
          [{ key: key(`H${block.level}`), tag: `H${block.level}` }],
          {
            leading: LEADING.tight,
            spaceBefore: 10,
            spaceAfter: 5,
            keepWithNext: true,
            mark: { title: block.text, level: block.level - 1 },
          },
        );
        return;
      }
      case 'quote': {
        const quote = { key: key('BlockQuote'), tag: 'BlockQuote' };
        text(runSpans(block.content, g.styles.quote), [quote, { key: key('P'), tag: 'P' }], {
          indent: 18,
          spaceBefore: 4,
          spaceAfter: block.attribution ? 2 : 10,
          leading: 1.45,
          bar: { color: RULE, offset: 10 },
          align: body,
        });
        if (block.attribution) {
          text(
            plain(`— ${block.attribution}`, g.styles.attribution),
            [quote, { key: key('P'), tag: 'P' }],
            {
              indent: 18,
              spaceAfter: 10,
              leading: LEADING.ui,
            },
          );
        }
        return;
      }
      case 'list': {
        const list = { key: key('L'), tag: 'L' };
        block.items.forEach((item, i) => {
          const li = { key: key('LI'), tag: 'LI' };
          const marker = block.ordered ? `${i + 1}.` : '•';
          text(
            runSpans(item.content, g.styles.body),
            [list, li, { key: key('LBody'), tag: 'LBody' }],
            {
              indent: 18,
              spaceAfter: i === block.items.length - 1 ? 8 : 3,
              align: body,
              label: labelFor(
                marker,
                g.styles.body,
                [list, li, { key: key('Lbl'), tag: 'Lbl' }],
                0,
                LEADING.text,
              ),
            },
          );
        });
        return;
      }
      case 'figure':
        figure(block.image, false);
        return;
    }
  }

  function labelFor(
    marker: string,
    style: TextStyle,
    struct: StructPath,
    indent: number,
    leading: number,
  ): NonNullable<TextBox['label']> {
    const width = 14;
    const lines = layoutParagraph({
      spans: [{ text: marker, style }],
      language,
      direction,
      width,
      leading,
      align: 'start',
      heightsOnly: ctx.heightsOnly === true,
    });
    return {
      struct,
      lines,
      indent: direction === 'rtl' ? g.measure - width - indent : indent,
      width,
    };
  }
}
