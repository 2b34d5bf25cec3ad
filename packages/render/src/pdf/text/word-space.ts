/**
 * The glue of a word space: how far justification may stretch or shrink it. Line breaking
 * (paragraph.ts), justification and drawing (show-text.ts) all take it from here, so the
 * adjustment ratio a line was chosen for is the one it is drawn with.
 *
 * TeX's text fonts (Computer Modern, Latin Modern) give a word space a third of an em that
 * stretches by a sixth of an em and shrinks by a ninth. Our fonts' spaces are narrower (Noto
 * Serif's is 0.26 em), and a stretch of half the space, as TeX's ratio to the space is, left
 * them a quarter less room than TeX has on the same line: 6% of full lines came out very loose
 * against LaTeX's 0.2%, and twice as many lines were hyphenated (bench/ typography). So the
 * stretch is TeX's in ems (at least half the space, for wide spaces such as U+3000), and the
 * shrink stays a third of the space, so a space never falls below two thirds of its width.
 */

/** TeX's word-space stretch, in ems. */
const STRETCH_EM = 1 / 6;
/** Stretch of a space at least this share of its own width. */
const STRETCH_OF_WIDTH = 0.5;
/** TeX's shrink as a share of the space (a ninth of an em on a third of an em). */
const SHRINK_OF_WIDTH = 1 / 3;

/** How far one word space of `advance` may stretch, in the units of `advance` and `em`. */
export function spaceStretch(advance: number, em: number): number {
  return Math.max(advance * STRETCH_OF_WIDTH, em * STRETCH_EM);
}

/** How far one word space of `advance` may shrink. */
export function spaceShrink(advance: number): number {
  return advance * SHRINK_OF_WIDTH;
}

/** What a space of `advance` gains at adjustment ratio `ratio` (negative: loses). */
export function spaceAdjustment(advance: number, em: number, ratio: number): number {
  return ratio > 0 ? ratio * spaceStretch(advance, em) : ratio * spaceShrink(advance);
}
