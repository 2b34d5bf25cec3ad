import { describe, expect, it } from 'vitest';
import { FeedParseError } from './feed-parse-error.js';
import { FEED_FIXTURES, type FeedFixtureName, fixtureBytes } from './fixtures.js';
import { MAX_FEED_ITEMS, parseFeed } from './parse-feed.js';

const NOW = new Date('2026-12-04T09:00:00Z');
const BASE = 'https://feeds.test/path/feed';

function parse(name: FeedFixtureName, contentType: string = FEED_FIXTURES[name].contentType) {
  return parseFeed(fixtureBytes(name), { url: BASE, contentType, now: NOW });
}

function failure(body: Uint8Array | string, contentType = ''): FeedParseError {
  try {
    parseFeed(typeof body === 'string' ? new TextEncoder().encode(body) : body, {
      url: BASE,
      contentType,
      now: NOW,
    });
  } catch (e) {
    if (e instanceof FeedParseError) return e;
    throw e;
  }
  throw new Error('parsed without an error');
}

describe('parseFeed on real-world-shaped feeds', () => {
  it.each([
    // name, format, feed title, language, item count, first item's title, text in its body
    [
      'wordpress-rss2',
      'rss',
      'The Riverside Gazette',
      'en-GB',
      3,
      'Council approves ‘green corridor’ along the old railway',
      'disused branch line',
    ],
    [
      'atom-xhtml',
      'atom',
      'Notes from the Lab',
      'en-US',
      2,
      'Why tardigrades survive the vacuum of space',
      'a protein called <em>Dsup</em>',
    ],
    [
      'jsonfeed-1.1',
      'json',
      'Harbour Tech Weekly',
      'en',
      2,
      'The island ferry finally gets Wi-Fi that works',
      'satellite internet',
    ],
    [
      'rss1-rdf',
      'rdf',
      'Fenland Post Archive',
      'en-GB',
      2,
      'Eel festival returns after a five-year gap',
      'eel pie contest',
    ],
    [
      'iso-8859-1',
      'rss',
      "Le Courrier de l'Estuaire",
      'fr-FR',
      2,
      'Fête de la crevette : la mairie dévoile le programme',
      'Régates, dégustations',
    ],
    [
      'windows-1252',
      'rss',
      'Bergen Kontor – Nyheter',
      'nb',
      1,
      '“Bryggen” får nytt tak – prisen blir 2 millioner €',
      '«hvis været vil»',
    ],
  ] as const)(
    '%s: %s feed, title, language, items, body',
    (name, format, title, lang, count, first, body) => {
      const feed = parse(name);
      expect(feed.format).toBe(format);
      expect(feed.title).toBe(title);
      expect(feed.language).toBe(lang);
      expect(feed.items).toHaveLength(count);
      expect(feed.items[0]?.title).toBe(first);
      expect(feed.items[0]?.contentHtml ?? feed.items[0]?.summaryHtml).toContain(body);
      expect(feed.warnings).toEqual([]);
    },
  );

  it('RSS 2.0 (WordPress): content:encoded is the content, description the summary; GUID is the key', () => {
    const [item] = parse('wordpress-rss2').items;
    expect(item).toMatchObject({
      key: 'https://www.riverside-gazette.example/?p=48213',
      guid: 'https://www.riverside-gazette.example/?p=48213',
      link: 'https://www.riverside-gazette.example/2026/12/03/council-approves-green-corridor/',
      authors: [{ name: 'Priya Natarajan' }],
      categories: ['Local', 'Environment'],
      publishedAt: '2026-12-03T16:05:00.000Z',
      imageUrl: 'https://www.riverside-gazette.example/wp-content/uploads/2026/12/corridor.jpg',
    });
    expect(item?.summaryHtml).toContain('four-mile path');
    expect(item?.contentHtml).toContain('<h2>Who pays</h2>');
  });

  it('Atom: XHTML content unwrapped, html title as text, relative link resolved, offsets to UTC', () => {
    const [first, second] = parse('atom-xhtml').items;
    expect(first).toMatchObject({
      key: 'tag:lab.northfield.example,2026-12-03:/tardigrades-vacuum',
      link: 'https://feeds.test/2026/12/tardigrades-vacuum',
      authors: [{ name: 'Dr. Ines Haldane', url: 'https://lab.northfield.example/people/haldane' }],
      categories: ['Biology', 'space'],
      publishedAt: '2026-12-03T13:20:00.000Z',
      updatedAt: '2026-12-03T14:05:00.000Z',
      imageUrl: 'https://lab.northfield.example/media/tardigrade.png',
      summaryHtml: '<p>A protein called Dsup wraps their DNA like a shield.</p>',
    });
    expect(first?.contentHtml).not.toContain('<div');
    // Escaped-HTML content is unescaped once; an entry without <published> is dated by <updated>.
    expect(second?.contentHtml).toContain('<p>Dunking servers');
    expect(second?.publishedAt).toBe('2026-12-02T10:00:00.000Z');
    // The feed's author stands in for an entry's missing one (RFC 4287 §4.2.1).
    expect(second?.authors).toEqual([{ name: 'Northfield Lab' }]);
  });

  it('JSON Feed 1.1: content_html is content; content_text only is an escaped summary', () => {
    const [, text] = parse('jsonfeed-1.1').items;
    expect(text?.contentHtml).toBeUndefined();
    expect(text?.summaryHtml).toBe(
      '<p>Volunteers at the harbour repair café marked their thousandth mended kettle on Saturday, four years after the first session in the church hall.</p>\n<p>Most faults are a broken switch or a furred element, and a repair costs nothing but a donation.</p>',
    );
    expect(text?.key).toBe('2026-12-01-repair-cafe');
  });

  it('summary-only feed: no content, relative links made absolute against the feed URL', () => {
    const feed = parse('summary-only');
    expect(feed.items.map((i) => [i.link, i.contentHtml])).toEqual([
      ['https://feeds.test/news/lifeboat-rescue.html', undefined],
      ['https://feeds.test/news/pier-theatre.html', undefined],
    ]);
    expect(feed.siteUrl).toBe('https://feeds.test/');
  });

  it.each([
    ['the right header', 'application/rss+xml; charset=ISO-8859-1', undefined],
    ['no header charset', 'application/rss+xml', undefined],
    [
      'a wrong UTF-8 header (the XML declaration wins)',
      'application/rss+xml; charset=utf-8',
      /declaration \(ISO-8859-1\) overrules/,
    ],
  ])('ISO-8859-1 feed with %s decodes the accents', (_, contentType, warning) => {
    const feed = parse('iso-8859-1', contentType);
    expect(feed.items[0]?.authors).toEqual([{ name: 'Élodie Lefèvre' }]);
    expect(feed.items[1]?.categories).toEqual(['Déplacements']);
    if (warning === undefined) expect(feed.warnings).toEqual([]);
    else expect(feed.warnings[0]).toMatch(warning);
  });

  it('a feed declared UTF-8 whose bytes are windows-1252 is read as windows-1252, with a warning', () => {
    // latin1 maps each byte to one character and back, so only the declaration changes.
    const lying = Buffer.from(
      Buffer.from(fixtureBytes('windows-1252'))
        .toString('latin1')
        .replace('encoding="windows-1252"', 'encoding="UTF-8"'),
      'latin1',
    );
    const feed = parseFeed(new Uint8Array(lying), { url: BASE, now: NOW });
    expect(feed.items[0]?.title).toBe('“Bryggen” får nytt tak – prisen blir 2 millioner €');
    expect(feed.warnings).toEqual([
      'encoding: the bytes are not valid UTF-8 although UTF-8 was declared; read as windows-1252',
    ]);
  });
});

