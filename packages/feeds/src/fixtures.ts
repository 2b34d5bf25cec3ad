import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The folder of the fixture files (beside src/ and dist/, shipped with the package). */
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

export interface FeedFixture {
  /** File name inside FIXTURES_DIR. */
  readonly file: string;
  /** The Content-Type a well-behaved server sends for it. */
  readonly contentType: string;
  /** The format parseFeed reports; undefined for bodies that are not feeds. */
  readonly format?: 'rss' | 'atom' | 'rdf' | 'json';
  readonly description: string;
}

/** Real-world-shaped feed files, by name (the test server serves each at `/<name>`). */
export const FEED_FIXTURES = {
  'wordpress-rss2': {
    file: 'wordpress-rss2.xml',
    contentType: 'application/rss+xml; charset=UTF-8',
    format: 'rss',
    description: 'RSS 2.0 as WordPress writes it: content:encoded, dc:creator, media:content',
  },
  'atom-xhtml': {
    file: 'atom-xhtml.xml',
    contentType: 'application/atom+xml',
    format: 'atom',
    description: 'Atom 1.0 with XHTML and escaped-HTML content, an html title, a relative link',
  },
  'jsonfeed-1.1': {
    file: 'jsonfeed-1.1.json',
    contentType: 'application/feed+json',
    format: 'json',
    description: 'JSON Feed 1.1: content_html, content_text, authors, tags, image',
  },
  'rss1-rdf': {
    file: 'rss1-rdf.xml',
    contentType: 'application/rdf+xml',
    format: 'rdf',
    description: 'RSS 1.0 (RDF) with Dublin Core dates, creators and subjects',
  },
  'summary-only': {
    file: 'summary-only.xml',
    contentType: 'application/rss+xml',
    format: 'rss',
    description:
      'RSS 2.0 with descriptions only and relative links to pages/*.html (served as /news/*.html)',
  },
  'iso-8859-1': {
    file: 'iso-8859-1.xml',
    contentType: 'application/rss+xml',
    format: 'rss',
    description: 'French RSS 2.0 encoded in ISO-8859-1 (declared in the XML declaration)',
  },
  'windows-1252': {
    file: 'windows-1252.xml',
    contentType: 'text/xml',
    format: 'rss',
    description: 'Norwegian RSS 2.0 in windows-1252: curly quotes, en dash, euro sign',
  },
  'html-with-alternates': {
    file: 'html-with-alternates.html',
    contentType: 'text/html; charset=utf-8',
    description: 'a home page announcing RSS, Atom and JSON feeds with <link rel="alternate">',
  },
  malformed: {
    file: 'malformed.xml',
    contentType: 'application/rss+xml',
    description: 'RSS whose item title is never closed (line 9 closes the item instead)',
  },
  'bad-items': {
    file: 'bad-items.xml',
    contentType: 'application/rss+xml',
    format: 'rss',
    description:
      'items without link or GUID, dated in 2100, dated "{{post_date}}" and 31 February, a repeated GUID',
  },
} as const satisfies Record<string, FeedFixture>;

export type FeedFixtureName = keyof typeof FEED_FIXTURES;

/** Full pages of the summary-only feed's items, by the path the test server serves them at. */
export const FULL_TEXT_PAGES = {
  '/news/lifeboat-rescue.html': 'pages/lifeboat-rescue.html',
  '/news/pier-theatre.html': 'pages/pier-theatre.html',
} as const;

export function fixturePath(name: FeedFixtureName): string {
  return `${FIXTURES_DIR}${FEED_FIXTURES[name].file}`;
}

export function fixtureBytes(name: FeedFixtureName): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(name)));
}
