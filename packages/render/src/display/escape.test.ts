import { describe, expect, it } from 'vitest';
import { dropUnprintable, escapeMarkup, markupAttribute, pdfText } from './escape.js';

describe('one escaper for XML, XHTML, HTML and PDF', () => {
  it.each([
    ['tab, LF and CR stay', 'a\tb\nc\rd', 'a\tb\nc\rd'],
    ['C0 controls go', 'a\u0000b\u0008c\u000bd\u000ce\u001ff', 'abcdef'],
    ['DEL and C1 go', 'a\u007fb\u0080c\u009fd', 'abcd'],
    ['lone high surrogate goes', 'a\ud83db', 'ab'],
    ['lone low surrogate goes', 'a\ude00b', 'ab'],
    ['a pair stays', 'a\ud83d\ude00b', 'a😀b'],
    ['noncharacters go', 'a\ufffeb\uffffc', 'abc'],
    ['NBSP, soft hyphen and bidi marks stay', 'a\u00a0b\u00adc\u200fd', 'a\u00a0b\u00adc\u200fd'],
  ])('%s', (_name, input, kept) => {
    expect(dropUnprintable(input)).toBe(kept);
    expect(pdfText(input)).toBe(kept);
    expect(escapeMarkup(input)).toBe(kept);
  });

  it.each([
    ['<b>&"\'', '&lt;b&gt;&amp;&quot;&#39;'],
    [']]>', ']]&gt;'],
    ['&amp;', '&amp;amp;'],
    ['x\u0085<', 'x&lt;'],
  ])('escapes markup in %j', (input, escaped) => {
    expect(escapeMarkup(input)).toBe(escaped);
  });

  it('writes attributes only when they have a value', () => {
    expect(markupAttribute('lang', 'ar')).toBe(' lang="ar"');
    expect(markupAttribute('title', 'a"b')).toBe(' title="a&quot;b"');
    expect(markupAttribute('lang', undefined)).toBe('');
    expect(markupAttribute('lang', '')).toBe('');
  });
});
