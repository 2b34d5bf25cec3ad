import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { mergeCopiedDelivery } from '../delivery-merge.js';
import {
  byCreation,
  DELIVERY_COLUMNS,
  DELIVERY_ROW_COLUMNS,
  toDelivery,
  toDeliveryRow,
  type DeliveryRow,
} from '../delivery-row.js';
import { restoreEach } from '../restore-each.js';
import type { Delivery, DeliveryStore, RestoreCounts } from '../types.js';
import { rowCopy } from './row-copy.js';

export function createSqliteDeliveryStore(db: Database, now: () => Date): DeliveryStore {
  const insert = db.prepare<
    [
      {
        id: string;
        publication_id: string | null;
        edition_id: string;
        recipient: string;
        status: string;
        last_error: string | null;
        at: string;
      },
    ]
  >(
    `INSERT INTO deliveries
       (id, publication_id, edition_id, recipient, status, last_error, created_at, next_attempt_at)
     VALUES (@id, @publication_id, @edition_id, @recipient, @status, @last_error, @at,
       CASE WHEN @status = 'pending' THEN @at END)
     ON CONFLICT (edition_id, recipient) DO NOTHING`,
  );
  // Addresses differing only in case are one recipient: the first recorded is the one kept.
  const byPair = db.prepare<[string, string], DeliveryRow>(
    `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE edition_id = ? AND lower(recipient) = lower(?)
     ORDER BY created_at, id LIMIT 1`,
  );
  const claim = db.prepare<[{ now: string; limit: number; until: string }], DeliveryRow>(
    `UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = @until
     WHERE id IN (
       SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_at <= @now
       ORDER BY next_attempt_at, id LIMIT @limit)
     RETURNING ${DELIVERY_COLUMNS}`,
  );
  const settle = db.prepare<
    [
      {
        status: string;
        next: string | null;
        error: string | null;
        message_id: string | null;
        sent_at: string | null;
        id: string;
        attempts: number;
      },
    ]
  >(
    `UPDATE deliveries SET status = @status, next_attempt_at = @next,
       last_error = coalesce(@error, last_error), message_id = @message_id, sent_at = @sent_at
     WHERE id = @id AND attempts = @attempts AND status = 'pending'`,
  );
  const forEdition = db.prepare<[string], DeliveryRow>(
    `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE edition_id = ? ORDER BY created_at, recipient`,
  );
  const forPublication = db.prepare<[string, number], DeliveryRow>(
    `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE publication_id = ?
     ORDER BY created_at DESC, recipient LIMIT ?`,
  );
  const enqueue = db.transaction(
    (items: Parameters<DeliveryStore['enqueue']>[0], failed: string | undefined) => {
      const at = now().toISOString();
      return items.map((item) => {
        const known = byPair.get(item.editionId, item.recipient);
        if (known) return toDelivery(known);
        insert.run({
          id: randomUUID(),
          publication_id: item.publicationId ?? null,
          edition_id: item.editionId,
          recipient: item.recipient,
          status: failed === undefined ? 'pending' : 'failed',
          last_error: failed ?? null,
          at,
        });
        const row = byPair.get(item.editionId, item.recipient);
        if (!row) throw new Error('the delivery just recorded is missing');
        return toDelivery(row);
      });
    },
  );
  const page = db.prepare<[string, number], DeliveryRow>(
    `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE id > ? ORDER BY id LIMIT ?`,
  );
  const byId = db.prepare<[string], DeliveryRow>(
    `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE id = ?`,
  );
  const { write } = rowCopy<DeliveryRow>(db, 'deliveries', ['id'], DELIVERY_ROW_COLUMNS);
  const restoreTx = db.transaction((deliveries: readonly Delivery[]): RestoreCounts =>
    restoreEach(deliveries, {
      // The same mailing under another id is found too, for mergeCopiedDelivery to refuse.
      existing: (d) => {
        const row = byId.get(d.id) ?? byPair.get(d.editionId, d.recipient);
        return row && toDelivery(row);
      },
      same: (existing, d) => mergeCopiedDelivery(existing, d) === undefined,
      write: (d, existing) => write(toDeliveryRow(d), existing && toDeliveryRow(existing)),
    }),
  );
  return {
    records: ({ after, limit }) =>
      Promise.resolve().then(() => page.all(after ?? '', limit).map(toDelivery)),
    restore: (deliveries) => Promise.resolve().then(() => restoreTx(deliveries)),
    enqueue: (items, options = {}) => Promise.resolve().then(() => enqueue(items, options.failed)),
    claimDue: (at, limit, leaseMs) =>
      Promise.resolve().then(() =>
        claim
          .all({
            now: at.toISOString(),
            limit,
            until: new Date(at.getTime() + leaseMs).toISOString(),
          })
          .map(toDelivery)
          .sort(byCreation),
      ),
    settle: (claimed, outcome) =>
      Promise.resolve().then(
        () =>
          settle.run({
            status: outcome.status,
            next: outcome.status === 'pending' ? outcome.retryAt : null,
            error: outcome.status === 'sent' ? null : outcome.error,
            message_id: outcome.status === 'sent' ? outcome.messageId : null,
            sent_at: outcome.status === 'sent' ? outcome.at : null,
            id: claimed.id,
            attempts: claimed.attempts,
          }).changes > 0,
      ),
    forEdition: (editionId) =>
      Promise.resolve().then(() => forEdition.all(editionId).map(toDelivery)),
    forPublication: (publicationId, limit) =>
      Promise.resolve().then(() => forPublication.all(publicationId, limit).map(toDelivery)),
  };
}
