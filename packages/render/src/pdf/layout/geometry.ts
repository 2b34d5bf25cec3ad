import type { PdfOptions } from '../options.js';

export interface PageGeometry {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** Measure: the width of the text column. */
  measure: number;
}

const SIZES = { A4: [595.28, 841.89], Letter: [612, 792] } as const;

/** Margins leave about 75 characters of 10.5 pt serif on a line on both A4 and Letter. */
export function pageGeometry(options: PdfOptions): PageGeometry {
  const [width, height] = SIZES[options.pageSize ?? 'A4'];
  const side = 66;
  return {
    width,
    height,
    left: side,
    right: width - side,
    top: 70,
    bottom: height - 64,
    measure: width - 2 * side,
  };
}
