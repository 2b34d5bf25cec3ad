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
import { hyphenationPoints, canHyphenate, unhyphenatable } from './hyphenate.js';
import { EXPANSION, lineExpansion } from './expansion.js';
import { lengthenJoins } from './kashida.js';
import { breakPasses, INFINITY, MAX_DRAWN_RATIO, texPasses, type KpItem } from './knuth-plass.js';
import { SpaceFactor, spaceShrink, spaceStretch } from './word-space.js';

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
  /**
   * `justify`: total-fit (Knuth-Plass) breaking, every line but the last set to the full
   * measure by word spacing (and by spacing between Chinese and Japanese characters); the others
   * break greedily and set lines at their natural width.
   */
  align: 'start' | 'center' | 'end' | 'justify';
  /** Break words by the language's hyphenation patterns (justified text only). */
  hyphenate?: boolean;
  /**
   * Justified lines may also scale their glyphs by up to 2% (font expansion, expansion.ts):
   * left-to-right paragraphs without Chinese or Japanese characters only.
   */
  expand?: boolean;
  /**
   * Justified right-to-left lines in Naskh give their slack to the joins of their Arabic words
   * (tatweel, kashida.ts) before their spaces.
   */
  kashida?: boolean;
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
  /** Justification: space added to the run's glyphs when drawn (already in `width` and `x`). */
  spacing?: RunSpacing;
}

/** How a justified line's slack is spread over one run's glyphs. */
export interface RunSpacing {
  /** The adjustment ratio of the run's word spaces (see word-space.ts). */
  ratio: number;
  /** The space factor of each of the run's word spaces, in glyph order (absent: all 1). */
  factors?: readonly number[];
  /** Points added after each Chinese or Japanese character. */
  gap: number;
  /** The horizontal scale of the run's glyphs (font expansion; absent: 1). */
  expansion?: number;
  /** The run ends the line: its last character takes no gap. */
  last: boolean;
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
  /** The line ends inside a word, with a hyphen drawn that is not in `text`. */
  hyphenated?: boolean;
  /**
   * Justified lines set by total-fit breaking: TeX's adjustment ratio, how far the word spaces
   * were stretched (> 0, as a share of their stretch) or shrunk (< 0, of their shrink).
   */
  ratio?: number;
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

  const flat = FLAT.has(levels);
  // Font expansion: left-to-right text only, and never Chinese or Japanese, which justify by
  // the gaps between their square characters.
  const expand = input.expand === true && input.align === 'justify' && flat && !hasCjk(text);
  let lineRanges: LineRange[] | undefined;
  if (input.align === 'justify')
    lineRanges = totalFit(
      text,
      input,
      items,
      styleOf,
      levels.levels,
      measureRange,
      trimEnd,
      flat,
      expand,
    );
  lineRanges ??= greedyBreaks(text, input.width, measureRange);

  if (input.heightsOnly)
    return lineRanges.map(([a, b]) => lineOfHeight(items, styleOf, input, a, trimEnd(a, b)));
  return lineRanges.map(([a, b, justify, hyphen, ratio], i) => {
    const line = buildLine(
      text,
      levels,
      items,
      styleOf,
      input,
      a,
      trimEnd(a, b),
      justify,
      hyphen,
      lineRanges[i - 1]?.[3] === true,
      expand,
    );
    if (justify && ratio !== undefined) line.ratio = ratio;
    return line;
  });
}

/**
 * [start, end) of a line, whether it is set to the full measure, whether it ends in a hyphen,
 * and the adjustment ratio total-fit breaking chose for it.
 */
type LineRange = [number, number, boolean, boolean, number?];
type MeasureRange = (a: number, b: number) => Measured;

