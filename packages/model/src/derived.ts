import type { Article, Block } from './schema.js';

function blockText(block: Block): string[] {
  switch (block.type) {
    case 'list':
      return block.items.map((item) => item.text);
    case 'figure':
      return block.image.caption ? [block.image.caption] : [];
    case 'quote':
      return block.attribution ? [block.text, block.attribution] : [block.text];
    default:
      return [block.text];
  }
}

/** The article as plain text in reading order: headline, standfirst, highlights, then the body. */
export function plainText(article: Article): string {
  const parts = [article.headline];
  if (article.standfirst) parts.push(article.standfirst);
  parts.push(...article.highlights);
  for (const block of article.body) parts.push(...blockText(block));
  return parts.join('\n\n');
}

/** The body text only, paragraphs separated by blank lines (schema.org articleBody, ninjs body_text). */
export function bodyText(article: Article): string {
  return article.body.flatMap(blockText).join('\n\n');
}

/**
 * Words in the article's plain text. Uses the ICU word segmenter, so scripts written without
 * spaces (Chinese, Japanese, Thai) are counted in words too, not as one long "word".
 */
export function wordCount(article: Article): number {
  return countWords(plainText(article), article.language);
}

/** Words in any text, segmented by the rules of the given language. */
export function countWords(text: string, language: string): number {
  let locale = 'und';
  try {
    locale = Intl.getCanonicalLocales(language)[0] ?? 'und';
  } catch {
    // An unparsable tag: segment by the root locale's rules.
  }
  const segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
  let count = 0;
  for (const chunk of segmentChunks(text)) {
    // Plain words are counted here; the segmenter walks only the rest, each token with the
    // white space before it, so it sees every token in the context it has in the chunk.
    let rest = '';
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(chunk); m; m = TOKEN.exec(chunk)) {
      if (PLAIN_WORD.test(m[2]!)) count += 1;
      else rest += m[0];
    }
    if (rest !== '')
      for (const segment of segmenter.segment(rest)) if (segment.isWordLike) count += 1;
  }
  return count;
}

/** A run of white space that ends every word (UAX #29 joins no word across it), then a token. */
const TOKEN = /([ \t\n\r]*)([^ \t\n\r]+)/g;
/**
 * A token the word segmenter reads as exactly one word in every language: ASCII letters and
 * digits (one word by UAX #29's WB5, WB8-WB10), with opening punctuation before and closing
 * punctuation after, which join nothing at a token's edge. Most tokens of most articles are
 * this; stepping V8's segmenter iterator over them was most of a PDF edition's reading times.
 */
const PLAIN_WORD = /^[([{"'\u2018\u201c]*[A-Za-z0-9]+[)\]}"'\u2019\u201d.,;:!?]*$/;

/** Characters handed to the segmenter at once; see segmentChunks. */
const SEGMENT_CHUNK_CHARS = 2_000;

/**
 * Splits text at white space (or an ideographic full stop or comma, which always end a word)
 * into pieces of about SEGMENT_CHUNK_CHARS. Each step of V8's Intl.Segmenter iterator costs
 * time in proportion to the string it walks, so iterating one long string is far worse than
 * linear (measured on Node 20: 5,000 words 0.1 s, 20,000 words 28 s) and stalled every
 * request that counted a large article's words. Smaller pieces count faster on Node 20 (500
 * characters: 50 articles' reading times ~60 ms against ~300 ms), but on Node 24 the many
 * more segmenter runs made megabyte texts grow faster than linearly (×3-3.5 per doubling in
 * derived.linearity.test.ts), so the size stays at 2,000. A piece with none of those
 * characters is cut at the limit, which can split at most one word per 2,000 characters.
 */
export function* segmentChunks(text: string): Generator<string> {
  let start = 0;
  while (text.length - start > SEGMENT_CHUNK_CHARS) {
    const limit = start + SEGMENT_CHUNK_CHARS;
    // The last space or line break in this piece, looking no further back than its start:
    // lastIndexOf would scan on to the beginning of a text without spaces, once per piece.
    let cut = limit;
    while (cut > start) {
      const c = text.charCodeAt(cut);
      if (c === 0x20 || c === 0x0a || c === 0x3002 || c === 0xff0c) break;
      cut -= 1;
    }
    let end = cut > start ? cut + 1 : limit;
    // Never cut between the two halves of a surrogate pair.
    if (end === limit && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
    yield text.slice(start, end);
    start = end;
  }
  if (start < text.length) yield text.slice(start);
}

/** Words a minute for an average adult reader of prose on a screen. */
export const WORDS_PER_MINUTE = 230;

/** Estimated minutes to read the article, at least 1. */
export function readingTime(article: Article): number {
  return Math.max(1, Math.round(wordCount(article) / WORDS_PER_MINUTE));
}

const RTL_SCRIPTS = new Set([
  'Arab',
  'Hebr',
  'Thaa',
  'Syrc',
  'Nkoo',
  'Adlm',
  'Rohg',
  'Mand',
  'Samr',
]);
const RTL_LANGUAGES = new Set([
  'ar',
  'he',
  'iw',
  'fa',
  'ur',
  'ps',
  'sd',
  'ug',
  'yi',
  'dv',
  'ckb',
  'ku',
  'syr',
]);

/** Writing direction of a BCP 47 language tag ("ur" → rtl, "az-Arab" → rtl, "en" → ltr). */
export function textDirection(language: string): 'ltr' | 'rtl' {
  try {
    const locale = new Intl.Locale(language).maximize();
    if (locale.script) return RTL_SCRIPTS.has(locale.script) ? 'rtl' : 'ltr';
    return RTL_LANGUAGES.has(locale.language) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}
