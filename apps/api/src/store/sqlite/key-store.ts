import type { Database } from 'better-sqlite3';
import { mergeCopiedKey } from '../key-merge.js';
import { restoreEach } from '../restore-each.js';
import {
  ConflictError,
  type ApiKey,
  type KeyStore,
  type RestoreCounts,
  type Scope,
  type StoredApiKey,
} from '../types.js';

interface KeyRow {
  id: string;
  name: string;
  scopes: string;
  hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

function toKey(row: KeyRow): ApiKey {
  const key: ApiKey = {
    id: row.id,
    name: row.name,
    scopes: JSON.parse(row.scopes) as Scope[],
    createdAt: row.created_at,
  };
  if (row.last_used_at !== null) key.lastUsedAt = row.last_used_at;
  if (row.revoked_at !== null) key.revokedAt = row.revoked_at;
  return key;
}

const toStored = (row: KeyRow): StoredApiKey => ({ ...toKey(row), hash: row.hash });

const toRow = (key: StoredApiKey): KeyRow => ({
  id: key.id,
  name: key.name,
  scopes: JSON.stringify(key.scopes),
  hash: key.hash,
  created_at: key.createdAt,
  last_used_at: key.lastUsedAt ?? null,
  revoked_at: key.revokedAt ?? null,
});

export function createSqliteKeyStore(db: Database, now: () => Date): KeyStore {
  const byId = db.prepare<[string], KeyRow>('SELECT * FROM api_keys WHERE id = ?');
  const active = db.prepare<[string], KeyRow>(
    'SELECT * FROM api_keys WHERE id = ? AND revoked_at IS NULL',
  );
  const all = db.prepare<[], KeyRow>('SELECT * FROM api_keys ORDER BY created_at DESC, id');
  const insert = db.prepare(
    `INSERT INTO api_keys (id, name, scopes, hash, created_at)
     VALUES (@id, @name, @scopes, @hash, @created_at)`,
  );
  const revoke = db.prepare<[string, string]>(
    'UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
  );
  const oldestFirst = db.prepare<[], KeyRow>('SELECT * FROM api_keys ORDER BY created_at, id');
  const insertCopy = db.prepare(
    `INSERT INTO api_keys (id, name, scopes, hash, created_at, last_used_at, revoked_at)
     VALUES (@id, @name, @scopes, @hash, @created_at, @last_used_at, @revoked_at)`,
  );
  const stamps = db.prepare(
    'UPDATE api_keys SET last_used_at = @last_used_at, revoked_at = @revoked_at WHERE id = @id',
  );
  const restoreTx = db.transaction((keys: readonly StoredApiKey[]): RestoreCounts =>
    restoreEach(keys, {
      existing: (key) => {
        const row = byId.get(key.id);
        return row && toStored(row);
      },
      same: (existing, key) => mergeCopiedKey(existing, key) === undefined,
      write: (key, existing) => {
        if (existing) stamps.run(toRow(mergeCopiedKey(existing, key) ?? existing));
        else insertCopy.run(toRow(key));
      },
    }),
  );
  const touch = db.prepare<[string, string, string]>(
    `UPDATE api_keys SET last_used_at = ?
     WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)`,
  );
  return {
    create: (key) =>
      Promise.resolve().then(() => {
        if (byId.get(key.id))
          throw new ConflictError(`a key with id "${key.id}" already exists`, 'id');
        const row: KeyRow = {
          id: key.id,
          name: key.name,
          scopes: JSON.stringify(key.scopes),
          hash: key.hash,
          created_at: now().toISOString(),
          last_used_at: null,
          revoked_at: null,
        };
        insert.run(row);
        return toKey(row);
      }),
    list: () => Promise.resolve().then(() => all.all().map(toKey)),
    records: () => Promise.resolve().then(() => oldestFirst.all().map(toStored)),
    restore: (keys) => Promise.resolve().then(() => restoreTx(keys)),
    find: (id) =>
      Promise.resolve().then(() => {
        const row = active.get(id);
        return row ? { key: toKey(row), hash: row.hash } : undefined;
      }),
    revoke: (id) => Promise.resolve().then(() => revoke.run(now().toISOString(), id).changes > 0),
    touch: (id, at, notBefore) =>
      Promise.resolve().then(() => {
        touch.run(at, id, notBefore);
      }),
  };
}