/** Greedy breaking at UAX #14 opportunities; a word wider than the measure breaks between clusters. */
function greedyBreaks(text: string, measureWidth: number, measureRange: MeasureRange): LineRange[] {
  const lineRanges: LineRange[] = [];
  const push = (a: number, b: number, full: boolean) => lineRanges.push([a, b, full, false]);
  const breaker = new LineBreaker(text);
  let lineStart = 0;
  let lineWidth = 0;
  let segStart = 0;
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
    const segEnd = bk.position;
    const seg = measureRange(segStart, segEnd);
    const full = seg.width;
    const visible = full - seg.trailing;
    if (lineStart < segStart && lineWidth + visible > measureWidth) {
      push(lineStart, segStart, true);
      lineStart = segStart;
      lineWidth = 0;
    }
    if (lineStart === segStart && visible > measureWidth) {
      // A word wider than the measure: break it between grapheme clusters.
      let from = segStart;
      let w = 0;
      for (const { index, segment } of graphemes.segment(text.slice(segStart, segEnd))) {
        const g = segStart + index;
        const gw = measureRange(g, g + segment.length).width;
        if (w + gw > measureWidth && g > from) {
          push(from, g, false);
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
      push(lineStart, segEnd, false);
      lineStart = segEnd;
      lineWidth = 0;
    }
  }
  if (lineStart < text.length) push(lineStart, text.length, false);
  return lineRanges;
}

/** Chinese and Japanese lines stretch between characters, by up to a tenth of an em each. */
const GAP_STRETCH = 0.1;
/** TeX's \hyphenpenalty and \exhyphenpenalty. */
const HYPHEN_PENALTY = 50;
const FILL = 1e6;

const isCjk = (cp: number) =>
  (cp >= 0x2e80 && cp <= 0x9fff) ||
  (cp >= 0xf900 && cp <= 0xfaff) ||
  (cp >= 0xff00 && cp <= 0xffef) ||
  (cp >= 0x20000 && cp <= 0x3ffff);

export const isCjkCodePoint = isCjk;

/** Whether any character of `text` is Chinese or Japanese (isCjk). */
function hasCjk(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (isCjk(cp)) return true;
    if (cp > 0xffff) i++;
  }
  return false;
}

const DASHES = /[-\u2010\u2013\u2014]$/;
const HYPHENATABLE_WORD = /\p{L}[\p{L}\p{M}]*/gu;

/**
 * Total-fit breaking: the paragraph as TeX's boxes, glue and penalties (word spaces are glue,
 * hyphenation points and breaks after dashes are flagged penalties, Chinese and Japanese
 * characters are separated by glue that only stretches), then the Knuth-Plass breaks.
 * Undefined when no breaks fit the tolerances (a word wider than the measure): greedy then.
 */
