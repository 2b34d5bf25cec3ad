import { parseArticle } from '@broadsheet/model';
import { describe, expect, it } from 'vitest';
import { ImageLoader } from '../images/load-image.js';
import { articleBoxes } from './article.js';
import { columnGeometry } from './columns.js';
import { pageGeometry } from './geometry.js';

describe('article boxes', () => {
  it('hyphenates body text but never headlines, headings, standfirsts or captions', () => {
    const words =
      'Intergovernmental telecommunications infrastructure characteristically unprecedented organisational considerations';
    const article = parseArticle({
      headline: words,
      standfirst: words,
      language: 'en',
      body: [
        { type: 'heading', level: 2, text: words },
        {
          type: 'paragraph',
          text: 'The international commission responsible for environmental sustainability announced yesterday that its extraordinary deliberations concerning transportation infrastructure and telecommunications regulation would be postponed, citing unprecedented organisational difficulties and considerable administrative uncertainty.',
        },
      ],
    });
    const geometry = columnGeometry(pageGeometry({}), 2);
    const boxes = articleBoxes(article, {
      geometry,
      key: 'a0',
      images: new ImageLoader(undefined, undefined),
    });
    const hyphens = (tag: string) =>
      boxes
        .filter((b) => b.struct.at(-1)?.tag === tag)
        .flatMap((b) => (b.kind === 'text' ? b.lines : []))
        .filter((l) => l.hyphenated).length;
    // The body paragraph of the same words is hyphenated, so the others could have been.
    expect(hyphens('P')).toBeGreaterThan(0);
    expect(hyphens('H1')).toBe(0);
    expect(hyphens('H2')).toBe(0);
    const nonBody = boxes.filter(
      (b) => b.kind === 'text' && b !== boxes.at(-1) && b.struct.at(-1)?.tag !== 'H2',
    );
    for (const b of nonBody)
      if (b.kind === 'text') for (const l of b.lines) expect(l.hyphenated ?? false).toBe(false);
  });
});
