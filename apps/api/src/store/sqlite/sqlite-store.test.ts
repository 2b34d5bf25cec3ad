import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseArticle } from '@broadsheet/model';
import { afterEach, describe, expect, it } from 'vitest';
import { articleInput } from '../../test-support/articles.js';
import { openSqliteStore } from './index.js';
import { MIGRATIONS } from './migrations.js';

// What every store does is in ../store-contract.test.ts; this is what only the SQLite file does.
const dir = mkdtempSync(join(tmpdir(), 'broadsheet-sqlite-'));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite database file', () => {
  it('is in WAL mode at the latest schema version after a reopen', async () => {
    const file = join(dir, 'db.sqlite');
    let store = openSqliteStore(file);
    await store.articles.create(parseArticle(articleInput()));
    await store.close();
    store = openSqliteStore(file);
    expect(await store.articles.count()).toBe(1);
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });
});
