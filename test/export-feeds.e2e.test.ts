import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseFeed } from '@broadsheet/feeds';
import { FEED_FIXTURES, type FeedFixtureName, fixtureBytes } from '@broadsheet/feeds/fixtures';
import { type FeedServer, startFeedServer } from '@broadsheet/feeds/test-server';
import { epubcheckTs, formatEpubCheckProblems, openEpub } from '@broadsheet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExporter, tempWorkDir } from './support/exporter-process.js';

/**
 * `broadsheet-export --feed … --since … --edition …` as a process against the feed server on
 * 127.0.0.1: the edition passes EPUBCheck and holds every item in range, the summary-only
 * feed's items come with their full pages, and every failure is exit 2 with nothing written.
 */

let server: FeedServer;
let work: Awaited<ReturnType<typeof tempWorkDir>>;

beforeAll(async () => {
  server = await startFeedServer();
  work = await tempWorkDir('feeds');
});
afterAll(async () => {
  await server?.close();
  await work?.remove();
});

// Feeds whose summary-only items link to the feed server itself: with --full-text auto,
// nothing is fetched from anywhere but 127.0.0.1.
const FEEDS: FeedFixtureName[] = ['wordpress-rss2', 'atom-xhtml', 'summary-only', 'windows-1252'];
// Feeds with summary-only items linking to example hosts: read with --full-text never.
const OFFLINE_FEEDS: FeedFixtureName[] = ['iso-8859-1', 'jsonfeed-1.1', 'rss1-rdf'];

/** The items of a fixture, as the command reads them (dates are fixed in the fixtures). */
function items(name: FeedFixtureName) {
  return parseFeed(fixtureBytes(name), {
    url: server.url(`/${name}`),
    contentType: FEED_FIXTURES[name].contentType,
    now: new Date(),
  }).items;
}

/** A --since that reaches back to `date` from now, in whole hours, plus `extraHours`. */
function sinceReaching(date: string, extraHours = 1): string {
  return `${Math.ceil((Date.now() - Date.parse(date)) / 3_600_000) + extraHours}h`;
}

