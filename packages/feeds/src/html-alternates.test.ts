import { describe, expect, it } from 'vitest';
import { absolute, htmlAlternates, looksLikeHtml } from './html-alternates.js';

const PAGE = 'https://news.example/section/page.html';

describe('htmlAlternates', () => {
  it.each([
    [
      'RSS',
      '<link rel="alternate" type="application/rss+xml" href="/rss">',
      ['https://news.example/rss'],
    ],
    [
      'Atom, relative to the page',
      '<link rel="alternate" type="application/atom+xml" href="atom.xml">',
      ['https://news.example/section/atom.xml'],
    ],
    [
      'JSON Feed',
      '<link rel="alternate" type="application/feed+json" href="/feed.json">',
      ['https://news.example/feed.json'],
    ],
    [
      'rel among others, upper case',
      '<LINK REL="Feed Alternate" TYPE="Application/RSS+XML" HREF="/r">',
      ['https://news.example/r'],
    ],
    [
      'against <base href>',
      '<base href="https://cdn.example/x/"><link rel="alternate" type="application/rss+xml" href="f.xml">',
      ['https://cdn.example/x/f.xml'],
    ],
    [
      'repeats once',
      '<link rel="alternate" type="application/rss+xml" href="/r"><link rel="alternate" type="application/rss+xml" href="https://news.example/r">',
      ['https://news.example/r'],
    ],
    [
      'not oEmbed, REST JSON or a translation',
      '<link rel="alternate" type="application/json+oembed" href="/o"><link rel="alternate" type="application/json" href="/wp-json/x"><link rel="alternate" hreflang="cy" href="/cy/">',
      [],
    ],
    ['not a stylesheet', '<link rel="stylesheet" type="application/rss+xml" href="/s">', []],
    [
      'not javascript:',
      '<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">',
      [],
    ],
  ])('%s', (_, head, urls) => {
    expect(
      htmlAlternates(`<!DOCTYPE html><html><head>${head}</head><body></body></html>`, PAGE),
    ).toEqual(urls);
  });
});

describe('looksLikeHtml', () => {
  it.each([
    ['<!DOCTYPE html><html>', '', true],
    ['  <!-- generated --> <html lang="en">', '', true],
    ['<rss version="2.0">', 'text/html', true],
    ['<rss version="2.0">', 'application/rss+xml', false],
    ['hello', '', false],
  ])('%j with %j: %s', (text, type, html) => {
    expect(looksLikeHtml(text, type)).toBe(html);
  });
});

describe('absolute', () => {
  it.each([
    ['/a', 'https://x.example/b/c', 'https://x.example/a'],
    ['mailto:a@b', 'https://x.example/', undefined],
    ['http://[bad', undefined, undefined],
  ])('%s against %s', (href, base, url) => {
    expect(absolute(href, base)).toBe(url);
  });
});
