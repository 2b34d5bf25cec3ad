/**
 * pdfkit keeps a layout cache per font per document, so every new document shapes every word
 * again (most of a warm render's time). Layout results depend only on the font and the text,
 * so one cache per face serves every document of the process.
 */
interface EmbeddedFontInternals {
  layoutCache?: Record<string, unknown>;
  layoutRun(text: string, features?: unknown): unknown;
  __broadsheetShared?: true;
}

const caches = new Map<string, { words: Record<string, unknown>; shaped: Map<string, unknown> }>();
const MAX_SHAPED = 20_000;

export function shareLayoutCache(font: unknown, faceId: string): void {
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
  f.__broadsheetShared = true;
}
