import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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

describe('SQLite migration 2 (facets)', () => {
  it('backfills languages, authors, section and tag spellings of articles stored before it', async () => {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'v1.sqlite');
    const db = new Database(file);
    db.exec(MIGRATIONS[0] ?? '');
    db.pragma('user_version = 1');
    // Rows as a version-1 server wrote them: keys only, no names, no authors.
    const rows: [string, Record<string, unknown>][] = [
      [
        'one',
        {
          headline: 'One',
          language: 'en-GB',
          section: 'Économie',
          tags: ['Ünïcode Tag', 'Rates'],
          authors: [{ name: 'Élise Doe' }, { name: 'John Roe' }],
        },
      ],
      [
        'two',
        { headline: 'Two', language: 'fr', tags: ['rates'], authors: [{ name: 'élise doe' }] },
      ],
    ];
    rows.forEach(([slug, input], i) => {
      const a = parseArticle(articleInput({ ...input, slug }));
      const rowid = Number(
        db
          .prepare(
            `INSERT INTO articles (slug, article_id, json, content_hash, published_date, sort_key, section_key, created_at, modified_at)
             VALUES (?, ?, ?, 'x', '2018-05-0${i + 1}', '2018-05-0${i + 1}T00:00:00.000Z', ?, 'c', 'm')`,
          )
          .run(a.slug, a.id, JSON.stringify(a), a.section?.toLocaleLowerCase('und') ?? null)
          .lastInsertRowid,
      );
      for (const tag of a.tags)
        db.prepare('INSERT OR IGNORE INTO article_tags (article_rowid, tag_key) VALUES (?, ?)').run(
          rowid,
          tag.toLocaleLowerCase('und'),
        );
    });
    db.close();

    const store = openSqliteStore(file);
    try {
      expect((await store.articles.facets('authors', { limit: 10 })).items).toEqual([
        { name: 'Élise Doe', count: 2 },
        { name: 'John Roe', count: 1 },
      ]);
      expect((await store.articles.facets('tags', { limit: 10 })).items).toEqual([
        { name: 'Rates', count: 2 },
        { name: 'Ünïcode Tag', count: 1 },
      ]);
      // Equal counts: by case-folded name, byte-wise ("e" before "é").
      expect((await store.articles.facets('sections', { limit: 10 })).items).toEqual([
        { name: 'Environment', count: 1 },
        { name: 'Économie', count: 1 },
      ]);
      const slugs = async (q: Record<string, string>) =>
        (await store.articles.list({ limit: 10, ...q })).items.map((i) => i.article.slug);
      expect(await slugs({ author: 'ÉLISE DOE' })).toEqual(['two', 'one']);
      expect(await slugs({ language: 'en' })).toEqual(['one']);
    } finally {
      await store.close();
    }
  });
});
