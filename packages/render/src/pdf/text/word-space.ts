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

/**
 * How far one word space of `advance` may stretch, in the units of `advance` and `em`, times
 * its space factor (SpaceFactor below).
 */
export function spaceStretch(advance: number, em: number, factor = 1): number {
  return Math.max(advance * STRETCH_OF_WIDTH, em * STRETCH_EM) * factor;
}

/** How far one word space of `advance` may shrink, divided by its space factor. */
export function spaceShrink(advance: number, factor = 1): number {
  return (advance * SHRINK_OF_WIDTH) / factor;
}

/** What a space of `advance` gains at adjustment ratio `ratio` (negative: loses). */
export function spaceAdjustment(advance: number, em: number, ratio: number, factor = 1): number {
  return ratio > 0
    ? ratio * spaceStretch(advance, em, factor)
    : ratio * spaceShrink(advance, factor);
}

/**
 * TeX's space factor (plain TeX's \nonfrenchspacing, which LaTeX keeps for English): the space
 * after a sentence stretches three times as far and shrinks a third as much, after a colon
 * twice, a semicolon 1.5 times and a comma 1.25 times. Closing quotes and brackets pass the
 * factor through; a full stop after a capital (initials, "U.S.") ends no sentence. Only the
 * glue changes: spaces keep the font's width, so an unjustified line looks the same. Fed the
 * characters of a line in order (left-to-right text only), it gives each space its factor.
 */
export class SpaceFactor {
  private sf = 1000;

  /** Reads one character that is not a word space. */
  read(cp: number): void {
    const code = sfCode(cp);
    if (code === 0) return;
    this.sf = code > 1000 && this.sf < 1000 ? 1000 : code;
  }

  /** The factor of a word space here; the next word starts afresh. */
  space(): number {
    const factor = Math.max(this.sf, 1000) / 1000;
    this.sf = 1000;
    return factor;
  }
}

/** TeX's \sfcode: 0 passes the factor through. */
function sfCode(cp: number): number {
  switch (cp) {
    case 0x2e: // .
    case 0x3f: // ?
    case 0x21: // !
      return 3000;
    case 0x3a: // :
      return 2000;
    case 0x3b: // ;
      return 1500;
    case 0x2c: // ,
      return 1250;
    case 0x29: // )
    case 0x5d: // ]
    case 0x22: // "
    case 0x27: // '
    case 0x2019: // ’
    case 0x201d: // ”
    case 0xbb: // »
      return 0;
    default:
      // Capitals: a full stop after one is an initial's.
      return String.fromCodePoint(cp) !== String.fromCodePoint(cp).toLowerCase() ? 999 : 1000;
  }
}
