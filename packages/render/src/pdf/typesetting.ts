import { pageGeometry } from './layout/geometry.js';
import { columnCount, columnGeometry, columnStyles } from './layout/columns.js';
import { LEADING, STYLES } from './layout/styles.js';
import type { PageSize } from './options.js';
import { layoutParagraph } from './text/paragraph.js';

/**
 * How the PDF renderer sets body text, for measuring it against other typesetters (the
 * typography bench compares it with LaTeX): a paragraph in the body style, justified and
 * hyphenated as renderPdf sets it, and the measures renderPdf uses.
 */

export interface SetLine {
  /** The line's text (without a line-end hyphen). */
  text: string;
  /** TeX's adjustment ratio of a full justified line; undefined for the last line. */
  ratio: number | undefined;
  hyphenated: boolean;
  /** Width as set, in points (over the measure: overfull). */
  width: number;
}

/** Body text size in points. */
export const BODY_SIZE = STYLES.body.size;

/** The measure of body text: one column (`layout: 'single'`) or a newspaper column. */
export function bodyMeasure(pageSize: PageSize, layout: 'single' | 'columns'): number {
  const g = pageGeometry({ pageSize });
  return layout === 'single' ? g.measure : columnGeometry(g, columnCount(pageSize)).measure;
}

export interface SetOptions {
  /** Font expansion (±2%); false compares the line breaking alone with TeX's. */
  expand?: boolean;
  /** The face of one column (Noto Serif) or of newspaper columns (Noto Serif SemiCondensed). */
  layout?: 'single' | 'columns';
  /**
   * An OpenType file to set the text in instead, its word space giving the glue as any face's
   * does (word-space.ts): TeX's Latin Modern, to compare the line breakers in the same face.
   */
  font?: string;
}

/** One paragraph set as a body paragraph of renderPdf at `width` points. */
export function setParagraph(
  text: string,
  language: string,
  width: number,
  { expand = true, layout = 'single', font }: SetOptions = {},
): SetLine[] {
  const body = layout === 'columns' ? columnStyles(STYLES).body : STYLES.body;
  const style = font === undefined ? body : { ...body, font: { ...body.font, file: font } };
  const lines = layoutParagraph({
    spans: [{ text, style }],
    language,
    direction: 'ltr',
    width,
    leading: LEADING.text,
    align: 'justify',
    hyphenate: true,
    expand,
  });
  return lines.map((l) => ({
    text: l.text,
    ratio: l.ratio,
    hyphenated: l.hyphenated === true,
    width: l.width,
  }));
}
