import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importPlainText } from '../import-plain-text/index.js';
import { parseArticle } from '../parse.js';
import { ninjsArticleArb } from '../test-support/arbitraries.js';
import { ValidationError } from '../validation-error.js';
import { fromNinjs, toNinjs } from './index.js';

// The ninjs 2.1 JSON Schema, written from the IPTC specification (see its $comment).
const ninjsSchema = JSON.parse(
  readFileSync(new URL('./fixtures/ninjs-schema-2.1.json', import.meta.url), 'utf8'),
) as object;
// The official schema's oneOf branches name properties defined beside them, which strict mode flags.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats.default(ajv);
const validate = ajv.compile(ninjsSchema);
const expectValidNinjs = (doc: unknown) => {
  const ok = validate(doc);
  expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
  expect(ok).toBe(true);
};

const seed = importPlainText(
  readFileSync(new URL('../../../content/data/default-article.txt', import.meta.url), 'utf8'),
  {
    source: { name: 'Arab News' },
    language: 'en',
  },
);

const full = parseArticle({
  headline: 'Rates <held> & steady',
  kicker: 'Analysis',
  standfirst: 'The bank waits.',
  highlights: ['One point.', 'Two points.'],
  language: 'en-GB',
  authors: [
    { name: 'Jane Doe', role: 'correspondent', affiliation: 'Reuters' },
    { name: 'John Roe' },
  ],
  dateline: { place: 'LONDON', agency: 'Reuters' },
  publishedAt: '2019-03-03T14:05:00+05:00',
  updatedAt: '2019-03-04T09:00:00Z',
  section: 'Business',
  tags: ['Rates', 'Banks'],
  publisher: { name: 'Example News', url: 'https://news.example.com' },
  source: { url: 'https://news.example.com/rates', name: 'Example News' },
  image: {
    src: 'https://cdn.example.com/bank.jpg',
    alt: 'The bank',
    caption: 'The bank at dawn.',
    credit: 'AFP',
    width: 1200,
    height: 800,
  },
  body: [
    {
      type: 'paragraph',
      content: [
        { text: 'Read ' },
        { text: 'the report', href: 'https://example.com/r', emphasis: true },
        { text: ' now.' },
      ],
    },
    { type: 'heading', level: 3, text: 'What next' },
    {
      type: 'quote',
      text: 'We wait.',
      attribution: 'The governor',
      cite: 'https://example.com/speech',
    },
    { type: 'list', ordered: true, items: ['first', 'second'] },
    { type: 'figure', image: { src: 'local/chart.png', caption: 'A chart', credit: 'Bank data' } },
  ],
});

describe('the ninjs 2.1 schema used by these tests', () => {
  const example = {
    uri: 'http://example.com/text/1',
    type: 'text',
    versioncreated: '2021-05-26T13:40:18+02:00',
    headlines: [{ role: 'main', value: 'A headline' }],
    associations: [
      {
        name: 'a001',
        uri: 'http://example.com/image/1',
        type: 'picture',
        renditions: [{ name: 'r00', href: 'https://example.com/a.jpg', width: 10 }],
      },
    ],
  };

  it("accepts an item shaped like IPTC's 2.1 example", () => {
    expectValidNinjs(example);
  });

  it.each([
    ['an unknown top-level property', { ...example, bogus: 1 }],
    [
      'an unknown association property',
      { ...example, associations: [{ ...example.associations[0], bogus: 1 }] },
    ],
    [
      'an association without a name',
      { ...example, associations: [{ uri: 'http://example.com/i' }] },
    ],
    ['a date without a time', { ...example, versioncreated: '2021-05-26' }],
    ['a headline without a value', { ...example, headlines: [{ role: 'main' }] }],
    ['an unknown type', { ...example, type: 'article' }],
    ['no uri', { type: 'text' }],
  ])('rejects %s', (_name, doc) => {
    expect(validate(doc)).toBe(false);
  });
});

