import { describe, expect, it } from 'vitest';
import { leadSnippet, SNIPPET_TOKENS, toFtsAnyQuery, toFtsQuery } from './fts.js';

describe('toFtsQuery', () => {
  it.each([
    ['thaw river', '"thaw"* "river"*'],
    ['a', '"a"'],
    ['a a a a a a a a a a a a a a a a', '"a"'],
    ['A a river RIVER rivers', '"A" "river"* "rivers"*'],
    ['ri', '"ri"*'],
    ['晴 天气', '"晴"* "天气"*'],
    ['thaw" ^* -(river: NEAR OR', '"thaw"* "river"* "NEAR"* "OR"*'],
    [
      Array.from({ length: 20 }, (_, i) => `w${i} w${i}`).join(' '),
      Array.from({ length: 16 }, (_, i) => `"w${i}"*`).join(' '),
    ],
  ])('%j → %s', (q, fts) => {
    expect(toFtsQuery(q)).toBe(fts);
  });

  it.each(['', '"*()', ' - '])('%j has nothing to search', (q) => {
    expect(toFtsQuery(q)).toBeUndefined();
    expect(toFtsAnyQuery(q)).toBeUndefined();
  });

  it('snippets look for any of the same words', () => {
    expect(toFtsAnyQuery('a a thaw river')).toBe('"a" OR "thaw"* OR "river"*');
  });
});

describe('leadSnippet', () => {
  it('keeps the first words of the text, cut with an ellipsis', () => {
    const words = Array.from({ length: 30 }, (_, i) => `w${i}`);
    expect(leadSnippet(words.join(' '))).toBe(`${words.slice(0, SNIPPET_TOKENS).join(' ')}…`);
    expect(leadSnippet('Short text.')).toBe('Short text.');
    expect(leadSnippet(undefined)).toBe('');
  });
});
