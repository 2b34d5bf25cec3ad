import { loadFace, type FontFace } from './catalog.js';

/** Scripts whose letters change shape with their neighbours: laid out as one run, never word by word. */
const COMPLEX =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Thai}\p{Script=Lao}\p{Script=Tibetan}\p{Script=Myanmar}\p{Script=Khmer}]/u;

export function needsShaping(text: string): boolean {
  return COMPLEX.test(text);
}

const widths = new Map<string, Map<string, number>>();
/** fontkit reads the head table on every unitsPerEm access. */
const unitsPerEm = new Map<string, number>();

function unitsOf(face: FontFace, text: string, shaped: boolean): number {
  let cache = widths.get(face.id);
  if (!cache) {
    cache = new Map();
    widths.set(face.id, cache);
  }
  const key = shaped ? `\u0001${text}` : text;
  let units = cache.get(key);
  if (units === undefined) {
    units = loadFace(face).layout(text, shaped ? [] : undefined).advanceWidth;
    if (cache.size > 20_000) cache.clear();
    cache.set(key, units);
  }
  return units;
}

/**
 * Width in points of `text` as pdfkit will draw it: shaped runs are laid out whole (pdfkit's
 * `features` path), others word by word with each word keeping its trailing space, which is
 * exactly how pdfkit measures and encodes them. Widths are cached per face for the process.
 */
export function measure(face: FontFace, text: string, size: number, shaped: boolean): number {
  let upem = unitsPerEm.get(face.id);
  if (upem === undefined) {
    upem = loadFace(face).unitsPerEm;
    unitsPerEm.set(face.id, upem);
  }
  let units = 0;
  if (shaped) units = unitsOf(face, text, true);
  else {
    let last = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09) {
        units += unitsOf(face, text.slice(last, i + 1), false);
        last = i + 1;
      }
    }
    if (last < text.length) units += unitsOf(face, text.slice(last), false);
  }
  return (units * size) / upem;
}
