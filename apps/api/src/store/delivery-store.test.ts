import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@broadsheet/testing';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachBackend, type BackendName } from '../test-support/backends.js';
import { openPostgresStore } from './postgres/index.js';
import { openSqliteStore } from './sqlite/index.js';
import type { Store } from './types.js';

/** The delivery store contract, unchanged against both backends; the clock is the test's. */
describeEachBackend('DeliveryStore', (backend: BackendName) => {
  let clock = Date.parse('2026-12-04T06:00:00.000Z');
  const now = () => new Date(clock);
  let store: Store;
  let dir: string | undefined;
  let database: TestDatabase | undefined;

  if (backend === 'postgres') {
    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(() => database?.drop());
  }
  beforeEach(async () => {
    clock = Date.parse('2026-12-04T06:00:00.000Z');
    if (backend === 'sqlite') {
      dir = mkdtempSync(join(tmpdir(), 'broadsheet-deliveries-'));
      store = openSqliteStore(join(dir, 'db.sqlite'), { now });
    } else {
      const pg = await openPostgresStore(database!.url, { now, listen: false });
      store = pg;
      await pg.pool.query('TRUNCATE deliveries');
    }
  });
  afterEach(async () => {
    await store.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const issue = (recipients: string[], editionId = '2026-12-04-morning-brief') =>
    recipients.map((recipient) => ({ publicationId: 'pub1', editionId, recipient }));

  it('records one pending delivery per recipient, due at once, and never a second for the same pair', async () => {
    const first = await store.deliveries.enqueue(issue(['a@example.org', 'b@example.org']));
    expect(first.map((d) => [d.recipient, d.status, d.attempts, d.nextAttemptAt])).toEqual([
      ['a@example.org', 'pending', 0, '2026-12-04T06:00:00.000Z'],
      ['b@example.org', 'pending', 0, '2026-12-04T06:00:00.000Z'],
    ]);
    clock += 60_000;
    const again = await store.deliveries.enqueue(issue(['b@example.org', 'c@example.org']));
    expect(again[0]?.id).toBe(first[1]?.id);
    expect(again[0]?.createdAt).toBe('2026-12-04T06:00:00.000Z');
    expect(
      (await store.deliveries.forEdition('2026-12-04-morning-brief')).map((d) => d.recipient),
    ).toEqual(['a@example.org', 'b@example.org', 'c@example.org']);
  });

  it('records deliveries that cannot be sent as failed with the reason, never claimed', async () => {
    const [d] = await store.deliveries.enqueue(issue(['a@example.org']), {
      failed: 'mail is not configured',
    });
    expect(d).toMatchObject({ status: 'failed', lastError: 'mail is not configured', attempts: 0 });
    expect(d?.nextAttemptAt).toBeUndefined();
    expect(await store.deliveries.claimDue(now(), 10, 60_000)).toEqual([]);
  });

  it('lets one claim take a due delivery until its lease ends', async () => {
    await store.deliveries.enqueue(issue(['a@example.org', 'b@example.org']));
    const [a, b] = await Promise.all([
      store.deliveries.claimDue(now(), 10, 60_000),
      store.deliveries.claimDue(now(), 10, 60_000),
    ]);
    const claimed = [...(a ?? []), ...(b ?? [])];
    expect(claimed.map((d) => d.recipient).sort()).toEqual(['a@example.org', 'b@example.org']);
    expect(claimed.every((d) => d.attempts === 1)).toBe(true);
    clock += 59_000;
    expect(await store.deliveries.claimDue(now(), 10, 60_000)).toEqual([]);
    clock += 1_000;
    // The first claimant died: after the lease the delivery is tried again, as attempt 2.
    const retaken = await store.deliveries.claimDue(now(), 1, 60_000);
    expect(retaken.map((d) => d.attempts)).toEqual([2]);
    // The first claimant's late outcome no longer holds the delivery: nothing written.
    const stale = claimed.find((d) => d.id === retaken[0]?.id)!;
    expect(
      await store.deliveries.settle(stale, {
        status: 'sent',
        messageId: '<x@y>',
        at: now().toISOString(),
      }),
    ).toBe(false);
    expect(
      await store.deliveries.settle(retaken[0]!, {
        status: 'sent',
        messageId: '<m@example.org>',
        at: now().toISOString(),
      }),
    ).toBe(true);
    const [sent] = (await store.deliveries.forEdition('2026-12-04-morning-brief')).filter(
      (d) => d.id === retaken[0]?.id,
    );
    expect(sent).toMatchObject({ status: 'sent', messageId: '<m@example.org>', attempts: 2 });
    expect(sent?.sentAt).toBe(now().toISOString());
    expect(sent?.nextAttemptAt).toBeUndefined();
  });

  it('takes a failed attempt back as pending at its retry time, and a final failure for good', async () => {
    await store.deliveries.enqueue(issue(['a@example.org']));
    const [first] = await store.deliveries.claimDue(now(), 10, 60_000);
    const retryAt = new Date(clock + 300_000).toISOString();
    expect(
      await store.deliveries.settle(first!, {
        status: 'pending',
        error: 'connection refused',
        retryAt,
      }),
    ).toBe(true);
    expect((await store.deliveries.forEdition('2026-12-04-morning-brief'))[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: retryAt,
      lastError: 'connection refused',
    });
    clock += 299_999;
    expect(await store.deliveries.claimDue(now(), 10, 60_000)).toEqual([]);
    clock += 1;
    const [second] = await store.deliveries.claimDue(now(), 10, 60_000);
    expect(second?.attempts).toBe(2);
    await store.deliveries.settle(second!, { status: 'failed', error: '550 no such user' });
    clock += 86_400_000;
    expect(await store.deliveries.claimDue(now(), 10, 60_000)).toEqual([]);
    expect((await store.deliveries.forEdition('2026-12-04-morning-brief'))[0]).toMatchObject({
      status: 'failed',
      lastError: '550 no such user',
    });
  });

  it('claims at most the limit, oldest due first', async () => {
    await store.deliveries.enqueue(issue(['a@example.org'], 'e1'));
    clock += 1000;
    await store.deliveries.enqueue(issue(['b@example.org'], 'e2'));
    const [one] = await store.deliveries.claimDue(now(), 1, 60_000);
    expect(one?.editionId).toBe('e1');
  });

  it("lists a publication's deliveries newest first, up to the limit, and no other's", async () => {
    await store.deliveries.enqueue(issue(['a@example.org'], 'e1'));
    clock += 1000;
    await store.deliveries.enqueue(issue(['a@example.org', 'b@example.org'], 'e2'));
    await store.deliveries.enqueue([{ editionId: 'e3', recipient: 'a@example.org' }]);
    const listed = await store.deliveries.forPublication('pub1', 2);
    expect(listed.map((d) => [d.editionId, d.recipient])).toEqual([
      ['e2', 'a@example.org'],
      ['e2', 'b@example.org'],
    ]);
    expect((await store.deliveries.forEdition('e3'))[0]?.publicationId).toBeUndefined();
  });
});
