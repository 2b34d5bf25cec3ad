import { describe, expect, it } from 'vitest';
import { bestSrcsetCandidate, parseSrcset } from './srcset.js';

describe('srcset', () => {
  it.each([
    ['a.jpg 480w, b.jpg 960w, c.jpg 2400w', 'b.jpg'],
    ['a.jpg 2000w, b.jpg 3000w', 'a.jpg'],
    ['a.jpg, b.jpg 2x', 'b.jpg'],
    [
      'https://cdn.example/w_800,h_600/pic.jpg 800w, https://cdn.example/w_400,h_300/pic.jpg 400w',
      'https://cdn.example/w_800,h_600/pic.jpg',
    ],
    ['only.jpg', 'only.jpg'],
  ])('%j → %s', (srcset, expected) => {
    expect(bestSrcsetCandidate(parseSrcset(srcset))?.url).toBe(expected);
  });

  it('reads width and density descriptors', () => {
    expect(parseSrcset('a.jpg 480w, b.jpg 1.5x,c.jpg')).toEqual([
      { url: 'a.jpg', width: 480, density: 1 },
      { url: 'b.jpg', density: 1.5 },
      { url: 'c.jpg', density: 1 },
    ]);
  });
});
