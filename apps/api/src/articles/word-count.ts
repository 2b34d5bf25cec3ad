import { WORDS_PER_MINUTE, wordCount } from '@broadsheet/model';
import type { StoredArticle } from '../store/types.js';

/** Word counts by content hash; bounded, cleared when full. */
const counts = new Map<string, number>();
const COUNTS_MAX = 20_000;

/**
 * The article's word count, counted once per stored version: segmenting a long body into
 * words takes milliseconds, and a list of 20 articles asked for it (twice, with the reading
 * time) on every request.
 */
export function storedWordCount(stored: StoredArticle): number {
  let words = counts.get(stored.contentHash);
  if (words === undefined) {
    words = wordCount(stored.article);
    if (counts.size >= COUNTS_MAX) counts.clear();
    counts.set(stored.contentHash, words);
  }
  return words;
}

/** The model's readingTime(article), from the remembered word count. */
export function storedReadingTime(stored: StoredArticle): number {
  return Math.max(1, Math.round(storedWordCount(stored) / WORDS_PER_MINUTE));
}
