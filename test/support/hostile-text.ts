import fc from 'fast-check';

/**
 * Pieces of text that have broken text pipelines before: markup and entity syntax, CDATA ends,
 * control characters, lone surrogates, bidi overrides, BOMs, every script we render, emoji
 * sequences, line and paragraph separators. Mixed with arbitrary strings.
 */
export const HOSTILE_FRAGMENTS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '" onerror="alert(1)',
  "'; DROP TABLE articles; --",
  '&',
  '&amp;',
  '&#0;',
  '&nbsp;',
  ']]>',
  '<![CDATA[',
  '<?xml version="1.0"?>',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\ud800',
  '\udfff',
  '\ufffe',
  '\uffff',
  '\ufeff',
  '\u200b',
  '\u200d',
  '\u202e',
  '\u2028',
  '\u2029',
  '\r\n',
  '\r',
  '\t',
  '😀',
  '👩‍👩‍👧',
  '🇵🇰',
  '👍🏽',
  'Пакистан и Россия',
  'Ελλάδα',
  'پاکستان اور روس',
  'العربية 2018',
  '中华人民共和国',
  '日本語のテキスト',
  '한국어',
  'हिन्दी',
  'é',
  'e\u0301',
  '“quoted”',
  '—',
  '…',
  '../../etc/passwd',
  '%00',
  '%E0%A4%A',
  'javascript:alert(1)',
  '${7*7}',
  '{{7*7}}',
] as const;

/** A string built from hostile fragments and arbitrary code units. */
export const hostileString = (maxParts = 8): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS) },
        { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
        { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
        { weight: 2, arbitrary: fc.lorem({ maxCount: 6 }) },
      ),
      { minLength: 1, maxLength: maxParts },
    )
    .map((parts) => parts.join(''));

/** Text shaped like scraped articles (a headline, bullets, dates, bylines) but garbled. */
export const scrapedLikeText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      hostileString(4),
      fc.constantFrom(
        '',
        'Updated 02 May 2018',
        'Published 2018-05-02T10:00:00+05:00',
        'Follow',
        '  • A highlight',
        '• ',
        'ISLAMABAD: ',
        'By Jane Doe, Reuters',
        '(Photo courtesy: nobody)',
        'Special',
        'Updated 31 February 2018',
        'Updated 99 Smarch 20180',
      ),
    ),
    { minLength: 0, maxLength: 30 },
  )
  .chain((lines) => fc.constantFrom('\n', '\r\n', '\n\n').map((sep) => lines.join(sep)));
