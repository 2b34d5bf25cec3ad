import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits.js';
import { parseArticle, parseEdition } from './parse.js';
import {
  hostileArticleArb,
  hostileLabelArb,
  hostileTextArb,
  hostileUrlArb,
} from './test-support/arbitraries.js';
import { ValidationError } from './validation-error.js';

const minimal = {
  headline: 'Rates held steady',
  language: 'en',
  body: [{ type: 'paragraph', text: 'The bank kept rates.' }],
};

function issuesOf(input: unknown, parse: (x: unknown) => unknown = parseArticle) {
  try {
    parse(input);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

/** The paths of the input's problems; none when it parses. */
function problemPaths(input: unknown): string[] {
  try {
    parseArticle(input);
    return [];
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => i.path);
    throw error;
  }
}

describe('parseArticle accepts and derives', () => {
  it('accepts the minimal input and derives slug and a stable id', () => {
    const article = parseArticle(minimal);
    expect(article).toMatchObject({
      headline: 'Rates held steady',
      language: 'en',
      slug: 'rates-held-steady',
      highlights: [],
      authors: [],
      tags: [],
      body: [
        {
          type: 'paragraph',
          text: 'The bank kept rates.',
          content: [{ text: 'The bank kept rates.' }],
        },
      ],
    });
    expect(article.id).toMatch(/^[0-9a-f]{16}$/u);
    expect(parseArticle(structuredClone(minimal)).id).toBe(article.id);
    expect(parseArticle({ ...minimal, publishedAt: '2019-03-03' }).id).not.toBe(article.id);
  });

  it('keeps a given slug and id', () => {
    expect(parseArticle({ ...minimal, id: 'abc-1', slug: 'my-slug' })).toMatchObject({
      id: 'abc-1',
      slug: 'my-slug',
    });
  });

  it.each([
    ['trims', '  Rates held  ', 'Rates held'],
    ['collapses white space runs', 'Rates\t\n  held\u00a0\u2003steady', 'Rates held steady'],
    ['drops control characters', 'Ra\u0000tes\u0007 held\u009f', 'Rates held'],
    ['composes to NFC', 'Cafe\u0301 opens', 'Café opens'],
    ['replaces lone surrogates', 'Bad \ud800 text \udc00 here', 'Bad \ufffd text \ufffd here'],
    ['keeps valid surrogate pairs', 'Emoji 😀 ok', 'Emoji 😀 ok'],
  ])('normalises text: %s', (_name, headline, expected) => {
    expect(parseArticle({ ...minimal, headline }).headline).toBe(expected);
  });

  it('normalises inline runs: folds spaces across runs, merges equal neighbours, derives text', () => {
    const article = parseArticle({
      ...minimal,
      body: [
        {
          type: 'paragraph',
          content: [
            { text: ' Read ' },
            { text: ' the ', emphasis: true },
            { text: 'report', emphasis: true },
            { text: ' here', href: 'https://example.com/r' },
            { text: '  ' },
          ],
        },
      ],
    });
    expect(article.body[0]).toEqual({
      type: 'paragraph',
      text: 'Read the report here',
      content: [
        { text: 'Read ' },
        { text: 'the report', emphasis: true },
        { text: ' here', href: 'https://example.com/r' },
      ],
    });
  });

  it.each([
    ['canonical language case', { language: 'EN-gb' }, { language: 'en-GB' }],
    ['date-only dates', { publishedAt: '2018-05-02' }, { publishedAt: '2018-05-02' }],
    [
      'date-times with offsets',
      { updatedAt: '2018-05-02T10:00:00+05:00' },
      { updatedAt: '2018-05-02T10:00:00+05:00' },
    ],
    [
      'a lead image with caption only',
      { image: { caption: 'A caption', credit: 'AFP' } },
      { image: { alt: '', caption: 'A caption', credit: 'AFP' } },
    ],
    [
      'a data: image',
      { image: { src: 'data:image/png;base64,iVBORw0KGgo=' } },
      { image: { src: 'data:image/png;base64,iVBORw0KGgo=', alt: '' } },
    ],
    [
      'mailto links',
      { body: [{ type: 'paragraph', content: [{ text: 'mail', href: 'mailto:a@b.c' }] }] },
      { body: [{ content: [{ href: 'mailto:a@b.c' }] }] },
    ],
    [
      'every block type',
      {
        body: [
          { type: 'heading', text: 'Part' },
          { type: 'quote', text: 'Words', attribution: 'Someone' },
          { type: 'list', items: ['a', { text: 'b' }], ordered: true },
          { type: 'figure', image: { src: 'pic.jpg', caption: 'Pic' } },
        ],
      },
      {
        body: [
          { type: 'heading', level: 2, text: 'Part' },
          { type: 'quote', text: 'Words', attribution: 'Someone' },
          { type: 'list', ordered: true, items: [{ text: 'a' }, { text: 'b' }] },
          { type: 'figure', image: { src: 'pic.jpg', caption: 'Pic', alt: '' } },
        ],
      },
    ],
  ])('accepts %s', (_name, extra, expected) => {
    expect(parseArticle({ ...minimal, ...extra })).toMatchObject(expected);
  });
});

describe('parseArticle rejects with a ValidationError naming the path', () => {
  const para = (text: string) => ({ type: 'paragraph', text });
  it.each([
    ['empty headline', { headline: ' \n ' }, 'headline', 'must not be empty'],
    ['missing headline', { headline: undefined }, 'headline', ''],
    ['empty body', { body: [] }, 'body', 'must have at least one block'],
    ['empty paragraph', { body: [para('   ')] }, 'body.0.text', 'must not be empty'],
    [
      'unknown block type',
      { body: [para('ok'), { type: 'video', src: 'x' }] },
      'body.1.type',
      'unknown block type "video"',
    ],
    ['invalid date', { publishedAt: '2019-02-30' }, 'publishedAt', 'ISO 8601'],
    [
      'date-time without a zone',
      { updatedAt: '2019-02-03T10:00:00' },
      'updatedAt',
      'time zone offset',
    ],
    ['invalid language tag', { language: 'english!' }, 'language', 'BCP 47'],
    [
      'javascript: link',
      { body: [{ type: 'paragraph', content: [{ text: 'x', href: 'javascript:alert(1)' }] }] },
      'body.0.content.0.href',
      'http(s) or mailto',
    ],
    [
      'relative link',
      { body: [{ type: 'paragraph', content: [{ text: 'x', href: '/about' }] }] },
      'body.0.content.0.href',
      'http(s) or mailto',
    ],
    [
      'image path escaping upwards',
      { image: { src: '../../etc/passwd' } },
      'image.src',
      'relative file path',
    ],
    [
      'image with neither src nor caption',
      { image: { credit: 'AFP' } },
      'image.src',
      'needs a src or a caption',
    ],
    [
      'headline too long',
      { headline: 'h'.repeat(LIMITS.headlineChars + 1) },
      'headline',
      `at most ${LIMITS.headlineChars}`,
    ],
    [
      'too many blocks',
      { body: Array.from({ length: LIMITS.blocks + 1 }, () => para('x')) },
      'body',
      `at most ${LIMITS.blocks} blocks`,
    ],
    [
      'paragraph too long',
      { body: [para('x'.repeat(LIMITS.blockChars + 1))] },
      'body.0.text',
      `at most ${LIMITS.blockChars}`,
    ],
    [
      'article too long',
      { body: Array.from({ length: 60 }, () => para('x'.repeat(LIMITS.blockChars))) },
      'body',
      `at most ${LIMITS.articleChars}`,
    ],
    [
      'too many highlights',
      { highlights: Array.from({ length: LIMITS.highlights + 1 }, () => 'h') },
      'highlights',
      '',
    ],
    ['bad slug', { slug: 'Not A Slug' }, 'slug', 'lower-case'],
    ['bad author role', { authors: [{ name: 'A', role: 'boss' }] }, 'authors.0.role', ''],
  ])('%s', (_name, extra, path, message) => {
    const issues = issuesOf({ ...minimal, ...extra });
    expect(issues).toContainEqual({ path, message: expect.stringContaining(message) as unknown });
  });

  // The scheme is read from the text and the rest checked by the URL parser: these are the cases
  // where the two could disagree.
  const link = (href: string) => ({
    body: [{ type: 'paragraph', content: [{ text: 'x', href }] }],
  });
  it.each([
    ['https://example.com/a', true],
    ['HTTPS://EXAMPLE.COM/', true],
    ['mailto:desk@example.com', true],
    ['http:example.com', true], // the parser reads it as http://example.com/
    ['  https://example.com/padded  ', true],
    ['ht\ttps://example.com/', true], // the parser drops tabs, so does normalisation
    ['https://', false],
    ['https://exa mple.com/', false],
    ['ftp://example.com/file', false],
    ['javascript:alert(1)', false],
    ['//example.com/protocol-relative', false],
    ['1http://example.com/', false],
  ])('a link to %j is accepted: %s', (href, accepted) => {
    expect(problemPaths({ ...minimal, ...link(href) })).toEqual(
      accepted ? [] : ['body.0.content.0.href'],
    );
  });

  it.each([
    ['https://example.com/story', true],
    ['http://example.com', true],
    ['mailto:desk@example.com', false],
    ['data:text/html,hi', false],
    ['example.com/story', false],
  ])('a source URL %j is accepted: %s', (url, accepted) => {
    expect(problemPaths({ ...minimal, source: { url } })).toEqual(accepted ? [] : ['source.url']);
  });

  it.each([null, 42, 'text', [], {}])('rejects non-article input %j', (input) => {
    expect(() => parseArticle(input)).toThrow(ValidationError);
  });

  it('lists every problem at once', () => {
    const issues = issuesOf({ headline: '', language: '??', body: [] });
    expect(issues.map((i) => i.path).sort()).toEqual(['body', 'headline', 'language']);
  });
});

describe('parseEdition', () => {
  const edition = {
    title: 'Morning',
    date: '2019-03-03',
    language: 'en',
    sections: [{ title: 'World', articles: [minimal] }],
  };

  it('accepts an edition, parses its articles and derives an id', () => {
    const parsed = parseEdition(edition);
    expect(parsed.id).toBe('2019-03-03-morning');
    expect(parsed.sections[0]?.articles[0]?.slug).toBe('rates-held-steady');
  });

  it.each([
    ['no sections', { sections: [] }, 'sections'],
    ['an empty section', { sections: [{ title: 'World', articles: [] }] }, 'sections.0.articles'],
    [
      'a bad article',
      { sections: [{ title: 'World', articles: [{ ...minimal, headline: '' }] }] },
      'sections.0.articles.0.headline',
    ],
    ['a date-time as date', { date: '2019-03-03T10:00:00Z' }, 'date'],
  ])('rejects %s', (_name, extra, path) => {
    expect(issuesOf({ ...edition, ...extra }, parseEdition).map((i) => i.path)).toContain(path);
  });
});

/** Every string anywhere in a parsed value, with its path. */
function stringsOf(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsOf(v, `${path}.${i}`));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => stringsOf(v, path ? `${path}.${k}` : k));
  return [];
}