describe('parseFeed drops bad items and keeps the rest', () => {
  const feed = parse('bad-items');

  it('keeps items with a key, dropping only their unusable dates', () => {
    expect(feed.items.map((i) => [i.title, i.key, i.publishedAt])).toEqual([
      ['A good item', 'https://careless.example/good', '2026-12-03T08:00:00.000Z'],
      ['Dated in the future', 'https://careless.example/future', undefined],
      ['Dated nonsense', 'https://careless.example/nonsense', undefined],
      ['A relative link', 'https://feeds.test/relative', undefined],
    ]);
  });

  it.each([
    [/^item 2 \("No link and no guid"\): no GUID\/id and no link; dropped$/],
    [/^item 3 \("Dated in the future"\): published date 2100-01-01T00:00:00.000Z is in the future/],
    [/^item 4 \("Dated nonsense"\): published date "\{\{post_date\}\}" is not a date/],
    [/^item 5 \("A good item, repeated"\): the same GUID\/link as an earlier item/],
    [/^item 6 \("A relative link"\): published date "31 Feb 2026 10:00:00 GMT" is not a date/],
  ])('warns %s', (line) => {
    expect(feed.warnings.filter((w) => line.test(w))).toHaveLength(1);
  });
});

describe('parseFeed refuses what is not a feed', () => {
  it('an HTML page: not-a-feed, with its alternate feeds made absolute', () => {
    const error = failure(fixtureBytes('html-with-alternates'), 'text/html; charset=utf-8');
    expect(error.code).toBe('not-a-feed');
    expect(error.alternates).toEqual([
      'https://feeds.test/feed/',
      'https://www.riverside-gazette.example/comments/feed/',
      'https://feeds.test/path/feed.atom',
      'https://feeds.test/feed.json',
    ]);
    expect(error.message).toMatch(/HTML page, not a feed; the page names these feeds: https:/);
  });

  it.each([
    [
      'malformed XML names the line',
      fixtureBytes('malformed'),
      'malformed',
      /line 9, column 5: Expected closing tag 'title'/,
    ],
    [
      'broken JSON',
      '{"version": "https://jsonfeed.org/version/1.1", "items": [',
      'malformed',
      /not valid JSON/,
    ],
    ['JSON that is no feed', '{"hello": "world"}', 'not-a-feed', /JSON but not a JSON Feed/],
    [
      'an HTML page without alternates',
      '<!DOCTYPE html><html><head><title>x</title></head><body>hi</body></html>',
      'not-a-feed',
      /names no feed/,
    ],
    ['plain text', 'just some words', 'not-a-feed', /not an RSS, Atom, RDF or JSON feed/],
    ['an empty body', '', 'not-a-feed', /not an RSS, Atom, RDF or JSON feed/],
    ['an RSS root with no channel', '<rss version="2.0"></rss>', 'malformed', /could not be read/],
  ] as const)('%s', (_, body, code, message) => {
    const error = failure(body);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it(`more than ${MAX_FEED_ITEMS} items: too-many-items`, () => {
    const items = Array.from(
      { length: MAX_FEED_ITEMS + 1 },
      (_, i) => `<item><guid>g${i}</guid><title>t</title></item>`,
    ).join('');
    const error = failure(`<rss version="2.0"><channel><title>Big</title>${items}</channel></rss>`);
    expect(error.code).toBe('too-many-items');
    expect(error.message).toMatch(/more than 10000 items/);
  });

  it(`exactly ${MAX_FEED_ITEMS} items are read`, () => {
    const items = Array.from(
      { length: MAX_FEED_ITEMS },
      (_, i) => `<item><guid>g${i}</guid><title>t</title></item>`,
    ).join('');
    const body = new TextEncoder().encode(
      `<rss version="2.0"><channel><title>Big</title>${items}</channel></rss>`,
    );
    expect(parseFeed(body, { url: BASE, now: NOW }).items).toHaveLength(MAX_FEED_ITEMS);
  });
});
