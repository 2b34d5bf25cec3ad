import { z } from 'zod';

/** RFC 9457 problem document as this API sends it (the OpenAPI source of truth). */
export const Problem = z
  .object({
    type: z
      .string()
      .meta({ description: 'Always `about:blank`: the status code says what happened.' }),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional().meta({ description: 'What went wrong, in a sentence.' }),
    instance: z.string().optional(),
    errors: z
      .array(
        z.object({
          path: z
            .string()
            .meta({ description: 'Field path, e.g. `body.2.text` or `query.limit`.' }),
          message: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ description: 'application/problem+json (RFC 9457)' });
