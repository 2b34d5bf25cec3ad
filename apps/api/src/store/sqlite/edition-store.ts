import type { Database } from 'better-sqlite3';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import {
  ConflictError,
  PreconditionFailedError,
  type CuratedEdition,
  type CuratedEditionInput,
  type EditionCondition,
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
  revision: number;
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
    revision: row.revision,
  };
  if (row.language !== null) edition.language = row.language;
  if (row.description !== null) edition.description = row.description;
  return edition;
}

/** Throws unless `condition` holds for the row (checked inside the write's transaction). */
export function checkEdition(
  id: string,
  existing: { revision: number } | undefined,
  condition: EditionCondition | undefined,
): void {
  if (condition === undefined) return;
  if ('absent' in condition) {
    if (existing) throw new PreconditionFailedError(`an edition with id "${id}" exists`, true);
    return;
  }
  if (!existing) throw new PreconditionFailedError(`no edition with id "${id}"`, false);
  if (existing.revision !== condition.revision)
    throw new PreconditionFailedError(
      `the edition "${id}" has changed (its ETag is not the one given)`,
      true,
    );
}

export interface SqliteEditionStore extends EditionStore {
  /** Synchronous create for use inside another transaction (a publication's issue). */
  createNow(id: string, input: CuratedEditionInput): CuratedEdition;
  /** Synchronous existence check, for picking a free id inside another transaction. */
  exists(id: string): boolean;
}

export function createSqliteEditionStore(db: Database, now: () => Date): SqliteEditionStore {
  const byId = db.prepare<[string], EditionRow>('SELECT * FROM curated_editions WHERE id = ?');
  const all = db.prepare<[], EditionRow>(
    'SELECT * FROM curated_editions ORDER BY date DESC, created_at DESC, id',
  );
  const insert = db.prepare(
    `INSERT INTO curated_editions (id, title, date, language, description, slugs, created_at, modified_at, revision)
     VALUES (@id, @title, @date, @language, @description, @slugs, @created_at, @modified_at, @revision)`,
  );
  const update = db.prepare(
    `UPDATE curated_editions SET title = @title, date = @date, language = @language,
       description = @description, slugs = @slugs, modified_at = @modified_at, revision = @revision
     WHERE id = @id`,
  );
  const remove = db.prepare<[string]>('DELETE FROM curated_editions WHERE id = ?');

  function row(
    id: string,
    input: CuratedEditionInput,
    stamp: string,
    created: string,
    rev: number,
  ) {
    return {
      id,
      title: input.title,
      date: input.date,
      language: input.language ?? null,
      description: input.description ?? null,
      slugs: JSON.stringify(input.slugs),
      created_at: created,
      modified_at: stamp,
      revision: rev,
    } satisfies EditionRow;
  }

  const createTx = db.transaction((id: string, input: CuratedEditionInput): CuratedEdition => {
    if (byId.get(id)) throw new ConflictError(`an edition with id "${id}" already exists`, 'id');
    const stamp = now().toISOString();
    const r = row(id, input, stamp, stamp, 1);
    insert.run(r);
    return toEdition(r);
  });
  const putTx = db.transaction(
    (id: string, input: CuratedEditionInput, condition: EditionCondition | undefined) => {
      const existing = byId.get(id);
      checkEdition(id, existing, condition);
      const stamp = now().toISOString();
      const r = existing
        ? row(id, input, stamp, existing.created_at, existing.revision + 1)
        : row(id, input, stamp, stamp, 1);
      (existing ? update : insert).run(r);
      return { edition: toEdition(r), created: !existing };
    },
  );
  const deleteTx = db.transaction((id: string, condition: EditionCondition | undefined) => {
    const existing = byId.get(id);
    checkEdition(id, existing, condition);
    return existing ? remove.run(id).changes > 0 : false;
  });
  const replace = db.prepare(
    `UPDATE curated_editions SET title = @title, date = @date, language = @language,
       description = @description, slugs = @slugs, created_at = @created_at, modified_at = @modified_at,
       revision = @revision
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
        revision: edition.revision,
      };
      const existing = byId.get(edition.id);
      if (!existing) {
        insert.run(row);
        counts.created++;
      } else if (isDeepStrictEqual({ ...existing, revision: 0 }, { ...row, revision: 0 })) {
        counts.unchanged++;
      } else {
        // A new revision here, whatever the source's: ETags read before the copy go stale.
        replace.run({ ...row, revision: existing.revision + 1 });
        counts.updated++;
      }
    }
    return counts;
  });
  return {
    createNow: (id, input) => createTx(id, input),
    exists: (id) => byId.get(id) !== undefined,
    restore: (editions) => Promise.resolve().then(() => restoreTx(editions)),
    create: (id, input) => Promise.resolve().then(() => createTx(id, input)),
    get: (id) =>
      Promise.resolve().then(() => {
        const found = byId.get(id);
        return found ? toEdition(found) : undefined;
      }),
    list: () => Promise.resolve().then(() => all.all().map(toEdition)),
    put: (id, input, condition) => Promise.resolve().then(() => putTx(id, input, condition)),
    delete: (id, condition) => Promise.resolve().then(() => deleteTx(id, condition)),
  };
}
