import { isDeepStrictEqual } from 'node:util';
import { ConflictError, type Delivery, type DeliveryStatus } from './types.js';

/** How far a status has gone: settled past pending, and sent past failed (the mail went out). */
const STAGE: Record<DeliveryStatus, number> = { pending: 0, failed: 1, sent: 2 };

/** Which of two records of one delivery has gone further: its stage, then its attempts. */
function further(a: Delivery, b: Delivery): number {
  return STAGE[a.status] - STAGE[b.status] || a.attempts - b.attempts;
}

/**
 * A copied delivery over the record a store already holds of the same mailing
 * (DeliveryStore.restore): the copy replaces it unless the record here has gone further (settled
 * where the copy is pending, sent where it failed, or more attempts), so copying an older state
 * again never sends a mail twice; on equal progress the copy wins, as copied articles do.
 * Undefined when nothing changes. Another mailing under the id, or the same mailing under another
 * id, is a conflict, never overwritten.
 */
export function mergeCopiedDelivery(existing: Delivery, copied: Delivery): Delivery | undefined {
  if (
    existing.editionId !== copied.editionId ||
    existing.recipient.toLowerCase() !== copied.recipient.toLowerCase()
  )
    throw new ConflictError(`another delivery has the id "${copied.id}"`, 'id');
  if (existing.id !== copied.id)
    throw new ConflictError(
      `the delivery of edition "${copied.editionId}" to ${copied.recipient} has the id "${existing.id}", not "${copied.id}"`,
      'id',
    );
  if (isDeepStrictEqual(existing, copied) || further(copied, existing) < 0) return undefined;
  return copied;
}
