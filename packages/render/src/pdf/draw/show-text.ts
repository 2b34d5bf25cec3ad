import type { ShapedRun } from '../fonts/shaping.js';
import { isCjkCodePoint, isSpaceCodePoint, type RunSpacing } from '../text/paragraph.js';
import { spaceAdjustment } from '../text/word-space.js';
import type { PdfkitInternals } from './pdfkit-internals.js';

interface Position {
  xAdvance: number;
  advanceWidth: number;
  xOffset: number;
  yOffset: number;
}

/** pdfkit's number formatting (PDFObject.number): at most six decimals. */
const num = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * Draws one run at (x, baseline) in the current font and size: the operators pdfkit 0.20.2's
 * `_fragment` writes for a run with an alphabetic baseline and no spacing, link or decoration,
 * byte for byte, but handed to the page as one chunk. pdfkit turns every operator into its own
 * Uint8Array, which made allocation and garbage collection a large share of a render.
 */
export function showText(
  doc: PdfkitInternals,
  text: string,
  x: number,
  baseline: number,
  shaped: boolean,
  glyphRuns?: readonly ShapedRun[],
  spacing?: RunSpacing,
  /** The caller has already flipped the y axis (`flipForText`) and restores it afterwards. */
  flipped = false,
): void {
  if (text.includes('\n')) {
    // pdfkit drops newlines before encoding, so the runs shaped from the text no longer apply.
    text = text.replace(/\n/g, '');
    glyphRuns = undefined;
  }
  if (text.length === 0) return;
  const font = doc._font as {
    id: string;
    ref(): unknown;
    encode(text: string, features?: unknown, runs?: readonly ShapedRun[]): [string[], Position[]];
  };
  const size = doc._fontSize;
  const height = doc.page.height;
  const fonts = doc.page.fonts;
  fonts[font.id] ??= font.ref();
  const y = height - baseline;
  const out: string[] = [
    ...(flipped ? [] : ['q', `1 0 0 -1 0 ${num(height)} cm`]),
    'BT',
    `1 0 0 1 ${num(x)} ${num(y)} Tm`,
    `/${font.id} ${num(size)} Tf`,
  ];
  const [encoded, positions] = font.encode(text, shaped ? [] : undefined, glyphRuns);
  // Font expansion: Tz scales the glyphs and every advance after it, TJ's adjustments included.
  const expansion = spacing?.expansion ?? 1;
  if (expansion !== 1) out.push(`${num(expansion * 100)} Tz`);
  const em = size / 1000;
  const scale = em * expansion;
  // Justification: extra advance (thousandths of an em) per glyph; justified lines only. Divided
  // by the scale, since Tz multiplies TJ's adjustments too: a space gains what justifying gave it.
  const extra = spacing && glyphRuns ? extraAdvances(glyphRuns, spacing, size) : undefined;
  const advance = (i: number) => positions[i]!.xAdvance + (extra?.[i] ?? 0) / expansion;
  const commands: string[] = [];
  let last = 0;
  let hadOffset = false;
  const addSegment = (cur: number) => {
    if (last < cur) {
      const hex = encoded.slice(last, cur).join('');
      const p = positions[cur - 1]!;
      commands.push(`<${hex}> ${num(-(advance(cur - 1) - p.advanceWidth))}`);
    }
    last = cur;
  };
  const flush = (i: number) => {
    addSegment(i);
    if (commands.length > 0) {
      out.push(`[${commands.join(' ')}] TJ`);
      commands.length = 0;
    }
  };
  let i = 0;
  for (; i < positions.length; i++) {
    const pos = positions[i]!;
    if (pos.xOffset || pos.yOffset) {
      flush(i);
      out.push(`1 0 0 1 ${num(x + pos.xOffset * scale)} ${num(y + pos.yOffset * em)} Tm`);
      flush(i + 1);
      hadOffset = true;
    } else {
      if (hadOffset) {
        out.push(`1 0 0 1 ${num(x)} ${num(y)} Tm`);
        hadOffset = false;
      }
      if (advance(i) - pos.advanceWidth !== 0) addSegment(i + 1);
    }
    x += advance(i) * scale;
  }
  flush(i);
  // Tz is text state, which outlives ET: the next run may be set at another scale.
  if (expansion !== 1) out.push('100 Tz');
  out.push('ET');
  if (!flipped) out.push('Q');
  doc.addContent(out.join('\n'));
}

/**
 * Per glyph, what justification adds to its advance: a word space's stretch (or shrink) at the
 * line's adjustment ratio, or a gap after a Chinese or Japanese character (none after the line's
 * last one).
 */
function extraAdvances(runs: readonly ShapedRun[], spacing: RunSpacing, size: number): number[] {
  const out: number[] = [];
  const gap = (spacing.gap * 1000) / size;
  let lastCjk = -1;
  let space = 0;
  for (const run of runs)
    for (let i = 0; i < run.glyphs.length; i++) {
      const cp = run.glyphs[i]!.codePoints[0];
      if (isSpaceCodePoint(cp))
        out.push(
          spaceAdjustment(
            run.positions[i]!.xAdvance,
            1000,
            spacing.ratio,
            spacing.factors?.[space++] ?? 1,
          ),
        );
      else if (cp !== undefined && isCjkCodePoint(cp)) {
        lastCjk = out.length;
        out.push(gap);
      } else out.push(0);
    }
  // No gap after the line's last character.
  if (spacing.last && lastCjk >= 0) out[lastCjk] = 0;
  return out;
}

/**
 * Saves the graphics state and flips the y axis as showText does for each run, so several runs
 * can share one flip. Lines with ActualText need that: poppler places the replacement text with
 * the transformation in force at the span's end, and a span ending after the run's own `Q` came
 * out upside down and a point wide (so out of reading order).
 */
export function flipForText(doc: PdfkitInternals): void {
  doc.addContent(`q\n1 0 0 -1 0 ${num(doc.page.height)} cm`);
}
