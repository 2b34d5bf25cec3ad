import { startSmtpServer, type TestSmtpServer } from '@broadsheet/testing/smtp';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { articleInput } from '../test-support/articles.js';
import { insertFeed, insertFeedItem, serverDatabase } from '../test-support/feed-rows.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { issueDeliveryHook } from './issue-hook.js';
import { MAIL_NOT_CONFIGURED } from './messages.js';
import { createDeliverySender } from './send-due.js';
import { deliveryStatus } from './status.js';

let server: TestServer | undefined;
let smtp: TestSmtpServer | undefined;
afterEach(async () => {
  await smtp?.stop();
  smtp = undefined;
  await server?.close();
  server = undefined;
});

/** The app wired as server.ts wires it: the issue hook and the status over the app's own store. */
async function start(mailConfigured: boolean): Promise<TestServer> {
  const started = await startTestServer({
    mailDelivery: { configured: mailConfigured },
    onIssue: (issue) => issueDeliveryHook({ store: started.deps.store, mailConfigured })(issue),
    deliveryStatus: (id) => deliveryStatus(started.deps.store)(id),
  });
  server = started;
  return started;
}

async function send(s: TestServer, method: string, path: string, body?: unknown) {
  return fetch(s.url + path, {
    method,
    headers: { ...s.auth, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

/** A publication with `deliver` and one issue made of one article that arrived from its feed. */
async function publishOneIssue(s: TestServer): Promise<string> {
  await insertFeed(serverDatabase(s), 'feed-a');
  const created = await send(s, 'POST', '/v1/publications', {
    title: 'Morning Brief',
    feeds: ['feed-a'],
    schedule: '0 6 * * *',
    timeZone: 'UTC',
    formats: ['epub'],
    deliver: { email: ['reader@example.org'] },
  });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  expect(
    (await send(s, 'POST', '/v1/articles', articleInput({ slug: 'first', headline: 'First' })))
      .status,
  ).toBe(201);
  await insertFeedItem(serverDatabase(s), {
    feedId: 'feed-a',
    itemKey: 'first',
    articleSlug: 'first',
    firstSeenAt: new Date(Date.now() - 60_000).toISOString(),
  });
  expect((await send(s, 'POST', `/v1/publications/${id}/issues`)).status).toBe(201);
  return id;
}

async function publicationDeliveries(s: TestServer, id: string) {
  const res = await fetch(`${s.url}/v1/publications/${id}`, { headers: s.auth });
  expect(res.status).toBe(200);
  return ((await res.json()) as { deliveries?: unknown[] }).deliveries;
}

describe('a publication with deliver', () => {
  it("mails each issue to its recipients and shows the delivery in the publication's status", async () => {
    const s = await start(true);
    smtp = await startSmtpServer();
    const id = await publishOneIssue(s);
    const sender = createDeliverySender({
      store: s.deps.store,
      renderer: s.deps.renderer,
      logger: pino({ level: 'silent' }),
      mail: { smtpUrl: smtp.url, from: 'news@example.org', maxBytes: 25 * 1024 ** 2 },
      now: () => new Date(Date.now() + 1000),
    });
    expect(await sender.sendDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    sender.close();
    expect(smtp.received.map((m) => m.to)).toEqual([['reader@example.org']]);
    expect(smtp.received[0]?.parsed.attachments[0]?.contentType).toBe('application/epub+zip');
    expect(await publicationDeliveries(s, id)).toMatchObject([
      { recipient: 'reader@example.org', status: 'sent', attempts: 1 },
    ]);
  });

  it('is created and issued without SMTP configured; its deliveries fail saying what to set', async () => {
    const s = await start(false);
    const id = await publishOneIssue(s);
    expect(await publicationDeliveries(s, id)).toMatchObject([
      { recipient: 'reader@example.org', status: 'failed', lastError: MAIL_NOT_CONFIGURED },
    ]);
  });
});
