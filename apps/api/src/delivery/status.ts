import type { DeliveryStatus as PublicationDeliveryStatus } from '../publications/issue-hook.js';
import type { Delivery, Store } from '../store/types.js';
import type { DeliverySummary } from './schemas.js';

export type { DeliverySummary };

/** How many of a publication's latest deliveries its resource shows. */
export const PUBLICATION_DELIVERIES_SHOWN = 50;

export function deliverySummary({
  publicationId: _publicationId,
  ...rest
}: Delivery): DeliverySummary {
  return rest;
}

/**
 * The publications' `deliveryStatus`: the latest deliveries of the publication's issues, newest
 * first, each with its status, attempts, next attempt and last error.
 */
export function deliveryStatus(store: Store): PublicationDeliveryStatus {
  return async (publicationId) =>
    (await store.deliveries.forPublication(publicationId, PUBLICATION_DELIVERIES_SHOWN)).map(
      deliverySummary,
    );
}
