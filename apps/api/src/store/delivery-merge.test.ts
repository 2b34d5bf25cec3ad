import { describe, expect, it } from 'vitest';
import { mergeCopiedDelivery } from './delivery-merge.js';
import { ConflictError, type Delivery } from './types.js';

const at = (minute: number) => `2026-12-04T06:${String(minute).padStart(2, '0')}:00.000Z`;
const queued: Delivery = {
  id: 'd1',
  publicationId: 'morning',
  editionId: '2026-12-04-morning',
  recipient: 'reader@example.org',
  status: 'pending',
  attempts: 0,
  nextAttemptAt: at(0),
  createdAt: at(0),
};
const retrying: Delivery = {
  ...queued,
  attempts: 1,
  nextAttemptAt: at(5),
  lastError: '421 try again later',
};
// A settled delivery is due no more.
const settled = (({ nextAttemptAt: _, ...rest }: Delivery) => rest)(queued);
const sent: Delivery = {
  ...settled,
  status: 'sent',
  attempts: 1,
  messageId: '<1@example.org>',
  sentAt: at(1),
};
const failed: Delivery = {
  ...settled,
  status: 'failed',
  attempts: 3,
  lastError: '550 no such user',
};

describe('mergeCopiedDelivery (DeliveryStore.restore over a delivery already there)', () => {
  it.each<[string, Delivery, Delivery, 'copied' | 'kept']>([
    ['identical: nothing to write', queued, { ...queued }, 'kept'],
    ['queued here, sent at the source since: the copy', queued, sent, 'copied'],
    ['queued here, retrying at the source: the copy', queued, retrying, 'copied'],
    ['sent here, still queued at the source: kept, never sent again', sent, queued, 'kept'],
    ['sent here, failed at the source: kept (the mail went out)', sent, failed, 'kept'],
    ['failed here, sent at the source: the copy', failed, sent, 'copied'],
    ['retrying here, queued at the source: kept', retrying, queued, 'kept'],
    [
      'as far on both sides but different: the copy, as copied articles',
      retrying,
      { ...retrying, nextAttemptAt: at(9) },
      'copied',
    ],
  ])('%s', (_, here, copied, outcome) => {
    expect(mergeCopiedDelivery(here, copied)).toEqual(outcome === 'copied' ? copied : undefined);
  });

  it.each<[string, Partial<Delivery>, RegExp]>([
    [
      'another mailing under the id',
      { recipient: 'other@example.org' },
      /another delivery has the id "d1"/,
    ],
    ['another edition under the id', { editionId: '2026-12-05-morning' }, /another delivery/],
    [
      'the same mailing under another id',
      { id: 'd2' },
      /edition "2026-12-04-morning" to reader@example.org has the id "d1", not "d2"/,
    ],
  ])('refuses %s', (_, change, message) => {
    expect(() => mergeCopiedDelivery(queued, { ...queued, ...change })).toThrow(ConflictError);
    expect(() => mergeCopiedDelivery(queued, { ...queued, ...change })).toThrow(message);
  });
});
