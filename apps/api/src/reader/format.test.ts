import { describe, expect, it } from 'vitest';
import { formatBytes, truncate, webImageSrc } from './format.js';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [48_213, '47 KB'],
    [1_048_576, '1 MB'],
    [1_572_864, '1.5 MB'],
  ])('%d bytes is %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe('truncate', () => {
  it.each([
    ['short', 10, 'short'],
    ['one two three four', 12, 'one two…'],
    ['abcdefghijkl', 6, 'abcde…'],
  ])('%s cut to %d is %s', (text, max, out) => expect(truncate(text, max)).toBe(out));
});

describe('webImageSrc', () => {
  it.each([
    ['https://example.org/a.jpg', 'https://example.org/a.jpg'],
    ['data:image/png;base64,AAAA', 'data:image/png;base64,AAAA'],
    ['images/a.png', undefined],
  ])('%s → %s', (src, out) => expect(webImageSrc({ src, alt: '' })).toBe(out));
  it('is undefined without a src', () =>
    expect(webImageSrc({ alt: '', caption: 'c' })).toBeUndefined());
});
