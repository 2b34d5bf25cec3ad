import { parseArticle } from '@broadsheet/model';
import { DEFAULT_IMAGE_LIMITS } from '@broadsheet/render/images';
import { pngClaimingSize } from '@broadsheet/testing';
import { expectLinear } from '@broadsheet/testing/linearity';
import { describe, it } from 'vitest';
import { HttpProblem } from '../http/problem.js';
import { checkImages } from './check-images.js';

// Pictures inside JSON, as a write takes them: the model's normalisation of each data: URI,
// then the header checks. Their CPU time may grow at most ×2.5 per doubling of the input
// (geometric mean of two doublings; see @broadsheet/testing/linearity).

const dataUri = (bytes: Uint8Array) =>
  `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`;

/** A picture whose header claims more than the pixel cap: refused, but only after the work. */
const lying = dataUri(pngClaimingSize(12_000, 12_000));
const atCap = dataUri(pngClaimingSize(8_000, 5_000));

const withFigures = (n: number, src: string) => ({
  headline: 'Pictures',
  language: 'en',
  body: [
    { type: 'paragraph', text: 'Text before the pictures.' },
    ...Array.from({ length: n }, () => ({ type: 'figure', image: { src, caption: 'A figure.' } })),
  ],
});

/** A write's picture work; refusing the article (422) is an outcome too. */
function written(input: unknown): void {
  try {
    checkImages(parseArticle(input), DEFAULT_IMAGE_LIMITS);
  } catch (error) {
    if (!(error instanceof HttpProblem)) throw error;
  }
}

describe('pictures in JSON are checked in time linear in the article', () => {
  it.each([
    ['figures at the pixel cap', (n: number) => withFigures(n, atCap), 250],
    ['figures whose header lies (refused)', (n: number) => withFigures(n, lying), 250],
    [
      'one large picture: bytes of pixel data',
      (n: number) => withFigures(1, dataUri(pngClaimingSize(4_000, 3_000, 2, n))),
      500_000,
    ],
  ])('%s', (_name, make, n) => {
    expectLinear(make, written, n);
  });
});
