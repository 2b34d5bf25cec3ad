import { z } from 'zod';

/** Query of a keyset-paged list (GET /v1/editions, /v1/feeds): page size and cursor. */
export const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .meta({ description: 'Page size, 1 to 100.' }),
  cursor: z.string().max(1000).optional().meta({
    description: 'Opaque cursor from the previous page (`nextCursor` or `Link: rel="next"`).',
  }),
});
export type PageQuery = z.infer<typeof PageQuery>;
