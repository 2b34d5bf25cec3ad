import { describe, expect, it } from 'vitest';
import { safeHref } from './article-xhtml.js';

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
