import { expectLinear } from '@broadsheet/testing/linearity';
import { describe, it } from 'vitest';
import { FeedParseError } from './feed-parse-error.js';
import { parseFeed } from './parse-feed.js';

// parseFeed on hostile shapes, each doubled twice: its CPU time may grow at most ×2.5 per
// doubling (see @broadsheet/testing/linearity). Bodies stay under the fetch cap (10 MiB).

const NOW = new Date('2026-12-04T09:00:00Z');
const encode = (s: string) => new TextEncoder().encode(s);
const rss = (items: string) =>
  encode(
    `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>${items}</channel></rss>`,
  );

function parsed(body: Uint8Array): void {
  try {
    parseFeed(body, { url: 'https://feeds.test/f', now: NOW });
  } catch (e) {
    if (!(e instanceof FeedParseError)) throw e;
  }
}

type Shape = [name: string, make: (n: number) => Uint8Array, n: number];

const SHAPES: Shape[] = [
  [
    'items',
    (n) =>
      rss(
        Array.from(
          { length: n },
          (_, i) =>
            `<item><title>Item ${i}</title><link>/a/${i}</link><pubDate>Thu, 03 Dec 2026 08:00:00 +0000</pubDate><description><![CDATA[<p>Text ${i}</p>]]></description></item>`,
        ).join(''),
      ),
    1000,
  ],
  [
    'one long content',
    (n) => rss(`<item><guid>g</guid><description>${'word &amp; '.repeat(n)}</description></item>`),
    20_000,
  ],
  [
    'the same GUID repeated',
    (n) => rss('<item><guid>same</guid><title>t</title></item>'.repeat(n)),
    1000,
  ],
  [
    'deep nesting',
    (n) => rss(`<item><guid>g</guid>${'<x>'.repeat(n)}${'</x>'.repeat(n)}</item>`),
    500,
  ],
  [
    'an HTML page of links',
    (n) =>
      encode(
        `<!DOCTYPE html><html><head>${'<link rel="alternate" type="application/rss+xml" href="/f">'.repeat(n)}</head></html>`,
      ),
    2000,
  ],
  ['unclosed tags (malformed)', (n) => rss(`<item><guid>g</guid>${'<p>'.repeat(n)}</item>`), 2000],
];

describe('parseFeed grows linearly', () => {
  it.each(SHAPES)('%s', (_, make, n) => {
    expectLinear(make, parsed, n);
  });
});