function totalFit(
  text: string,
  input: ParagraphInput,
  items: readonly Item[],
  styleOf: (i: Item) => TextStyle,
  levels: Uint8Array,
  measureRange: MeasureRange,
  trimEnd: (a: number, b: number) => number,
  /** All left to right: spaces after sentences take TeX's space factors (SpaceFactor). */
  sentenceSpacing: boolean,
  /** Glyphs may be scaled by up to EXPANSION (expansion.ts). */
  expand: boolean,
): LineRange[] | undefined {
  const itemAt = (pos: number): Item => {
    // Binary search: items are sorted and cover the text.
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (items[mid]!.end <= pos) lo = mid + 1;
      else hi = mid;
    }
    return items[lo]!;
  };
  const canHyphenateHere =
    input.hyphenate === true && input.direction === 'ltr' && canHyphenate(input.language);
  const excluded = canHyphenateHere ? unhyphenatable(text) : [];
  const isExcluded = (p: number) => excluded.some(([a, b]) => p >= a && p < b);

  /** The paragraph's items, with the text offset a break at each ends the line at. */
  const build = (hyphenate: boolean) => {
    const kp: KpItem[] = [];
    const at: number[] = [];
    const hyphenAt: boolean[] = [];
    const push = (item: KpItem, offset: number, hyphen = false) => {
      kp.push(item);
      at.push(offset);
      hyphenAt.push(hyphen);
    };
    const breaker = new LineBreaker(text);
    let segStart = 0;
    for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
      const segEnd = bk.position;
      const visibleEnd = trimEnd(segStart, segEnd);
      // Hyphenation points inside the segment's words.
      const cuts: number[] = [];
      if (hyphenate && visibleEnd - segStart >= 5 && !isExcluded(segStart)) {
        const word = text.slice(segStart, visibleEnd);
        HYPHENATABLE_WORD.lastIndex = 0;
        for (let m = HYPHENATABLE_WORD.exec(word); m; m = HYPHENATABLE_WORD.exec(word)) {
          const base = segStart + m.index;
          const it = itemAt(base);
          if ((levels[base] ?? 0) !== 0 || needsShaping(m[0]) || isCjk(m[0].codePointAt(0)!))
            continue;
          for (const p of hyphenationPoints(m[0], input.language))
            if (itemAt(base + p) === it) cuts.push(base + p);
        }
      }
      // Boxes between hyphenation points are differences of the word's prefixes: a line where
      // the word stays whole is drawn with the word shaped whole, kerning across those points
      // included (pieces measured apart left lines up to half a point over the measure).
      const seg = measureRange(segStart, segEnd);
      let before = 0;
      for (const cut of cuts) {
        const upTo = measureRange(segStart, cut).width;
        push({ type: 'box', width: upTo - before }, cut);
        before = upTo;
        // A line starting here draws the word's rest shaped alone.
        const after = measureRange(cut, segEnd).width - (seg.width - upTo);
        const it = itemAt(cut - 1);
        const style = styleOf(it);
        const hyphenWidth = measure(
          hyphenFace(style, input.language, it.face),
          '-',
          style.size,
          false,
        );
        push(
          { type: 'penalty', width: hyphenWidth, penalty: HYPHEN_PENALTY, flagged: true, after },
          cut,
          true,
        );
      }
      push({ type: 'box', width: seg.width - seg.trailing - before }, segEnd);
      if (bk.required || segEnd === text.length) {
        // The end of the paragraph, or a line break inside it: that line is set naturally.
        push({ type: 'glue', width: 0, stretch: FILL, shrink: 0 }, segEnd);
        push({ type: 'penalty', width: 0, penalty: -INFINITY, flagged: false }, segEnd);
      } else if (seg.trailing > 0) {
        // Normalised text has one space between words; the glue is per space all the same,
        // the first taking the factor of what ends the word (as drawing gives it, by glyphs).
        const spaces = Math.max(1, countSpaces(text, visibleEnd, segEnd));
        const em = styleOf(itemAt(segEnd - 1)).size;
        const one = seg.trailing / spaces;
        const factor = sentenceSpacing ? factorAfter(text, segStart, visibleEnd) : 1;
        push(
          {
            type: 'glue',
            width: seg.trailing,
            stretch: spaceStretch(one, em, factor) + (spaces - 1) * spaceStretch(one, em),
            shrink: spaceShrink(one, factor) + (spaces - 1) * spaceShrink(one),
          },
          segEnd,
        );
      } else if (
        isCjk(text.codePointAt(segEnd) ?? 0) ||
        isCjk(text.codePointAt(visibleEnd - 1) ?? 0) ||
        isCjk(text.codePointAt(Math.max(segStart, visibleEnd - 2)) ?? 0)
      ) {
        const size = styleOf(itemAt(segEnd - 1)).size;
        push({ type: 'glue', width: 0, stretch: size * GAP_STRETCH, shrink: 0 }, segEnd);
      } else {
        const dash = DASHES.test(text.slice(segStart, visibleEnd));
        push(
          { type: 'penalty', width: 0, penalty: dash ? HYPHEN_PENALTY : 0, flagged: dash },
          segEnd,
        );
      }
      segStart = segEnd;
    }
    return Object.assign(kp, { at, hyphenAt });
  };
  const set = breakPasses(build, input.width, texPasses(expand ? EXPANSION : 0), canHyphenateHere);
  if (!set) return undefined;
  const { items: kp, breaks } = set;
  const last = kp.length - 1;
  const lines: LineRange[] = [];
  let start = 0;
  for (const b of breaks) {
    const end = kp.at[b.position]!;
    const item = kp[b.position]!;
    const forced = item.type === 'penalty' && item.penalty <= -INFINITY;
    lines.push([start, end, !forced && b.position !== last, kp.hyphenAt[b.position]!, b.ratio]);
    start = end;
  }
  return lines;
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
  justify = false,
  hyphen = false,
  continues = false,
  expand = false,
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
  // The rest of a word hyphenated on the line before is a run of its own (see `actual`).
  const rest = continues ? (CONTINUATION.exec(logical)?.[0].length ?? 0) : 0;
  const first = groups[0];
  if (rest > 0 && first && first.min === a && first.max >= a + rest - 1) {
    const tail = { item: first.item, min: a + rest, max: first.max };
    first.max = a + rest - 1;
    if (tail.max >= tail.min) groups.splice(1, 0, tail);
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
    // Hyphenated words are left to right at level 0: their last letter ends the line visually.
    const shaped = needsShaping(drawText);
    if (shaped || odd || multiCodePoint(drawText)) needsActual = true;
    const { width, glyphRuns } = measureRuns(g.item.face, drawText, style.size, shaped);
    const run: DrawRun = {
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
    };
    // Extracted with the hyphen on the line before.
    if (rest > 0 && g === first) run.visual = '';
    runs.push(run);
    x += width;
    maxSize = Math.max(maxSize, style.size);
    // Hyphenated words are left to right at level 0: their last letter ends the line visually.
    if (hyphen && g.max === b - 1) {
      const wordRest = WORD_REST.exec(text.slice(b))?.[0] ?? '';
      const face = hyphenFace(style, input.language, g.item.face);
      const h = measureRuns(face, '-', style.size, false);
      runs.push({
        text: '-',
        face,
        size: style.size,
        color: style.color,
        x,
        width: h.width,
        shaped: false,
        href: style.href,
        visual: wordRest,
        glyphRuns: h.glyphRuns,
      });
      x += h.width;
    }
  }
  if (justify && input.align === 'justify') {
    if (input.kashida === true && input.direction === 'rtl')
      x = lengthenJoins(runs, input.width, x);
    x = justifyRuns(runs, input.width, x, FLAT.has(levels), expand);
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
  if (hyphen) line.hyphenated = true;
  // A word hyphenated at the line end extracts whole: the line's ActualText ends with the whole
  // word (the hyphen's `visual` is the rest of the word), and the next line's leaves the rest
  // out. Spans around the fragments alone came out of line order in poppler; an artifact
  // hyphen would leave the word in two pieces.
  if (hyphen || rest > 0) needsActual = true;
  // Visual order: poppler reverses right-to-left text it extracts, ActualText included.
  if (needsActual) line.actualText = runs.map((r) => r.visual).join('');
  return line;
}

