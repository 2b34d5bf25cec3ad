import { startFeedServer, type FeedServer } from '@broadsheet/feeds/test-server';
import { epubcheckTs, formatEpubCheckProblems, openEpub } from '@broadsheet/testing';
import { startSmtpServer, type TestSmtpServer } from '@broadsheet/testing/smtp';
import { dailyCronAt, slotIn, waitFor } from './support/schedule.js';
import { parseAtomFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

/**
 * Issue 17's "done when", as the root README's "Morning edition by mail" walkthrough tells a new
 * user to do it, request for request: the built server as a process, a local feed server, a local
 * SMTP server, a key, a subscription, a publication scheduled a few seconds ahead on real timers,
 * then the mail, the issue and its downloads. Change the README and this test together.
 */

const TIME_ZONE = 'Europe/London';
const READER = 'reader@example.org';
/** The WordPress fixture's items (packages/feeds/fixtures/wordpress-rss2.xml). */
const TITLES = [
  'Council approves \u2018green corridor\u2019 along the old railway',
  'Flood barrier test passes as river reaches winter high',
  'Letters: the bus timetable, the library and the bins',
];

let feeds: FeedServer;
let smtp: TestSmtpServer;
let server: ServerProcess;

beforeAll(async () => {
  feeds = await startFeedServer();
  smtp = await startSmtpServer();
  server = await startServerProcess({
    env: {
      BROADSHEET_FETCH_ALLOW_HOSTS: '127.0.0.1',
      BROADSHEET_SMTP_URL: smtp.url,
      BROADSHEET_MAIL_FROM: 'Broadsheet <news@example.org>',
    },
  });
}, 60_000);

afterAll(async () => {
  await server?.cleanup();
  await smtp?.stop();
  await feeds?.close();
});

/** XHTML text with numeric character references decoded (epub-gen-memory writes non-ASCII so). */
const decodeReferences = (xhtml: string) =>
  xhtml
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, '&');

interface Api {
  status: number;
  body: Record<string, unknown>;
}

describe('the README walkthrough: a morning edition by mail', () => {
  let key: string;
  let feedId: string;
  let publicationId: string;

  /** curl -s [-X METHOD] -H "Authorization: Bearer $KEY" [-d JSON] $URL */
  async function call(method: string, path: string, body?: unknown, secret = key): Promise<Api> {
    const res = await fetch(server.url + path, {
      method,
      headers: {
        authorization: `Bearer ${secret}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }

  it('step 1: the token makes a key that may manage feeds and publications', async () => {
    const created = await call(
      'POST',
      '/v1/keys',
      { name: 'morning', scopes: ['feeds:write'] },
      server.token,
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.scopes).toEqual(['feeds:write']);
    key = String(created.body.key);
    expect(key).toMatch(/^bsk_/);
  });

  it('step 2: subscribing to the feed and refreshing it brings its items as articles', async () => {
    const subscribed = await call('POST', '/v1/feeds', {
      url: feeds.url('/wordpress-rss2'),
      section: 'Local',
    });
    expect(subscribed.status, JSON.stringify(subscribed.body)).toBe(201);
    expect(subscribed.body.title).toBe('The Riverside Gazette');
    feedId = String(subscribed.body.id);

    // The poller may hold the feed at this moment (409): then its poll brings the items.
    const refreshed = await call('POST', `/v1/feeds/${feedId}/refresh`);
    expect([200, 409], JSON.stringify(refreshed.body)).toContain(refreshed.status);

    const headlines = await waitFor('the feed items as articles', async () => {
      const res = await fetch(`${server.url}/v1/articles?section=Local`);
      const list = (await res.json()) as { items: { headline: string }[] };
      return list.items.length >= TITLES.length ? list.items.map((a) => a.headline) : undefined;
    });
    expect(headlines.sort()).toEqual([...TITLES].sort());
    const feed = await call('GET', `/v1/feeds/${feedId}`);
    expect(feed.body.lastSuccessAt).toEqual(expect.any(String));
  });

  it('steps 3 and 4: a publication scheduled seconds ahead mails one issue at its time; status, download, OPDS', async () => {
    // The README's `date -d '+30 seconds'`: whole seconds, so the slot is that second.
    const slot = slotIn(30);
    const schedule = dailyCronAt(slot, TIME_ZONE);
    const created = await call('POST', '/v1/publications', {
      title: 'Morning Edition',
      feeds: [feedId],
      schedule,
      timeZone: TIME_ZONE,
      deliver: { email: [READER] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    publicationId = String(created.body.id);
    expect(publicationId).toBe('morning-edition');
    expect(created.body.nextIssueAt).toBe(slot.toISOString());
    expect(created.body.lastIssue).toBeNull();

    type Delivery = { editionId: string; recipient: string; status: string; lastError?: string };
    type Issue = { slot: string; editionId: string; articleCount: number };
    const status = await waitFor('the issue mailed (its delivery "sent")', async () => {
      const res = await call('GET', `/v1/publications/${publicationId}`);
      const deliveries = res.body.deliveries as Delivery[];
      const failed = deliveries.find((d) => d.status === 'failed');
      if (failed) throw new Error(`the delivery failed: ${failed.lastError}`);
      return deliveries.some((d) => d.status === 'sent') ? res.body : undefined;
    });

    const issues = status.issues as Issue[];
    expect(issues).toHaveLength(1);
    const [issue] = issues;
    expect(issue?.slot).toBe(slot.toISOString());
    expect(issue?.articleCount).toBe(TITLES.length);
    const editionId = issue!.editionId;
    expect((status.lastIssue as Issue).editionId).toBe(editionId);
    const deliveries = status.deliveries as Delivery[];
    expect(deliveries).toEqual([
      expect.objectContaining({ editionId, recipient: READER, status: 'sent' }),
    ]);

    // Exactly one mail, to the reader, the EPUB attached.
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.to).toEqual([READER]);
    expect(mail?.from).toBe('news@example.org');
    expect(mail?.parsed.subject).toBe('Morning Edition');
    const epubs = mail?.parsed.attachments.filter((a) => a.contentType === 'application/epub+zip');
    expect(epubs?.map((a) => a.filename)).toEqual([`${editionId}.epub`]);
    const attached = new Uint8Array(epubs![0]!.content);

    const report = await epubcheckTs(attached);
    expect(report.fatals + report.errors, formatEpubCheckProblems(report)).toBe(0);
    const book = openEpub(attached);
    const text = decodeReferences(
      book.names
        .filter((n) => n.endsWith('.xhtml'))
        .map((n) => book.text(n))
        .join('\n'),
    );
    for (const title of TITLES) expect(text).toContain(title);

    // The issue is an edition like any other: the download is the mailed file.
    const download = await fetch(`${server.url}/v1/editions/${editionId}.epub`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/epub+zip');
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(attached))).toBe(true);

    // The publication's OPDS feed lists the issue.
    const opdsPath = `/opds/publications/${publicationId}`;
    expect((created.body.links as { opds: string }).opds).toBe(opdsPath);
    const opds = await fetch(server.url + opdsPath);
    expect(opds.status).toBe(200);
    const catalog = parseAtomFeed(await opds.text());
    const acquisitions = (catalog.entries ?? []).flatMap((e) => e.links ?? []).map((l) => l.href);
    expect(acquisitions).toContain(`${server.url}/v1/editions/${editionId}.epub`);
  });
});
