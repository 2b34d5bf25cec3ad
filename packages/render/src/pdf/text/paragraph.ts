import { createRequire } from 'node:module';
import type { Bidi } from 'bidi-js';
import LineBreaker from 'linebreak';
import type { FontFace } from '../fonts/catalog.js';
import { fontStack, pickFace, type FontStack, type FontVariant } from '../fonts/font-stack.js';
import {
  measure,
  measureRuns,
  measureText,
  needsShaping,
  type Measured,
} from '../fonts/measure.js';
import type { ShapedRun } from '../fonts/shaping.js';

const require = createRequire(import.meta.url);
let bidiInstance: Bidi | undefined;
/**
 * bidi-js, loaded on first use: most documents are all left to right and never need it, and
 * loading it costs a fresh process tens of milliseconds. It is UMD: module.exports is the factory.
 */
const bidi = (): Bidi => (bidiInstance ??= (require('bidi-js') as () => Bidi)());
type EmbeddingLevels = ReturnType<Bidi['getEmbeddingLevels']>;
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

export interface TextStyle {
  font: FontVariant;
  size: number;
  /** Hex colour, e.g. "#222222". */
  color: string;
  href?: string | undefined;
}

export interface StyledSpan {
  text: string;
  style: TextStyle;
}

export interface ParagraphInput {
  spans: readonly StyledSpan[];
  language: string;
  direction: 'ltr' | 'rtl';
  /** Measure in points. */
  width: number;
  /** Line height as a multiple of the largest font size on the line. */
  leading: number;
  align: 'start' | 'center' | 'end';
  /**
   * The paragraph is in `direction` whatever most of its letters are: a label around names or
   * dates ("بقلم John Smith") is a sentence of the article's language, not of the names'.
   */
  fixedDirection?: boolean;
  /**
   * Only the lines' heights are wanted (counting pages): lines come back without runs or text,
   * which spares the reordering, run building and their garbage.
   */
  heightsOnly?: boolean;
}

/** One run drawn at an explicit position: one face, one style, one direction. */
export interface DrawRun {
  /** What pdfkit is given (already in the order fontkit needs to produce visual order). */
  text: string;
  face: FontFace;
  size: number;
  color: string;
  /** Offset from the left edge of the measure, in points. */
  x: number;
  width: number;
  /** Laid out whole with shaping features (pdfkit's `features` path). */
  shaped: boolean;
  href?: string | undefined;
  /** The run's characters in visual order, for ActualText. */
  visual: string;
  /** `text` as shaped for measuring; drawing encodes these glyphs rather than shaping again. */
  glyphRuns: readonly ShapedRun[];
}

export interface TextLine {
  runs: DrawRun[];
  width: number;
  height: number;
  /** Distance from the line top to the common alphabetic baseline. */
  baseline: number;
  /** Set when shaping or reordering makes the glyphs' own text unreliable for extraction. */
  actualText?: string;
  /** Logical text of the line (for tests and search). */
  text: string;
}

interface Item {
  start: number;
  end: number;
  span: number;
  face: FontFace;
  level: number;
}

/** Scripts fontkit lays out right to left (it decides from the first strong character). */
const RTL_SCRIPT =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const FIRST_STRONG = /[^\p{Script=Common}\p{Script=Inherited}]/u;

function fontkitRtl(text: string): boolean {
  const m = FIRST_STRONG.exec(text);
  return m !== null && RTL_SCRIPT.test(m[0]);
}

function reverseClusters(text: string, mirror: boolean): string {
  const parts: string[] = [];
  for (const { segment } of graphemes.segment(text)) {
    parts.push(mirror ? (bidi().getMirroredCharacter(segment) ?? segment) : segment);
  }
  return parts.reverse().join('');
}

const RTL_LETTERS =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/gu;
const LETTERS = /\p{L}/gu;

