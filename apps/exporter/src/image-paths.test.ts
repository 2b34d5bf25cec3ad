import { describe, expect, it } from 'vitest';
import { commonDirectory, isRelativeImagePath } from './image-paths.js';

describe('isRelativeImagePath', () => {
  it.each([
    ['pics/a.png', true],
    ['./a.png', true],
    ['https://example.com/a.png', false],
    ['data:image/png;base64,AAAA', false],
  ])('%j → %s', (src, expected) => {
    expect(isRelativeImagePath(src)).toBe(expected);
  });
});

describe('commonDirectory', () => {
  it.each([
    [['/a/b/c'], '/a/b/c'],
    [['/a/b/c', '/a/b/d'], '/a/b'],
    [['/a/b', '/a/b/c/d'], '/a/b'],
    [['/a/bc', '/a/b'], '/a'],
    [['/x', '/y'], '/'],
  ])('%j → %s', (dirs, expected) => {
    expect(commonDirectory(dirs)).toBe(expected);
  });
});
