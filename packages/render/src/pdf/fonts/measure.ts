import type { FontFace } from './catalog.js';
import { forEachRun, type ShapedRun } from './shaping.js';

/** Scripts whose letters change shape with their neighbours: laid out as one run, never word by word. */
const COMPLEX =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Thai}\p{Script=Lao}\p{Script=Tibetan}\p{Script=Myanmar}\p{Script=Khmer}]/u;

export function needsShaping(text: string): boolean {
  return COMPLEX.test(text);
}

/** A width in points, and how much of it trailing white space takes (dropped at a line end). */
export interface Measured {
  width: number;
  trailing: number;
}

/**
 * Width in points of `text` as pdfkit will draw it: shaped runs are laid out whole (pdfkit's
 * `features` path), others word by word with each word keeping its trailing space, which is
 * exactly how pdfkit measures and encodes them. Runs are shaped once per face for the process
 * (see shaping.ts) and drawn from the same runs.
 */
export function measureText(face: FontFace, text: string, size: number, shaped: boolean): Measured {
  let units = 0;
  let trailing = 0;
  forEachRun(face, text, shaped, (run) => {
    // A run that is all white space extends the trailing space; any other starts it afresh.
    trailing = run.trailing === run.advance ? trailing + run.trailing : run.trailing;
    units += run.advance;
  });
  return { width: (units * size) / 1000, trailing: (trailing * size) / 1000 };
}

export function measure(face: FontFace, text: string, size: number, shaped: boolean): number {
  return measureText(face, text, size, shaped).width;
}

/** A run's width in points and the shaped runs pdfkit will draw it from, in order. */
export function measureRuns(
  face: FontFace,
  text: string,
  size: number,
  shaped: boolean,
): { width: number; glyphRuns: ShapedRun[] } {
  const glyphRuns: ShapedRun[] = [];
  let units = 0;
  forEachRun(face, text, shaped, (run) => {
    glyphRuns.push(run);
    units += run.advance;
  });
  return { width: (units * size) / 1000, glyphRuns };
}
