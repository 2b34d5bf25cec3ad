import type { Pool } from 'pg';
import {
  ConflictError,
  PreconditionFailedError,
  type CuratedEdition,
  type CuratedEditionInput,
  type EditionStore,
  type RestoreCounts,
} from '../types.js';
import { rows, transaction, type Queryable } from './db.js';

interface EditionRow {
  id: string;
  title: string;
  date: string;
  language: string | null;
  description: string | null;
  slugs: string[];
  created_at: string;
  modified_at: string;
  revision: number;
  created?: boolean;
}

function toEdition(row: EditionRow): CuratedEdition {
  const edition: CuratedEdition = {
    id: row.id,
    title: row.title,
    date: row.date,
    slugs: row.slugs,
    createdAt: row.created_at,
    modifiedAt: row.modified_at,
    revision: row.revision,
  };
  if (row.language !== null) edition.language = row.language;
  if (row.description !== null) edition.description = row.description;
  return edition;
}

const COLUMNS = 'id, title, date, language, description, slugs, created_at, modified_at, revision';
const INSERT = `INSERT INTO curated_editions (${COLUMNS})
  VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $7, 1)`;
const SET = `title = $2, date = $3, language = $4, description = $5, slugs = $6::text[],
  modified_at = $7, revision = curated_editions.revision + 1`;

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === '23505';
}

const values = (id: string, input: CuratedEditionInput, stamp: string) => [
  id,
  input.title,
  input.date,
  input.language ?? null,
  input.description ?? null,
  input.slugs,
  stamp,
];

/**
 * Creates an edition through `db`: the pool, or the client of a transaction it is part of (a
 * publication's issue). Throws ConflictError when the id is taken.
 */
export async function insertEdition(
  db: Queryable,
  id: string,
  input: CuratedEditionInput,
  stamp: string,
): Promise<CuratedEdition> {
  try {
    const [row] = await rows<EditionRow>(
      db,
      `${INSERT} RETURNING ${COLUMNS}`,
      values(id, input, stamp),
    );
    if (!row) throw new Error('insert returned no row');
    return toEdition(row);
  } catch (err) {
    if (isUniqueViolation(err))
      throw new ConflictError(`an edition with id "${id}" already exists`, 'id');
    throw err;
  }
}

export function createPostgresEditionStore(pool: Pool, now: () => Date): EditionStore {
  /** Why a conditional write touched no row: the row is missing, or is another revision. */
  async function failed(id: string): Promise<PreconditionFailedError> {
    const found = await rows(pool, 'SELECT 1 FROM curated_editions WHERE id = $1', [id]);
    return found.length > 0
      ? new PreconditionFailedError(
          `the edition "${id}" has changed (its ETag is not the one given)`,
          true,
        )
      : new PreconditionFailedError(`no edition with id "${id}"`, false);
  }

  return {
    async restore(editions) {
      const counts: RestoreCounts = { created: 0, updated: 0, unchanged: 0 };
      if (editions.length === 0) return counts;
      await transaction(pool, async (db) => {
        for (const e of editions) {
          // An identical edition is not rewritten: no row comes back.
          const written = await rows<{ created: boolean }>(
            db,
            `INSERT INTO curated_editions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9)
             ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, date = EXCLUDED.date,
               language = EXCLUDED.language, description = EXCLUDED.description,
               slugs = EXCLUDED.slugs, created_at = EXCLUDED.created_at,
               modified_at = EXCLUDED.modified_at,
               -- A new revision here, whatever the source's: ETags read before the copy go stale.
               revision = curated_editions.revision + 1
             WHERE (curated_editions.title, curated_editions.date, curated_editions.language,
                    curated_editions.description, curated_editions.slugs,
                    curated_editions.created_at, curated_editions.modified_at)
               IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.date, EXCLUDED.language,
                    EXCLUDED.description, EXCLUDED.slugs, EXCLUDED.created_at, EXCLUDED.modified_at)
             RETURNING (xmax = 0) AS created`,
            [
              e.id,
              e.title,
              e.date,
              e.language ?? null,
              e.description ?? null,
              e.slugs,
              e.createdAt,
              e.modifiedAt,
              e.revision,
            ],
          );
          const row = written[0];
          counts[row === undefined ? 'unchanged' : row.created ? 'created' : 'updated']++;
        }
      });
      return counts;
    },
    create: (id, input) => insertEdition(pool, id, input, now().toISOString()),
    async get(id) {
      const [row] = await rows<EditionRow>(
        pool,
        `SELECT ${COLUMNS} FROM curated_editions WHERE id = $1`,
        [id],
      );
      return row ? toEdition(row) : undefined;
    },
    async list() {
      return (
        await rows<EditionRow>(
          pool,
          `SELECT ${COLUMNS} FROM curated_editions ORDER BY date DESC, created_at DESC, id`,
        )
      ).map(toEdition);
    },
    // Each form is one statement, so the condition and the write are atomic.
    async put(id, input, condition) {
      const params = values(id, input, now().toISOString());
      let found: EditionRow[];
      if (condition === undefined) {
        found = await rows<EditionRow>(
          pool,
          `${INSERT} ON CONFLICT (id) DO UPDATE SET ${SET}
           RETURNING ${COLUMNS}, (xmax = 0) AS created`,
          params,
        );
      } else if ('absent' in condition) {
        found = await rows<EditionRow>(
          pool,
          `${INSERT} ON CONFLICT (id) DO NOTHING RETURNING ${COLUMNS}, true AS created`,
          params,
        );
        if (found.length === 0)
          throw new PreconditionFailedError(`an edition with id "${id}" exists`, true);
      } else {
        found = await rows<EditionRow>(
          pool,
          `UPDATE curated_editions SET ${SET} WHERE id = $1 AND revision = $8
           RETURNING ${COLUMNS}, false AS created`,
          [...params, condition.revision],
        );
        if (found.length === 0) throw await failed(id);
      }
      const row = found[0];
      if (!row) throw new Error('edition write returned no row');
      return { edition: toEdition(row), created: row.created === true };
    },
    async delete(id, condition) {
      if (condition !== undefined && 'absent' in condition) {
        const exists = await rows(pool, 'SELECT 1 FROM curated_editions WHERE id = $1', [id]);
        if (exists.length > 0)
          throw new PreconditionFailedError(`an edition with id "${id}" exists`, true);
        return false;
      }
      const deleted = await rows(
        pool,
        `DELETE FROM curated_editions WHERE id = $1 AND ($2::int IS NULL OR revision = $2::int)
         RETURNING 1`,
        [id, condition?.revision ?? null],
      );
      if (deleted.length > 0) return true;
      if (condition !== undefined) throw await failed(id);
      return false;
    },
  };
}
