import type { z } from 'zod';
import { badRequest } from './problem.js';

/**
 * Parses request parameters with a zod schema; failures become 400 problems whose field
 * paths are prefixed with where the value came from (`query.limit`, `path.slug`).
 */
export function parseParams<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'query' | 'path' | 'body',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  const first = errors[0];
  throw badRequest(first ? `${first.path}: ${first.message}` : `invalid ${where}`, errors);
}
