import { ConflictError, type StoredApiKey } from './types.js';

const later = (a: string | undefined, b: string | undefined) =>
  a === undefined ? b : b === undefined ? a : a > b ? a : b;
const earlier = (a: string | undefined, b: string | undefined) =>
  a === undefined ? b : b === undefined ? a : a < b ? a : b;

/**
 * A copied key over the one a store already holds under its id (KeyStore.restore): the same key
 * (same hash) takes the later use and the earlier revocation of the two, so a copy never revives
 * a key revoked on either side; its name and scopes stay as they are here. Undefined when
 * nothing changes. Another key under the id is a conflict, never overwritten.
 */
export function mergeCopiedKey(
  existing: StoredApiKey,
  copied: StoredApiKey,
): StoredApiKey | undefined {
  if (existing.hash !== copied.hash)
    throw new ConflictError(`another key has the id "${copied.id}"`, 'id');
  const lastUsedAt = later(existing.lastUsedAt, copied.lastUsedAt);
  const revokedAt = earlier(existing.revokedAt, copied.revokedAt);
  if (lastUsedAt === existing.lastUsedAt && revokedAt === existing.revokedAt) return undefined;
  return {
    ...existing,
    ...(lastUsedAt !== undefined && { lastUsedAt }),
    ...(revokedAt !== undefined && { revokedAt }),
  };
}
