import { describe, it } from 'vitest';
import { parseArticle, parseEdition } from './parse.js';
import type { ArticleInput, EditionInput } from './schema.js';
import { expectLinear, refusedOrDone } from './test-support/linearity.js';

// Text that keeps every step of normalisation busy: controls to drop, white space to fold,
// lone surrogates to replace, a combining accent for NFC.
const hostileText = (n: number) => 'e\u0301 \u0001\t\ud800\u00a0x\u0085'.repeat(n);
const hostileUrl = (n: number) => `https://example.com/${'a\u0001\t\ud800\u007f'.repeat(n)}`;
const hostileDataUri = (n: number) => `data:image/png;base64,${'iVBO\r\n\u0001'.repeat(n)}`;

// Runs of alternating marks (so they are not merged), each about 2,000 characters.
const hostileRuns = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ text: hostileText(200), emphasis: i % 2 === 0 }));

const article = (patch: Partial<ArticleInput>): ArticleInput => ({
  headline: 'Council approves new cycle lanes',
  language: 'en',
  body: [{ type: 'paragraph', text: 'Work is due to begin in the spring.' }],
  ...patch,
});

type Field = [path: string, build: (n: number) => ArticleInput, n: number];

// Every string field of an article. Values beyond a field's length limit are refused, but only
// after normalisation, so the time measured is the normalisation's either way.
const TEXT_FIELDS: Field[] = [
  ['headline', (n) => article({ headline: hostileText(n) }), 40_000],
  ['kicker', (n) => article({ kicker: hostileText(n) }), 40_000],
  ['standfirst', (n) => article({ standfirst: hostileText(n) }), 40_000],
  ['highlights', (n) => article({ highlights: [hostileText(n)] }), 40_000],
  ['authors.name', (n) => article({ authors: [{ name: hostileText(n) }] }), 40_000],
  [
    'authors.affiliation',
    (n) => article({ authors: [{ name: 'Jane Doe', affiliation: hostileText(n) }] }),
    40_000,
  ],
  ['authors.url', (n) => article({ authors: [{ name: 'Jane Doe', url: hostileUrl(n) }] }), 40_000],
  ['dateline.place', (n) => article({ dateline: { place: hostileText(n) } }), 40_000],
  [
    'dateline.agency',
    (n) => article({ dateline: { place: 'LONDON', agency: hostileText(n) } }),
    40_000,
  ],
  ['section', (n) => article({ section: hostileText(n) }), 40_000],
  ['tags', (n) => article({ tags: [hostileText(n)] }), 40_000],
  ['publisher.name', (n) => article({ publisher: { name: hostileText(n) } }), 40_000],
  ['publisher.url', (n) => article({ publisher: { name: 'P', url: hostileUrl(n) } }), 40_000],
  ['publisher.logo', (n) => article({ publisher: { name: 'P', logo: hostileDataUri(n) } }), 40_000],
  ['source.url', (n) => article({ source: { url: hostileUrl(n) } }), 40_000],
  ['source.name', (n) => article({ source: { name: hostileText(n) } }), 40_000],
  ['image.src (URL)', (n) => article({ image: { src: hostileUrl(n) } }), 40_000],
  ['image.src (data: URI)', (n) => article({ image: { src: hostileDataUri(n) } }), 40_000],
  ['image.alt', (n) => article({ image: { src: 'a.png', alt: hostileText(n) } }), 40_000],
  ['image.caption', (n) => article({ image: { caption: hostileText(n) } }), 40_000],
  ['image.credit', (n) => article({ image: { src: 'a.png', credit: hostileText(n) } }), 40_000],
  // `text` longer than LIMITS.blockChars is refused before it is read; runs are each read.
  [
    'body paragraph runs',
    (n) => article({ body: [{ type: 'paragraph', content: hostileRuns(n) }] }),
    250,
  ],
  [
    'body heading runs',
    (n) => article({ body: [{ type: 'heading', level: 2, content: hostileRuns(n) }] }),
    250,
  ],
  [
    'body quote attribution and cite',
    (n) =>
      article({
        body: [{ type: 'quote', text: 'q', attribution: hostileText(n), cite: hostileUrl(n) }],
      }),
    20_000,
  ],
  [
    'body list items',
    (n) => article({ body: [{ type: 'list', items: [{ content: hostileRuns(n) }] }] }),
    250,
  ],
  [
    'body figure',
    (n) =>
      article({
        body: [
          {
            type: 'figure',
            image: { src: hostileUrl(n), alt: hostileText(n), caption: hostileText(n) },
          },
        ],
      }),
    15_000,
  ],
  [
    'link href',
    (n) =>
      article({ body: [{ type: 'paragraph', content: [{ text: 'a', href: hostileUrl(n) }] }] }),
    40_000,
  ],
  // Many runs with the same marks are merged into one: 2,000 runs (LIMITS.runs) at most.
  [
    'runs merged into one',
    (n) =>
      article({
        body: [
          {
            type: 'paragraph',
            content: Array.from({ length: n }, (_, i) => ({
              text: `${'word '.repeat(400)}${i} `,
              strong: true,
            })),
          },
        ],
      }),
    500,
  ],
  [
    'blocks',
    (n) =>
      article({
        body: Array.from({ length: n }, () => ({
          type: 'paragraph' as const,
          text: hostileText(100),
        })),
      }),
    500,
  ],
];

const edition = (patch: Partial<EditionInput>, articles = 1): EditionInput => ({
  title: 'Weekend reading',
  date: '2018-05-05',
  language: 'en',
  sections: [{ title: 'News', articles: Array.from({ length: articles }, () => article({})) }],
  ...patch,
});

const EDITION_FIELDS: [path: string, build: (n: number) => EditionInput, n: number][] = [
  ['title', (n) => edition({ title: hostileText(n) }), 40_000],
  ['description', (n) => edition({ description: hostileText(n) }), 40_000],
  [
    'sections.title',
    (n) => edition({ sections: [{ title: hostileText(n), articles: [article({})] }] }),
    40_000,
  ],
  ['publisher.url', (n) => edition({ publisher: { name: 'P', url: hostileUrl(n) } }), 40_000],
  ['articles', (n) => edition({}, n), 1_000],
];

describe('parseArticle normalises every string field in linear time', () => {
  it.each(TEXT_FIELDS)('%s', (_path, build, n) => {
    expectLinear(build, (input) => refusedOrDone(() => parseArticle(input)), n);
  });
});

describe('parseEdition normalises every string field in linear time', () => {
  it.each(EDITION_FIELDS)('%s', (_path, build, n) => {
    expectLinear(build, (input) => refusedOrDone(() => parseEdition(input)), n);
  });
});
