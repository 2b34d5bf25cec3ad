import { parseAllowHosts } from '@broadsheet/fetch';
import { startFeedServer, type FeedServer } from '@broadsheet/feeds/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/server.js';

interface Refresh {
  status: string;
  new: number;
  updated: number;
  unchanged: number;
  warnings: string[];
  feed: {
    id: string;
    lastError?: string;
    lastErrorAt?: string;
    nextPollAt: string;
    failures: number;
  };
}

/** The real app polling the feeds package's real-world-shaped fixtures over HTTP on 127.0.0.1. */
describe('subscriptions over the feeds fixtures (startFeedServer)', () => {
  let feeds: FeedServer;
  let server: TestServer;

  beforeAll(async () => {
    feeds = await startFeedServer();
    server = await startTestServer({
      imageFetch: {
        byDefault: false,
        allowHosts: parseAllowHosts(`127.0.0.1:${feeds.port}`),
        maxBytes: 10 * 1024 ** 2,
      },
    });
  });
  afterAll(async () => {
    await server.close();
    await feeds.close();
  });

  const post = async (path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { ...server.auth, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it.each([
    { name: 'wordpress-rss2', failing: 0 },
    { name: 'atom-xhtml', failing: 0 },
    { name: 'jsonfeed-1.1', failing: 0 },
    { name: 'summary-only', failing: 0 },
    { name: 'windows-1252', failing: 0 },
    // One item each carries a summary too short for the page importer ("no article found"):
    // it becomes an article as it stands, as the command line makes it.
    { name: 'rss1-rdf', failing: 0, short: 'Last working drainage mill gets new sails' },
    {
      name: 'iso-8859-1',
      failing: 0,
      short: 'Fête de la crevette : la mairie dévoile le programme',
    },
    // One item's page answers 404: recorded, never fatal, and tried again at the next poll.
    { name: 'summary-only-page-gone', failing: 1 },
  ])(
    '$name: items become articles; the next poll is a 304, or retries only what failed',
    async ({ name, failing, short }) => {
      // Only the summary-only feeds' pages are served here: the others' links point at .example
      // hosts, so their items are imported from the feed's own content.
      const fullText = name.startsWith('summary-only') ? 'auto' : 'never';
      const created = await post('/v1/feeds', {
        url: feeds.url(`/${name}`),
        section: name,
        fullText,
      });
      expect(created.status).toBe(201);
      const id = String(created.json.id);
      const first = (await post(`/v1/feeds/${id}/refresh`)).json as unknown as Refresh;
      expect(first.status).toBe('ok');
      expect(first.new).toBeGreaterThan(0);
      // Pictures on .example hosts stay as their URLs (a warning of their own).
      const itemFailures = first.warnings.filter((w) => !w.includes(': picture '));
      expect(itemFailures).toHaveLength(failing);
      for (const w of itemFailures) expect(w).toMatch(/404/);
      const listed = await fetch(`${server.url}/v1/articles?section=${name}&limit=100`);
      const articles = (await listed.json()) as { total: number; items: { headline: string }[] };
      expect(articles.total).toBe(first.new);
      if (short !== undefined) expect(articles.items.map((a) => a.headline)).toContain(short);
      const second = (await post(`/v1/feeds/${id}/refresh`)).json as unknown as Refresh;
      if (failing === 0) {
        expect(second).toMatchObject({ status: 'not-modified', new: 0, updated: 0 });
        const conditional = feeds.requests.filter(
          (r) => r.path === `/${name}` && (r.ifNoneMatch ?? r.ifModifiedSince) !== undefined,
        );
        expect(conditional.length).toBeGreaterThan(0);
      } else {
        // The validators were not kept: the feed is read again, the stored items cost nothing.
        expect(second).toMatchObject({ status: 'ok', new: 0, updated: 0, unchanged: first.new });
        expect(second.feed.lastError).toMatch(/404/);
        expect(second.feed.failures).toBe(0);
      }
    },
  );

  it('refuses to subscribe to a URL that answers 429, naming the status', async () => {
    const limited = await post('/v1/feeds', { url: feeds.url('/rate-limited') });
    expect(limited.status).toBe(422);
    expect(String(limited.json.detail)).toMatch(/429/);
  });
});
