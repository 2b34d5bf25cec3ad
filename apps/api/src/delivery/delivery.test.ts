import { defaultArticle } from '@broadsheet/content';
import { epubcheckJava, epubcheckTs, formatEpubCheckProblems } from '@broadsheet/testing';
import { startSmtpServer, type TestSmtpServer } from '@broadsheet/testing/smtp';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/server.js';
import type { Delivery } from '../store/types.js';
import { issueDeliveryHook } from './issue-hook.js';
import { MAIL_NOT_CONFIGURED } from './messages.js';
import { createDeliverySender, MAX_ATTEMPTS, RETRY_DELAYS_MS } from './send-due.js';
import { deliveryStatus } from './status.js';

const FROM = 'Broadsheet <news@example.org>';
const PUBLIC_URL = 'https://news.example.org';
const silent = pino({ level: 'silent' });

let server: TestServer;
let smtp: TestSmtpServer | undefined;
let clock: number;
const now = () => new Date(clock);
let editionId: string;

beforeEach(async () => {
  // Deliveries are recorded at the store's (real) time; the sender's clock runs an hour ahead,
  // so whatever the set-up took, they are due at its start.
  clock = Date.now() + 3_600_000;
  server = await startTestServer({
    seed: [defaultArticle()],
    mailDelivery: { configured: true },
  });
  const created = await fetch(`${server.url}/v1/editions`, {
    method: 'POST',
    headers: { ...server.auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Morning Brief',
      date: '2026-12-04',
      slugs: [defaultArticle().slug],
    }),
  });
  expect(created.status).toBe(201);
  editionId = ((await created.json()) as { id: string }).id;
});

afterEach(async () => {
  await smtp?.stop();
  smtp = undefined;
  await server.close();
});

function sender(options: { smtpUrl?: string; maxBytes?: number; publicUrl?: string } = {}) {
  return createDeliverySender({
    store: server.deps.store,
    renderer: server.deps.renderer,
    logger: silent,
    now,
    ...(options.smtpUrl !== undefined && {
      mail: { smtpUrl: options.smtpUrl, from: FROM, maxBytes: options.maxBytes ?? 25 * 1024 ** 2 },
    }),
    ...(options.publicUrl !== undefined && { publicUrl: options.publicUrl }),
  });
}

async function deliveries(): Promise<Delivery[]> {
  const res = await fetch(`${server.url}/v1/editions/${editionId}/deliveries`, {
    headers: server.auth,
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Delivery[] }).items;
}

