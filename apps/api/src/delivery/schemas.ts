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
