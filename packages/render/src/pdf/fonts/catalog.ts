import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { create, type Font } from 'fontkit';
import { woffToSfnt } from './woff.js';

const require = createRequire(import.meta.url);

/** One font file: a fontsource subset (a unicode-range slice of a family) or a full TTF. */
export interface FontFace {
  /** Unique and stable: used as the pdfkit font key, so it decides the PDF font resource names. */
  readonly id: string;
  readonly file: string;
  /** Code point ranges the file claims (inclusive); confirmed per code point with hasGlyphForCodePoint. */
  readonly ranges: readonly (readonly [number, number])[];
}

function parseUnicodeRange(css: string): [number, number][] {
  return css.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    const a = parseInt(from ?? '0', 16);
    return [a, to === undefined ? a : parseInt(to, 16)];
  });
}

function packageDir(pkg: string): string {
  // Every fontsource package exports LICENSE; its folder holds unicode.json and files/.
  return dirname(require.resolve(`${pkg}/LICENSE`));
}

/**
 * The faces of one fontsource family at one weight and style, in unicode.json order (which
 * puts the main script subsets of CJK families first).
 */
function fontsourceFaces(name: string, weight: 400 | 700, style: 'normal' | 'italic'): FontFace[] {
  const dir = packageDir(`@fontsource/${name}`);
  const ranges = JSON.parse(readFileSync(join(dir, 'unicode.json'), 'utf8')) as Record<
    string,
    string
  >;
  return Object.entries(ranges).map(([key, css]) => {
    const subset = key.replace(/^\[(\d+)\]$/, '$1');
    return {
      id: `${name}-${subset}-${weight}${style === 'italic' ? 'i' : ''}`,
      file: join(dir, 'files', `${name}-${subset}-${weight}-${style}.woff`),
      ranges: parseUnicodeRange(css),
    };
  });
}

/** A family: an ordered set of faces; the first face whose range and cmap cover a code point wins. */
export interface FontFamily {
  readonly name: string;
  readonly faces: readonly FontFace[];
}

const families = new Map<string, FontFamily>();

function family(key: string, build: () => FontFace[]): FontFamily {
  let f = families.get(key);
  if (!f) {
    // Faces are listed on first use: CJK families have a hundred subsets each.
    let faces: FontFace[] | undefined;
    f = {
      name: key,
      get faces() {
        return (faces ??= build());
      },
    };
    families.set(key, f);
  }
  return f;
}

export type Weight = 400 | 700;

export const fontsource = (
  name: string,
  weight: Weight,
  style: 'normal' | 'italic' = 'normal',
): FontFamily => family(`${name}/${weight}/${style}`, () => fontsourceFaces(name, weight, style));

/**
 * Noto Serif SemiCondensed (CSS's font-stretch: semi-condensed), for newspaper columns: static
 * fonts cut from Noto Serif's variable fonts by scripts/semi-condensed-fonts.py and kept in the
 * package's fonts/ folder, one per fontsource subset (Latin, Cyrillic, Greek, Vietnamese and
 * math, as Noto Serif's), so the font stack's other families cover the same rest.
 */
export function semiCondensedSerif(weight: Weight, style: 'normal' | 'italic'): FontFamily {
  return family(`noto-serif-semi-condensed/${weight}/${style}`, () => {
    // The package's fonts/, from src/pdf/fonts (tests) as from dist/pdf/fonts.
    const dir = fileURLToPath(new URL('../../../fonts/', import.meta.url));
    const ranges = JSON.parse(readFileSync(join(dir, 'unicode.json'), 'utf8')) as Record<
      string,
      string
    >;
    return Object.entries(ranges).map(([subset, css]) => ({
      id: `noto-serif-semi-condensed-${subset}-${weight}${style === 'italic' ? 'i' : ''}`,
      file: join(dir, `noto-serif-semi-condensed-${subset}-${weight}-${style}.woff`),
      ranges: parseUnicodeRange(css),
    }));
  });
}

/** One font file, claiming every code point its cmap has. */
export const fileFamily = (file: string): FontFamily =>
  family(`file:${file}`, () => [{ id: `file:${file}`, file, ranges: [[0, 0x10ffff]] }]);

/** DejaVu: full TTFs with wide coverage, the last resort before .notdef. */
export function dejavu(serif: boolean, bold: boolean, italic: boolean): FontFamily {
  const base = serif ? 'DejaVuSerif' : 'DejaVuSans';
  const suffix = bold
    ? italic
      ? serif
        ? '-BoldItalic'
        : '-BoldOblique'
      : '-Bold'
    : italic
      ? serif
        ? '-Italic'
        : '-Oblique'
      : '';
  const name = `${base}${suffix}`;
  return family(name, () => [
    {
      id: name,
      file: join(packageDir('dejavu-fonts-ttf'), 'ttf', `${name}.ttf`),
      ranges: [[0, 0x10ffff]],
    },
  ]);
}

const loaded = new Map<string, Font>();

/**
 * The parsed font of a face, created on first use and kept for the process: parsing and the
 * first shaping with a font cost milliseconds to a tenth of a second, a render should not.
 */
export function loadFace(face: FontFace): Font {
  let font = loaded.get(face.id);
  if (!font) {
    const parsed = create(woffToSfnt(readFileSync(face.file)));
    if (!('layout' in parsed))
      throw new Error(`${face.file} is a font collection, expected one font`);
    font = parsed;
    loaded.set(face.id, font);
  }
  return font;
}

export function faceClaims(face: FontFace, cp: number): boolean {
  for (const [a, b] of face.ranges) if (cp >= a && cp <= b) return true;
  return false;
}
