import type { ArticleInput } from '@broadsheet/model';
import fc from 'fast-check';
import { hostileString } from './hostile-text.js';

// A 1×1 PNG: an embedded image every renderer must carry through.
const PNG_1X1 =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const LANGUAGES = [
  'en',
  'en-GB',
  'fr',
  'de-CH',
  'ru',
  'el',
  'ur',
  'ar',
  'fa',
  'he',
  'zh',
  'zh-Hant-TW',
  'ja',
  'ko',
  'hi',
  'und',
];
const HREFS = [
  'https://example.org/a?b=1&c=<2>',
  'http://example.com/#"x"',
  'mailto:desk@example.org',
  'https://例え.jp/パス',
];

const text = (max = 6) => hostileString(max);

const run = fc.record(
  {
    text: text(3),
    emphasis: fc.boolean(),
    strong: fc.boolean(),
    href: fc.constantFrom(...HREFS),
  },
  { requiredKeys: ['text'] },
);

const image = fc.record(
  {
    src: fc.constantFrom(PNG_1X1, 'https://example.org/never-fetched.jpg', 'images/missing.png'),
    alt: text(2),
    caption: text(3),
    credit: text(2),
  },
  { requiredKeys: [] },
);

const block = fc.oneof(
  fc.record({ type: fc.constant('paragraph'), text: text(10) }),
  fc.record({
    type: fc.constant('paragraph'),
    content: fc.array(run, { minLength: 1, maxLength: 6 }),
  }),
  fc.record({ type: fc.constant('heading'), level: fc.constantFrom(2, 3, 4), text: text(3) }),
  fc.record(
    {
      type: fc.constant('quote'),
      text: text(6),
      attribution: text(2),
      cite: fc.constant('https://example.org/q'),
    },
    { requiredKeys: ['type', 'text'] },
  ),
  fc.record({
    type: fc.constant('list'),
    ordered: fc.boolean(),
    items: fc.array(
      fc.oneof(text(3), fc.record({ content: fc.array(run, { minLength: 1, maxLength: 3 }) })),
      {
        minLength: 1,
        maxLength: 5,
      },
    ),
  }),
  fc.record({ type: fc.constant('figure'), image }),
);

const isoDate = fc
  .date({
    min: new Date('1900-01-01T00:00:00Z'),
    max: new Date('2099-12-31T23:59:59Z'),
    noInvalidDate: true,
  })
  .chain((d) =>
    fc.constantFrom(
      d.toISOString(),
      d.toISOString().slice(0, 10),
      d.toISOString().replace('Z', '+05:30'),
      d.toISOString().replace('Z', '-11:00'),
    ),
  );

/**
 * Article input of every shape the schema allows, filled with hostile text. Not every value
 * passes the schema (empty-after-normalisation text, for one); tests keep those that parse,
 * since the property is about articles the schema accepts.
 */
export const articleInput: fc.Arbitrary<ArticleInput> = fc.record(
  {
    headline: text(4),
    language: fc.constantFrom(...LANGUAGES),
    body: fc.array(block, { minLength: 1, maxLength: 8 }),
    kicker: text(2),
    standfirst: text(6),
    highlights: fc.array(text(3), { maxLength: 4 }),
    authors: fc.array(
      fc.record(
        {
          name: text(2),
          role: fc.constantFrom('author', 'reporter', 'photographer'),
          affiliation: text(1),
        },
        { requiredKeys: ['name'] },
      ),
      { maxLength: 3 },
    ),
    dateline: fc.record({ place: text(2), agency: text(1) }, { requiredKeys: ['place'] }),
    publishedAt: isoDate,
    updatedAt: isoDate,
    section: text(2),
    tags: fc.array(text(1), { maxLength: 5 }),
    publisher: fc.record(
      { name: text(2), url: fc.constant('https://example.org') },
      { requiredKeys: ['name'] },
    ),
    source: fc.record(
      { url: fc.constant('https://example.org/source'), name: text(1) },
      { requiredKeys: [] },
    ),
    image,
  },
  { requiredKeys: ['headline', 'language', 'body'] },
);
