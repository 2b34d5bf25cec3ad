import type { PageSize, PdfOptions } from '../options.js';
import { scaledStyles, STYLES, type Styles } from './styles.js';

export interface PageGeometry {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** Measure: the width of the text column. */
  measure: number;
  /** Text styles, scaled when `fontSize` is given. */
  styles: Styles;
}

/** Width and height in points: ISO A4 and A3 (mm × 72 / 25.4), US Letter and Tabloid (11 × 17 in). */
const SIZES: Record<PageSize, readonly [number, number]> = {
  A4: [595.28, 841.89],
  Letter: [612, 792],
  A3: [841.89, 1190.55],
  Tabloid: [792, 1224],
};

/** The body size every other size is in proportion to. */
const BODY_SIZE = STYLES.body.size;

/** Margins leave about 75 characters of 10.5 pt serif on a line on both A4 and Letter. */
export function pageGeometry(options: PdfOptions): PageGeometry {
  const [width, height] = SIZES[options.pageSize ?? 'A4'];
  const side = options.margins ?? 66;
  return {
    width,
    height,
    left: side,
    right: width - side,
    top: options.margins ?? 70,
    bottom: height - (options.margins ?? 64),
    measure: width - 2 * side,
    styles: options.fontSize === undefined ? STYLES : scaledStyles(options.fontSize / BODY_SIZE),
  };
}
