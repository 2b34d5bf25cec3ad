import { describe, expect, it } from 'vitest';
import {
  bodyText,
  countWords,
  plainText,
  readingTime,
  segmentChunks,
  textDirection,
  wordCount,
} from './derived.js';
import { parseArticle } from './parse.js';

const article = parseArticle({
  headline: 'Headline words here',
  standfirst: 'The standfirst.',
  highlights: ['First point.', 'Second point.'],
  language: 'en',
  body: [
    { type: 'paragraph', text: 'One two three.' },
    { type: 'quote', text: 'Quoted words.', attribution: 'Someone' },
    { type: 'list', items: ['Item one', 'Item two'] },
    { type: 'figure', image: { src: 'a.jpg', caption: 'A caption.' } },
  ],
});

describe('derived values', () => {
  it('plainText gives headline, standfirst, highlights and body in reading order', () => {
    expect(plainText(article)).toBe(
      [
        'Headline words here',
        'The standfirst.',
        'First point.',
        'Second point.',
        'One two three.',
        'Quoted words.',
        'Someone',
        'Item one',
        'Item two',
        'A caption.',
      ].join('\n\n'),
    );
  });

  it('bodyText gives the body only', () => {
    expect(bodyText(article).startsWith('One two three.')).toBe(true);
    expect(bodyText(article)).not.toContain('Headline');
  });

  it.each([
    ['en', 'One two three four.', 5, 5],
    // ICU segments Chinese into words: more than one "word", fewer than one per character.
    ['zh', '北京举行国际科技博览会', 4, 11],
    ['ru', 'Правительство утвердило план.', 4, 4],
  ])('wordCount counts words in %s (headline "One" included)', (language, text, min, max) => {
    const a = parseArticle({ headline: 'One', language, body: [{ type: 'paragraph', text }] });
    expect(wordCount(a)).toBeGreaterThanOrEqual(min);
    expect(wordCount(a)).toBeLessThanOrEqual(max);
  });

  it('wordCount is exact for simple English', () => {
    expect(wordCount(article)).toBe(3 + 2 + 2 + 2 + 3 + 2 + 1 + 2 + 2 + 2);
  });

  it.each([
    [10, 1],
    [230, 1],
    [460, 2],
    [2300, 10],
  ])('readingTime of %i words is %i minutes', (words, minutes) => {
    const a = parseArticle({
      headline: 'x',
      language: 'en',
      body: [{ type: 'paragraph', text: 'word '.repeat(words - 1) }],
    });
    expect(readingTime(a)).toBe(minutes);
  });

  it.each([
    ['en', 'ltr'],
    ['ru', 'ltr'],
    ['zh-Hans', 'ltr'],
    ['ur', 'rtl'],
    ['ar-EG', 'rtl'],
    ['he', 'rtl'],
    ['fa', 'rtl'],
    ['az-Arab', 'rtl'],
    ['az', 'ltr'],
    ['not a tag', 'ltr'],
  ] as const)('textDirection(%s) is %s', (lang, dir) => {
    expect(textDirection(lang)).toBe(dir);
  });
});

describe('word counts on long texts', () => {
  it('splits into pieces that join back to the text, never inside a surrogate pair', () => {
    const text = `${'a'.repeat(1_999)}😀${'字'.repeat(3_000)} tail words here`;
    const pieces = [...segmentChunks(text)];
    expect(pieces.join('')).toBe(text);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
  });

  it('counts every word of an article near the size limit (one segmenter pass would stall)', () => {
    const words = 140_000;
    const paragraph = Array.from({ length: 500 }, (_, i) => `word${i % 97}`).join(' ');
    const article = parseArticle({
      headline: 'Long',
      language: 'en',
      body: Array.from({ length: words / 500 }, () => ({ type: 'paragraph', text: paragraph })),
    });
    expect(wordCount(article)).toBe(words + 1);
    expect(countWords(paragraph.repeat(2), 'en')).toBe(999);
  });

  // The pieces must not change the count: the same texts counted in one segmenter pass
  // (affordable at this size) give the same number.
  it.each([
    ['en', 'The river rose, and the town (population 4,000) waited. '.repeat(60)],
    ['zh', '今天的天气很好，我们去公园散步。'.repeat(200)],
    ['ja', '東京は雨でした。明日は晴れるでしょう。'.repeat(150)],
    ['ar', 'ارتفع النهر وانتظرت المدينة. '.repeat(80)],
  ])('counts %s text in pieces exactly as in one pass', (language, text) => {
    const segmenter = new Intl.Segmenter(language, { granularity: 'word' });
    const onePass = [...segmenter.segment(text)].filter((s) => s.isWordLike).length;
    expect([...segmentChunks(text)].length).toBeGreaterThan(1);
    expect(countWords(text, language)).toBe(onePass);
  });
});
