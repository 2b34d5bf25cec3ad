import {
  dejavu,
  faceClaims,
  fontsource,
  loadFace,
  fileFamily,
  semiCondensedSerif,
  type FontFace,
  type FontFamily,
} from './catalog.js';

export interface FontVariant {
  family: 'serif' | 'sans';
  bold: boolean;
  italic: boolean;
  /** CSS's font-stretch: newspaper columns set their serif text semi-condensed. */
  stretch?: 'semi-condensed';
  /**
   * An OpenType file tried before the family's own fonts, for typesetting in another face (the
   * typography bench sets text in TeX's Latin Modern to compare line breakers alone).
   */
  file?: string;
}

export interface FontStack {
  readonly key: string;
  readonly families: readonly FontFamily[];
  /** Cluster → its own face, and whether it may take its neighbour's face instead. */
  readonly cache: Map<string, { face: FontFace; neutral: boolean; codePoints: number[] }>;
}

const stacks = new Map<string, FontStack>();

/** Han characters take Japanese or Korean forms only when the language asks for them. */
function cjkOrder(language: string): string[] {
  const primary = language.toLowerCase().split('-')[0];
  if (primary === 'ja') return ['noto-sans-jp', 'noto-sans-sc', 'noto-sans-kr'];
  if (primary === 'ko') return ['noto-sans-kr', 'noto-sans-sc', 'noto-sans-jp'];
  return ['noto-sans-sc', 'noto-sans-jp', 'noto-sans-kr'];
}

/**
 * Urdu is set in Nastaliq, its readers' own style; Arabic (and Persian, whose print and screen
 * text is Naskh, Nastaliq being kept for poetry and display) in Naskh.
 */
function arabicFamily(language: string): string {
  return language.toLowerCase().split('-')[0] === 'ur' ? 'noto-nastaliq-urdu' : 'noto-naskh-arabic';
}

/**
 * The fonts tried, in order, for text of one variant in one language: the Latin/Cyrillic/Greek
 * family, then Arabic script (Nastaliq for Urdu, Naskh otherwise), Devanagari, CJK, monochrome
 * emoji, and DejaVu (Serif, then Sans) as the last resort.
 */
export function fontStack(variant: FontVariant, language: string): FontStack {
  const weight = variant.bold ? 700 : 400;
  const cjk = cjkOrder(language);
  const arabic = arabicFamily(language);
  const semiCondensed = variant.family === 'serif' && variant.stretch === 'semi-condensed';
  const key = `${variant.family}/${weight}/${variant.italic ? 'i' : 'n'}/${semiCondensed ? 'sc' : ''}/${cjk[0] ?? ''}/${arabic}/${variant.file ?? ''}`;
  let stack = stacks.get(key);
  if (!stack) {
    stack = {
      key,
      families: [
        ...(variant.file === undefined ? [] : [fileFamily(variant.file)]),
        semiCondensed
          ? semiCondensedSerif(weight, variant.italic ? 'italic' : 'normal')
          : fontsource(
              variant.family === 'serif' ? 'noto-serif' : 'noto-sans',
              weight,
              variant.italic ? 'italic' : 'normal',
            ),
        fontsource(arabic, weight),
        // Letters Nastaliq lacks (Arabic-script letters of other languages) still find a face.
        ...(arabic === 'noto-naskh-arabic' ? [] : [fontsource('noto-naskh-arabic', weight)]),
        fontsource('noto-sans-devanagari', weight),
        ...cjk.map((name) => fontsource(name, weight)),
        fontsource('noto-emoji', 400),
        dejavu(variant.family === 'serif', variant.bold, variant.italic),
        // DejaVu Serif lacks Hebrew (and more) that DejaVu Sans has.
        ...(variant.family === 'serif' ? [dejavu(false, variant.bold, variant.italic)] : []),
      ],
      cache: new Map(),
    };
    stacks.set(key, stack);
  }
  return stack;
}