// What XML 1.0 cannot carry (controls but tab and line breaks, lone surrogates, U+FFFE/FFFF),
// and what the model drops besides (every C0 and C1 control, DEL, the non-characters).
const NOT_STORED =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\ufdd0-\ufdef\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

describe('every string field is normalised', () => {
  it('leaves no control character, lone surrogate or non-character in any field of an article, URLs included', () => {
    let accepted = 0;
    fc.assert(
      fc.property(hostileArticleArb, (input) => {
        let article;
        try {
          article = parseArticle(input);
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
          return;
        }
        accepted += 1;
        for (const [path, value] of stringsOf(article)) expect(value, path).not.toMatch(NOT_STORED);
        expect(parseArticle(article)).toEqual(article);
      }),
      { numRuns: 300 },
    );
    // Most hostile articles are accepted once normalised, so the check above is not vacuous.
    expect(accepted).toBeGreaterThan(150);
  });

  it.each([
    ['an author url', { authors: [{ name: 'Jane Doe', url: 'https://example.com/\u0001jane' }] }],
    ['image.src', { image: { src: 'https://cdn.example.com/\u0001p.jpg' } }],
    [
      'a link href',
      {
        body: [{ type: 'paragraph', content: [{ text: 'a', href: 'https://example.com/\u0001' }] }],
      },
    ],
    ['a quote cite', { body: [{ type: 'quote', text: 'q', cite: 'https://example.com/\u0001' }] }],
    ['source.url', { source: { url: 'https://example.com/\u0001' } }],
    ['publisher.logo', { publisher: { name: 'P', logo: 'logos/\u0001p.png' } }],
  ])('drops U+0001 from %s', (_name, extra) => {
    const article = parseArticle({ ...minimal, ...extra });
    expect(JSON.stringify(article)).not.toContain('\\u0001');
    for (const [path, value] of stringsOf(article)) expect(value, path).not.toMatch(NOT_STORED);
  });

  it('leaves none in an edition: title, description, section titles, publisher', () => {
    fc.assert(
      fc.property(
        hostileLabelArb(),
        hostileTextArb(),
        hostileLabelArb(),
        hostileUrlArb,
        (title, description, section, url) => {
          let parsed;
          try {
            parsed = parseEdition({
              date: '2019-03-03',
              language: 'en',
              title,
              description,
              publisher: { name: title, url },
              sections: [{ title: section, articles: [minimal] }],
            });
          } catch (error) {
            expect(error).toBeInstanceOf(ValidationError);
            return;
          }
          for (const [path, value] of stringsOf(parsed))
            expect(value, path).not.toMatch(NOT_STORED);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('parse properties', () => {
  const UNNORMAL =
    // eslint-disable-next-line no-control-regex
    /^\s|\s$|\s\s|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

  it('never throws anything but ValidationError', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        try {
          parseArticle(input);
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('stores only normalised text, and parsing its own output changes nothing', () => {
    const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(text, fc.array(text, { minLength: 1, maxLength: 5 }), (headline, paragraphs) => {
        let article;
        try {
          article = parseArticle({
            headline,
            language: 'en',
            body: paragraphs.map((t) => ({ type: 'paragraph', text: t })),
          });
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
          return;
        }
        for (const t of [
          article.headline,
          ...article.body.map((b) => (b.type === 'paragraph' ? b.text : '')),
        ]) {
          expect(t).not.toMatch(UNNORMAL);
          expect(t).toBe(t.normalize('NFC'));
          expect(t).not.toBe('');
        }
        expect(parseArticle(article)).toEqual(article);
      }),
      { numRuns: 300 },
    );
  });
});
