import { normalizeText } from '@broadsheet/model';
import { z } from 'zod';
import { SCOPES } from '../store/types.js';

export const Scope = z.enum(SCOPES).meta({
  description:
    '`articles:write`, `editions:write`, `feeds:write` allow those writes; `admin` allows every write and managing keys.',
});

/** Body of POST /v1/keys. */
export const CreateKeyRequest = z.object({
  name: z
    .string()
    .overwrite(normalizeText)
    .min(1, { error: 'must not be empty' })
    .max(200)
    .meta({ description: 'Who or what uses the key, for the list.' }),
  scopes: z
    .array(Scope)
    .min(1, { error: 'a key needs at least one scope' })
    .max(SCOPES.length)
    .refine((s) => new Set(s).size === s.length, { error: 'must not list a scope twice' }),
});
export type CreateKeyRequest = z.infer<typeof CreateKeyRequest>;

/** A key as listed: never its secret. */
export const ApiKeyInfo = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(Scope),
  createdAt: z.string(),
  lastUsedAt: z
    .string()
    .optional()
    .meta({ description: 'Recorded at most about once a minute per server.' }),
  revokedAt: z.string().optional(),
});
export type ApiKeyInfo = z.infer<typeof ApiKeyInfo>;

export const ApiKeyList = z.object({ items: z.array(ApiKeyInfo) });
export type ApiKeyList = z.infer<typeof ApiKeyList>;

/** Answer of POST /v1/keys: the only time `key` is ever shown. */
export const CreatedApiKey = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(Scope),
  key: z.string().meta({
    description:
      'The key, `bsk_<id>_<secret>`: shown only in this answer (only its SHA-256 is stored). Send it as `Authorization: Bearer <key>`.',
  }),
  createdAt: z.string(),
});
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;
