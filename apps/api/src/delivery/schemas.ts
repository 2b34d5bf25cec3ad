import { z } from 'zod';

/** Most recipients one request may name. */
export const MAX_RECIPIENTS = 50;

/** Body of POST /v1/editions/{id}/deliveries: whom to mail the edition's EPUB to now. */
export const DeliveryRequest = z
  .object({
    email: z
      .array(
        z
          .string()
          .max(254, { error: 'an address has at most 254 characters' })
          .pipe(z.email({ error: 'must be a mail address such as reader@example.org' })),
      )
      .min(1, { error: 'name at least one address' })
      .max(MAX_RECIPIENTS, { error: `at most ${MAX_RECIPIENTS} addresses per request` }),
  })
  .strict();
export type DeliveryRequest = z.infer<typeof DeliveryRequest>;

/** A delivery as the API shows it (an edition's list, a publication's `deliveries`). */
export const DeliverySummary = z.object({
  id: z.string(),
  editionId: z.string(),
  recipient: z.string(),
  status: z.enum(['pending', 'sent', 'failed']).meta({
    description:
      '`pending`: waiting for its next attempt; `sent`: the SMTP server took it; `failed`: given up (`lastError` says why).',
  }),
  attempts: z.number().int().meta({ description: 'Attempts made so far (at most 5).' }),
  nextAttemptAt: z
    .string()
    .optional()
    .meta({ description: 'When a pending delivery is tried next (ISO 8601).' }),
  lastError: z.string().optional().meta({ description: 'Why the last attempt failed.' }),
  messageId: z.string().optional().meta({ description: 'The Message-ID of the mail sent.' }),
  sentAt: z.string().optional(),
  createdAt: z.string(),
});
export type DeliverySummary = z.infer<typeof DeliverySummary>;

export const DeliveryList = z.object({ items: z.array(DeliverySummary) });
