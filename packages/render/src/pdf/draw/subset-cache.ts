import type { FontFace } from '../fonts/catalog.js';

/**
 * fontkit 2.0.4 internals of a TrueType subset (the version is pinned exactly). Its _addGlyph
 * decodes every glyph's whole outline, per document, only to learn whether it is composite.
 */
interface TtfSubsetInternals {
  font: {
    getGlyph(gid: number): {
      advanceWidth: number;
      _getMetrics(): { leftBearing: number };
      _decode(): {
        numberOfContours: number;
        components?: { glyphID: number; pos: number }[];
      } | null;
    };
    loca: { offsets: number[] };
    _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
    _variationProcessor?: unknown;
  };
  glyphEncoder?: unknown;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  includeGlyph(gid: number): number;
  _addGlyph(gid: number): number;
}

/** What a subset needs of one glyph: its glyf bytes, components, and horizontal metrics. */
interface GlyphEntry {
  bytes: Uint8Array;
  /** Composite glyphs: each component's glyph id and where it is written in `bytes`. */
  components: readonly { glyphID: number; pos: number }[] | undefined;
  advance: number;
  bearing: number;
}

const entries = new Map<string, Map<number, GlyphEntry>>();

function entryFor(s: TtfSubsetInternals, gid: number): GlyphEntry {
  const glyph = s.font.getGlyph(gid);
  const glyf = glyph._decode();
  const from = s.font.loca.offsets[gid] ?? 0;
  const to = s.font.loca.offsets[gid + 1] ?? from;
  const stream = s.font._getTableStream('glyf');
  stream.pos += from;
  const bytes = stream.readBuffer(to - from);
  return {
    bytes,
    components: glyf && glyf.numberOfContours < 0 ? (glyf.components ?? []) : undefined,
    advance: glyph.advanceWidth,
    bearing: glyph._getMetrics().leftBearing,
  };
}

/**
 * Makes a pdfkit font's TrueType subset read each glyph's data from a per-face cache kept for
 * the process, writing the same bytes fontkit's own _addGlyph writes. CFF and variable fonts
 * keep fontkit's code.
 */
export function cacheSubsetGlyphs(subset: unknown, face: FontFace): void {
  const s = subset as TtfSubsetInternals;
  if (!s.glyphEncoder || typeof s._addGlyph !== 'function' || s.font._variationProcessor) return;
  let cache = entries.get(face.id);
  if (!cache) {
    cache = new Map();
    entries.set(face.id, cache);
  }
  const known = cache;
  s._addGlyph = (gid: number) => {
    let entry = known.get(gid);
    if (!entry) {
      entry = entryFor(s, gid);
      known.set(gid, entry);
    }
    let bytes = entry.bytes;
    if (entry.components) {
      bytes = new Uint8Array(bytes);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (const c of entry.components) view.setUint16(c.pos, s.includeGlyph(c.glyphID));
    }
    s.glyf.push(bytes);
    s.loca.offsets.push(s.offset);
    s.hmtx.metrics.push({ advance: entry.advance, bearing: entry.bearing });
    s.offset += bytes.length;
    return s.glyf.length - 1;
  };
}
