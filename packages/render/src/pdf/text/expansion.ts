/**
 * Font expansion (Hermann Zapf's hz-program, pdfTeX's \\pdfadjustspacing, which microtype turns
 * on in every LaTeX document pandoc makes): a justified line may also scale its glyphs
 * horizontally by up to 2%, so that word spaces keep nearer their natural width. Word spaces
 * alone left a narrow newspaper column with four lines in ten stretched past their stretch,
 * where LaTeX as pandoc sets it has fewer than one in ten (bench/ typography).
 *
 * As in pdfTeX, the glyphs take the slack first, up to EXPANSION of the line's width, and the
 * word spaces take the rest: line breaking (knuth-plass.ts) judges a line by the adjustment its
 * spaces need once the glyphs have taken their share, and justification (paragraph.ts) draws it
 * so. The PDF scales a line's glyphs with the Tz operator (horizontal scaling), which leaves
 * text extraction unchanged.
 */

/** The largest share by which glyphs are widened or narrowed (microtype's stretch=20, shrink=20). */
export const EXPANSION = 0.02;

/** Scales are drawn in steps of a thousandth (a Tz of 100.1, not 100.0913). */
const STEP = 1000;

/**
 * What is left for the word spaces of a line `slack` points short of its measure (negative:
 * over it) once glyphs of natural width `natural` have taken their share at up to `expansion`.
 */
export function slackAfterExpansion(slack: number, natural: number, expansion: number): number {
  const flex = natural * expansion;
  return slack > 0 ? Math.max(0, slack - flex) : Math.min(0, slack + flex);
}

/** The scale of the glyphs of such a line: as much of the slack as EXPANSION allows. */
export function lineExpansion(slack: number, natural: number): number {
  if (natural <= 0) return 1;
  const share = Math.max(-EXPANSION, Math.min(EXPANSION, slack / natural));
  return Math.round((1 + share) * STEP) / STEP;
}
