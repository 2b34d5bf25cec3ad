/** Longest base name in UTF-8 bytes: leaves room for "-123", ".epub" and the temp-file affixes within 255. */
export const MAX_BASE_BYTES = 180;

const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com\d|lpt\d)$/i;
// Created on first need: loading ICU's grapheme rules costs a short export ~20 ms, and
// almost every name is already short enough.
let segmenter: Intl.Segmenter | undefined;
const encoder = new TextEncoder();

function truncateUtf8(text: string, maxBytes: number): string {
  // UTF-8 takes at most 3 bytes per UTF-16 unit, so a short enough string needs no measuring.
  if (text.length * 3 <= maxBytes || encoder.encode(text).length <= maxBytes) return text;
  segmenter ??= new Intl.Segmenter('und', { granularity: 'grapheme' });
  let out = '';
  let bytes = 0;
  for (const { segment } of segmenter.segment(text)) {
    const size = encoder.encode(segment).length;
    if (bytes + size > maxBytes) break;
    out += segment;
    bytes += size;
  }
  return out;
}

/**
 * A file name (without extension) from a slug or id that is safe on Linux, macOS and
 * Windows: no path separators or characters Windows forbids, no control or bidi-override
 * characters (zero-width joiners stay: Persian words and emoji need them), no leading dot or hyphen (hidden files, names read as options), no reserved
 * device names, NFC (macOS), and short enough for every file system.
 */
export function safeBaseName(raw: string, fallback = 'article'): string {
  let name = raw
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Z}\s/\\:*?"<>|]/gu, (c) =>
      c === '\u200c' || c === '\u200d' ? c : '-',
    )
    .replace(/-{2,}/g, '-')
    .replace(/^[.\-\s]+|[.\-\s]+$/g, '');
  name = truncateUtf8(name, MAX_BASE_BYTES).replace(/[.\-\s]+$/, '');
  if (name === '') name = fallback;
  if (WINDOWS_RESERVED.test(name.split('.')[0] ?? '')) name = `${name}-file`;
  return name;
}

/**
 * Hands out unique base names for one run: two articles with the same slug get `slug` and
 * `slug-2`. Comparison ignores case, since macOS and Windows file systems do.
 */
export class OutputNames {
  private readonly taken = new Set<string>();

  claim(raw: string, fallback?: string): string {
    const base = safeBaseName(raw, fallback);
    let candidate = base;
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n += 1) candidate = `${base}-${n}`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}
