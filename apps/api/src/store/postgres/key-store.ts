import type { Pool } from 'pg';
import { mergeCopiedKey } from '../key-merge.js';
import { restoreEachAsync } from '../restore-each.js';
import {
  ConflictError,
  type ApiKey,
  type KeyStore,
  type Scope,
  type StoredApiKey,
} from '../types.js';
import { rows, transaction } from './db.js';

interface KeyRow {
  id: string;
  name: string;
  scopes: string[];
  hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

function toKey(row: KeyRow): ApiKey {
  const key: ApiKey = {
    id: row.id,
    name: row.name,
    scopes: row.scopes as Scope[],
    createdAt: row.created_at,
  };
  if (row.last_used_at !== null) key.lastUsedAt = row.last_used_at;
  if (row.revoked_at !== null) key.revokedAt = row.revoked_at;
  return key;
}

const COLUMNS = 'id, name, scopes, hash, created_at, last_used_at, revoked_at';

const toStored = (row: KeyRow): StoredApiKey => ({ ...toKey(row), hash: row.hash });

export function createPostgresKeyStore(pool: Pool, now: () => Date): KeyStore {
  return {
    async create(key) {
      try {
        const [row] = await rows<KeyRow>(
          pool,
          `INSERT INTO api_keys (id, name, scopes, hash, created_at)
           VALUES ($1, $2, $3::text[], $4, $5) RETURNING ${COLUMNS}`,
          [key.id, key.name, key.scopes, key.hash, now().toISOString()],
        );
        if (!row) throw new Error('insert returned no row');
        return toKey(row);
      } catch (err) {
        if ((err as { code?: unknown } | null)?.code === '23505')
          throw new ConflictError(`a key with id "${key.id}" already exists`, 'id');
        throw err;
      }
    },
    async list() {
      return (
        await rows<KeyRow>(pool, `SELECT ${COLUMNS} FROM api_keys ORDER BY created_at DESC, id`)
      ).map(toKey);
    },
    async records() {
      return (
        await rows<KeyRow>(pool, `SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`)
      ).map(toStored);
    },
    restore(keys) {
      return transaction(pool, (db) =>
        restoreEachAsync(keys, {
          async existing(key) {
            // Locked, so a revocation on a running replica waits for the copy's merge.
            const [row] = await rows<KeyRow>(
              db,
              `SELECT ${COLUMNS} FROM api_keys WHERE id = $1 FOR UPDATE`,
              [key.id],
            );
            return row && toStored(row);
          },
          same: (existing, key) => mergeCopiedKey(existing, key) === undefined,
          async write(key, existing) {
            if (existing) {
              const merged = mergeCopiedKey(existing, key) ?? existing;
              await rows(
                db,
                'UPDATE api_keys SET last_used_at = $2, revoked_at = $3 WHERE id = $1',
                [key.id, merged.lastUsedAt ?? null, merged.revokedAt ?? null],
              );
            } else
              await rows(
                db,
                `INSERT INTO api_keys (${COLUMNS}) VALUES ($1, $2, $3::text[], $4, $5, $6, $7)`,
                [
                  key.id,
                  key.name,
                  key.scopes,
                  key.hash,
                  key.createdAt,
                  key.lastUsedAt ?? null,
                  key.revokedAt ?? null,
                ],
              );
          },
        }),
      );
    },
    async find(id) {
      const [row] = await rows<KeyRow>(
        pool,
        `SELECT ${COLUMNS} FROM api_keys WHERE id = $1 AND revoked_at IS NULL`,
        [id],
      );
      return row ? { key: toKey(row), hash: row.hash } : undefined;
    },
    async revoke(id) {
      const done = await rows(
        pool,
        'UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING 1',
        [id, now().toISOString()],
      );
      return done.length > 0;
    },
    async touch(id, at, notBefore) {
      await rows(
        pool,
        `UPDATE api_keys SET last_used_at = $2
         WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $3)`,
        [id, at, notBefore],
      );
    },
  };
}
