import { pageGeometry } from '../layout/geometry.js';
import { LEADING, STYLES } from '../layout/styles.js';
import { layoutParagraph, type TextLine } from '../text/paragraph.js';

export interface BodyParagraphOptions {
  direction?: 'ltr' | 'rtl';
  /** The measure in points; the A4 page's by default, as articles are set. */
  width?: number;
  /** Font expansion (expansion.ts), on in articles. */
  expand?: boolean;
  kashida?: boolean;
}

/** A paragraph of body text set justified and hyphenated, as an article's paragraphs are. */
export function justifiedBody(
  text: string,
  language: string,
  options: BodyParagraphOptions = {},
): TextLine[] {
  return layoutParagraph({
    spans: [{ text, style: STYLES.body }],
    language,
    direction: options.direction ?? 'ltr',
    width: options.width ?? pageGeometry({}).measure,
    leading: LEADING.text,
    align: 'justify',
    hyphenate: true,
    expand: options.expand ?? true,
    ...(options.kashida !== undefined && { kashida: options.kashida }),
  });
}
