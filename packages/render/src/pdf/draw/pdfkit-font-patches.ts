/**
 * pdfkit keeps a layout cache per font per document, so every new document shapes every word
 * again (most of a warm render's time). Layout results depend only on the font and the text,
 * so one cache per face serves every document of the process.
 */
interface EmbeddedFontInternals {
  layoutCache?: Record<string, unknown>;
  layoutRun(text: string, features?: unknown): unknown;
  toUnicodeCmap(): unknown;
  unicode: (number[] | undefined)[];
  subset: { glyphs: number[] };
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

const caches = new Map<string, { words: Record<string, unknown>; shaped: Map<string, unknown> }>();
const MAX_SHAPED = 20_000;

/** Applies both patches to a pdfkit EmbeddedFont once. */
export function patchEmbeddedFont(font: unknown, faceId: string): void {
  const f = font as EmbeddedFontInternals;
  if (f.__broadsheetShared) return;
  let cache = caches.get(faceId);
  if (!cache) {
    cache = { words: Object.create(null) as Record<string, unknown>, shaped: new Map() };
    caches.set(faceId, cache);
  }
  const { words, shaped } = cache;
  f.layoutCache = words;
  const layoutRun = f.layoutRun.bind(f);
  // Shaped runs (the `features` path) bypass pdfkit's cache; cache those only (features is
  // always [] for them), leaving plain word layouts to the shared word cache above.
  f.layoutRun = (text: string, features?: unknown) => {
    if (!Array.isArray(features) || features.length !== 0) return layoutRun(text, features);
    let run = shaped.get(text);
    if (run === undefined) {
      run = layoutRun(text, features);
      if (shaped.size > MAX_SHAPED) shaped.clear();
      shaped.set(text, run);
    }
    return run;
  };
  const toUnicodeCmap = f.toUnicodeCmap.bind(f);
  f.toUnicodeCmap = () => {
    fillUnicode(f);
    return toUnicodeCmap();
  };
  f.__broadsheetShared = true;
}