/**
 * A paragraph's base direction: the direction most of its letters are written in, so an Arabic
 * quotation in an English article is right to left and a Latin aside in an Urdu one is not
 * forced left to right; the article's direction decides a tie or a paragraph without letters.
 */
function paragraphDirection(text: string, fallback: 'ltr' | 'rtl'): 'ltr' | 'rtl' {
  if (fallback === 'ltr' && !RTL_SCRIPT.test(text)) return 'ltr';
  const rtl = text.match(RTL_LETTERS)?.length ?? 0;
  const all = text.match(LETTERS)?.length ?? 0;
  const ltr = all - rtl;
  if (rtl === ltr) return fallback;
  return rtl > ltr ? 'rtl' : 'ltr';
}

/** Clusters whose glyph's own Unicode mapping cannot give back every code point. */
function multiCodePoint(text: string): boolean {
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (
      cp === 0x200d ||
      cp === 0xfe0f ||
      cp === 0x20e3 ||
      (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
      (cp >= 0x1f1e6 && cp <= 0x1f1ff) ||
      (cp >= 0xe0020 && cp <= 0xe007f)
    )
      return true;
  }
  return false;
}

const reverseCodePoints = (text: string) => Array.from(text).reverse().join('');

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3000;

/**
 * Lays out one paragraph of styled text: picks a face per grapheme cluster from the style's
 * font stack, breaks lines greedily at Unicode line-break opportunities, resolves embedding
 * levels with the Unicode Bidirectional Algorithm and reorders each line (rule L2), and
 * positions every run on a common baseline. Pure: the result is only numbers and strings.
 */
export function layoutParagraph(input: ParagraphInput): TextLine[] {
  const text = input.spans.map((s) => s.text).join('');
  if (text === '') return [];
  const spanStart: number[] = [];
  let at = 0;
  for (const s of input.spans) {
    spanStart.push(at);
    at += s.text.length;
  }
  const direction = input.fixedDirection
    ? input.direction
    : paragraphDirection(text, input.direction);
  input = { ...input, direction };
  // Left-to-right text with no right-to-left characters or bidi controls is all level 0: skip
  // the algorithm (most paragraphs of most articles).
  const levels =
    direction === 'ltr' && !BIDI_SENSITIVE.test(text)
      ? flatLevels(text.length)
      : bidi().getEmbeddingLevels(text, direction);
  const items = itemize(text, input, spanStart, levels.levels);
  const styleOf = (i: Item) => input.spans[i.span]?.style ?? input.spans[0]!.style;

  /** Width of [a, b) and of its trailing white space, which a line end drops. */
  const measureRange = (a: number, b: number): Measured => {
    let width = 0;
    let trailing = 0;
    for (const it of items) {
      if (it.end <= a) continue;
      if (it.start >= b) break;
      const piece = text.slice(Math.max(a, it.start), Math.min(b, it.end));
      const size = styleOf(it).size;
      const shaped = needsShaping(piece);
      const m = measureText(it.face, piece, size, shaped);
      if (shaped) {
        // A shaped run is measured whole, so its visible part is measured on its own.
        let end = piece.length;
        while (end > 0 && isSpace(piece.charCodeAt(end - 1))) end--;
        if (end < piece.length)
          m.trailing = m.width - (end > 0 ? measure(it.face, piece.slice(0, end), size, true) : 0);
      }
      trailing = m.trailing === m.width ? trailing + m.trailing : m.trailing;
      width += m.width;
    }
    return { width, trailing };
  };
  const trimEnd = (a: number, b: number) => {
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    return b;
  };

  // Greedy line breaking.
  const lineRanges: [number, number][] = [];
  const breaker = new LineBreaker(text);
  let lineStart = 0;
  let lineWidth = 0;
  let segStart = 0;
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
    const segEnd = bk.position;
    const seg = measureRange(segStart, segEnd);
    const full = seg.width;
    const visible = full - seg.trailing;
    if (lineStart < segStart && lineWidth + visible > input.width) {
      lineRanges.push([lineStart, segStart]);
      lineStart = segStart;
      lineWidth = 0;
    }
    if (lineStart === segStart && visible > input.width) {
      // A word wider than the measure: break it between grapheme clusters.
      let from = segStart;
      let w = 0;
      for (const { index, segment } of graphemes.segment(text.slice(segStart, segEnd))) {
        const g = segStart + index;
        const gw = measureRange(g, g + segment.length).width;
        if (w + gw > input.width && g > from) {
          lineRanges.push([from, g]);
          from = g;
          w = 0;
        }
        w += gw;
      }
      lineStart = from;
      lineWidth = w;
    } else {
      lineWidth += full;
    }
    segStart = segEnd;
    if (bk.required && segEnd < text.length) {
      lineRanges.push([lineStart, segEnd]);
      lineStart = segEnd;
      lineWidth = 0;
    }
  }
  if (lineStart < text.length) lineRanges.push([lineStart, text.length]);

  if (input.heightsOnly)
    return lineRanges.map(([a, b]) => lineOfHeight(items, styleOf, input, a, trimEnd(a, b)));
  return lineRanges.map(([a, b]) =>
    buildLine(text, levels, items, styleOf, input, a, trimEnd(a, b)),
  );
}

