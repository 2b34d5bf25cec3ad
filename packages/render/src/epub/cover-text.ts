import type { Path2D as CanvasPath2D, SKRSContext2D } from '@napi-rs/canvas';
import { loadFace } from '../pdf/fonts/catalog.js';
import { layoutParagraph, type TextLine } from '../pdf/text/paragraph.js';

/** One block of cover text: a masthead, a headline, the date line. */
export interface CoverText {
  text: string;
  /** Font size in grid units (the cover is drawn on a grid and scaled, see cover.ts). */
  size: number;
  bold: boolean;
  align: 'start' | 'center';
  maxLines: number;
}

const layout = (block: CoverText, text: string, width: number, language: string, rtl: boolean) =>
  layoutParagraph({
    spans: [
      {
        text,
        style: {
          font: { family: 'serif', bold: block.bold, italic: false },
          size: block.size,
          color: '#111111',
        },
      },
    ],
    language,
    direction: rtl ? 'rtl' : 'ltr',
    width,
    leading: 1,
    align: block.align,
  });

/** The last word, or the last character when the text has no space left. */
const dropLast = (text: string) =>
  /\s/.test(text) ? text.replace(/\s*\S+\s*$/, '') : Array.from(text).slice(0, -1).join('');

/**
 * The lines of a cover's text block, set by the PDF's own paragraph layout: the same fonts
 * (npm packages only), shaping, font fallback per script and bidi as the PDF. At most
 * `maxLines`; when text is left over, the last line ends in an ellipsis, words dropped to make
 * room for it.
 */
export function coverLines(
  block: CoverText,
  width: number,
  language: string,
  rtl: boolean,
): TextLine[] {
  if (block.text.trim() === '') return [];
  const lines = layout(block, block.text, width, language, rtl);
  if (lines.length <= block.maxLines) return lines;
  let last = (lines[block.maxLines - 1]?.text ?? '').trimEnd();
  let fitted = layout(block, `${last}…`, width, language, rtl);
  while (fitted.length > 1 && last !== '') {
    last = dropLast(last).trimEnd();
    fitted = layout(block, `${last}…`, width, language, rtl);
  }
  return [...lines.slice(0, block.maxLines - 1), ...fitted.slice(0, 1)];
}

type Path2DClass = new (path?: string) => CanvasPath2D;

/**
 * Fills a line's glyphs from their outlines, the left edge of its measure at `left` and its
 * baseline at `baseline`. Drawing outlines rather than text keeps the canvas's own font system
 * out: it reads every installed font when it starts (see canvasModule in cover.ts), which on a
 * machine with TeX's fonts took longer than the rest of an EPUB export.
 */
export function fillLine(
  ctx: SKRSContext2D,
  Path2D: Path2DClass,
  line: TextLine,
  left: number,
  baseline: number,
): void {
  for (const run of line.runs) {
    const font = loadFace(run.face);
    const scale = run.size / font.unitsPerEm;
    // Shaped positions are in thousandths of an em (shaping.ts).
    const em = run.size / 1000;
    let pen = left + run.x;
    for (const glyphRun of run.glyphRuns) {
      glyphRun.glyphs.forEach((glyph, i) => {
        const p = glyphRun.positions[i];
        if (!p) return;
        const outline = glyph.path.toSVG();
        if (outline !== '') {
          ctx.save();
          ctx.translate(pen + p.xOffset * em, baseline - p.yOffset * em);
          ctx.scale(scale, -scale);
          ctx.fill(new Path2D(outline));
          ctx.restore();
        }
        pen += p.xAdvance * em;
      });
    }
  }
}

/** Noto Serif's ascent plus descent, in ems: the face the cover's line spacing is set for. */
const BASE_HEIGHT = 1.362;

/**
 * How much more room than Noto Serif the lines' tallest face needs (at least 1): Nastaliq's
 * letters climb and descend far beyond Latin ones, Naskh's less so.
 */
export function tallness(lines: readonly TextLine[]): number {
  let tallest = BASE_HEIGHT;
  for (const line of lines) {
    for (const run of line.runs) {
      const font = loadFace(run.face);
      tallest = Math.max(tallest, (font.ascent - font.descent) / font.unitsPerEm);
    }
  }
  return tallest / BASE_HEIGHT;
}
