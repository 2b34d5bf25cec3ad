/**
 * Total-fit line breaking (Knuth & Plass, "Breaking Paragraphs into Lines", 1981), over TeX's
 * box / glue / penalty items, with the rules TeX applies to hyphens: no more than
 * `maxHyphenRun` hyphenated lines in a row, and none on the last full line of a paragraph.
 * All lines have the same width, so active nodes are told apart by position, fitness class and
 * the length of the run of hyphenated lines that ends at them, not by line number.
 */

import { slackAfterExpansion } from './expansion.js';

export type KpItem =
  | { type: 'box'; width: number }
  | { type: 'glue'; width: number; stretch: number; shrink: number }
  | {
      type: 'penalty';
      width: number;
      penalty: number;
      flagged: boolean;
      /**
       * What a line starting at this break gains over its boxes' widths (TeX's post-break text
       * of a discretionary): the rest of a hyphenated word is shaped alone, without the kerning
       * or ligature that joined it to the part before the hyphen.
       */
      after?: number;
    };

export interface KpOptions {
  /** Largest adjustment ratio a line may have (TeX's tolerance 200 is about 1.26). */
  tolerance: number;
  /** Added to every line's badness before squaring (TeX's \linepenalty). */
  linePenalty?: number;
  /** Two flagged breaks (hyphens) in a row (TeX's \doublehyphendemerits). */
  flaggedDemerits?: number;
  /** Lines of fitness classes more than one apart (TeX's \adjdemerits). */
  fitnessDemerits?: number;
  /** Most hyphenated lines in a row (TeX users set \hyphenpenalty so: 2). */
  maxHyphenRun?: number;
  /**
   * A hyphen on the last full line: forbidden when undefined, else these demerits (TeX's
   * \finalhyphendemerits, 5000), for paragraphs that cannot be set otherwise.
   */
  finalHyphenDemerits?: number;
  /**
   * Font expansion (expansion.ts): the share of a line's natural width its glyphs may gain or
   * lose before the glue is stretched or shrunk, as pdfTeX's \pdfadjustspacing 2 judges lines.
   */
  expansion?: number;
}

export interface KpBreak {
  /** Index of the item the line ends at (a glue or penalty, or the final penalty). */
  position: number;
  /** Adjustment ratio of the line ending here: its glue is stretched (> 0) or shrunk (< 0). */
  ratio: number;
  /** The line ends at a flagged penalty (a hyphen). */
  flagged: boolean;
}

export const INFINITY = 10000;

interface Node {
  position: number;
  fitness: number;
  hyphenRun: number;
  /** Sums of widths, stretch and shrink from the start of the paragraph to just after the break. */
  width: number;
  stretch: number;
  shrink: number;
  demerits: number;
  ratio: number;
  flagged: boolean;
  previous: Node | undefined;
}

const fitnessOf = (r: number) => (r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3);

/**
 * The breaks of the paragraph (the last one is the final item), or undefined when no set of
 * lines keeps every ratio within the tolerance (the caller then falls back to greedy breaking).
 * `items` must end with a forced break (a penalty of -INFINITY), normally after a glue of
 * infinite stretch so the last line is set naturally.
 */