async function post(body: unknown, headers: Record<string, string> = server.auth) {
  return fetch(`${server.url}/v1/editions/${editionId}/deliveries`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A port nothing listens on now: where a server that is down would be. */
async function downPort(): Promise<number> {
  const probe = await startSmtpServer();
  await probe.stop();
  return probe.port;
}

const hook = (mailConfigured = true) =>
  issueDeliveryHook({ store: server.deps.store, mailConfigured });

const issue = (email?: string[]) => ({
  publicationId: 'pub-morning',
  publicationTitle: 'Morning Brief',
  editionId,
  slot: '2026-12-04T06:00:00.000Z',
  formats: ['epub' as const],
  ...(email && { deliver: { email } }),
});

describe('mail delivery of an edition', () => {
  it('mails the EPUB once, attached and valid, with the title as subject and the download link', async () => {
    smtp = await startSmtpServer();
    const res = await post({ email: ['reader@example.org', 'READER@example.org'] });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { items: Delivery[] }).items).toMatchObject([
      { recipient: 'reader@example.org', status: 'pending', attempts: 0 },
    ]);
    const send = sender({ smtpUrl: smtp.url, publicUrl: PUBLIC_URL });
    expect(await send.sendDue()).toEqual({ sent: 1, retried: 0, failed: 0 });

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['reader@example.org']);
    expect(mail.from).toBe('news@example.org');
    expect(mail.parsed.subject).toBe('Morning Brief');
    expect(mail.parsed.text).toContain(`${PUBLIC_URL}/v1/editions/${editionId}.epub`);
    expect(mail.parsed.attachments).toHaveLength(1);
    const [epub] = mail.parsed.attachments;
    expect(epub?.filename).toBe(`${editionId}.epub`);
    expect(epub?.contentType).toBe('application/epub+zip');
    expect(formatEpubCheckProblems(await epubcheckTs(epub!.content))).toBe('');
    expect(formatEpubCheckProblems(await epubcheckJava(epub!.content))).toBe('');
    // The bytes mailed are the bytes a download gets.
    const download = Buffer.from(
      await (await fetch(`${server.url}/v1/editions/${editionId}.epub`)).arrayBuffer(),
    );
    expect(epub!.content.equals(download)).toBe(true);

    const [sent] = await deliveries();
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, sentAt: now().toISOString() });
    expect(sent?.messageId).toBe(mail.parsed.messageId);

    // Running again, asking again, or the issue hook running for the same pair mails nothing more.
    clock += 3_600_000;
    expect((await post({ email: ['reader@example.org'] })).status).toBe(202);
    await hook()(issue(['reader@example.org']));
    expect(await send.sendDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    send.close();
  });

  it('retries while the SMTP server is down, after the backoff, then sends', async () => {
    const port = await downPort();
    await hook()(issue(['reader@example.org']));
    const send = sender({ smtpUrl: `smtp://127.0.0.1:${port}` });
    expect(await send.sendDue()).toEqual({ sent: 0, retried: 1, failed: 0 });
    const [waiting] = await deliveries();
    expect(waiting).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: new Date(clock + RETRY_DELAYS_MS[0]).toISOString(),
    });
    expect(waiting?.lastError).toMatch(/ECONNREFUSED/);

    clock += RETRY_DELAYS_MS[0] - 1;
    expect(await send.sendDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    clock += 1;
    expect(await send.sendDue()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect((await deliveries())[0]?.nextAttemptAt).toBe(
      new Date(clock + RETRY_DELAYS_MS[1]).toISOString(),
    );

    smtp = await startSmtpServer({ port });
    clock += RETRY_DELAYS_MS[1];
    expect(await send.sendDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(smtp.received.map((m) => m.to)).toEqual([['reader@example.org']]);
    expect(await deliveries()).toMatchObject([{ status: 'sent', attempts: 3 }]);
    send.close();
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts, saying why`, async () => {
    const port = await downPort();
    await hook()(issue(['reader@example.org']));
    const send = sender({ smtpUrl: `smtp://127.0.0.1:${port}` });
    for (const delay of RETRY_DELAYS_MS) {
      expect(await send.sendDue()).toMatchObject({ retried: 1 });
      clock += delay;
    }
    expect(await send.sendDue()).toEqual({ sent: 0, retried: 0, failed: 1 });
    const [failed] = await deliveries();
    expect(failed).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(failed?.lastError).toMatch(/^gave up after 5 attempts: .*ECONNREFUSED/);
    expect(failed?.nextAttemptAt).toBeUndefined();
    send.close();
  });

  it('fails a recipient the server refuses with 5xx at once, and still mails the others', async () => {
    smtp = await startSmtpServer({ rejectRecipients: ['nobody@example.org'] });
    await hook()(issue(['nobody@example.org', 'reader@example.org']));
    const send = sender({ smtpUrl: smtp.url });
    expect(await send.sendDue()).toEqual({ sent: 1, retried: 0, failed: 1 });
    const byRecipient = Object.fromEntries((await deliveries()).map((d) => [d.recipient, d]));
    expect(byRecipient['nobody@example.org']).toMatchObject({ status: 'failed', attempts: 1 });
    expect(byRecipient['nobody@example.org']?.lastError).toMatch(
      /^the mail server refused it: .*550/,
    );
    expect(byRecipient['reader@example.org']?.status).toBe('sent');
    expect(smtp.received.map((m) => m.to)).toEqual([['reader@example.org']]);
    send.close();
  });

  it('mails a download link instead of an EPUB larger than BROADSHEET_MAIL_MAX_BYTES', async () => {
    smtp = await startSmtpServer();
    await hook()(issue(['reader@example.org']));
    const send = sender({ smtpUrl: smtp.url, maxBytes: 1024, publicUrl: PUBLIC_URL });
    expect(await send.sendDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    const mail = smtp.received[0]!;
    expect(mail.parsed.attachments).toEqual([]);
    expect(mail.parsed.text).toContain('is not attached');
    expect(mail.parsed.text).toContain(`${PUBLIC_URL}/v1/editions/${editionId}.epub`);
    send.close();
  });

  it('fails an oversize EPUB with the reason when there is no public URL for a link', async () => {
    smtp = await startSmtpServer();
    await hook()(issue(['reader@example.org']));
    const send = sender({ smtpUrl: smtp.url, maxBytes: 1024 });
    expect(await send.sendDue()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect((await deliveries())[0]?.lastError).toMatch(
      /^the EPUB is .* MB, above BROADSHEET_MAIL_MAX_BYTES \(0\.0 MB\), and BROADSHEET_PUBLIC_URL is not set/,
    );
    expect(smtp.received).toEqual([]);
    send.close();
  });
});

describe('without SMTP configured', () => {
  it('records an issue’s deliveries as failed, saying what to set, and the issue hook resolves', async () => {
    await expect(hook(false)(issue(['reader@example.org']))).resolves.toBeUndefined();
    expect(await deliveries()).toMatchObject([
      { recipient: 'reader@example.org', status: 'failed', lastError: MAIL_NOT_CONFIGURED },
    ]);
    expect(await deliveryStatus(server.deps.store)('pub-morning')).toMatchObject([
      { editionId, status: 'failed', lastError: MAIL_NOT_CONFIGURED },
    ]);
  });

  it('fails a delivery recorded before the server lost its SMTP settings', async () => {
    await hook()(issue(['reader@example.org']));
    const send = sender();
    expect(await send.sendDue()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect((await deliveries())[0]?.lastError).toBe(MAIL_NOT_CONFIGURED);
  });
});

describe('the issue hook', () => {
  it('records one pending delivery per distinct recipient, and nothing without recipients', async () => {
    await hook()(issue([]));
    await hook()(issue());
    expect(await deliveries()).toEqual([]);
    await hook()(issue(['a@example.org', 'b@example.org', 'A@example.org']));
    expect((await deliveries()).map((d) => [d.recipient, d.status])).toEqual([
      ['a@example.org', 'pending'],
      ['b@example.org', 'pending'],
    ]);
  });
});