/** The face of a line-end hyphen: the word's own when it has one (a Cyrillic subset has none). */
const hyphenFaces = new Map<string, FontFace>();

export function hyphenFace(style: TextStyle, language: string, wordFace: FontFace): FontFace {
  const f = style.font;
  const key = `${wordFace.id}/${f.family}/${f.bold ? 1 : 0}${f.italic ? 1 : 0}/${f.stretch ?? ''}/${f.file ?? ''}/${language}`;
  let face = hyphenFaces.get(key);
  if (!face) {
    face = pickFace(fontStack(f, language), '-', wordFace);
    if (hyphenFaces.size > 1000) hyphenFaces.clear();
    hyphenFaces.set(key, face);
  }
  return face;
}

/**
 * The letters (and closing punctuation) that continue a word after a line-end hyphen, through
 * its apostrophes ("gov-ernment’s"): stopping at one split "ernment’" from "s", which lost the
 * kerning the line was measured with and extracted as "government’ s".
 */
const WORD_REST = /^[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*[\p{P}\p{S}]*/u;
/** The same at the next line's start, with the space after it (hidden from extraction too). */
const CONTINUATION = new RegExp(`${WORD_REST.source}\\s*`, 'u');

/** A word space in a line's glyphs: what justification stretches (drawing asks the same). */
export const isSpaceCodePoint = (cp: number | undefined) => cp === 0x20 || cp === 0x3000;

/** The space factor of a space after text[from, to), a word that follows a space or a break. */
function factorAfter(text: string, from: number, to: number): number {
  const sf = new SpaceFactor();
  for (let i = from; i < to;) {
    const cp = text.codePointAt(i)!;
    sf.read(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return sf.space();
}

function countSpaces(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (isSpaceCodePoint(text.charCodeAt(i))) n++;
  return n;
}

/**
 * The word spaces' stretch and shrink (points), their space factors, and the characters that
 * take a gap, in a run. `sf` follows the line's characters from run to run (left-to-right
 * lines); without it every factor is 1.
 */
function stretchables(
  run: DrawRun,
  sf: SpaceFactor | undefined,
): { stretch: number; shrink: number; gaps: number; factors: number[] } {
  let stretch = 0;
  let shrink = 0;
  let gaps = 0;
  const factors: number[] = [];
  for (const r of run.glyphRuns)
    for (let i = 0; i < r.glyphs.length; i++) {
      const codePoints = r.glyphs[i]!.codePoints;
      const cp = codePoints[0];
      if (isSpaceCodePoint(cp)) {
        const advance = (r.positions[i]!.xAdvance * run.size) / 1000;
        const factor = sf?.space() ?? 1;
        factors.push(factor);
        stretch += spaceStretch(advance, run.size, factor);
        shrink += spaceShrink(advance, factor);
      } else {
        if (sf) for (const c of codePoints) sf.read(c);
        if (cp !== undefined && isCjk(cp)) gaps++;
      }
    }
  return { stretch, shrink, gaps, factors };
}

/**
 * Sets a justified line to the full measure: the slack (positive or negative) is shared by the
 * word spaces in proportion to their stretch (or shrink), on Chinese and Japanese lines by the
 * gaps between characters, and with `expand` by the glyphs, scaled alike by up to EXPANSION
 * (expansion.ts); the runs are moved along. Returns the new line width.
 */
function justifyRuns(
  runs: DrawRun[],
  width: number,
  natural: number,
  sentenceSpacing: boolean,
  expand: boolean,
): number {
  if (Math.abs(width - natural) < 1e-6 || runs.length === 0) return natural;
  const sf = sentenceSpacing ? new SpaceFactor() : undefined;
  const counts = runs.map((run) => stretchables(run, sf));
  const lastRun = runs.length - 1;
  const gapsOf = (c: (typeof counts)[number], i: number) =>
    // The line's last character takes no gap after it.
    i === lastRun && c.gaps > 0 ? c.gaps - 1 : c.gaps;
  // The glyphs take the slack first, up to EXPANSION, as line breaking judged the line; the
  // spaces and gaps take what is left.
  const scale = expand ? lineExpansion(width - natural, natural) : 1;
  const slack = width - natural * scale;
  let spaceWeight = 0;
  let gapWeight = 0;
  counts.forEach((c, i) => {
    spaceWeight += slack > 0 ? c.stretch : c.shrink;
    gapWeight += gapsOf(c, i) * runs[i]!.size;
  });
  const gapStretch = slack > 0 ? gapWeight * GAP_STRETCH : 0;
  const ratio = spaceWeight + gapStretch > 0 ? slack / (spaceWeight + gapStretch) : 0;
  // Spaces never shrink past their shrink, nor grow past what the loosest pass allows.
  const spaceRatio = Math.min(MAX_DRAWN_RATIO, Math.max(-1, ratio));
  let x = runs[0]!.x;
  runs.forEach((run, i) => {
    const c = counts[i]!;
    const gap = ratio * GAP_STRETCH * run.size;
    const extra =
      spaceRatio * (spaceRatio > 0 ? c.stretch : c.shrink) +
      (gapStretch > 0 ? gap * gapsOf(c, i) : 0);
    if (extra !== 0 || scale !== 1)
      run.spacing = {
        ratio: spaceRatio,
        ...(c.factors.some((f) => f !== 1) && { factors: c.factors }),
        gap: gapStretch > 0 ? gap : 0,
        last: i === lastRun,
        ...(scale !== 1 && { expansion: scale }),
      };
    run.x = x;
    run.width = run.width * scale + extra;
    x += run.width;
  });
  return x - runs[0]!.x;
}
