import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { mergeCopiedDelivery } from '../delivery-merge.js';
import {
  byCreation,
  DELIVERY_COLUMNS,
  DELIVERY_ROW_COLUMNS,
  toDelivery,
  toDeliveryRow,
  type DeliveryRow,
} from '../delivery-row.js';
import { restoreEachAsync } from '../restore-each.js';
import type { DeliveryStore } from '../types.js';
import { rows, transaction, type Queryable } from './db.js';
import { rowCopy } from './row-copy.js';

/**
 * The delivery recorded of an edition to an address, in whatever case it was written
 * (addresses differing only in case are one recipient; the first recorded is the one kept).
 */
async function recorded(
  db: Queryable,
  editionId: string,
  recipient: string,
): Promise<DeliveryRow | undefined> {
  const [row] = await rows<DeliveryRow>(
    db,
    `SELECT ${DELIVERY_COLUMNS} FROM deliveries
     WHERE edition_id = $1 AND lower(recipient) = lower($2) ORDER BY created_at, id LIMIT 1`,
    [editionId, recipient],
  );
  return row;
}

export function createPostgresDeliveryStore(pool: Pool, now: () => Date): DeliveryStore {
  return {
    async enqueue(items, options = {}) {
      const at = now().toISOString();
      const failed = options.failed;
      return transaction(pool, async (client) => {
        // One enqueue per edition at a time, so two requests naming the same address in
        // different case cannot both find it missing and both record it.
        for (const editionId of [...new Set(items.map((i) => i.editionId))].sort())
          await rows(client, 'SELECT pg_advisory_xact_lock(hashtext($1))', [
            `deliveries:${editionId}`,
          ]);
        const out = [];
        for (const item of items) {
          const known = await recorded(client, item.editionId, item.recipient);
          if (known) {
            out.push(toDelivery(known));
            continue;
          }
          await rows(
            client,
            `INSERT INTO deliveries
               (id, publication_id, edition_id, recipient, status, last_error, created_at, next_attempt_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $5 = 'pending' THEN $7 END)
             ON CONFLICT (edition_id, recipient) DO NOTHING`,
            [
              randomUUID(),
              item.publicationId ?? null,
              item.editionId,
              item.recipient,
              failed === undefined ? 'pending' : 'failed',
              failed ?? null,
              at,
            ],
          );
          const row = await recorded(client, item.editionId, item.recipient);
          if (!row) throw new Error('the delivery just recorded is missing');
          out.push(toDelivery(row));
        }
        return out;
      });
    },
    async claimDue(at, limit, leaseMs) {
      // SKIP LOCKED: replicas claiming at the same moment take different rows instead of waiting.
      const claimed = await rows<DeliveryRow>(
        pool,
        `UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = $3
         WHERE id IN (
           SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_at <= $1
           ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING ${DELIVERY_COLUMNS}`,
        [at.toISOString(), limit, new Date(at.getTime() + leaseMs).toISOString()],
      );
      return claimed.map(toDelivery).sort(byCreation);
    },
    async settle(claimed, outcome) {
      const done = await rows(
        pool,
        `UPDATE deliveries SET status = $1, next_attempt_at = $2,
           last_error = coalesce($3, last_error), message_id = $4, sent_at = $5
         WHERE id = $6 AND attempts = $7 AND status = 'pending' RETURNING 1`,
        [
          outcome.status,
          outcome.status === 'pending' ? outcome.retryAt : null,
          outcome.status === 'sent' ? null : outcome.error,
          outcome.status === 'sent' ? outcome.messageId : null,
          outcome.status === 'sent' ? outcome.at : null,
          claimed.id,
          claimed.attempts,
        ],
      );
      return done.length > 0;
    },
    async records({ after, limit }) {
      return (
        await rows<DeliveryRow>(
          pool,
          `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE id > $1 ORDER BY id LIMIT $2`,
          [after ?? '', limit],
        )
      ).map(toDelivery);
    },
    restore(deliveries) {
      return transaction(pool, (db) => {
        const { write } = rowCopy<DeliveryRow>(db, 'deliveries', ['id'], DELIVERY_ROW_COLUMNS);
        return restoreEachAsync(deliveries, {
          // Locked, so a replica's claim or outcome waits for the copy's merge. The same mailing
          // under another id (the address in any case, as recorded() finds it) is found too, for
          // mergeCopiedDelivery to refuse.
          async existing(d) {
            const [row] = await rows<DeliveryRow>(
              db,
              `SELECT ${DELIVERY_COLUMNS} FROM deliveries
               WHERE id = $1 OR (edition_id = $2 AND lower(recipient) = lower($3))
               ORDER BY id = $1 DESC, created_at, id LIMIT 1 FOR UPDATE`,
              [d.id, d.editionId, d.recipient],
            );
            return row && toDelivery(row);
          },
          same: (existing, d) => mergeCopiedDelivery(existing, d) === undefined,
          write: (d, existing) => write(toDeliveryRow(d), existing && toDeliveryRow(existing)),
        });
      });
    },
    async forEdition(editionId) {
      return (
        await rows<DeliveryRow>(
          pool,
          `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE edition_id = $1 ORDER BY created_at, recipient COLLATE "C"`,
          [editionId],
        )
      ).map(toDelivery);
    },
    async forPublication(publicationId, limit) {
      return (
        await rows<DeliveryRow>(
          pool,
          `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE publication_id = $1
           ORDER BY created_at DESC, recipient COLLATE "C" LIMIT $2`,
          [publicationId, limit],
        )
      ).map(toDelivery);
    },
  };
}
