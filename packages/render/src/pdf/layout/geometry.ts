import type { PdfOptions } from '../options.js';
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

const SIZES = { A4: [595.28, 841.89], Letter: [612, 792] } as const;

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
