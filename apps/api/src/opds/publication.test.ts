import { parseArticle } from '@broadsheet/model';
import { describe, expect, it } from 'vitest';
import { articlePhoto } from './publication.js';

const withImage = (src: string) =>
  parseArticle({
    headline: 'Harbour wall raised',
    language: 'en',
    image: { src, alt: 'The harbour' },
    body: [{ type: 'paragraph', text: 'Text.' }],
  });

describe('articlePhoto', () => {
  it.each([
    ['https://cdn.example/photos/wall.JPG', 'image/jpeg'],
    ['https://cdn.example/photos/wall.png?w=640#top', 'image/png'],
    ['https://cdn.example/photos/scan.tiff', 'image/tiff'],
    ['https://cdn.example/photos/wall', undefined],
    ['https://photos.example.png/', undefined],
  ])('%s is the photo, typed %s from its path', (src, type) => {
    expect(articlePhoto(withImage(src))).toEqual({ href: src, thumbnail: src, type });
  });

  it.each([['data:image/png;base64,iVBORw0KGgo='], ['images/wall.png']])(
    '%s is not offered to catalogs',
    (src) => {
      expect(articlePhoto(withImage(src))).toBeUndefined();
    },
  );

  it('falls back to the first web figure when the lead image is not on the web', () => {
    const article = parseArticle({
      headline: 'Harbour wall raised',
      language: 'en',
      image: { src: 'images/wall.png', alt: 'The harbour' },
      body: [{ type: 'figure', image: { src: 'https://cdn.example/quay.webp', alt: 'The quay' } }],
    });
    expect(articlePhoto(article)?.type).toBe('image/webp');
  });
});
