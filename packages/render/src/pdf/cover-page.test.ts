import { parseEdition, type Edition } from '@broadsheet/model';
import { pdfImageSizes, pdftotext, pngBytes, readPdf } from '@broadsheet/testing';
import { describe, expect, it } from 'vitest';
import { renderPdf } from './index.js';
import { pngDataUri } from './test-support/fixtures.js';

const picture = (width: number, height: number) => pngDataUri(pngBytes(width, height));

/** Two stories in a first section and one in a second; `images[i]` is story i's picture. */
function edition(images: (string | undefined)[]): Edition {
  return parseEdition({
    title: 'Harbour Morning',
    date: '2026-12-04',
    language: 'en',
    publisher: { name: 'The Harbour Gazette' },
    description: 'The morning news from the harbour, the town and the sea.',
    sections: [
      {
        title: 'News',
        articles: images.slice(0, 2).map((src, i) => ({
          id: `story-${i + 1}`,
          headline: `Story ${i + 1}`,
          language: 'en',
          ...(src && {
            image: {
              src,
              alt: `The ferry at the pier, picture ${i + 1}`,
              caption: 'The morning ferry at the north pier.',
              credit: 'Photo: A. Harbour',
            },
          }),
          body: [{ type: 'paragraph', text: 'The tide came in.' }],
        })),
      },
      {
        title: 'Sport',
        articles: [
          { headline: 'Regatta', language: 'en', body: [{ type: 'paragraph', text: 'Boats.' }] },
        ],
      },
    ],
  });
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe("the single-column edition's cover page", () => {
  it("shows the lead story's picture with its caption, tagged as a figure, between the date and the sections", async () => {
    const input = edition([picture(900, 600), undefined]);
    const pdf = await renderPdf(input);
    expect((await renderPdf(input)).equals(pdf)).toBe(true);
    const doc = await readPdf(pdf);
    expect(doc.structure[0]).toContainEqual({
      role: 'Figure',
      alt: 'The ferry at the pier, picture 1',
    });
    expect(await pdfImageSizes(pdf)).toContain('900x600');
    const cover = squash((await pdftotext(pdf))[0] ?? '');
    const order = [
      'Harbour Morning',
      'The Harbour Gazette',
      'The morning ferry at the north pier. Photo: A. Harbour',
      'The morning news from the harbour',
      'News · 2 articles',
      'Sport · 1 article',
    ].map((text) => cover.indexOf(text));
    expect(order).not.toContain(-1);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it.each([
    ['the lead story has no picture (the second one has)', [undefined, picture(900, 600)]],
    ['the lead picture is narrower than 300 px', [picture(299, 600), undefined]],
    ['the lead picture is lower than 200 px', [picture(900, 199), undefined]],
    [
      'the lead picture is an http(s) URL, never fetched',
      ['https://example.com/ferry.jpg', undefined],
    ],
  ])('stays text only when %s', async (_, images) => {
    const pdf = await renderPdf(edition(images));
    const doc = await readPdf(pdf);
    expect(doc.structure[0]?.some((s) => s.role === 'Figure')).toBe(false);
    expect(squash((await pdftotext(pdf))[0] ?? '')).toContain('Sport · 1 article');
  });
});