/** Joiners, variation selectors and tag characters: a font may lack them and still shape the cluster. */
const isIgnorable = (cp: number) =>
  cp === 0x200c ||
  cp === 0x200d ||
  (cp >= 0xfe00 && cp <= 0xfe0f) ||
  (cp >= 0xe0020 && cp <= 0xe007f) ||
  (cp >= 0xe0100 && cp <= 0xe01ef);
const NEUTRAL = /^[\p{Script=Common}\p{Script=Inherited}]+$/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const EMOJI_FAMILY = 'noto-emoji';

export function isEmojiFace(face: FontFace): boolean {
  return face.id.startsWith(EMOJI_FAMILY);
}

const coverage = new Map<string, Map<number, boolean>>();

function covers(face: FontFace, codePoints: readonly number[]): boolean {
  let known = coverage.get(face.id);
  if (!known) {
    known = new Map();
    coverage.set(face.id, known);
  }
  for (const cp of codePoints) {
    let has = known.get(cp);
    if (has === undefined) {
      has = loadFace(face).hasGlyphForCodePoint(cp);
      known.set(cp, has);
    }
    if (!has) return false;
  }
  return true;
}

function faceInFamily(family: FontFamily, codePoints: readonly number[]): FontFace | undefined {
  const first = codePoints[0];
  if (first === undefined) return undefined;
  for (const face of family.faces) {
    if (faceClaims(face, first) && covers(face, codePoints)) return face;
  }
  return undefined;
}

function significantCodePoints(cluster: string): number[] {
  const out: number[] = [];
  for (const ch of cluster) {
    const cp = ch.codePointAt(0) ?? 0;
    if (!isIgnorable(cp)) out.push(cp);
  }
  return out;
}

/**
 * The face for one grapheme cluster: spaces, punctuation and digits stay in the previous run's
 * face (so a sentence does not hop fonts at every comma), except that the emoji face never takes
 * them (its space is 1.27 em wide); anything else takes the first face of the stack that covers
 * every code point of the cluster.
 */
export function pickFace(
  stack: FontStack,
  cluster: string,
  previous: FontFace | undefined,
): FontFace {
  let info = stack.cache.get(cluster);
  if (!info) {
    const codePoints = significantCodePoints(cluster);
    info = {
      face: ownFace(stack, cluster, codePoints),
      neutral: NEUTRAL.test(cluster) && !PICTOGRAPHIC.test(cluster),
      codePoints,
    };
    if (stack.cache.size < 50_000) stack.cache.set(cluster, info);
  }
  if (info.codePoints.length === 0) return previous ?? info.face;
  if (
    info.neutral &&
    previous &&
    previous !== info.face &&
    !isEmojiFace(previous) &&
    covers(previous, info.codePoints)
  )
    return previous;
  return info.face;
}

function ownFace(stack: FontStack, cluster: string, codePoints: readonly number[]): FontFace {
  if (codePoints.length === 0) return firstFace(stack);
  let chosen: FontFace | undefined;
  // Emoji presentation (pictographs, keycaps, flags) goes to the emoji face before text faces.
  const emojiFirst =
    PICTOGRAPHIC.test(cluster) &&
    (/\ufe0f|\u20e3/u.test(cluster) || (codePoints[0] ?? 0) > 0x1f000);
  const families = emojiFirst
    ? [...stack.families.filter((f) => f.name.startsWith(EMOJI_FAMILY)), ...stack.families]
    : stack.families;
  for (const family of families) {
    chosen = faceInFamily(family, codePoints);
    if (chosen) return chosen;
  }
  // No face covers the whole cluster: the base character matters most.
  const base = codePoints.slice(0, 1);
  for (const family of stack.families) {
    chosen = faceInFamily(family, base);
    if (chosen) return chosen;
  }
  return firstFace(stack);
}

function firstFace(stack: FontStack): FontFace {
  const face = stack.families[0]?.faces[0];
  if (!face) throw new Error(`font stack ${stack.key} has no faces`);
  return face;
}