describe('toNinjs', () => {
  it('writes a ninjs 2.1 item with roles, bodies, descriptions and the lead image', () => {
    const doc = toNinjs(full);
    expect(doc).toMatchObject({
      uri: `urn:broadsheet:article:${full.id}`,
      type: 'text',
      standard: { name: 'ninjs', version: '2.1' },
      language: 'en-GB',
      slugline: full.slug,
      headlines: [
        { role: 'main', value: 'Rates <held> & steady' },
        { role: 'kicker', value: 'Analysis' },
      ],
      descriptions: [
        { role: 'summary', value: 'The bank waits.' },
        { role: 'highlight', value: 'One point.' },
        { role: 'highlight', value: 'Two points.' },
      ],
      by: 'Jane Doe, John Roe',
      located: 'LONDON',
      firstcreated: '2019-03-03T14:05:00+05:00',
      versioncreated: '2019-03-04T09:00:00Z',
      copyrightholder: 'Example News',
      subjects: [
        { name: 'Business', rel: 'section' },
        { name: 'Rates', rel: 'tag' },
        { name: 'Banks', rel: 'tag' },
      ],
      associations: [
        {
          name: 'featureimage',
          type: 'picture',
          by: 'AFP',
          descriptions: [
            { role: 'caption', value: 'The bank at dawn.' },
            { role: 'alt', value: 'The bank' },
          ],
          renditions: [
            {
              name: 'original',
              href: 'https://cdn.example.com/bank.jpg',
              contenttype: 'image/jpeg',
              width: 1200,
              height: 800,
            },
          ],
        },
      ],
    });
    const html = doc.bodies.find((b) => b.contenttype === 'text/html')?.value;
    expect(html).toContain(
      '<p>Read <a href="https://example.com/r"><em>the report</em></a> now.</p>',
    );
    expect(html).toContain(
      '<blockquote cite="https://example.com/speech"><p>We wait.</p><footer>— The governor</footer></blockquote>',
    );
    expect(doc.bodies.find((b) => b.contenttype === 'text/plain')?.value).toMatch(
      /^Read the report now\./u,
    );
    expectValidNinjs(doc);
  });

  it('gives the seed a valid item, leaving out its date-only update (ninjs needs date-times)', () => {
    const doc = toNinjs(seed);
    expectValidNinjs(doc);
    expect(doc.versioncreated).toBeUndefined();
    expect(doc.associations?.[0]).toMatchObject({
      by: 'Pakistan Foreign Office',
      descriptions: [{ role: 'caption' }],
    });
    expect(doc.associations?.[0]?.renditions).toBeUndefined();
  });

  it.each([
    ['data: URI', 'data:image/png;base64,iVBORw0KGgo=', 'image/png'],
    ['.webp URL with query', 'https://cdn.example.com/a.webp?w=1', 'image/webp'],
    ['.JPEG URL', 'https://cdn.example.com/A.JPEG', 'image/jpeg'],
  ])('takes the rendition media type from a %s', (_name, src, type) => {
    const doc = toNinjs(parseArticle({ ...full, image: { src } }));
    expect(doc.associations?.[0]?.renditions?.[0]?.contenttype).toBe(type);
    expectValidNinjs(doc);
  });

  it('always writes valid ninjs 2.1 (property)', () => {
    fc.assert(
      fc.property(ninjsArticleArb, (input) => expectValidNinjs(toNinjs(parseArticle(input)))),
      { numRuns: 150 },
    );
  });
});

