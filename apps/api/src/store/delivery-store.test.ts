import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@broadsheet/testing';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachBackend, type BackendName } from '../test-support/backends.js';
import { openPostgresStore } from './postgres/index.js';
import { openSqliteStore } from './sqlite/index.js';
import { ConflictError, type Delivery, type Store } from './types.js';

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

  it('takes an address differing only in case for the recipient already recorded: one mail', async () => {
    const [first] = await store.deliveries.enqueue(issue(['Reader@Example.org']));
    clock += 60_000;
    const again = await store.deliveries.enqueue(
      issue(['reader@example.org', 'READER@EXAMPLE.ORG', 'other@example.org']),
    );
    expect(again.map((d) => d.id).slice(0, 2)).toEqual([first!.id, first!.id]);
    expect(
      (await store.deliveries.forEdition('2026-12-04-morning-brief')).map((d) => d.recipient),
    ).toEqual(['Reader@Example.org', 'other@example.org']);
    // Two requests at once in different case still record one.
    await Promise.all([
      store.deliveries.enqueue(issue(['Late@example.org'], 'e2')),
      store.deliveries.enqueue(issue(['late@EXAMPLE.org'], 'e2')),
    ]);
    expect(await store.deliveries.forEdition('e2')).toHaveLength(1);
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

  it('lists every delivery of any status a page at a time, in id order, for a copy', async () => {
    await store.deliveries.enqueue(issue(['a@example.org', 'b@example.org', 'c@example.org']));
    await store.deliveries.enqueue(issue(['d@example.org'], 'e2'), { failed: 'no mail' });
    const [claimed] = await store.deliveries.claimDue(now(), 1, 60_000);
    await store.deliveries.settle(claimed!, { status: 'sent', messageId: '<m@x>', at: at(1) });
    const all = [
      ...(await store.deliveries.forEdition('2026-12-04-morning-brief')),
      ...(await store.deliveries.forEdition('e2')),
    ].sort((a, b) => (a.id < b.id ? -1 : 1));
    const first = await store.deliveries.records({ limit: 3 });
    const rest = await store.deliveries.records({ after: first.at(-1)?.id, limit: 3 });
    expect([...first, ...rest]).toEqual(all);
    expect(rest).toHaveLength(1);
    expect(all.map((d) => d.status).sort()).toEqual(['failed', 'pending', 'pending', 'sent']);
  });

  const at = (minute: number) => `2026-12-04T06:${String(minute).padStart(2, '0')}:00.000Z`;
  const copied = (id: string, recipient: string, change: Partial<Delivery> = {}): Delivery => ({
    id,
    publicationId: 'pub1',
    editionId: '2026-12-04-morning-brief',
    recipient,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at(0),
    createdAt: at(0),
    ...change,
  });
  // Settled, so due no more.
  const undue = ({ nextAttemptAt: _, ...rest }: Delivery) => rest;
  const sentCopy = (id: string, recipient: string): Delivery => ({
    ...undue(copied(id, recipient)),
    status: 'sent',
    attempts: 1,
    messageId: '<1@x>',
    sentAt: at(2),
  });

  it('restores copied deliveries as they are, and never puts one back behind where it is here', async () => {
    const queued = [copied('c1', 'a@example.org'), copied('c2', 'b@example.org')];
    expect(await store.deliveries.restore(queued)).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(await store.deliveries.records({ limit: 10 })).toEqual(queued);
    expect(await store.deliveries.restore(queued)).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
    });

    // Sent at the source since the last copy: the copy says so, and it is never claimed here.
    const sent = sentCopy('c1', 'a@example.org');
    expect(await store.deliveries.restore([sent, queued[1]!])).toEqual({
      created: 0,
      updated: 1,
      unchanged: 1,
    });
    expect((await store.deliveries.claimDue(now(), 10, 60_000)).map((d) => d.id)).toEqual(['c2']);
    // An older state copied again (c1 still queued at a source copied before) changes nothing.
    expect(await store.deliveries.restore([queued[0]!])).toEqual({
      created: 0,
      updated: 0,
      unchanged: 1,
    });
    expect((await store.deliveries.records({ limit: 10 }))[0]).toEqual(sent);
  });

  it.each(['a@example.org', 'A@Example.org'])(
    'refuses the same mailing under another id (copied as %s), and writes nothing of that batch',
    async (recipient) => {
      const [here] = await store.deliveries.enqueue(issue(['a@example.org']));
      const batch = [copied('c0', 'z@example.org'), copied('c9', recipient)];
      await expect(store.deliveries.restore(batch)).rejects.toThrow(ConflictError);
      await expect(store.deliveries.restore(batch)).rejects.toThrow(
        `has the id "${here!.id}", not "c9"`,
      );
      expect(await store.deliveries.records({ limit: 10 })).toEqual([here]);
    },
  );
});
