import { z } from 'zod';

/** A stored picture, as POST /v1/media answers. */
export const MediaDescription = z.object({
  id: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe('sha256 of the stored bytes: the same picture is stored once'),
  url: z.string().describe('where it is served: GET /v1/media/{id}'),
  type: z.enum(['image/jpeg', 'image/png']).describe('JPEG for photos, PNG for line art'),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().positive(),
});
export type MediaDescription = z.infer<typeof MediaDescription>;
