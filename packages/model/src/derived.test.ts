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

describe('word counts: plain words counted without the segmenter', () => {
  const onePass = (text: string, language: string) =>
    [...new Intl.Segmenter(language, { granularity: 'word' }).segment(text)].filter(
      (s) => s.isWordLike,
    ).length;

  // Tokens near the edge of the fast path, each as the segmenter reads them in context.
  const TRICKY = [
    'plain',
    'A4',
    '2018.',
    '"Quoted,"',
    '(aside)',
    '‘curly’',
    '“double”',
    "don't",
    "dogs'",
    "'tis",
    'U.S.',
    'e.g.,',
    'well-known',
    '4,000.50',
    'snake_case',
    '_lead',
    'trail_',
    'a:b',
    'https://example.com/a?b=c',
    'x@example.org',
    'naïve',
    'cafe\u0301',
    '\u0301mark',
    'zero\u200bwidth',
    'bom\ufeffinside',
    'nbsp\u00a0joined',
    '東京は雨',
    'ภาษาไทย',
    '👩‍👩‍👧',
    '🇫🇷🇩🇪',
    'émigré,',
    '—',
    '...',
    '3½',
  ];
  const SEPARATORS = [' ', '  ', '\n', '\t', ' \n ', '\r\n'];

  it.each(TRICKY.map((token) => [token]))('counts %j in context as the segmenter does', (token) => {
    for (const language of ['en', 'de', 'sv', 'ja', 'th']) {
      const text = `Before ${token} after.\n${token}\t(${token}) ${token}`;
      expect(countWords(text, language)).toBe(onePass(text, language));
    }
  });

  it('counts random mixes of those tokens as the segmenter does', () => {
    // A fixed linear congruential sequence: the same texts every run.
    let seed = 12345;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      let text = '';
      while (text.length < 1_500)
        text += TRICKY[next(TRICKY.length)]! + SEPARATORS[next(SEPARATORS.length)]!;
      const language = ['en', 'fr', 'ja', 'zh', 'th', 'ar'][round % 6]!;
      expect(countWords(text, language)).toBe(onePass(text, language));
    }
  });
});
