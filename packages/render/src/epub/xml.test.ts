import { describe, expect, it } from 'vitest';
import { safeHref } from './article-xhtml.js';
import { attr, esc, xmlSafe } from './xml.js';

describe('escaping for XHTML and XML', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['a & b', 'a &amp; b'],
    ['&amp;', '&amp;amp;'],
    [']]>', ']]&gt;'],
    [`"double" 'single'`, '&quot;double&quot; &#39;single&#39;'],
    ['emoji 😀 stays', 'emoji 😀 stays'],
    ['ctrl\u0000\u0001\u0008\u000B\u000C\u001F\u007F\u0085 gone', 'ctrl gone'],
    ['lone \uD800 high and \uDC00 low', 'lone  high and  low'],
    ['tab\tnewline\ncr\r kept', 'tab\tnewline\ncr\r kept'],
    ['\uFFFE\uFFFF', ''],
  ])('%j → %j', (input, output) => {
    expect(esc(input)).toBe(output);
  });

  it('keeps a valid surrogate pair and drops only the broken half', () => {
    expect(xmlSafe('\uD83D\uDE00\uD83D')).toBe('😀');
  });

  it('writes an attribute only when it has a value', () => {
    expect(attr('cite', 'https://x.test/?a=1&b="2"')).toBe(
      ' cite="https://x.test/?a=1&amp;b=&quot;2&quot;"',
    );
    expect(attr('cite', undefined)).toBe('');
    expect(attr('cite', '')).toBe('');
  });
});

describe('link targets', () => {
  it.each([
    ['https://example.com/a?b=1&c=2', 'https://example.com/a?b=1&c=2'],
    ['https://example.com/?q=<script>&x="1"', 'https://example.com/?q=%3Cscript%3E&x=%221%22'],
    ['mailto:desk@example.com', 'mailto:desk@example.com'],
  ])('keeps %s as %s', (href, out) => {
    expect(safeHref(href)).toBe(out);
  });

  it.each([
    ['javascript:alert(1)'],
    ['data:text/html,<b>x</b>'],
    ['relative/path'],
    ['file:///etc/passwd'],
    [''],
  ])('drops %s', (href) => {
    expect(safeHref(href)).toBeUndefined();
  });
});
