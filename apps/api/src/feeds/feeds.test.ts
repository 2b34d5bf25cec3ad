import { describe, expect, it } from 'vitest';
import { NS } from '../opds/atom-xml.js';
import { articlePublication } from '../opds/publication.js';
import { attrs, children, linksByRel, parseXml, text } from '../opds/test-support/xml.js';
import { hostileArticle, sampleArticle, site } from '../reader/test-support/fixtures.js';
import { atomArticlesFeed } from './atom.js';
import { jsonArticlesFeed } from './json-feed.js';

const B = 'https://news.example.org';
const pubs = [articlePublication(sampleArticle(), '2026-11-28T09:00:00Z', { epub: 4096 })];

describe('Atom feed', () => {
  const feed = parseXml(
    atomArticlesFeed({ site, updated: '2026-11-28T09:00:00Z', publications: pubs }),
  );

  it('has the elements RFC 4287 requires of a feed', () => {
    expect([feed.localName, feed.namespaceURI]).toEqual(['feed', NS.atom]);
    expect(text(feed, 'id')).toMatch(/^urn:uuid:/);
    expect(text(feed, 'title')).toBe('Broadsheet: latest articles');
    expect(text(feed, 'updated')).toBe('2026-11-28T09:00:00Z');
    expect(text(children(feed, 'author')[0]!, 'name')).toBe('Broadsheet');
    expect(attrs(linksByRel(feed, 'self')[0], 'href', 'type')).toEqual([
      `${B}/feed.atom`,
      'application/atom+xml',
    ]);
  });

  it('has id, title, updated, a link and the text in each entry, and the files as enclosures', () => {
    const entry = children(feed, 'entry')[0]!;
    expect(text(entry, 'id')).toMatch(/^urn:uuid:/);
    expect(text(entry, 'title')).toBe('Pakistan, Russia look at strategic partnership');
    expect(text(entry, 'updated')).toBe('2026-11-28T09:00:00Z');
    expect(text(entry, 'published')).toBe('2018-05-02T10:00:00Z');
    expect(text(entry, 'content')).toContain(
      'Both states are working for full spectrum connectivity.',
    );
    expect(attrs(linksByRel(entry, 'alternate')[0], 'href', 'type')).toEqual([
      `${B}/articles/pakistan-russia-look-at-strategic-partnership`,
      'text/html',
    ]);
    // The article's own photo (its first figure here: the lead image has no picture).
    expect(attrs(children(entry, 'thumbnail', NS.media)[0], 'url')).toEqual([
      'https://example.org/photo.jpg',
    ]);
    expect(linksByRel(entry, 'enclosure').map((l) => attrs(l, 'href', 'type', 'length'))).toEqual([
      [
        `${B}/v1/articles/pakistan-russia-look-at-strategic-partnership.epub`,
        'application/epub+zip',
        '4096',
      ],
      [
        `${B}/v1/articles/pakistan-russia-look-at-strategic-partnership.pdf`,
        'application/pdf',
        null,
      ],
    ]);
  });

  it('carries hostile text as text', () => {
    const hostile = hostileArticle();
    const doc = parseXml(
      atomArticlesFeed({
        site,
        updated: '2026-11-28T09:00:00Z',
        publications: [articlePublication(hostile, '2026-11-28T09:00:00Z')],
      }),
    );
    expect(text(children(doc, 'entry')[0]!, 'title')).toBe(hostile.headline);
  });

  it('shows the generated cover for an article without a photo', () => {
    const plain = sampleArticle({
      slug: 'plain',
      body: [{ type: 'paragraph', text: 'No pictures.' }],
    });
    const doc = parseXml(
      atomArticlesFeed({
        site,
        updated: '2026-11-28T09:00:00Z',
        publications: [articlePublication(plain, '2026-11-28T09:00:00Z')],
      }),
    );
    expect(
      attrs(
        children(children(doc, 'entry')[0]!, 'thumbnail', NS.media)[0],
        'url',
        'width',
        'height',
      ),
    ).toEqual([`${B}/v1/articles/plain/cover.png`, '600', '900']);
    expect(
      jsonArticlesFeed(site, [articlePublication(plain, '2026-11-28T09:00:00Z')]).items[0]?.image,
    ).toBe(`${B}/v1/articles/plain/cover.png`);
  });
});

describe('JSON Feed 1.1', () => {
  const feed = jsonArticlesFeed(site, pubs);
  it('has the version, title and items with id, content and attachments', () => {
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toBe('Broadsheet: latest articles');
    expect(feed.feed_url).toBe(`${B}/feed.json`);
    const item = feed.items[0];
    expect(item?.id).toMatch(/^urn:uuid:/);
    expect(item?.url).toBe(`${B}/articles/pakistan-russia-look-at-strategic-partnership`);
    expect(item?.content_text).toContain('Both states are working for full spectrum connectivity.');
    expect(item?.date_published).toBe('2018-05-02T10:00:00Z');
    expect(item?.authors).toEqual([{ name: 'Jane Doe' }]);
    expect(item?.image).toBe('https://example.org/photo.jpg');
    expect(item?.attachments).toEqual([
      {
        url: `${B}/v1/articles/pakistan-russia-look-at-strategic-partnership.epub`,
        mime_type: 'application/epub+zip',
        title: 'EPUB',
        size_in_bytes: 4096,
      },
      {
        url: `${B}/v1/articles/pakistan-russia-look-at-strategic-partnership.pdf`,
        mime_type: 'application/pdf',
        title: 'PDF',
      },
    ]);
  });
});