/** The EPUB's XHTML text with numeric entities decoded (epub-gen-memory writes non-ASCII so). */
function epubText(epub: Uint8Array): string {
  const book = openEpub(epub);
  return book.names
    .filter((n) => n.endsWith('.xhtml'))
    .map((n) => book.text(n))
    .join('\n')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

const feedArgs = (names: readonly string[]) =>
  names.flatMap((n) => ['--feed', server.url(`/${n}`)]);

describe('broadsheet-export --feed', () => {
  it('makes one valid EPUB edition holding every item published within --since', async () => {
    const all = FEEDS.flatMap(items);
    const oldest = all.map((i) => i.publishedAt ?? '').sort()[0] ?? '';
    const result = await runExporter(
      [
        ...feedArgs(FEEDS),
        '--since',
        sinceReaching(oldest),
        '--edition',
        'Morning Brief',
        '--allow-private-hosts',
        '-o',
        'brief.epub',
      ],
      { cwd: work.dir },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const bytes = await readFile(path.join(work.dir, 'brief.epub'));
    const report = await epubcheckTs(bytes);
    expect(report.problems, formatEpubCheckProblems(report)).toEqual([]);
    const text = epubText(bytes);
    expect(all.length).toBe(8);
    for (const item of all) expect(text, item.title).toContain(item.title ?? '(untitled)');
    // The summary-only feed's items come with their full pages, not the one-line summary.
    expect(text).toContain('The volunteer crew launched within eight minutes');
    expect(text).toContain('most of it raised by a community share offer');
    // A windows-1252 feed keeps its quotes, dashes and euro sign; each feed is a section.
    expect(text).toContain('«hvis været vil»');
    expect(text).toContain('Bergen Kontor – Nyheter');
    expect(text).toContain('Notes from the Lab');
  });

  it('--full-text never: ISO-8859-1, JSON Feed and RSS 1.0 items from the feeds’ own text', async () => {
    const all = OFFLINE_FEEDS.flatMap(items);
    const oldest = all.map((i) => i.publishedAt ?? '').sort()[0] ?? '';
    const result = await runExporter(
      [
        ...feedArgs(OFFLINE_FEEDS),
        '--since',
        sinceReaching(oldest),
        '--full-text',
        'never',
        '--edition',
        'Weekend',
        '--allow-private-hosts',
        '-o',
        'weekend.epub',
      ],
      { cwd: work.dir },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const bytes = await readFile(path.join(work.dir, 'weekend.epub'));
    const report = await epubcheckTs(bytes);
    expect(report.problems, formatEpubCheckProblems(report)).toEqual([]);
    const text = epubText(bytes);
    expect(all.length).toBe(6);
    for (const item of all) expect(text, item.title).toContain(item.title ?? '(untitled)');
    expect(text).toContain('Régates, dégustations et bal populaire');
    expect(text).toContain('Élodie Lefèvre');
  });

  it('--since leaves older items out, and --full-text never keeps the feed’s summary', async () => {
    const [newer, older] = items('summary-only');
    const result = await runExporter(
      [
        ...feedArgs(['summary-only']),
        '--since',
        sinceReaching(newer?.publishedAt ?? '', 0),
        '--full-text',
        'never',
        '--edition',
        'Evening',
        '--allow-private-hosts',
        '-o',
        'evening.epub',
      ],
      { cwd: work.dir },
    );
    expect(result.code, result.stderr).toBe(0);
    const text = epubText(await readFile(path.join(work.dir, 'evening.epub')));
    expect(text).toContain(newer?.title);
    expect(text).not.toContain(older?.title);
    expect(text).toContain('Three walkers cut off by the tide');
    expect(text).not.toContain('The volunteer crew launched');
  });

  it.each([
    [
      'an HTML page instead of a feed',
      ['html-with-alternates'],
      ['--since', '7d'],
      /--feed http:\/\/127\.0\.0\.1:\d+\/html-with-alternates: the address is an HTML page, not a feed; the page names these feeds: http:\/\/127\.0\.0\.1:\d+\/feed\//,
    ],
    [
      'malformed XML',
      ['wordpress-rss2', 'malformed'],
      ['--since', '7d'],
      /--feed http:\/\/127\.0\.0\.1:\d+\/malformed: the RSS feed is not well-formed XML: line 9/,
    ],
    [
      'an endless redirect',
      ['redirect-loop'],
      ['--since', '7d'],
      /redirect-loop: more than 5 redirects/,
    ],
    [
      'a 429',
      ['rate-limited'],
      ['--since', '7d'],
      /rate-limited: the server answered 429 .*retry after 120 s/,
    ],
    [
      'no items in range',
      ['wordpress-rss2'],
      ['--since', '1m'],
      /^--since: no feed item was published within the last 1m/m,
    ],
    ['a bad --since', ['wordpress-rss2'], ['--since', '24'], /--since <duration>.*'24' is invalid/],
    [
      '--feed without --edition',
      ['wordpress-rss2'],
      ['--no-edition-marker'],
      /--feed makes one edition: add --edition TITLE/,
    ],
  ])('%s: exit 2, the reason named, nothing written', async (_, feeds, extra, message) => {
    const out = `fail-${feeds.join('-')}-${extra.join('')}.epub`;
    const withEdition = extra[0] === '--no-edition-marker' ? [] : [...extra, '--edition', 'X'];
    const result = await runExporter(
      [...feedArgs(feeds), ...withEdition, '--allow-private-hosts', '-o', out],
      { cwd: work.dir },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(await work.files()).not.toContain(out);
  });

  it('without --allow-private-hosts the feed server is refused before any request', async () => {
    const before = server.requests.length;
    const result = await runExporter(
      [...feedArgs(['wordpress-rss2']), '--since', '7d', '--edition', 'X', '-o', 'refused.epub'],
      { cwd: work.dir },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /refused: 127\.0\.0\.1 is a loopback address; add --allow-private-hosts/,
    );
    expect(server.requests.length).toBe(before);
  });
});
