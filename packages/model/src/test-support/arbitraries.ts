import fc from 'fast-check';
import { normalizeText } from '../normalize-text.js';
import type { ArticleInput } from '../schema.js';

/** Non-empty text as the model stores it (any script, markup characters included). */
export const textArb = (maxLength = 40) =>
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength })
    .map(normalizeText)
    .filter((t) => t !== '');

// Names must survive ninjs's single `by` string, which separates people with commas and "and".
const nameArb = textArb(30).filter((t) => !/[,;&]|\band\b|^by\s/iu.test(t));

const pad = (n: number) => String(n).padStart(2, '0');
export const dateTimeArb = fc
  .record({
    y: fc.integer({ min: 1990, max: 2030 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    offset: fc.constantFrom('Z', '+05:00', '-03:30', '+14:00'),
  })
  .map(
    ({ y, mo, d, h, mi, s, offset }) =>
      `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${offset}`,
  );

const urlArb = fc.constantFrom(
  'https://example.com/a',
  'http://news.example.org/x?y=1&z=2',
  'https://example.com/%E2%82%AC',
);
const imageSrcArb = fc.constantFrom(
  'https://cdn.example.com/p.jpg',
  'https://cdn.example.com/p.webp?w=800',
  'data:image/png;base64,iVBORw0KGgo=',
);

const runArb = fc.record(
  {
    text: textArb(20),
    emphasis: fc.constant(true),
    strong: fc.constant(true),
    href: fc.constantFrom('https://example.com/l', 'mailto:desk@example.com'),
  },
  { requiredKeys: ['text'] },
);
const richArb = fc.oneof(
  textArb(80).map((text) => ({ text })),
  fc.array(runArb, { minLength: 1, maxLength: 4 }).map((content) => ({ content })),
);

const blockArb = fc.oneof(
  richArb.map((r) => ({ type: 'paragraph' as const, ...r })),
  fc
    .tuple(richArb, fc.constantFrom(2 as const, 3 as const, 4 as const))
    .map(([r, level]) => ({ type: 'heading' as const, level, ...r })),
  fc
    .tuple(
      richArb,
      fc.option(textArb(30), { nil: undefined }),
      fc.option(urlArb, { nil: undefined }),
    )
    .map(([r, attribution, cite]) => ({
      type: 'quote' as const,
      ...r,
      ...(attribution ? { attribution } : {}),
      ...(cite ? { cite } : {}),
    })),
  fc
    .tuple(fc.array(richArb, { minLength: 1, maxLength: 4 }), fc.boolean())
    .map(([items, ordered]) => ({ type: 'list' as const, ordered, items })),
  fc
    .record(
      {
        src: fc.constantFrom('https://cdn.example.com/b.png', 'images/local.jpg'),
        alt: textArb(20),
        caption: textArb(40),
        credit: textArb(20),
      },
      { requiredKeys: ['src'] },
    )
    .map((image) => ({ type: 'figure' as const, image })),
);

/** Articles holding every field that ninjs can carry (see toNinjs for what it cannot). */
export const ninjsArticleArb: fc.Arbitrary<ArticleInput> = fc
  .record(
    {
      headline: textArb(80),
      language: fc.constantFrom('en', 'ru', 'zh-Hans', 'ur', 'en-GB'),
      kicker: textArb(20),
      standfirst: textArb(100),
      highlights: fc.array(textArb(60), { maxLength: 3 }),
      authors: fc.array(
        nameArb.map((name) => ({ name })),
        { maxLength: 3 },
      ),
      dateline: fc.record({ place: textArb(20), agency: textArb(10) }, { requiredKeys: ['place'] }),
      publishedAt: dateTimeArb,
      updatedAt: dateTimeArb,
      section: textArb(20),
      tags: fc.array(textArb(15), { maxLength: 4 }),
      publisher: fc.record({ name: textArb(20), url: urlArb }, { requiredKeys: ['name'] }),
      source: fc
        .record({ name: textArb(20), url: urlArb }, { requiredKeys: [] })
        .filter((s) => Object.keys(s).length > 0),
      image: fc.record(
        {
          src: imageSrcArb,
          alt: textArb(20),
          caption: textArb(40),
          credit: textArb(20),
          width: fc.integer({ min: 1, max: 5000 }),
          height: fc.integer({ min: 1, max: 5000 }),
        },
        { requiredKeys: ['src'] },
      ),
      body: fc.array(blockArb, { minLength: 1, maxLength: 6 }),
    },
    { requiredKeys: ['headline', 'language', 'body'] },
  )
  // ninjs has one version date: an update equal to the first version is no separate fact.
  .filter((a) => a.updatedAt === undefined || a.updatedAt !== a.publishedAt);

// ---------------------------------------------------------------------------------------------
// Hostile input: what callers may send, before normalisation
// ---------------------------------------------------------------------------------------------

/**
 * Pieces that have broken text pipelines: every kind of control (C0, DEL, C1), surrogate
 * halves, non-characters, BOM, zero-width and bidi characters, line and paragraph separators,
 * combining marks, emoji, XML and HTML syntax, several scripts.
 */
export const ODD_PIECES = [
  '\u0000',
  '\u0001',
  '\u0008',
  '\t',
  '\n',
  '\u000b',
  '\u000c',
  '\r',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0080',
  '\u0085',
  '\u009f',
  '\u00a0',
  '\u00ad',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '\ufdd0',
  '\ufdef',
  '\ufffe',
  '\uffff',
  '\ufeff',
  '\u200b',
  '\u200d',
  '\u202e',
  '\u2028',
  '\u2029',
  '\u3000',
  'e\u0301',
  '😀',
  '👩‍👩‍👧',
  '<',
  '>',
  '&',
  '"',
  "'",
  ']]>',
  '&amp;',
  '<![CDATA[',
  'Ж',
  'ب',
  '中',
] as const;

/** Any text a client might send: odd pieces mixed with arbitrary code units and graphemes. */
export const hostileTextArb = (maxPieces = 8) =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...ODD_PIECES),
        fc.string({ unit: 'binary', maxLength: 3 }),
        fc.string({ unit: 'grapheme', maxLength: 3 }),
      ),
      { maxLength: maxPieces },
    )
    .map((pieces) => pieces.join(''));

