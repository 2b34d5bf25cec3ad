import type { Glyph, GlyphPosition } from 'fontkit';
import { guardNullAnchors } from '../draw/pdfkit-font-patches.js';
import { loadFace, type FontFace } from './catalog.js';

/**
 * A laid-out string exactly as pdfkit's EmbeddedFont.layoutRun leaves it: positions scaled to
 * thousandths of an em, each with the advance width of its glyph.
 */
export interface ShapedRun {
  readonly glyphs: readonly Glyph[];
  readonly positions: readonly (GlyphPosition & { advanceWidth: number })[];
  /** Sum of the x advances, in thousandths of an em. */
  readonly advance: number;
  /** The part of `advance` taken by trailing white space (a line end drops it). */
  readonly trailing: number;
}

const isWhite = (cp: number) =>
  cp === 0x20 || cp === 0x09 || cp === 0x0a || cp === 0x0d || cp === 0x3000;

/** Per face: text → run. Plain words and whole shaped runs are kept apart (see `shape`). */
const runs = new Map<string, Map<string, ShapedRun>>();
const MAX_RUNS = 40_000;

/**
 * Lays out `text` in `face` once per process: the measuring pass and pdfkit's drawing read the
 * same run, so a word is shaped once however many documents use it. `whole` is pdfkit's
 * `features` path (complex scripts: the run is shaped as one); otherwise `text` is one word
 * with its trailing space, which is how pdfkit lays out and encodes plain text.
 */
export function shape(face: FontFace, text: string, whole: boolean): ShapedRun {
  let cache = runs.get(face.id);
  if (!cache) {
    cache = new Map();
    runs.set(face.id, cache);
  }
  const key = whole ? `\u0001${text}` : text;
  let run = cache.get(key);
  if (run === undefined) {
    run = layout(face, text, whole);
    if (cache.size >= MAX_RUNS) cache.clear();
    cache.set(key, run);
  }
  return run;
}

function layout(face: FontFace, text: string, whole: boolean): ShapedRun {
  const font = loadFace(face);
  const scale = 1000 / font.unitsPerEm;
  guardNullAnchors(font);
  const laid = font.layout(text, whole ? [] : undefined);
  const positions = laid.positions as (GlyphPosition & { advanceWidth: number })[];
  let advance = 0;
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]!;
    p.xAdvance *= scale;
    p.yAdvance *= scale;
    p.xOffset *= scale;
    p.yOffset *= scale;
    p.advanceWidth = laid.glyphs[i]!.advanceWidth * scale;
    advance += p.xAdvance;
  }
  let trailing = 0;
  for (let i = laid.glyphs.length - 1; i >= 0; i--) {
    const cps = laid.glyphs[i]!.codePoints;
    if (cps.length === 0 || !cps.every(isWhite)) break;
    trailing += positions[i]!.xAdvance;
  }
  return { glyphs: laid.glyphs, positions, advance, trailing };
}

/**
 * Calls `each` for the runs pdfkit draws `text` as: one whole run when shaped, else word by
 * word, each word keeping the spaces or tabs that end it.
 */
export function forEachRun(
  face: FontFace,
  text: string,
  whole: boolean,
  each: (run: ShapedRun) => void,
): void {
  if (whole) {
    each(shape(face, text, true));
    return;
  }
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09) {
      each(shape(face, text.slice(last, i + 1), false));
      last = i + 1;
    }
  }
  if (last < text.length) each(shape(face, text.slice(last), false));
}