const BIDI_SENSITIVE =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

const FLAT = new WeakSet<object>();

/** All zeros, shared by every all-left-to-right paragraph (never written; grown on demand). */
let zeros = new Uint8Array(4096);

function flatLevels(length: number): EmbeddingLevels {
  if (zeros.length < length) zeros = new Uint8Array(Math.max(length, zeros.length * 2));
  const levels = { levels: zeros, paragraphs: [{ start: 0, end: length - 1, level: 0 }] };
  FLAT.add(levels);
  return levels;
}

/** Text that is all precomposed Latin and punctuation: every UTF-16 unit is its own cluster. */
const SIMPLE = /^[\u0020-\u02ff\u2000-\u206f\u20a0-\u20bf]*$/;

function* clusters(text: string): Iterable<{ segment: string; index: number }> {
  if (!SIMPLE.test(text)) {
    yield* graphemes.segment(text);
    return;
  }
  const cluster = { segment: '', index: 0 };
  for (let i = 0; i < text.length; i++) {
    cluster.segment = text[i]!;
    cluster.index = i;
    yield cluster;
  }
}

function itemize(
  text: string,
  input: ParagraphInput,
  spanStart: readonly number[],
  levels: Uint8Array,
): Item[] {
  const items: Item[] = [];
  const stacks: FontStack[] = input.spans.map((s) => fontStack(s.style.font, input.language));
  let span = 0;
  let prevFace: FontFace | undefined;
  let prevSpan = -1;
  for (const { segment, index } of clusters(text)) {
    while (span + 1 < spanStart.length && (spanStart[span + 1] ?? Infinity) <= index) span++;
    const stack = stacks[span]!;
    const face = pickFace(stack, segment, prevSpan === span ? prevFace : undefined);
    const level = levels[index] ?? 0;
    const last = items.at(-1);
    if (last && last.span === span && last.face === face && last.level === level)
      last.end = index + segment.length;
    else items.push({ start: index, end: index + segment.length, span, face, level });
    prevFace = face;
    prevSpan = span;
  }
  return items;
}

/** Height and baseline of a line as buildLine gives them: from the largest size on the line. */
function lineGeometry(maxSize: number, leading: number): { height: number; baseline: number } {
  const height = maxSize * leading;
  return { height, baseline: (height - maxSize) / 2 + 0.8 * maxSize };
}

