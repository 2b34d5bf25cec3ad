import { describe, expect, it } from 'vitest';
import { cjkBigrams, markTerms, searchQuery, textSearchConfig } from './text-search.js';

const AVAILABLE = new Set(['broadsheet_simple', 'broadsheet_english', 'broadsheet_russian']);

describe('textSearchConfig', () => {
  it.each([
    ['en', 'broadsheet_english'],
    ['en-GB', 'broadsheet_english'],
    ['RU', 'broadsheet_russian'],
    ['fr', 'broadsheet_simple'], // a stemmer this server does not have
    ['zh-Hans', 'broadsheet_simple'],
    ['und', 'broadsheet_simple'],
  ])('%s → %s', (language, config) => {
    expect(textSearchConfig(language, AVAILABLE)).toBe(config);
  });
});

describe('cjkBigrams', () => {
  it.each([
    ['东京都', '东京 京都 都'],
    ['晴', '晴'],
    ['Tokyo 東京 is 今日晴れ.', '東京 京 今日 日晴 晴れ れ'],
    ['no such characters', ''],
  ])('%s → %s', (text, bigrams) => {
    expect(cjkBigrams(text)).toBe(bigrams);
  });
});

describe('searchQuery', () => {
  it.each([
    ['thaw river', { words: "'thaw':* & 'river':*", cjk: '', cjkTerms: [] }],
    ['thaw" ^* -(river:', { words: "'thaw':* & 'river':*", cjk: '', cjkTerms: [] }],
    ["o'neil & !x | <->", { words: "'o' & 'neil':* & 'x'", cjk: '', cjkTerms: [] }],
    ['天气 晴', { words: '', cjk: "('天气') & '晴':*", cjkTerms: ['天气', '晴'] }],
    ['東京都', { words: '', cjk: "('東京' <-> '京都')", cjkTerms: ['東京都'] }],
    ['Sony社', { words: "'Sony':*", cjk: "'社':*", cjkTerms: ['社'] }],
    // Repeats count once; one letter matches only itself (a prefix from two on).
    ['a A a a a a a a a a a a a a a a a', { words: "'a'", cjk: '', cjkTerms: [] }],
    ['a river River ri', { words: "'a' & 'river':* & 'ri':*", cjk: '', cjkTerms: [] }],
    ['晴 晴 a晴', { words: "'a'", cjk: "'晴':*", cjkTerms: ['晴'] }],
  ])('%s → only quoted words reach to_tsquery', (q, expected) => {
    expect(searchQuery(q)).toEqual(expected);
  });

  it.each(['', '"*()', ' - '])('%j has nothing to search', (q) => {
    expect(searchQuery(q)).toBeUndefined();
  });
});

describe('markTerms', () => {
  it('marks CJK words inside plain runs and leaves strong runs alone', () => {
    expect(
      markTerms([{ text: '东京都的天气今天' }, { text: 'thaw', strong: true }], ['天气']),
    ).toEqual([
      { text: '东京都的' },
      { text: '天气', strong: true },
      { text: '今天' },
      { text: 'thaw', strong: true },
    ]);
  });
});
