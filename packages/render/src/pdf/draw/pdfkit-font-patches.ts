import type { Font } from 'fontkit';
import type { FontFace } from '../fonts/catalog.js';
import { forEachRun, type ShapedRun } from '../fonts/shaping.js';
import { cacheSubsetGlyphs } from './subset-cache.js';

/**
 * pdfkit keeps a layout cache per font per document, so every new document would shape every
 * word again, and the measuring pass would have shaped it once already. Layout results depend
 * only on the face and the text, so the runs of shaping.ts serve measuring and drawing in
 * every document of the process.
 */
interface EmbeddedFontInternals {
  encode(text: string, features?: unknown, runs?: readonly ShapedRun[]): [string[], unknown[]];
  toUnicodeCmap(): unknown;
  unicode: (number[] | undefined)[];
  widths: (number | undefined)[];
  subset: { glyphs: number[]; includeGlyph(gid: number): number };
  font: { stringsForGlyph(gid: number): string[] };
  __broadsheetShared?: true;
}

/** Zero width space: the glyph carries no text of its own (its sibling glyph carries it). */
const NO_TEXT = 0x200b;

/**
 * Shaping can turn one character into several glyphs (Arabic and Devanagari marks, emoji
 * sequences); fontkit gives the code points to the first and none to the rest, and pdfkit
 * writes an empty ToUnicode entry for those, which PDF/A-2u forbids. They get the characters the
 * font's cmap maps to them, or a zero width space; ActualText carries the text of such lines.
 */
function fillUnicode(f: EmbeddedFontInternals): void {
  f.unicode.forEach((codePoints, gid) => {
    if (codePoints && codePoints.length > 0) return;
    const original = f.subset.glyphs[gid];
    const text = original === undefined ? undefined : f.font.stringsForGlyph(original)[0];
    f.unicode[gid] = text ? Array.from(text, (c) => c.codePointAt(0) ?? NO_TEXT) : [NO_TEXT];
  });
}

const HEX: string[] = [];
const hex = (gid: number) => (HEX[gid] ??= `0000${gid.toString(16)}`.slice(-4));

/**
 * Applies both patches to a pdfkit EmbeddedFont once. pdfkit's own `encode` lays text out
 * again (word by word through a per-document cache, concatenating arrays per word); this one
 * reads the runs the measuring pass already shaped (shaping.ts) and produces the same glyph
 * codes and positions.
 */
export function patchEmbeddedFont(font: unknown, face: FontFace): void {
  const f = font as EmbeddedFontInternals;
  if (f.__broadsheetShared) return;
  const { subset, widths, unicode } = f;
  cacheSubsetGlyphs(subset, face);
  // `runs`, when given, are `text` already shaped (the layout's DrawRun.glyphRuns).
  f.encode = (text: string, features?: unknown, runs?: readonly ShapedRun[]) => {
    const codes: string[] = [];
    const positions: unknown[] = [];
    const add = (run: ShapedRun) => {
      const { glyphs } = run;
      for (let i = 0; i < glyphs.length; i++) {
        const glyph = glyphs[i]!;
        const gid = subset.includeGlyph(glyph.id);
        codes.push(hex(gid));
        widths[gid] ??= run.positions[i]!.advanceWidth;
        unicode[gid] ??= glyph.codePoints;
        positions.push(run.positions[i]);
      }
    };
    if (runs) for (const run of runs) add(run);
    else forEachRun(face, text, features !== undefined, add);
    return [codes, positions];
  };
  const toUnicodeCmap = f.toUnicodeCmap.bind(f);
  f.toUnicodeCmap = () => {
    fillUnicode(f);
    return toUnicodeCmap();
  };
  f.__broadsheetShared = true;
}

/** The parts of fontkit 2.0.4's layout engine the null-anchor guard reaches. */
interface GposProcessorInternals {
  applyAnchor(
    markRecord: { markAnchor: unknown },
    baseAnchor: unknown,
    baseGlyphIndex: number,
  ): void;
  __broadsheetNullAnchors?: true;
}
interface LayoutEngineInternals {
  engine?: { GPOSProcessor?: GposProcessorInternals | null };
}

/** The GPOSProcessor prototype, reached through a font's layout engine (the class is not exported). */
export function gposProcessorPrototype(font: Font): GposProcessorInternals | undefined {
  const engine = (font as unknown as { _layoutEngine: LayoutEngineInternals })._layoutEngine.engine;
  const gpos = engine?.GPOSProcessor;
  return gpos ? (Object.getPrototypeOf(gpos) as GposProcessorInternals) : undefined;
}

let nullAnchorsGuarded = false;

/**
 * GPOS mark attachment (lookup types 4, 5 and 6) may legally have a NULL anchor: "no anchor for
 * this class here". fontkit 2.0.4 dereferences it and throws (foliojs/fontkit#367), which Noto
 * Nastaliq Urdu hits on ز ڑ ژ and about one letter pair in nine. This is the guard of the
 * unmerged fix (foliojs/fontkit#374): a null anchor attaches nothing, as in HarfBuzz. The
 * prototype is shared by every font, so it is patched once; call this before laying out.
 */
export function guardNullAnchors(font: Font): void {
  if (nullAnchorsGuarded) return;
  const proto = gposProcessorPrototype(font);
  if (!proto) return;
  nullAnchorsGuarded = true;
  if (proto.__broadsheetNullAnchors) return;
  // Kept unbound on purpose: it is called with each processor as `this`.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const applyAnchor = proto.applyAnchor;
  proto.applyAnchor = function (this: unknown, markRecord, baseAnchor, baseGlyphIndex) {
    if (baseAnchor == null || markRecord.markAnchor == null) return;
    applyAnchor.call(this, markRecord, baseAnchor, baseGlyphIndex);
  };
  proto.__broadsheetNullAnchors = true;
}
