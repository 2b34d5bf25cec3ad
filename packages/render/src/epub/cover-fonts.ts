import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Canvas from '@napi-rs/canvas';

type Fonts = (typeof Canvas)['GlobalFonts'];

const require = createRequire(import.meta.url);

/**
 * Fallback fonts for what DejaVu lacks, from @fontsource packages (per-script subset files,
 * each with its unicode-range in unicode.json). Only the subsets a cover's text needs are
 * registered, once per process: a CJK headline pulls in a few hundred KiB, not 100 files.
 */
const FALLBACKS = [
  {
    pkg: '@fontsource/noto-naskh-arabic',
    stem: 'noto-naskh-arabic',
    alias: 'BS Naskh',
    arabic: true,
  },
  { pkg: '@fontsource/noto-sans-jp', stem: 'noto-sans-jp', alias: 'BS JP', japanese: true },
  { pkg: '@fontsource/noto-sans-sc', stem: 'noto-sans-sc', alias: 'BS SC' },
  { pkg: '@fontsource/noto-sans-kr', stem: 'noto-sans-kr', alias: 'BS KR' },
  { pkg: '@fontsource/noto-sans-devanagari', stem: 'noto-sans-devanagari', alias: 'BS Devanagari' },
  { pkg: '@fontsource/noto-emoji', stem: 'noto-emoji', alias: 'BS Emoji' },
] as const;

interface Subset {
  key: string;
  /** Inclusive code point ranges, flattened: from, to, from, to... */
  ranges: Uint32Array;
}

const subsets = new Map<string, Subset[] | undefined>();
const registered = new Set<string>();
let baseRegistered = false;

/**
 * "U+0-FF, U+131, U+152-153" as flat pairs. Written as a plain loop: the CJK tables hold
 * thousands of ranges and are read on every edition export, where split/regex per range cost
 * tens of milliseconds.
 */
function parseRanges(value: string): Uint32Array {
  const parts = value.split(',');
  const out = new Uint32Array(parts.length * 2);
  parts.forEach((raw, i) => {
    const part = raw.trim();
    const start = part.startsWith('U+') || part.startsWith('u+') ? 2 : 0;
    const dash = part.indexOf('-', start);
    const from = parseInt(dash < 0 ? part.slice(start) : part.slice(start, dash), 16);
    out[2 * i] = from;
    out[2 * i + 1] = dash < 0 ? from : parseInt(part.slice(dash + 1), 16);
  });
  return out;
}

/** Whether any of the (few) code points falls in one of the ranges. */
function covers(ranges: Uint32Array, codePoints: readonly number[]): boolean {
  for (let i = 0; i < ranges.length; i += 2) {
    const from = ranges[i] as number;
    const to = ranges[i + 1] as number;
    for (const cp of codePoints) if (cp >= from && cp <= to) return true;
  }
  return false;
}

function subsetsOf(pkg: string): Subset[] | undefined {
  if (!subsets.has(pkg)) {
    try {
      const dir = dirname(require.resolve(`${pkg}/package.json`));
      const table = JSON.parse(readFileSync(join(dir, 'unicode.json'), 'utf8')) as Record<
        string,
        string
      >;
      subsets.set(
        pkg,
        Object.entries(table).map(([key, value]) => ({
          key: key.replace(/[[\]]/g, ''),
          ranges: parseRanges(value),
        })),
      );
    } catch {
      subsets.set(pkg, undefined); // package absent: DejaVu alone
    }
  }
  return subsets.get(pkg);
}

function registerBase(fonts: Fonts): void {
  if (baseRegistered) return;
  for (const file of [
    'DejaVuSerif.ttf',
    'DejaVuSerif-Bold.ttf',
    'DejaVuSans.ttf',
    'DejaVuSans-Bold.ttf',
  ]) {
    fonts.registerFromPath(require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
  }
  baseRegistered = true;
}

/**
 * Registers what the text needs and returns the CSS font-family list to draw it with.
 * Arabic-script languages put Naskh first so a word is never split between two fonts
 * (which would break the joining of its letters); Japanese puts the JP font before SC.
 */
export function coverFontFamily(
  fonts: Fonts,
  text: string,
  language: string,
  arabicScript: boolean,
): string {
  registerBase(fonts);
  const seen = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0x2000 || (cp >= 0x0590 && cp < 0x2000)) seen.add(cp);
  }
  const codePoints = [...seen];
  const japanese = /^ja\b/i.test(language);
  const families: string[] = [];
  for (const font of FALLBACKS) {
    if ('japanese' in font && !japanese) continue;
    const list = subsetsOf(font.pkg);
    if (!list) continue;
    const needed = list.filter((s) => covers(s.ranges, codePoints));
    if (needed.length === 0) continue;
    const dir = dirname(require.resolve(`${font.pkg}/package.json`));
    for (const subset of needed) {
      const alias = `${font.alias} ${subset.key}`;
      if (!registered.has(alias)) {
        for (const weight of [400, 700]) {
          fonts.registerFromPath(
            join(dir, 'files', `${font.stem}-${subset.key}-${weight}-normal.woff2`),
            alias,
          );
        }
        registered.add(alias);
      }
      families.push(`"${alias}"`);
    }
  }
  const arabicFirst = arabicScript ? families.filter((f) => f.startsWith('"BS Naskh')) : [];
  const rest = families.filter((f) => !arabicFirst.includes(f));
  return [...arabicFirst, '"DejaVu Serif"', '"DejaVu Sans"', ...rest].join(', ');
}
