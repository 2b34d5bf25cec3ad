import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseArticle } from '@broadsheet/model';
import { afterEach, describe, expect, it } from 'vitest';
import { articleInput } from '../../test-support/articles.js';
import { openSqliteStore } from './index.js';
import { SNIPPET_SOURCE_CHARS } from '../search-terms.js';
import { MIGRATIONS, registerMigrationFunctions } from './migrations.js';

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

describe('SQLite migration 10 (snippet source)', () => {
  it('fills the snippet source of articles stored before it with the start of each field', async () => {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'v9.sqlite');
    const db = new Database(file);
    registerMigrationFunctions(db);
    for (const sql of MIGRATIONS.slice(0, 9)) db.exec(sql);
    db.pragma('user_version = 9');
    // A row as a version-9 server wrote it: the whole text in articles_fts only.
    const body = `The spring thaw came early. ${'Levels rose. '.repeat(1_000)}Unicorns were seen.`;
    const a = parseArticle(
      articleInput({ body: [{ type: 'paragraph', text: body }], standfirst: undefined }),
    );
    db.prepare(
      `INSERT INTO articles (rowid, slug, article_id, json, content_hash, published_date, sort_key, created_at, modified_at)
       VALUES (1, ?, ?, ?, 'x', '2018-05-02', '2018-05-02T04:00:00.000Z', 'c', 'm')`,
    ).run(a.slug, a.id, JSON.stringify(a));
    db.prepare(
      `INSERT INTO articles_fts (rowid, headline, standfirst, highlights, body) VALUES (1, ?, '', '', ?)`,
    ).run(a.headline, body);
    db.close();

    const store = openSqliteStore(file);
    try {
      const snippet = async (q: string) =>
        (await store.articles.list({ q, limit: 10 })).items[0]?.snippet ?? [];
      expect((await snippet('early')).filter((r) => r.strong)).toEqual([
        { text: 'early', strong: true },
      ]);
      // Found by the full index; the snippet is the start of the body, as the source holds.
      const far = await snippet('unicorns');
      expect(far.filter((r) => r.strong)).toEqual([]);
      expect(far[0]?.text).toMatch(/^The spring thaw came early\./);
    } finally {
      await store.close();
    }
    const check = new Database(file, { readonly: true });
    expect(
      check.prepare('SELECT rowid, headline, length(body) AS chars FROM articles_snippets').all(),
    ).toEqual([{ rowid: 1, headline: a.headline, chars: SNIPPET_SOURCE_CHARS }]);
    check.close();
  });

  it('bounds the snippet source of every write, and drops it with the article', async () => {
    const file = join(dir, 'db.sqlite');
    const store = openSqliteStore(file);
    const long = 'word '.repeat(300);
    await store.articles.create(
      parseArticle(
        articleInput({
          standfirst: long.trim(),
          highlights: [long.trim(), long.trim()],
          body: Array.from({ length: 40 }, () => ({ type: 'paragraph', text: long.trim() })),
        }),
      ),
    );
    await store.articles.create(parseArticle(articleInput({ slug: 'gone', headline: 'Gone' })));
    await store.articles.delete('gone');
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(
      db
        .prepare(
          'SELECT length(standfirst) AS s, length(highlights) AS h, length(body) AS b FROM articles_snippets',
        )
        .all(),
    ).toEqual([{ s: SNIPPET_SOURCE_CHARS, h: SNIPPET_SOURCE_CHARS, b: SNIPPET_SOURCE_CHARS }]);
    db.close();
  });
});