describe('fromNinjs', () => {
  it('round-trips every field ninjs can carry (property)', () => {
    fc.assert(
      fc.property(ninjsArticleArb, (input) => {
        const article = parseArticle(input);
        expect(fromNinjs(toNinjs(article))).toEqual(article);
      }),
      { numRuns: 200 },
    );
  });

  it.each(['-', '- anonymous', '— the minister', 'The governor'])(
    'keeps a quote attribution of %j through the HTML body (found by the property test)',
    (attribution) => {
      const article = parseArticle({
        headline: 'Q',
        language: 'en',
        body: [{ type: 'quote', text: 'We wait.', attribution }],
      });
      expect(fromNinjs(toNinjs(article))).toEqual(article);
    },
  );

  it('round-trips the rich example except what ninjs cannot carry', () => {
    const back = fromNinjs(JSON.parse(JSON.stringify(toNinjs(full))));
    expect(back).toEqual({
      ...full,
      // Author roles and affiliations are not part of ninjs's `by` string.
      authors: [
        { name: 'Jane Doe', role: 'author' },
        { name: 'John Roe', role: 'author' },
      ],
    });
  });

  it('reads a foreign ninjs 2.x item with unknown properties and HTML markup', () => {
    const article = fromNinjs({
      uri: 'http://example.com/items/2019/abc',
      type: 'text',
      language: 'en',
      headlines: [{ value: 'Plain headline' }],
      bodies: [
        {
          contenttype: 'text/html',
          value:
            '<div><P>One <B>bold</B> &amp; <i>it</i>.</P><script>alert(1)</script><p><a href="javascript:x()">bad link</a></p><h1>Title</h1><ul><li>a<li>b</ul></div>',
        },
      ],
      people: [{ name: 'Someone' }],
      pubstatus: 'usable',
    });
    expect(article.headline).toBe('Plain headline');
    expect(article.id).toMatch(/^[0-9a-f]{16}$/u);
    expect(article.body).toEqual([
      {
        type: 'paragraph',
        text: 'One bold & it.',
        content: [
          { text: 'One ' },
          { text: 'bold', strong: true },
          { text: ' & ' },
          { text: 'it', emphasis: true },
          { text: '.' },
        ],
      },
      { type: 'paragraph', text: 'bad link', content: [{ text: 'bad link' }] },
      { type: 'heading', level: 2, text: 'Title', content: [{ text: 'Title' }] },
      {
        type: 'list',
        ordered: false,
        items: [
          { text: 'a', content: [{ text: 'a' }] },
          { text: 'b', content: [{ text: 'b' }] },
        ],
      },
    ]);
  });

  it('reads a ninjs 1.x item (headline, body_text, description_text)', () => {
    const article = fromNinjs({
      uri: 'urn:x:1',
      headline: 'Old style',
      body_text: 'First.\n\nSecond.',
      description_text: 'Summary.',
      language: 'fr',
    });
    expect(article).toMatchObject({
      headline: 'Old style',
      standfirst: 'Summary.',
      language: 'fr',
      body: [{ text: 'First.' }, { text: 'Second.' }],
    });
  });

  it.each([
    ['not an object', 42, ''],
    ['no uri', { headlines: [{ value: 'x' }] }, 'uri'],
    ['headlines not an array', { uri: 'urn:x', headlines: 'x' }, 'headlines'],
    ['no headline', { uri: 'urn:x', language: 'en', body_text: 'x' }, 'headlines'],
    ['no body', { uri: 'urn:x', language: 'en', headline: 'x' }, 'bodies'],
    ['no language', { uri: 'urn:x', headline: 'x', body_text: 'y' }, 'language'],
    [
      'a date without a zone',
      {
        uri: 'urn:x',
        language: 'en',
        headline: 'x',
        body_text: 'y',
        firstcreated: '2019-03-03T10:00:00',
      },
      'firstcreated',
    ],
  ])('rejects %s with a ValidationError naming the ninjs property', (_name, doc, path) => {
    try {
      fromNinjs(doc);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((i) => i.path)).toContain(path);
    }
  });

  it('takes a default language from the options', () => {
    expect(
      fromNinjs({ uri: 'urn:x', headline: 'x', body_text: 'y' }, { language: 'de' }).language,
    ).toBe('de');
  });
});