/** A line with buildLine's height and baseline but no runs (see ParagraphInput.heightsOnly). */
function lineOfHeight(
  items: readonly Item[],
  styleOf: (i: Item) => TextStyle,
  input: ParagraphInput,
  a: number,
  b: number,
): TextLine {
  if (b <= a)
    return { runs: [], width: 0, ...lineGeometry(emptyLineSize(input), input.leading), text: '' };
  let maxSize = 0;
  for (const item of items) {
    if (item.end <= a) continue;
    if (item.start >= b) break;
    maxSize = Math.max(maxSize, styleOf(item).size);
  }
  return { runs: [], width: 0, ...lineGeometry(maxSize, input.leading), text: '' };
}

/** An empty line is as tall as the paragraph's first size would make it. */
const emptyLineSize = (input: ParagraphInput) => input.spans[0]?.style.size ?? 10;

function buildLine(
  text: string,
  levels: EmbeddingLevels,
  items: readonly Item[],
  styleOf: (i: Item) => TextStyle,
  input: ParagraphInput,
  a: number,
  b: number,
): TextLine {
  const logical = text.slice(a, b);
  if (b <= a)
    return { runs: [], width: 0, ...lineGeometry(emptyLineSize(input), input.leading), text: '' };
  // bidi-js returns indices for the whole string with only [a, b) reordered.
  // Visual groups: maximal stretches of one item in visual order.
  const groups: { item: Item; min: number; max: number }[] = [];
  if (FLAT.has(levels)) {
    // All left to right: the items overlapping the line, in logical order.
    for (const item of items) {
      if (item.end <= a) continue;
      if (item.start >= b) break;
      groups.push({ item, min: Math.max(a, item.start), max: Math.min(b, item.end) - 1 });
    }
  } else {
    // bidi-js returns indices for the whole string with only [a, b) reordered.
    const order = bidi()
      .getReorderedIndices(text, levels, a, b - 1)
      .filter((i) => i >= a && i < b);
    const itemOf: Item[] = [];
    for (const item of items)
      for (let i = Math.max(a, item.start); i < Math.min(b, item.end); i++) itemOf[i - a] = item;
    for (const idx of order) {
      const item = itemOf[idx - a]!;
      const last = groups.at(-1);
      if (last && last.item === item) {
        last.min = Math.min(last.min, idx);
        last.max = Math.max(last.max, idx);
      } else groups.push({ item, min: idx, max: idx });
    }
  }
  const runs: DrawRun[] = [];
  let x = 0;
  let maxSize = 0;
  let needsActual = input.direction === 'rtl';
  for (const g of groups) {
    const style = styleOf(g.item);
    const logicalText = text.slice(g.min, g.max + 1);
    const odd = (g.item.level & 1) === 1;
    const scriptRtl = fontkitRtl(logicalText);
    let drawText = logicalText;
    if (odd && !scriptRtl) drawText = reverseClusters(logicalText, true);
    else if (!odd && scriptRtl) drawText = reverseClusters(logicalText, false);
    const shaped = needsShaping(drawText);
    if (shaped || odd || multiCodePoint(drawText)) needsActual = true;
    const { width, glyphRuns } = measureRuns(g.item.face, drawText, style.size, shaped);
    runs.push({
      text: drawText,
      face: g.item.face,
      size: style.size,
      color: style.color,
      x,
      width,
      shaped,
      href: style.href,
      visual: odd ? reverseCodePoints(logicalText) : logicalText,
      glyphRuns,
    });
    x += width;
    maxSize = Math.max(maxSize, style.size);
  }
  const align =
    input.align === 'center'
      ? 'center'
      : (input.align === 'end') !== (input.direction === 'rtl')
        ? 'right'
        : 'left';
  const shift = align === 'left' ? 0 : align === 'right' ? input.width - x : (input.width - x) / 2;
  for (const r of runs) r.x += shift;
  const line: TextLine = {
    runs,
    width: x,
    ...lineGeometry(maxSize, input.leading),
    text: logical,
  };
  // Visual order: poppler reverses right-to-left text it extracts, ActualText included.
  if (needsActual) line.actualText = runs.map((r) => r.visual).join('');
  return line;
}