export function knuthPlass(
  items: readonly KpItem[],
  lineWidth: number,
  options: KpOptions,
): KpBreak[] | undefined {
  const linePenalty = options.linePenalty ?? 10;
  const flaggedDemerits = options.flaggedDemerits ?? 3000;
  const fitnessDemerits = options.fitnessDemerits ?? 3000;
  const maxHyphenRun = options.maxHyphenRun ?? 2;
  const expansion = options.expansion ?? 0;
  let active: Node[] = [
    {
      position: -1,
      fitness: 1,
      hyphenRun: 0,
      width: 0,
      stretch: 0,
      shrink: 0,
      demerits: 0,
      ratio: 0,
      flagged: false,
      previous: undefined,
    },
  ];
  let width = 0;
  let stretch = 0;
  let shrink = 0;
  const last = items.length - 1;

  for (let b = 0; b < items.length; b++) {
    const item = items[b]!;
    let feasible = false;
    if (item.type === 'box') {
      width += item.width;
      continue;
    }
    if (item.type === 'glue') {
      // A glue is a legal break only right after a box.
      feasible = b > 0 && items[b - 1]!.type === 'box';
    } else feasible = item.penalty < INFINITY;

    if (feasible) {
      const penaltyWidth = item.type === 'penalty' ? item.width : 0;
      const penalty = item.type === 'penalty' ? item.penalty : 0;
      const flagged = item.type === 'penalty' && item.flagged;
      const forced = item.type === 'penalty' && penalty <= -INFINITY;
      const candidates = new Map<number, Node>();
      const next: Node[] = [];
      for (const a of active) {
        const natural = width - a.width + penaltyWidth;
        // What the glue must give once expanded glyphs have taken their share.
        const slack = slackAfterExpansion(lineWidth - natural, natural, expansion);
        let ratio: number;
        if (slack > 0) {
          const y = stretch - a.stretch;
          ratio = y > 0 ? slack / y : INFINITY;
        } else if (slack < 0) {
          const z = shrink - a.shrink;
          ratio = z > 0 ? slack / z : -INFINITY;
        } else ratio = 0;
        // Overfull, or a forced break: this node can start no further line.
        const keep = ratio >= -1 && !forced;
        if (keep) next.push(a);
        if (ratio < -1 || ratio > options.tolerance) continue;
        const hyphenRun = flagged ? a.hyphenRun + 1 : 0;
        if (hyphenRun > maxHyphenRun) continue;
        // The line ending at the paragraph's end is its last: the one before it is the last
        // full line, which must not end in a hyphen.
        if (b === last && a.flagged && options.finalHyphenDemerits === undefined) continue;
        // TeX's badness: 100 r³, at most 10000 ("infinitely bad").
        const badness = Math.min(INFINITY, 100 * Math.abs(ratio) ** 3);
        let demerits: number;
        if (penalty >= 0) demerits = (linePenalty + badness) ** 2 + penalty ** 2;
        else if (penalty > -INFINITY) demerits = (linePenalty + badness) ** 2 - penalty ** 2;
        else demerits = (linePenalty + badness) ** 2;
        if (flagged && a.flagged) demerits += flaggedDemerits;
        if (b === last && a.flagged) demerits += options.finalHyphenDemerits ?? 0;
        const fitness = fitnessOf(ratio);
        // The last line is set naturally: its fitness says nothing about its neighbour.
        if (b !== last && Math.abs(fitness - a.fitness) > 1) demerits += fitnessDemerits;
        demerits += a.demerits;
        const key = fitness * 8 + hyphenRun;
        const best = candidates.get(key);
        if (!best || demerits < best.demerits)
          candidates.set(key, {
            position: b,
            fitness,
            hyphenRun,
            width: 0,
            stretch: 0,
            shrink: 0,
            demerits,
            ratio,
            flagged,
            previous: a,
          });
      }
      if (candidates.size > 0) {
        // Sums after the break: glue and penalties at the start of a line are discarded.
        let w = width - (item.type === 'penalty' ? (item.after ?? 0) : 0);
        let st = stretch;
        let sh = shrink;
        for (let i = b; i < items.length; i++) {
          const it = items[i]!;
          if (it.type === 'box') break;
          if (it.type === 'glue') {
            w += it.width;
            st += it.stretch;
            sh += it.shrink;
          } else if (it.penalty <= -INFINITY && i > b) break;
        }
        for (const key of [...candidates.keys()].sort((x, y) => x - y)) {
          const node = candidates.get(key)!;
          node.width = w;
          node.stretch = st;
          node.shrink = sh;
          next.push(node);
        }
      }
      active = next;
      if (active.length === 0) return undefined;
    }
    if (item.type === 'glue') {
      width += item.width;
      stretch += item.stretch;
      shrink += item.shrink;
    }
  }
  let best: Node | undefined;
  for (const a of active)
    if (a.position === last && (!best || a.demerits < best.demerits)) best = a;
  if (!best) return undefined;
  const breaks: KpBreak[] = [];
  for (let n: Node | undefined = best; n && n.position >= 0; n = n.previous)
    breaks.push({ position: n.position, ratio: n.ratio, flagged: n.flagged });
  return breaks.reverse();
}

/** One attempt at a paragraph: its options, and whether hyphenation points are offered. */
export interface KpPass extends KpOptions {
  hyphenate: boolean;
}

/** The loosest a line is drawn: word spaces stretched by 6 times their stretch (an em more each). */
export const MAX_DRAWN_RATIO = 6;

/**
 * TeX's passes, tried in turn, with glyphs scaled by up to `expansion` (expansion.ts):
 * 1. without hyphens at \pretolerance 100 (a ratio of 1);
 * 2. with hyphens at \tolerance 200 (1.26), a hyphen on the last full line costing TeX's
 *    \finalhyphendemerits (5000), as much as a line of badness 60: TeX takes such a hyphen
 *    rather than a very loose line. Forbidding it in a pass of its own first kept one line
 *    in a hundred very loose on an A4 page where LaTeX has none, and given Latin Modern's
 *    widths and TeX's glue this pass order sets the typography bench's paragraphs as TeX does
 *    (bench/ typography: the same passes, very loose lines and final hyphens);
 * 3. TeX's final pass: whatever sets the paragraph, with lines as loose as spaces are drawn and
 *    badness capped at TeX's 10000, so a paragraph that cannot be set well gets a few loose
 *    lines rather than every line loose (an \emergencystretch pass here, which loosens all
 *    lines evenly, left half of a newspaper column's lines with a ratio over 1: bench/
 *    typography); no hyphen on the last full line first, then at its cost. That rule is kept
 *    over a looser line here: at a loose line's badness TeX's 5000 demerits buy nothing, and
 *    one paragraph in seven took such a hyphen.
 */
export function texPasses(expansion = 0): readonly KpPass[] {
  const finalHyphen = { finalHyphenDemerits: 5000 };
  return [
    { hyphenate: false, tolerance: 1, expansion },
    { hyphenate: true, tolerance: 1.26, expansion, ...finalHyphen },
    { hyphenate: true, tolerance: MAX_DRAWN_RATIO, expansion },
    { hyphenate: true, tolerance: MAX_DRAWN_RATIO, expansion, ...finalHyphen },
  ];
}

/**
 * Sets a paragraph by the first of `passes` that can (see texPasses). `build` gives the
 * paragraph's items with or without hyphenation points; `hyphenation` false (a language without
 * patterns) never asks for them. Undefined when no pass sets it (greedy breaking then).
 */
export function breakPasses<T extends readonly KpItem[]>(
  build: (hyphenate: boolean) => T,
  lineWidth: number,
  passes: readonly KpPass[],
  hyphenation = true,
): { items: T; breaks: KpBreak[]; pass: number } | undefined {
  const built = new Map<boolean, T>();
  for (const [pass, options] of passes.entries()) {
    // Without hyphenation (a language without patterns) both kinds of pass see the same items.
    const hyphenate = options.hyphenate && hyphenation;
    let items = built.get(hyphenate);
    if (!items) {
      items = build(hyphenate);
      built.set(hyphenate, items);
    }
    const breaks = knuthPlass(items, lineWidth, options);
    if (breaks) return { items, breaks, pass };
  }
  return undefined;
}
