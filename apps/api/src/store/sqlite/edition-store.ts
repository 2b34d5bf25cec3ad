import type { Database } from 'better-sqlite3';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import {
  ConflictError,
  type CuratedEdition,
  type CuratedEditionInput,
  type EditionStore,
  type RestoreCounts,
} from '../types.js';

interface EditionRow {
  id: string;
  title: string;
  date: string;
  language: string | null;
  description: string | null;
  slugs: string;
  created_at: string;
  modified_at: string;
}

const SlugList = z.array(z.string());

function toEdition(row: EditionRow): CuratedEdition {
  const edition: CuratedEdition = {
    id: row.id,
    title: row.title,
    date: row.date,
    slugs: SlugList.parse(JSON.parse(row.slugs)),
    createdAt: row.created_at,
    modifiedAt: row.modified_at,
  };
  if (row.language !== null) edition.language = row.language;
  if (row.description !== null) edition.description = row.description;
  return edition;
}

export function createSqliteEditionStore(db: Database, now: () => Date): EditionStore {
  const byId = db.prepare<[string], EditionRow>('SELECT * FROM curated_editions WHERE id = ?');
  const all = db.prepare<[], EditionRow>(
    'SELECT * FROM curated_editions ORDER BY date DESC, created_at DESC, id',
  );
  const insert = db.prepare(
    `INSERT INTO curated_editions (id, title, date, language, description, slugs, created_at, modified_at)
     VALUES (@id, @title, @date, @language, @description, @slugs, @created_at, @modified_at)`,
  );
  const createTx = db.transaction((id: string, input: CuratedEditionInput): CuratedEdition => {
    if (byId.get(id)) throw new ConflictError(`an edition with id "${id}" already exists`, 'id');
    const stamp = now().toISOString();
    const row: EditionRow = {
      id,
      title: input.title,
      date: input.date,
      language: input.language ?? null,
      description: input.description ?? null,
      slugs: JSON.stringify(input.slugs),
      created_at: stamp,
      modified_at: stamp,
    };
    insert.run(row);
    return toEdition(row);
  });
  const replace = db.prepare(
    `UPDATE curated_editions SET title = @title, date = @date, language = @language,
       description = @description, slugs = @slugs, created_at = @created_at, modified_at = @modified_at
     WHERE id = @id`,
  );
  const restoreTx = db.transaction((editions: readonly CuratedEdition[]): RestoreCounts => {
    const counts: RestoreCounts = { created: 0, updated: 0, unchanged: 0 };
    for (const edition of editions) {
      const row: EditionRow = {
        id: edition.id,
        title: edition.title,
        date: edition.date,
        language: edition.language ?? null,
        description: edition.description ?? null,
        slugs: JSON.stringify(edition.slugs),
        created_at: edition.createdAt,
        modified_at: edition.modifiedAt,
      };
      const existing = byId.get(edition.id);
      if (!existing) {
        insert.run(row);
        counts.created++;
      } else if (isDeepStrictEqual({ ...existing }, row)) {
        counts.unchanged++;
      } else {
        replace.run(row);
        counts.updated++;
      }
    }
    return counts;
  });
  return {
    restore: (editions) => Promise.resolve().then(() => restoreTx(editions)),
    create: (id, input) => Promise.resolve().then(() => createTx(id, input)),
    get: (id) =>
      Promise.resolve().then(() => {
        const row = byId.get(id);
        return row ? toEdition(row) : undefined;
      }),
    list: () => Promise.resolve().then(() => all.all().map(toEdition)),
  };
}