/** Hostile text with a letter in it, so a required field is still not empty once normalised. */
export const hostileLabelArb = (maxPieces = 8) =>
  fc.tuple(hostileTextArb(maxPieces), hostileTextArb(maxPieces)).map(([a, b]) => `${a}x${b}`);

/** An absolute http(s) URL with hostile text in its path and query. */
export const hostileUrlArb = fc
  .tuple(
    fc.constantFrom(
      'https://example.com/',
      'http://news.example.org/a?b=',
      ' https://example.org/',
    ),
    hostileTextArb(6),
  )
  .map(([base, tail]) => `${base}${tail}`);

/** An image source of each accepted kind, with hostile characters mixed in. */
export const hostileImageSrcArb = fc.oneof(
  hostileUrlArb,
  hostileTextArb(4).map((t) => `images/${t}x.png`),
  fc
    .constantFrom('\u0001', '\r\n', '\u007f', '\ufffe', '')
    .map((odd) => `data:image/png;base64,iVBO${odd}Rw0KGgo=`),
);

const hostileRunArb = fc.record(
  {
    text: hostileLabelArb(4),
    emphasis: fc.boolean(),
    strong: fc.boolean(),
    href: fc.oneof(hostileUrlArb, fc.constant('mailto:desk@example.com\u0001')),
  },
  { requiredKeys: ['text'] },
);
const hostileRichArb = fc.oneof(
  hostileLabelArb().map((text) => ({ text })),
  fc.array(hostileRunArb, { minLength: 1, maxLength: 3 }).map((content) => ({ content })),
);
const hostileImageArb = fc.record(
  {
    src: hostileImageSrcArb,
    alt: hostileTextArb(),
    caption: hostileLabelArb(),
    credit: hostileTextArb(),
  },
  { requiredKeys: ['src'] },
);

const hostileBlockArb = fc.oneof(
  hostileRichArb.map((r) => ({ type: 'paragraph' as const, ...r })),
  hostileRichArb.map((r) => ({ type: 'heading' as const, level: 3 as const, ...r })),
  fc
    .tuple(hostileRichArb, hostileTextArb(), fc.option(hostileUrlArb, { nil: undefined }))
    .map(([r, attribution, cite]) => ({
      type: 'quote' as const,
      ...r,
      attribution,
      ...(cite === undefined ? {} : { cite }),
    })),
  fc
    .array(hostileRichArb, { minLength: 1, maxLength: 3 })
    .map((items) => ({ type: 'list' as const, ordered: false, items })),
  hostileImageArb.map((image) => ({ type: 'figure' as const, image })),
);

/**
 * Article input with hostile text in every string field: labels, prose, every URL, image
 * sources, runs and their links. Required fields keep a letter, so most of these are accepted
 * once normalised; what the model refuses is a 4xx, never stored.
 */
export const hostileArticleArb: fc.Arbitrary<ArticleInput> = fc.record(
  {
    headline: hostileLabelArb(),
    language: fc.constantFrom('en', 'ru', 'ur', 'zh-Hans'),
    kicker: hostileTextArb(),
    standfirst: hostileTextArb(),
    highlights: fc.array(hostileLabelArb(), { maxLength: 2 }),
    authors: fc.array(
      fc.record(
        { name: hostileLabelArb(), url: hostileUrlArb, affiliation: hostileTextArb() },
        { requiredKeys: ['name'] },
      ),
      { maxLength: 2 },
    ),
    dateline: fc.record(
      { place: hostileLabelArb(), agency: hostileTextArb() },
      { requiredKeys: ['place'] },
    ),
    publishedAt: dateTimeArb,
    section: hostileTextArb(),
    tags: fc.array(hostileLabelArb(), { maxLength: 3 }),
    publisher: fc.record(
      { name: hostileLabelArb(), url: hostileUrlArb, logo: hostileImageSrcArb },
      { requiredKeys: ['name'] },
    ),
    source: fc.record({ name: hostileTextArb(), url: hostileUrlArb }, { requiredKeys: [] }),
    image: hostileImageArb,
    body: fc.array(hostileBlockArb, { minLength: 1, maxLength: 4 }),
  },
  { requiredKeys: ['headline', 'language', 'body'] },
);
