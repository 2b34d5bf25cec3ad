import { defaultArticle } from '@broadsheet/content';
import { readingTime, wordCount, type Article } from '@broadsheet/model';
import { describe, expect, it } from 'vitest';
import type { StoredArticle } from '../store/types.js';
import { storedReadingTime, storedWordCount } from './word-count.js';

const seed = defaultArticle();
const stored = (article: Article, contentHash: string): StoredArticle => ({
  article,
  contentHash,
  createdAt: '2018-05-02T00:00:00.000Z',
  modifiedAt: '2018-05-02T00:00:00.000Z',
});
const short: Article = {
  ...seed,
  body: [
    { type: 'paragraph', text: 'Three short words.', content: [{ text: 'Three short words.' }] },
  ],
};

describe('stored word counts', () => {
  it.each([
    ['the seed article', seed, 'hash-seed'],
    ['a three-word article', short, 'hash-short'],
  ])('agree with the model for %s', (_name, article, hash) => {
    expect(storedWordCount(stored(article, hash))).toBe(wordCount(article));
    expect(storedReadingTime(stored(article, hash))).toBe(readingTime(article));
  });

  it('follow the content hash: a new version is counted anew', () => {
    expect(storedWordCount(stored(seed, 'hash-v1'))).toBe(wordCount(seed));
    expect(storedWordCount(stored(short, 'hash-v2'))).toBe(wordCount(short));
  });
});
