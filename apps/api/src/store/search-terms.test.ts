import { describe, expect, it } from 'vitest';
import { MAX_TERMS, matchesAsPrefix, searchTerms } from './search-terms.js';

describe('searchTerms', () => {
  it.each([
    ['thaw river', ['thaw', 'river']],
    ['a a a', ['a']],
    ['Thaw thaw THAW river', ['Thaw', 'river']],
    ['thaw" ^* -(river:', ['thaw', 'river']],
    // NFC first: "é" typed as e + combining accent is the same word as "é".
    ['caf\u0065\u0301 café', ['café']],
    ['"*()', []],
  ])('%j → %j', (q, terms) => {
    expect(searchTerms(q)).toEqual(terms);
  });

  it('keeps the first MAX_TERMS distinct words, however often each is repeated', () => {
    const distinct = Array.from({ length: 20 }, (_, i) => `w${i}`);
    const q = distinct.flatMap((w) => [w, w, w.toUpperCase()]).join(' ');
    expect(searchTerms(q)).toEqual(distinct.slice(0, MAX_TERMS));
  });

  it('keeps a 250-word query of one repeated letter to that letter, and of 16 distinct to 16', () => {
    expect(searchTerms(Array(250).fill('a').join(' '))).toEqual(['a']);
    expect(searchTerms(Array.from({ length: 250 }, (_, i) => `x${i % 40}`).join(' '))).toHaveLength(
      MAX_TERMS,
    );
  });
});

describe('matchesAsPrefix', () => {
  it.each([
    ['a', false],
    ['7', false],
    ['é', false],
    ['ri', true],
    ['river', true],
    ['晴', true], // one character is a word in Chinese, Japanese and Korean
    ['カ', true],
  ])('%j → %s', (word, prefix) => {
    expect(matchesAsPrefix(word)).toBe(prefix);
  });
});
