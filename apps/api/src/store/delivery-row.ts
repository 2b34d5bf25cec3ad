import type { Delivery, DeliveryStatus } from './types.js';

/** A deliveries row as both backends read it. */
export interface DeliveryRow {
  id: string;
  publication_id: string | null;
  edition_id: string;
  recipient: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  message_id: string | null;
  sent_at: string | null;
  created_at: string;
}

/** Every column of a deliveries row; the first is its key. */
export const DELIVERY_ROW_COLUMNS = [
  'id',
  'publication_id',
  'edition_id',
  'recipient',
  'status',
  'attempts',
  'next_attempt_at',
  'last_error',
  'message_id',
  'sent_at',
  'created_at',
] as const satisfies readonly (keyof DeliveryRow)[];

export const DELIVERY_COLUMNS = DELIVERY_ROW_COLUMNS.join(', ');

export function toDelivery(row: DeliveryRow): Delivery {
  const d: Delivery = {
    id: row.id,
    editionId: row.edition_id,
    recipient: row.recipient,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    createdAt: row.created_at,
  };
  if (row.publication_id !== null) d.publicationId = row.publication_id;
  if (row.next_attempt_at !== null && row.status === 'pending')
    d.nextAttemptAt = row.next_attempt_at;
  if (row.last_error !== null) d.lastError = row.last_error;
  if (row.message_id !== null) d.messageId = row.message_id;
  if (row.sent_at !== null) d.sentAt = row.sent_at;
  return d;
}

/** The row a delivery is stored as (DeliveryStore.restore). */
export function toDeliveryRow(d: Delivery): DeliveryRow {
  return {
    id: d.id,
    publication_id: d.publicationId ?? null,
    edition_id: d.editionId,
    recipient: d.recipient,
    status: d.status,
    attempts: d.attempts,
    next_attempt_at: d.nextAttemptAt ?? null,
    last_error: d.lastError ?? null,
    message_id: d.messageId ?? null,
    sent_at: d.sentAt ?? null,
    created_at: d.createdAt,
  };
}

/** Claims come back in no set order: oldest recorded first, then by recipient, on both backends. */
export function byCreation(a: Delivery, b: Delivery): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.recipient < b.recipient ? -1 : a.recipient > b.recipient ? 1 : 0;
}
